// Where each character of the edited line sits on the terminal, after the prompt, with line
// wrapping as xterm.js does it: a character that does not fit goes to the next row, and a wide
// (two-column) character never splits — in the last column it leaves a blank and wraps. Rows are
// counted from the row the prompt's last line starts on.

import { charWidth, stripAnsi } from './terminal-width.ts';

export interface ScreenPosition {
  readonly row: number;
  /** 0-based; equal to the width only transiently (xterm's pending wrap, see `settle`). */
  readonly col: number;
}

/** The position after writing a character of `width` columns at `pos`. */
export function advance(pos: ScreenPosition, width: number, columns: number): ScreenPosition {
  if (width === 0) return pos;
  let { row, col } = pos;
  if (col + width > columns) {
    row++;
    col = 0;
  }
  return { row, col: col + width };
}

/**
 * Where the cursor really is after writing up to `pos`: a position at the right edge is the start
 * of the next row once anything more is written (the editor makes it so at once, see LineEditor).
 */
export function settle(pos: ScreenPosition, columns: number): ScreenPosition {
  return pos.col >= columns ? { row: pos.row + 1, col: 0 } : pos;
}

/** The columns one cluster takes (its first character decides; `\n` starts a new row). */
export function clusterWidth(cluster: string): number {
  return charWidth(cluster);
}

/** Where the prompt ends: its last line's width, wrapped. */
export function promptEnd(prompt: string, columns: number): ScreenPosition {
  const text = stripAnsi(prompt);
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  let pos: ScreenPosition = { row: 0, col: 0 };
  for (const char of lastLine) pos = advance(pos, charWidth(char), columns);
  return pos;
}

/** positions[i] is where cluster i starts; positions[clusters.length] where the text ends. */
export function layoutLine(
  start: ScreenPosition,
  clusters: readonly string[],
  columns: number,
): ScreenPosition[] {
  const positions: ScreenPosition[] = [start];
  let pos = start;
  for (const cluster of clusters) {
    // A newline (in a recalled multi-line command) is written as \r\n: the next row's start.
    pos =
      cluster === '\n'
        ? { row: pos.row + 1, col: 0 }
        : advance(pos, clusterWidth(cluster), columns);
    positions.push(pos);
  }
  return positions;
}

/** Compares positions in screen order. */
export function comparePositions(a: ScreenPosition, b: ScreenPosition): number {
  return a.row !== b.row ? a.row - b.row : a.col - b.col;
}

/** The escape sequence that moves the cursor from `from` to `to` (both settled). */
export function moveCursor(from: ScreenPosition, to: ScreenPosition): string {
  let out = '';
  if (to.row < from.row) out += `\x1b[${from.row - to.row}A`;
  else if (to.row > from.row) out += `\x1b[${to.row - from.row}B`;
  if (to.col === from.col) return out;
  if (to.col === 0) return `${out}\r`;
  if (to.col > from.col) return `${out}\x1b[${to.col - from.col}C`;
  return `${out}\x1b[${from.col - to.col}D`;
}
