// Where a page's lab keeps its machine between visits: localStorage, one entry per scenario, in a
// versioned envelope. Reading never throws: a missing entry is a fresh start, and an entry that is
// corrupt or from another schema is set aside (kept under a ".broken" key, so nothing the reader
// did is destroyed silently) and reported, so the page can say so in one line and start afresh.

/** Bump when the saved shape changes in a way older entries cannot be read as. */
export const LAB_SCHEMA_VERSION = 1;

const PREFIX = 'uwsgi-lab:lab:';

/** What the lab saves: the machine, the shell session and the journey log, plain JSON values. */
export interface SavedLab {
  readonly schema: number;
  readonly scenario: string;
  /** ms since the epoch, the reader's clock (not the machine's). */
  readonly savedAt: number;
  readonly machine: unknown;
  readonly shell: unknown;
  /** The goal the page chose over the scenario's own; absent when it checks the scenario's. */
  readonly goal?: string;
  /** The machine's journey log (newest journeys); optional, so entries without one still load. */
  readonly journeys?: unknown;
}

export type LabLoad =
  | { readonly kind: 'none' }
  | { readonly kind: 'saved'; readonly saved: SavedLab }
  /** There was an entry but it cannot be used; it was moved aside. */
  | { readonly kind: 'unusable'; readonly reason: 'corrupt' | 'outdated' };

/** The part of Storage the lab uses (localStorage in the browser, a Map in tests). */
export type LabStorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * One entry per scenario; a page that checks another goal than its scenario's (a lesson's own) keeps
 * its machine apart: `uwsgi-lab:lab:original+app-on-uwsgi-socket`.
 */
export function labStorageKey(scenario: string, goal?: string): string {
  return goal === undefined ? `${PREFIX}${scenario}` : `${PREFIX}${scenario}+${goal}`;
}

export function loadLab(
  area: LabStorageArea | undefined,
  scenario: string,
  goal?: string,
): LabLoad {
  let raw: string | null;
  try {
    raw = area?.getItem(labStorageKey(scenario, goal)) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  const reason = problemWith(raw, scenario, goal);
  if (reason === undefined) return { kind: 'saved', saved: JSON.parse(raw) as SavedLab };
  setAside(area, raw, scenario, goal);
  return { kind: 'unusable', reason };
}

function problemWith(
  raw: string,
  scenario: string,
  goal: string | undefined,
): 'corrupt' | 'outdated' | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'corrupt';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'corrupt';
  const entry = value as Partial<Record<keyof SavedLab, unknown>>;
  if (typeof entry.schema !== 'number') return 'corrupt';
  if (entry.schema !== LAB_SCHEMA_VERSION) return 'outdated';
  if (entry.scenario !== scenario || typeof entry.savedAt !== 'number') return 'corrupt';
  if (entry.goal !== goal) return 'corrupt';
  if (typeof entry.machine !== 'object' || entry.machine === null) return 'corrupt';
  if (typeof entry.shell !== 'object' || entry.shell === null) return 'corrupt';
  return undefined;
}

/** Keeps an unusable entry under `<key>.broken` (replacing an older one) and clears the key. */
export function setAside(
  area: LabStorageArea | undefined,
  raw: string,
  scenario: string,
  goal?: string,
): void {
  const key = labStorageKey(scenario, goal);
  try {
    area?.removeItem(key);
    area?.setItem(`${key}.broken`, raw);
  } catch {
    // Storage full or unavailable: the entry is gone either way; the page still works.
  }
}

/** Saves; false when storage refused (full or disabled), so the page can say it is not saved. */
export function storeLab(area: LabStorageArea | undefined, saved: SavedLab): boolean {
  if (area === undefined) return false;
  try {
    area.setItem(labStorageKey(saved.scenario, saved.goal), JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}

export function forgetLab(area: LabStorageArea | undefined, scenario: string, goal?: string): void {
  try {
    area?.removeItem(labStorageKey(scenario, goal));
  } catch {
    // nothing to do: a fresh machine starts either way
  }
}
