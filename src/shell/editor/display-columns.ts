// Where text sits on the screen, by display columns: tabs to the next multiple of 8 (nano's and
// vi's default tabsize), control characters as `^M` (two columns, as both editors show them),
// Hangul and other wide characters in two columns (../terminal-width.ts, the table xterm.js uses).
// The cursor moves by these columns, so it lands right after a Korean word, not inside it.

import { charWidth, clusters } from '../terminal-width.ts';

const TAB_SIZE = 8;

/** How a cluster shows when it starts at column `at`: the cells' text and its width. */
export function glyph(
  cluster: string,
  at: number,
): { readonly text: string; readonly width: number } {
  if (cluster === '\t') {
    const width = TAB_SIZE - (at % TAB_SIZE);
    return { text: ' '.repeat(width), width };
  }
  const code = cluster.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) {
    return { text: `^${String.fromCharCode((code + 0x40) & 0x7f)}`, width: 2 };
  }
  // C1 controls: no terminal shows them; both editors print a placeholder instead.
  if (code >= 0x80 && code < 0xa0) return { text: '?', width: 1 };
  return { text: cluster, width: charWidth(cluster) };
}

/** The display column of the cluster boundary at `index`. */
export function columnOf(line: string, index: number): number {
  let column = 0;
  let at = 0;
  for (const cluster of clusters(line)) {
    if (at >= index) break;
    column += glyph(cluster, column).width;
    at += cluster.length;
  }
  return column;
}

/** The columns the whole line takes. */
export function lineWidth(line: string): number {
  return columnOf(line, line.length);
}

/**
 * The boundary of the character that occupies `column` (or the line's end): nano's actual_x and
 * vi's column rule, so that moving up or down onto a wide character lands at its start.
 */
export function indexAtColumn(line: string, column: number): number {
  let width = 0;
  let at = 0;
  for (const cluster of clusters(line)) {
    width += glyph(cluster, width).width;
    if (width > column) return at;
    at += cluster.length;
  }
  return at;
}

/**
 * The screen cells of `line` from column `from`, at most `span` of them: each cell holds what is
 * written there, a wide character's second cell is ''. A character cut by the left edge leaves
 * blanks. `more` says whether text goes on past the last cell.
 */
export function cellsOf(
  line: string,
  from: number,
  span: number,
): { readonly cells: string[]; readonly more: boolean } {
  const cells: string[] = [];
  const end = from + span;
  let column = 0;
  for (const cluster of clusters(line)) {
    const { text, width } = glyph(cluster, column);
    const start = column;
    column += width;
    if (column <= from) continue;
    if (start >= end || column > end) return { cells, more: true };
    if (start < from) {
      // Cut by the left edge: its visible part shows as blanks.
      for (let c = from; c < column; c++) cells.push(' ');
      continue;
    }
    if (cluster === '\t' || text.startsWith('^')) {
      for (const ch of text) cells.push(ch);
    } else if (width === 2) {
      cells.push(text, '');
    } else if (width === 1) {
      cells.push(text);
    } else if (cells.length > 0) {
      // A lone zero-width character joins the cell before it.
      cells[cells.length - 1] += text;
    }
  }
  return { cells, more: false };
}
