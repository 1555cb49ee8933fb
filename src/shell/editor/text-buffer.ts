// The text being edited, as lines (a file's `\n`s split it; `\r` stays in its line, as nano with
// `--unix` or vi with fileformat=unix keep it). Positions are UTF-16 offsets into a line that always
// sit on a cluster boundary — a Hangul syllable, or a letter with its combining marks, is one step
// for the cursor — so an edit never splits a character.

import { clusters } from '../terminal-width.ts';

export interface Position {
  readonly line: number;
  /** UTF-16 offset into the line, at a cluster boundary. */
  readonly index: number;
}

/** Where each cluster of `text` starts, and `text.length` last. */
export function boundaries(text: string): number[] {
  const out = [0];
  let at = 0;
  for (const cluster of clusters(text)) {
    at += cluster.length;
    out.push(at);
  }
  return out;
}

/** The boundary after the cluster at `index` (the line's length at its end). */
export function nextBoundary(text: string, index: number): number {
  for (const b of boundaries(text)) if (b > index) return b;
  return text.length;
}

/** The boundary before `index` (0 at the start). */
export function previousBoundary(text: string, index: number): number {
  let last = 0;
  for (const b of boundaries(text)) {
    if (b >= index) return last;
    last = b;
  }
  return last;
}

/** The nearest boundary at or before `index`. */
export function snapToBoundary(text: string, index: number): number {
  let last = 0;
  for (const b of boundaries(text)) {
    if (b > index) return last;
    last = b;
  }
  return last;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.index - b.index;
}

export class TextBuffer {
  #lines: string[];

  constructor(text = '') {
    this.#lines = text.split('\n');
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  get lines(): readonly string[] {
    return this.#lines;
  }

  /** Line `n` (0-based); '' past the end. */
  line(n: number): string {
    return this.#lines[n] ?? '';
  }

  /** The whole text, lines joined by `\n`. */
  text(): string {
    return this.#lines.join('\n');
  }

  /** Replaces every line (undo restores a snapshot this way). */
  setLines(lines: readonly string[]): void {
    this.#lines = lines.length === 0 ? [''] : [...lines];
  }

  /** `pos` moved inside the text and onto a boundary. */
  clamp(pos: Position): Position {
    const line = Math.max(0, Math.min(pos.line, this.#lines.length - 1));
    const text = this.line(line);
    return { line, index: snapToBoundary(text, Math.max(0, Math.min(pos.index, text.length))) };
  }

  /** Inserts `text` (it may hold `\n`s) at `at`; returns the position just after it. */
  insert(at: Position, text: string): Position {
    const { line, index } = this.clamp(at);
    const current = this.line(line);
    const pieces = text.split('\n');
    const before = current.slice(0, index);
    const after = current.slice(index);
    if (pieces.length === 1) {
      this.#lines[line] = before + text + after;
      return { line, index: index + text.length };
    }
    const last = pieces[pieces.length - 1]!;
    const inserted = [before + pieces[0]!, ...pieces.slice(1, -1), last + after];
    this.#lines.splice(line, 1, ...inserted);
    return { line: line + pieces.length - 1, index: last.length };
  }

  /** Removes the text from `from` to `to` (in either order) and returns it. */
  delete(from: Position, to: Position): string {
    let a = this.clamp(from);
    let b = this.clamp(to);
    if (comparePositions(a, b) > 0) [a, b] = [b, a];
    const first = this.line(a.line);
    const last = this.line(b.line);
    if (a.line === b.line) {
      this.#lines[a.line] = first.slice(0, a.index) + first.slice(b.index);
      return first.slice(a.index, b.index);
    }
    const removed = [
      first.slice(a.index),
      ...this.#lines.slice(a.line + 1, b.line),
      last.slice(0, b.index),
    ].join('\n');
    this.#lines.splice(a.line, b.line - a.line + 1, first.slice(0, a.index) + last.slice(b.index));
    return removed;
  }

  /** The text between two positions (in either order). */
  slice(from: Position, to: Position): string {
    let a = this.clamp(from);
    let b = this.clamp(to);
    if (comparePositions(a, b) > 0) [a, b] = [b, a];
    if (a.line === b.line) return this.line(a.line).slice(a.index, b.index);
    return [
      this.line(a.line).slice(a.index),
      ...this.#lines.slice(a.line + 1, b.line),
      this.line(b.line).slice(0, b.index),
    ].join('\n');
  }
}
