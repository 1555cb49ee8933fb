// bash's command history: the list `history` prints, `!!` reads and ↑/↓ walk through. Debian's
// root ~/.bashrc sets no HISTCONTROL, so duplicates and lines starting with a space are kept, and
// HISTSIZE is bash's default, 500. Numbers keep counting when old entries fall off, as in bash.
// The whole history is plain data (`toJSON`/`fromJSON`) so a terminal can save and restore it.

export interface HistoryOptions {
  /** HISTSIZE: entries kept. Default 500 (bash's default; Debian's root .bashrc sets none). */
  readonly limit?: number;
  /** HISTCONTROL=ignoredups. Default false (unset on Debian for root). */
  readonly ignoreDuplicates?: boolean;
  /** HISTCONTROL=ignorespace. Default false. */
  readonly ignoreSpace?: boolean;
}

export interface HistoryState {
  readonly entries: readonly string[];
  /** The number of the first entry (1 until entries fall off the front). */
  readonly base: number;
}

export class History {
  #entries: string[];
  #base: number;
  readonly #limit: number;
  readonly #ignoreDuplicates: boolean;
  readonly #ignoreSpace: boolean;

  constructor(options: HistoryOptions = {}, state?: HistoryState) {
    this.#limit = options.limit ?? 500;
    this.#ignoreDuplicates = options.ignoreDuplicates ?? false;
    this.#ignoreSpace = options.ignoreSpace ?? false;
    this.#entries = state === undefined ? [] : [...state.entries];
    this.#base = state?.base ?? 1;
    this.#trim();
  }

  /** Oldest first. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** The number bash shows for the next entry (`\!` in a prompt). */
  get nextNumber(): number {
    return this.#base + this.#entries.length;
  }

  /** The entry with history number `n`, if it is still kept. */
  byNumber(n: number): string | undefined {
    return this.#entries[n - this.#base];
  }

  add(entry: string): void {
    if (entry.trim() === '') return;
    if (this.#ignoreSpace && entry.startsWith(' ')) return;
    if (this.#ignoreDuplicates && this.#entries.at(-1) === entry) return;
    this.#entries.push(entry);
    this.#trim();
  }

  /** `history -c`. */
  clear(): void {
    // readline's clear_history starts the numbers again at 1 (`history -c; history` shows 1)
    this.#base = 1;
    this.#entries = [];
  }

  /** What the `history` builtin prints (all entries, or the last `count`): `    1  ls -l`. */
  format(count?: number): string {
    const start = count === undefined ? 0 : Math.max(0, this.#entries.length - count);
    let text = '';
    for (let i = start; i < this.#entries.length; i++) {
      // bash's format is "%5d%c %s\n", the %c being `*` for an entry edited and not run.
      text += `${String(this.#base + i).padStart(5)}  ${this.#entries[i]!}\n`;
    }
    return text;
  }

  toJSON(): HistoryState {
    return { entries: [...this.#entries], base: this.#base };
  }

  #trim(): void {
    const excess = this.#entries.length - this.#limit;
    if (excess > 0) {
      this.#entries.splice(0, excess);
      this.#base += excess;
    }
  }
}
