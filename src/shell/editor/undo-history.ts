// Undo and redo by snapshots of the text: a config file is small, so a copy of its lines per edit
// costs little and cannot get out of step with the edit it undoes. Typing a run of characters (or
// of deletions) is one step, as in nano and vi; a cursor move ends the run.

import type { Position } from './text-buffer.ts';

export interface Snapshot {
  readonly lines: readonly string[];
  readonly cursor: Position;
}

interface Entry<Kind> {
  readonly kind: Kind;
  readonly state: Snapshot;
  /** The step's number, counting from 1 (vim's `before #2`). */
  readonly seq: number;
  /** When the step was made, ms (vim's `0 seconds ago`). */
  readonly time: number;
}

/** How many steps are kept; older ones are forgotten. */
const LIMIT = 200;

export class UndoHistory<Kind extends string> {
  readonly #undo: Entry<Kind>[] = [];
  readonly #redo: Entry<Kind>[] = [];
  /** Whether the newest entry may absorb the next edit of the same kind. */
  #open = false;
  #seq = 0;

  /** Before an edit: remembers the text as it is, unless the edit continues the last run. */
  before(kind: Kind, state: () => Snapshot, continues = true, time = 0): void {
    const last = this.#undo.at(-1);
    if (continues && this.#open && last?.kind === kind) return;
    this.#undo.push({ kind, state: state(), seq: ++this.#seq, time });
    if (this.#undo.length > LIMIT) this.#undo.shift();
    this.#redo.length = 0;
    this.#open = continues;
  }

  /** Something other than an edit happened (a cursor move): the next edit is a new step. */
  close(): void {
    this.#open = false;
  }

  /** Takes the last step back: the state to restore and what kind of edit it undid. */
  undo(current: Snapshot): Entry<Kind> | undefined {
    const entry = this.#undo.pop();
    if (entry === undefined) return undefined;
    this.#redo.push({ ...entry, state: current });
    this.#open = false;
    return entry;
  }

  redo(current: Snapshot): Entry<Kind> | undefined {
    const entry = this.#redo.pop();
    if (entry === undefined) return undefined;
    this.#undo.push({ ...entry, state: current });
    this.#open = false;
    return entry;
  }
}
