// The components a lesson's MDX may use without importing them. The ko/en parity test compares
// which of these each language's version of a lesson embeds.
import Callout from './Callout.astro';
import Journey from './journey/Journey.astro';
import JourneyDiagram from './JourneyDiagram.astro';
import Packet from './Packet.astro';
import PacketFact from './PacketFact.astro';
import Terminal from './terminal/Terminal.astro';
import type { LessonComponentName } from './lesson-component-names.ts';

// Typed by the list of names: a component missing here, or one not in the list, is a type error.
export const components: Record<LessonComponentName, unknown> = {
  Callout,
  Journey,
  JourneyDiagram,
  Packet,
  PacketFact,
  Terminal,
};
