// A small terminal for the line editor's tests: it applies what the editor writes the way xterm.js
// does for the sequences the editor and readline use — printable text with wide characters (two
// cells; one that does not fit in the last column wraps), pending wrap at the right edge, \r, \n,
// \b, BEL, and CSI A/B/C/D (cursor moves), H (home), J (erase below / all), K (erase right), P
// (delete characters), @ (insert blanks), private modes (ignored) — so a test can assert what the
// reader sees and where the cursor is, not which bytes were sent.

import { charWidth } from '../../../src/shell/terminal-width.ts';

export class ScreenEmulator {
  readonly columns: number;
  /** Each row's cells; a wide character's second cell is ''. */
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  #pendingWrap = false;
  bells = 0;

  constructor(columns = 80) {
    this.columns = columns;
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (c === '\x1b') {
        const match = /^\[([0-9;?]*)([A-Za-z@])/.exec(data.slice(i + 1));
        if (match?.[1]?.startsWith('?') === true) {
          // DEC private modes (bracketed paste ?2004h/l): nothing to show.
          i += match[0].length;
          continue;
        }
        if (match === null)
          throw new Error(`unsupported escape at ${JSON.stringify(data.slice(i, i + 8))}`);
        this.#csi(match[1]!, match[2]!);
        i += match[0].length;
        continue;
      }
      const cp = data.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      this.#char(char);
    }
  }

  /** The visible text of every row (trailing blanks removed). */
  lines(): string[] {
    return this.rows.map((cells) =>
      cells
        .map((c) => (c === undefined ? ' ' : c))
        .join('')
        .trimEnd(),
    );
  }

  /** Row `n` as text. */
  line(n: number): string {
    return this.lines()[n] ?? '';
  }

  #ensureRow(row: number): string[] {
    while (this.rows.length <= row) this.rows.push([]);
    return this.rows[row]!;
  }

  #char(c: string): void {
    switch (c) {
      case '\r':
        this.col = 0;
        this.#pendingWrap = false;
        return;
      case '\n':
        this.row++;
        this.#ensureRow(this.row);
        this.#pendingWrap = false;
        return;
      case '\b':
        if (this.#pendingWrap) this.#pendingWrap = false;
        else if (this.col > 0) this.col--;
        return;
      case '\x07':
        this.bells++;
        return;
    }
    const width = charWidth(c);
    if (width === 0) {
      // Combining: joins the character before.
      const cells = this.#ensureRow(this.row);
      const at = Math.max(0, this.col - 1);
      cells[at] = (cells[at] ?? ' ') + c;
      return;
    }
    if (this.#pendingWrap || this.col + width > this.columns) {
      if (!this.#pendingWrap && width === 2 && this.col === this.columns - 1) {
        this.#ensureRow(this.row)[this.col] = ' ';
      }
      this.row++;
      this.col = 0;
      this.#pendingWrap = false;
    }
    const cells = this.#ensureRow(this.row);
    cells[this.col] = c;
    if (width === 2) cells[this.col + 1] = '';
    this.col += width;
    if (this.col >= this.columns) {
      this.col = this.columns - 1;
      this.#pendingWrap = true;
    }
  }

  #csi(params: string, final: string): void {
    const n = Math.max(1, Number(params.split(';')[0] || '1'));
    this.#pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        return;
      case 'B':
        this.row += n;
        this.#ensureRow(this.row);
        return;
      case 'C':
        this.col = Math.min(this.columns - 1, this.col + n);
        return;
      case 'D':
        this.col = Math.max(0, this.col - n);
        return;
      case 'H':
        this.row = 0;
        this.col = 0;
        return;
      case 'J':
        if (params === '2') {
          this.rows = this.rows.map(() => []);
          return;
        }
        // Rows below are blanked, not removed: the screen keeps its height.
        this.#ensureRow(this.row).length = this.col;
        for (let r = this.row + 1; r < this.rows.length; r++) this.rows[r] = [];
        return;
      case 'K':
        this.#ensureRow(this.row).length = this.col;
        return;
      case 'P': {
        // DCH: delete n cells at the cursor, the rest of the row moves left.
        const cells = this.#ensureRow(this.row);
        cells.splice(this.col, n);
        return;
      }
      case '@': {
        // ICH: insert n blanks at the cursor.
        const cells = this.#ensureRow(this.row);
        while (cells.length < this.col) cells.push(' ');
        cells.splice(this.col, 0, ...Array<string>(n).fill(' '));
        cells.length = Math.min(cells.length, this.columns);
        return;
      }
      default:
        throw new Error(`unsupported CSI ${params}${final}`);
    }
  }
}
