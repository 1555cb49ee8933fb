// Reads back the journey log a lab saved beside its machine. Journeys are a record of what the
// machine did, not something the reader wrote: an entry that does not look like one is dropped
// (the machine still opens), and the saved log is capped, so localStorage stays small.

import type { JourneyEntry, JourneyLogState } from '../shell/machine/journey-log.ts';

/** How many journeys are saved with the machine (the newest). Default 20. */
export const SAVED_JOURNEYS_LIMIT = 20;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isEntry(value: unknown): value is JourneyEntry {
  if (!isObject(value) || !isObject(value['journey']) || !isObject(value['origin'])) return false;
  const { journey, origin } = value;
  const hops = journey['hops'];
  return (
    Number.isInteger(journey['id']) &&
    typeof journey['startedAt'] === 'number' &&
    Array.isArray(hops) &&
    hops.every(
      (hop) => isObject(hop) && typeof hop['kind'] === 'string' && typeof hop['actor'] === 'string',
    ) &&
    ((origin['kind'] === 'command' && typeof origin['line'] === 'string') ||
      (origin['kind'] === 'goal' && typeof origin['goal'] === 'string'))
  );
}

/** The log to save: the newest journeys only. */
export function journeysToSave(state: JourneyLogState): JourneyLogState {
  return { next: state.next, entries: state.entries.slice(-SAVED_JOURNEYS_LIMIT) };
}

/** The saved log, or undefined when there is none or it is not one. */
export function readSavedJourneys(value: unknown): JourneyLogState | undefined {
  if (!isObject(value) || !Number.isInteger(value['next'])) return undefined;
  const entries = value['entries'];
  if (!Array.isArray(entries) || !entries.every(isEntry)) return undefined;
  return { next: value['next'] as number, entries };
}
