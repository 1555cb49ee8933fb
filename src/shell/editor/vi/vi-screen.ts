// What vim's window shows: each line wrapped onto as many rows as it needs ('wrap' is on), a wide
// character that would straddle the right edge moved to the next row with `>` left in the last
// column, `~` rows past the end of the file, `@` rows where the next line does not fit whole, and
// the last row for messages, the mode and (for vim) the ruler.

import { glyph } from '../display-columns.ts';
import { RowCanvas, type Row } from '../screen-frame.ts';
import { clusters } from '../../terminal-width.ts';

export interface LineLayout {
  /** The cells of each screen row the line takes (at least one row). */
  readonly rows: readonly (readonly string[])[];
  /** Where the cluster starting at each UTF-16 index begins: screen row within the line, column. */
  readonly at: ReadonlyMap<
    number,
    { readonly row: number; readonly column: number; readonly width: number }
  >;
}

/** How `line` wraps in a window `columns` wide. */
export function layoutLine(line: string, columns: number): LineLayout {
  const rows: string[][] = [[]];
  const at = new Map<number, { row: number; column: number; width: number }>();
  let virtual = 0;
  let index = 0;
  const current = (): string[] => rows[rows.length - 1]!;
  const push = (cell: string): void => {
    if (current().length >= columns) rows.push([]);
    current().push(cell);
  };
  for (const cluster of clusters(line)) {
    const { text, width } = glyph(cluster, virtual);
    if (
      width === 2 &&
      cluster !== '\t' &&
      !text.startsWith('^') &&
      current().length === columns - 1
    ) {
      current().push('>');
      rows.push([]);
    }
    if (current().length >= columns && width > 0) rows.push([]);
    at.set(index, { row: rows.length - 1, column: current().length, width });
    if (width === 2 && cluster !== '\t' && !text.startsWith('^')) {
      push(text);
      current().push('');
    } else if (width === 0) {
      const row = current();
      if (row.length > 0) row[row.length - 1] += text;
    } else {
      for (const cell of text) push(cell);
    }
    virtual += width;
    index += cluster.length;
  }
  // The end of the line (where the cursor goes in insert mode after the last character).
  const endRow = current().length >= columns ? rows.length : rows.length - 1;
  at.set(index, { row: endRow, column: endRow === rows.length ? 0 : current().length, width: 1 });
  return { rows, at };
}

/** How many screen rows `line` takes. */
export function lineHeight(line: string, columns: number): number {
  return layoutLine(line, columns).rows.length;
}

/**
 * The text rows of the window from line `top`: returns the rows and, for each line shown whole,
 * the screen row it starts at.
 */
export function windowRows(
  lines: readonly string[],
  top: number,
  textRows: number,
  columns: number,
): { readonly rows: Row[]; readonly starts: ReadonlyMap<number, number> } {
  const rows: Row[] = [];
  const starts = new Map<number, number>();
  let i = top;
  while (rows.length < textRows && i < lines.length) {
    const layout = layoutLine(lines[i]!, columns);
    if (rows.length + layout.rows.length > textRows && i !== top) {
      // A line that does not fit whole is not shown: '@' rows stand for it (vim's display="").
      while (rows.length < textRows) rows.push([{ text: '@', style: 'plain' }]);
      break;
    }
    starts.set(i, rows.length);
    for (const cells of layout.rows) {
      if (rows.length >= textRows) break;
      const canvas = new RowCanvas(columns);
      canvas.putCells(0, cells);
      rows.push(canvas.toRow());
    }
    i++;
  }
  while (rows.length < textRows) rows.push([{ text: '~', style: 'plain' }]);
  return { rows, starts };
}
