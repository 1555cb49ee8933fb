// The rows of nano 7.2's screen other than the title and the help lines: a line of the edit window
// (winio.c update_line(): the cursor's line scrolled sideways in steps, `<` and `>` in reverse
// video where a line goes on past an edge) and the prompt bar (draw_the_promptbar()).

import { stringWidth } from '../../terminal-width.ts';
import { cellsOf, columnOf } from '../display-columns.ts';
import { RowCanvas, type Row } from '../screen-frame.ts';
import { pageStart } from '../viewport.ts';

/**
 * One line of the edit window. `cursorColumn` is set for the cursor's line (it decides how far
 * the line is scrolled); other lines show from their start.
 */
export function editRow(line: string, columns: number, cursorColumn?: number): Row {
  const canvas = new RowCanvas(columns);
  const from = cursorColumn === undefined ? 0 : pageStart(cursorColumn, columns);
  const { cells, more } = cellsOf(line, from, columns);
  canvas.putCells(0, cells);
  if (from > 0) canvas.put(0, '<', 'reverse');
  if (more && columns > 1) {
    // A wide character cut by the '>' shows its left half as '['.
    if (cells[columns - 1] === '') canvas.put(columns - 2, '[');
    canvas.put(columns - 1, '>', 'reverse');
  }
  return canvas.toRow();
}

/** The first column of the cursor's line on screen (for placing the cursor). */
export function editRowStart(cursorColumn: number, columns: number): number {
  return pageStart(cursorColumn, columns);
}

/** prompt.c get_statusbar_page_start(). */
function promptPageStart(base: number, column: number, columns: number): number {
  if (column === base || column < columns - 1) return 0;
  if (columns > base + 2) return column - base - 1 - ((column - base - 1) % (columns - base - 2));
  return column - 2;
}

/**
 * The prompt bar: `Prompt: answer` in reverse video over the whole width, scrolled so the cursor
 * (at `cursorIndex` in the answer) shows; returns the row and the cursor's column.
 */
export function promptRow(
  columns: number,
  prompt: string,
  answer: string,
  cursorIndex: number,
): { readonly row: Row; readonly cursorColumn: number } {
  const canvas = new RowCanvas(columns, 'reverse');
  const base = stringWidth(prompt) + 2;
  const column = base + columnOf(answer, cursorIndex);
  const answerWidth = columnOf(answer, answer.length);
  const page = promptPageStart(base, column, columns);
  const endPage = promptPageStart(base, base + answerWidth - 1, columns);
  let at = canvas.put(0, prompt, 'reverse');
  at = canvas.put(at, ':', 'reverse');
  canvas.put(at, page === 0 ? ' ' : '<', 'reverse');
  const { cells } = cellsOf(answer, page, Math.max(0, columns - base));
  canvas.putCells(base, cells, 'reverse');
  if (page < endPage && base + answerWidth - page > columns)
    canvas.put(columns - 1, '>', 'reverse');
  return { row: canvas.toRow(), cursorColumn: Math.min(columns - 1, column - page) };
}

/** A yes/no question in the prompt bar (prompt.c ask_user()), cut to the width less one. */
export function questionRow(columns: number, question: string): Row {
  const canvas = new RowCanvas(columns, 'reverse');
  let text = '';
  for (const char of question) {
    if (stringWidth(text + char) > columns - 1) break;
    text += char;
  }
  canvas.put(0, text, 'reverse');
  return canvas.toRow();
}
