// What a full-screen program shows at one moment, without the terminal: rows of styled text and
// where the cursor is. The editors compose frames; the renderer turns the difference between two
// frames into escape sequences. Rows are built on a canvas of cells, the way curses programs write
// at a column (nano centres its file name, places each shortcut at its slot).

import { charWidth } from '../terminal-width.ts';

/**
 * The attributes the editors use: nano's bars and key names are reverse video, its error messages
 * bold white on red (nano 7.2's default errorcolor), vi's mode line bold.
 */
export type Style = 'plain' | 'reverse' | 'bold' | 'error';

export interface Span {
  readonly text: string;
  readonly style: Style;
}

export type Row = readonly Span[];

export interface Frame {
  /** One row per terminal row. */
  readonly rows: readonly Row[];
  /** 0-based; undefined hides the cursor. */
  readonly cursor: { readonly row: number; readonly column: number } | undefined;
}

export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

/** The text of a row, without its styles (what the tests measure). */
export function rowText(row: Row): string {
  return row.map((span) => span.text).join('');
}

/** One row being composed, `width` cells wide: text is put at a column, as curses' mvwaddstr. */
export class RowCanvas {
  readonly width: number;
  /** Each cell's text ('' for the second half of a wide character) and style. */
  readonly #cells: { text: string; style: Style }[];

  constructor(width: number, style: Style = 'plain') {
    this.width = Math.max(0, width);
    this.#cells = Array.from({ length: this.width }, () => ({ text: ' ', style }));
  }

  /**
   * Writes `text` from `column`, clipped at the right edge (a wide character that does not fit
   * is left out, as curses does); returns the column after it.
   */
  put(column: number, text: string, style: Style = 'plain'): number {
    let at = column;
    for (const char of text) {
      const width = charWidth(char);
      if (width === 0) {
        const cell = this.#cells[at - 1];
        if (cell !== undefined) cell.text += char;
        continue;
      }
      if (at < 0 || at + width > this.width) break;
      // Overwriting half of a wide character blanks its other half.
      if (this.#cells[at]?.text === '' && at > 0) this.#cells[at - 1]!.text = ' ';
      this.#cells[at] = { text: char, style };
      const after = at + width;
      if (width === 2) this.#cells[at + 1] = { text: '', style };
      if (this.#cells[after]?.text === '') this.#cells[after]!.text = ' ';
      at += width;
    }
    return at;
  }

  /** Puts cells made elsewhere (display-columns' cellsOf) from `column`. */
  putCells(column: number, cells: readonly string[], style: Style = 'plain'): void {
    cells.forEach((text, i) => {
      const at = column + i;
      if (at >= 0 && at < this.width) this.#cells[at] = { text, style };
    });
  }

  /** Gives `style` to the cells from `from` up to `to`. */
  restyle(from: number, to: number, style: Style): void {
    for (let at = Math.max(0, from); at < Math.min(to, this.width); at++) {
      this.#cells[at]!.style = style;
    }
  }

  /** The row as spans; trailing plain blanks are left off (they are erased, not written). */
  toRow(): Row {
    let end = this.#cells.length;
    while (end > 0 && this.#cells[end - 1]!.text === ' ' && this.#cells[end - 1]!.style === 'plain')
      end--;
    const spans: { text: string; style: Style }[] = [];
    for (const cell of this.#cells.slice(0, end)) {
      const last = spans.at(-1);
      if (last !== undefined && last.style === cell.style) last.text += cell.text;
      else spans.push({ text: cell.text, style: cell.style });
    }
    return spans;
  }
}
