// The journal of the machine's units, as `systemctl status` shows its last lines and
// `journalctl -u` prints them: `Nov 26 07:24:42 helloworld systemd[1]: Started …` (journalctl's
// "short" format: local time, host, identifier[pid], message). Kept in memory, capped, and saved
// with the service manager's state.

import { strftime } from '../../gateway/strftime.ts';

export interface JournalEntry {
  readonly ms: number;
  /** The unit it belongs to (`nginx.service`). */
  readonly unit: string;
  /** `systemd`, `nginx`, `uwsgi`: the syslog identifier. */
  readonly ident: string;
  readonly pid: number;
  readonly message: string;
  /** syslog priority: 3 err, 4 warning, 5 notice, 6 info. */
  readonly priority: number;
}

/** The most entries kept. */
const JOURNAL_LIMIT = 400;

export class Journal {
  readonly #entries: JournalEntry[];

  constructor(entries: readonly JournalEntry[] = []) {
    this.#entries = [...entries];
  }

  add(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > JOURNAL_LIMIT)
      this.#entries.splice(0, this.#entries.length - JOURNAL_LIMIT);
  }

  /** A unit's entries, oldest first. */
  forUnit(unit: string): JournalEntry[] {
    return this.#entries.filter((entry) => entry.unit === unit);
  }

  all(): readonly JournalEntry[] {
    return this.#entries;
  }

  toJSON(): JournalEntry[] {
    return [...this.#entries];
  }
}

/** journalctl's short format (the machine's time zone is UTC). */
export function journalLine(entry: JournalEntry, hostname: string): string {
  const stamp = strftime('%b %d %H:%M:%S', entry.ms);
  return `${stamp} ${hostname} ${entry.ident}[${entry.pid}]: ${entry.message}`;
}

export function readJournal(value: unknown): Journal {
  if (!Array.isArray(value)) return new Journal();
  const entries: JournalEntry[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Partial<Record<keyof JournalEntry, unknown>>;
    if (
      typeof e.ms === 'number' &&
      typeof e.unit === 'string' &&
      typeof e.ident === 'string' &&
      typeof e.pid === 'number' &&
      typeof e.message === 'string' &&
      typeof e.priority === 'number'
    )
      entries.push({
        ms: e.ms,
        unit: e.unit,
        ident: e.ident,
        pid: e.pid,
        message: e.message,
        priority: e.priority,
      });
  }
  return new Journal(entries);
}
