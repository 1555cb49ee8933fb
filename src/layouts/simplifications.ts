// The "what the simulator simplifies" page's shape: the entries of content/simplifications.json
// grouped by program, in a fixed order, each with the source lines that carry its marker (found
// in the source when the site is built, so line numbers cannot go stale).
import type { UiKey } from '../i18n/index.ts';
import type { MarkerKind, SourceMarker } from './source-markers.ts';

export const PROGRAMS = [
  'nginx',
  'uwsgi',
  'python',
  'shell',
  'packages',
  'systemd',
  'editors',
] as const;
export type Program = (typeof PROGRAMS)[number];

export const PROGRAM_TITLE_KEYS = {
  nginx: 'simplifications.program.nginx',
  uwsgi: 'simplifications.program.uwsgi',
  python: 'simplifications.program.python',
  shell: 'simplifications.program.shell',
  packages: 'simplifications.program.packages',
  systemd: 'simplifications.program.systemd',
  editors: 'simplifications.program.editors',
} as const satisfies Record<Program, UiKey>;

export const KIND_KEYS = {
  reconstructed: 'simplifications.kind.reconstructed',
  simplified: 'simplifications.kind.simplified',
} as const satisfies Record<MarkerKind, UiKey>;

export interface SimplificationData {
  readonly id: string;
  readonly program: Program;
  readonly kind: MarkerKind;
  readonly sources: readonly string[];
  /** Words of the marker's comment line, when a file has markers for several entries. */
  readonly marker?: string | undefined;
  readonly title: string;
  readonly text: string;
}

export interface SimplificationItem extends SimplificationData {
  /** `src/shell/bash/parser.ts:3`: each source line with this entry's kind of marker. */
  readonly lines: readonly string[];
}

export interface SimplificationGroup {
  readonly program: Program;
  readonly items: readonly SimplificationItem[];
}

/** The markers an entry explains: its kind, in its files, on a line with its words if it has any. */
export function entryMarkers(
  entry: Pick<SimplificationData, 'kind' | 'sources' | 'marker'>,
  markers: readonly SourceMarker[],
): SourceMarker[] {
  return markers.filter(
    (m) =>
      m.kind === entry.kind &&
      entry.sources.includes(m.file) &&
      (entry.marker === undefined || m.text.includes(entry.marker)),
  );
}

export function simplificationGroups(
  entries: readonly SimplificationData[],
  markers: readonly SourceMarker[],
): SimplificationGroup[] {
  const items = entries.map((entry) => ({
    ...entry,
    lines: entryMarkers(entry, markers).map((m) => `${m.file}:${m.line}`),
  }));
  return PROGRAMS.flatMap((program) => {
    const inGroup = items.filter((item) => item.program === program);
    return inGroup.length === 0 ? [] : [{ program, items: inGroup }];
  });
}
