// Which part of the text the edit window shows: the first line on screen (vertical scrolling) and,
// for the cursor's line in nano, the first column (horizontal scrolling).

/** How the window follows the cursor after a move. */
export type Follow =
  /** One line at a time, as an arrow key past the edge scrolls (nano's smooth scrolling). */
  | 'smooth'
  /** The cursor's line in the middle, as after a search or a jump to a line (nano's CENTERING). */
  | 'center'
  /** The cursor at the bottom row, as after moving to the last line (nano's to_last_line). */
  | 'bottom';

/**
 * The top line that shows `cursorLine` in a window of `rows` lines, starting from `top`: unchanged
 * when the line is already on screen.
 */
export function followCursor(
  top: number,
  cursorLine: number,
  rows: number,
  follow: Follow,
): number {
  const height = Math.max(1, rows);
  if (cursorLine >= top && cursorLine < top + height) return top;
  switch (follow) {
    case 'smooth':
      return cursorLine < top ? cursorLine : cursorLine - height + 1;
    case 'center':
      return Math.max(0, cursorLine - Math.floor(height / 2));
    case 'bottom':
      return Math.max(0, cursorLine - height + 1);
  }
}

/**
 * The first column shown of the cursor's line when the cursor is at `column` in a window
 * `width` columns wide: nano 7.2's get_page_start (utils.c) — the line moves in steps of
 * width - 8 once the cursor nears the right edge, keeping 6 columns of context on the left.
 */
export function pageStart(column: number, width: number): number {
  if (column === 0 || column + 2 < width) return 0;
  if (width > 8) return column - 6 - ((column - 6) % (width - 8));
  return column - (width - 2);
}
