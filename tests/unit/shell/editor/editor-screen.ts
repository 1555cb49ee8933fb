// A full-screen terminal for the editor tests, on top of the line editor's ScreenEmulator: it adds
// what full-screen programs send — the alternate screen (DECSET 1049: the shell's screen is kept
// and comes back), absolute cursor moves (CUP `CSI row;col H`, turned into the moves the emulator
// knows), cursor visibility, and SGR attributes (dropped: styles are tested on frames) — and a
// fixed height, so a test reads exactly what a reader's 80×24 terminal shows.

import { ScreenEmulator } from '../screen-emulator.ts';

const ESC = '\x1b';

export class EditorScreen {
  readonly columns: number;
  readonly height: number;
  readonly emulator: ScreenEmulator;
  alternate = false;
  cursorVisible = true;
  #main: { rows: string[][]; row: number; col: number } | undefined;

  constructor(columns = 80, height = 24) {
    this.columns = columns;
    this.height = height;
    this.emulator = new ScreenEmulator(columns);
  }

  write(data: string): void {
    const sequence = new RegExp(`${ESC}\\[([0-9;?>]*)([A-Za-z@])`, 'g');
    let at = 0;
    for (let m = sequence.exec(data); m !== null; m = sequence.exec(data)) {
      if (m.index > at) this.emulator.write(data.slice(at, m.index));
      at = m.index + m[0].length;
      this.#sequence(m[0], m[1]!, m[2]!);
    }
    if (at < data.length) this.emulator.write(data.slice(at));
  }

  #sequence(whole: string, params: string, final: string): void {
    const e = this.emulator;
    if (params === '?1049' && final === 'h') {
      this.#main = { rows: e.rows.map((r) => [...r]), row: e.row, col: e.col };
      e.rows = Array.from({ length: this.height }, () => []);
      this.alternate = true;
      return;
    }
    if (params === '?1049' && final === 'l') {
      if (this.#main !== undefined) {
        e.rows = this.#main.rows;
        e.row = this.#main.row;
        e.col = this.#main.col;
      }
      this.alternate = false;
      return;
    }
    if (params === '?25') {
      this.cursorVisible = final === 'h';
      return;
    }
    if (params.startsWith('?') || final === 'm') return;
    if (final === 'H' && params !== '') {
      const [row = 1, col = 1] = params.split(';').map(Number);
      let moves = '\x1b[H';
      if (row > 1) moves += `\x1b[${row - 1}B`;
      if (col > 1) moves += `\x1b[${col - 1}C`;
      e.write(moves);
      return;
    }
    e.write(whole);
  }

  /** The screen's rows, exactly `height` of them (the alternate screen while an editor runs). */
  lines(): string[] {
    const all = this.emulator.lines();
    return Array.from({ length: this.height }, (_, i) => all[i] ?? '');
  }

  /** The screen as one text, rows joined by newlines, trailing empty rows kept. */
  text(): string {
    return this.lines().join('\n');
  }

  get cursor(): { row: number; col: number } {
    return { row: this.emulator.row, col: this.emulator.col };
  }
}
