// The names of the components a lesson's MDX may use (see lesson-components.ts). Kept apart from
// the components themselves so that tests in Node can read the list without compiling .astro files.
export const lessonComponentNames = [
  'Callout',
  'Journey',
  'JourneyDiagram',
  'Packet',
  'PacketFact',
  'Terminal',
] as const;
export type LessonComponentName = (typeof lessonComponentNames)[number];
