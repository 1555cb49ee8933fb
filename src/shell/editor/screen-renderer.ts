// Frames to escape sequences for xterm.js: the alternate screen while the program runs (the shell's
// screen comes back as it was when it ends, as with the real nano and vim), a full redraw first and
// after a resize or Ctrl-L, then only the rows that changed. Supported sequences: DECSET 1049
// (alternate screen), 25 (cursor visibility), 2004 (bracketed paste, which nano and vim turn on
// so that a pasted block arrives as text, not as keys), CUP `CSI row;col H`, ED `CSI 2 J`, EL
// `CSI K`, and SGR 0 (reset), 1 (bold), 7 (reverse), 37;41 (white on red).

import { stringWidth } from '../terminal-width.ts';
import type { Frame, Row, ScreenSize, Style } from './screen-frame.ts';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR = '\x1b[H\x1b[2J';
const ERASE_RIGHT = '\x1b[K';
const RESET = '\x1b[0m';

const SGR: Readonly<Record<Style, string>> = {
  plain: '',
  reverse: '\x1b[7m',
  bold: '\x1b[1m',
  error: '\x1b[1;37;41m',
};

/** CUP, 1-based as the terminal counts. */
function moveTo(row: number, column: number): string {
  return `\x1b[${row + 1};${column + 1}H`;
}

function rowKey(row: Row): string {
  return row.map((span) => `${span.style}\u0000${span.text}`).join('\u0001');
}

export class ScreenRenderer {
  #size: ScreenSize;
  /** What each row shows now; undefined: unknown, everything is drawn. */
  #shown: string[] | undefined;

  constructor(size: ScreenSize) {
    this.#size = size;
  }

  /** Switches to the alternate screen (and clears it). */
  enter(): string {
    this.#shown = undefined;
    return ENTER_ALTERNATE_SCREEN + BRACKETED_PASTE_ON + CLEAR;
  }

  /** Back to the shell's screen, with the cursor visible. */
  leave(): string {
    return RESET + SHOW_CURSOR + BRACKETED_PASTE_OFF + LEAVE_ALTERNATE_SCREEN;
  }

  /** The terminal changed size: the next frame is drawn whole. */
  resize(size: ScreenSize): void {
    this.#size = size;
    this.#shown = undefined;
  }

  /** The next frame is drawn whole (Ctrl-L). */
  invalidate(): void {
    this.#shown = undefined;
  }

  /** What turns the screen into `frame`. */
  draw(frame: Frame): string {
    const full = this.#shown === undefined;
    let out = HIDE_CURSOR + (full ? CLEAR : '');
    const shown: string[] = [];
    for (let r = 0; r < this.#size.rows; r++) {
      const row = frame.rows[r] ?? [];
      const key = rowKey(row);
      shown.push(key);
      if (!full && this.#shown?.[r] === key) continue;
      if (full && row.length === 0) continue;
      out += moveTo(r, 0);
      let width = 0;
      for (const span of row) {
        out += span.style === 'plain' ? span.text : `${SGR[span.style]}${span.text}${RESET}`;
        width += stringWidth(span.text);
      }
      // Erasing after a row that fills the width would erase its last cell (the cursor waits in
      // the last column, xterm's pending wrap), so a full row is not followed by EL.
      if (width < this.#size.columns) out += ERASE_RIGHT;
    }
    this.#shown = shown;
    if (frame.cursor !== undefined) {
      out += moveTo(frame.cursor.row, frame.cursor.column) + SHOW_CURSOR;
    }
    return out;
  }
}
