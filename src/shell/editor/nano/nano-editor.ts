// GNU nano 7.2 as Debian 12 runs it (stock /etc/nanorc: stateflags, no auto-indent, smooth
// scrolling, case-insensitive search), for the things a reader does to a config file: move, type
// (Korean too), cut and paste lines, search, go to a line, ask where the cursor is, undo, write out,
// and leave — asked whether to save a modified buffer. Texts and layout follow nano's sources
// (files.c, nano.c, prompt.c, search.c, winio.c) and screens captured from the real program
// (tests/fixtures/editor/). A failed write keeps the editor open with the error, the text intact.
//
// Simplified, on purpose: no syntax colouring (Debian colours some file types), no lock file
// (`.name.swp`, which Debian's `set locking` makes), no search/position history files, DOS/Mac
// line ends kept as typed (`^M` shows) rather than converted, one buffer, and functions a config
// edit does not need (Read File, Replace, Execute, Justify, the mark, spelling, macros…) answer
// "not part of the simulation" on the status bar.

import { ERRNO } from '../../../gateway/fs.ts';
import { stringWidth } from '../../terminal-width.ts';
import type { EditorFiles } from '../editor-files.ts';
import { columnOf, indexAtColumn, lineWidth, cellsOf } from '../display-columns.ts';
import type { FullScreenEditor } from '../full-screen-program.ts';
import { decodeKeys, type Key } from '../key-decoder.ts';
import { RowCanvas, type Frame, type Row, type ScreenSize } from '../screen-frame.ts';
import {
  TextBuffer,
  nextBoundary,
  previousBoundary,
  snapToBoundary,
  type Position,
} from '../text-buffer.ts';
import { UndoHistory, type Snapshot } from '../undo-history.ts';
import { followCursor, type Follow } from '../viewport.ts';
import { HELP_TITLE, helpLines } from './nano-help-text.ts';
import { editRow, editRowStart, promptRow, questionRow } from './nano-screen.ts';
import { shortcutRows, yesNoRows, type ShortcutMenu } from './nano-shortcuts.ts';
import {
  IMPORTANCE,
  MESSAGE_KEYSTROKES,
  cursorReport,
  statusRow,
  type Importance,
  type StatusMessage,
} from './nano-status.ts';
import { titleBar } from './nano-title-bar.ts';

export interface NanoOptions {
  readonly files: EditorFiles;
  /** The file named on the command line, as typed; '' for none. */
  readonly path: string;
  readonly size: ScreenSize;
  /** `+LINE[,COLUMN]`: 1-based; a negative line counts from the end. */
  readonly line?: number;
  readonly column?: number;
  /** Whether nano runs as root (it then warns about a file without write bits). */
  readonly root: boolean;
}

/** What an undo step undid, in nano's words (`[ Undid addition ]`). */
type EditKind = 'addition' | 'line break' | 'deletion' | 'line join' | 'cut' | 'paste';

type PromptKind =
  | { readonly kind: 'write'; readonly exiting: boolean }
  | { readonly kind: 'search'; readonly backwards: boolean }
  | { readonly kind: 'goto' };

type Question =
  | { readonly kind: 'save-on-exit' }
  | { readonly kind: 'different-name'; readonly name: string; readonly exiting: boolean }
  | { readonly kind: 'overwrite'; readonly name: string; readonly exiting: boolean };

type Mode =
  | { readonly kind: 'edit' }
  | { readonly kind: 'prompt'; readonly prompt: PromptKind; answer: string; cursor: number }
  | { readonly kind: 'question'; readonly question: Question; readonly text: string }
  | { readonly kind: 'help'; top: number; readonly lines: string[] };

/** Keys of nano's main menu this simulation leaves out, by what the help lines call them. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  'control:r': 'Read File',
  'control:\\': 'Replace',
  'control:t': 'Execute',
  'control:j': 'Justify',
  'control:^': 'Set Mark',
  'control:]': 'Complete',
  'meta:a': 'Set Mark',
  'meta:6': 'Copy',
  'meta:]': 'To Bracket',
  'meta:r': 'Replace',
  'meta:j': 'Justify',
  'meta:d': 'Word Count',
  'meta:t': 'Cut Till End',
  'meta:3': 'Comment Lines',
  'meta:{': 'Unindent',
  'meta:}': 'Indent',
  'meta::': 'Record',
  'meta:;': 'Run Macro',
  'meta:v': 'Verbatim',
  'meta:b': 'Linter',
  'meta:f': 'Formatter',
  'meta:(': 'Begin of Paragraph',
  'meta:)': 'End of Paragraph',
};

const WORD = /[\p{L}\p{N}_]/u;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Lines a file of `text` has, as nano counts them reading it (a last line without `\n` counts). */
function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class NanoEditor implements FullScreenEditor {
  readonly #files: EditorFiles;
  readonly #root: boolean;
  #size: ScreenSize;
  #path: string;
  readonly #buffer = new TextBuffer();
  #cursor: Position = { line: 0, index: 0 };
  /** The column the cursor wants on vertical moves (nano's placewewant). */
  #wanted = 0;
  #top = 0;
  #modified = false;
  /** The text as last read or written (undo compares with it). */
  #savedText = '';
  #mode: Mode = { kind: 'edit' };
  #message: StatusMessage | undefined;
  #messageKeys = 0;
  /** The importance of the last message in this keystroke (nano's lastmessage). */
  #lastImportance = 0;
  #cutBuffer: string | undefined;
  #lastWasCut = false;
  #lastSearch = '';
  /** An Esc was typed: the next key is a Meta key (Esc twice: a Ctrl key), as in nano. */
  #escapes = 0;
  readonly #history = new UndoHistory<EditKind>();
  #redraw = false;
  #exitStatus: number | undefined;

  constructor(options: NanoOptions) {
    this.#files = options.files;
    this.#root = options.root;
    this.#size = options.size;
    this.#path = options.path;
    this.#open(options.path);
    this.#ensureLastLineEmpty();
    this.#savedText = this.#buffer.text();
    if (options.line !== undefined) this.#goTo(options.line, options.column ?? 1);
  }

  get exitStatus(): number | undefined {
    return this.#exitStatus;
  }

  /** The text as it would be written. */
  get text(): string {
    return this.#buffer.text();
  }

  get modified(): boolean {
    return this.#modified;
  }

  get cursor(): Position {
    return this.#cursor;
  }

  /** The file name the buffer has ('' for none). */
  get path(): string {
    return this.#path;
  }

  takeRedraw(): boolean {
    const redraw = this.#redraw;
    this.#redraw = false;
    return redraw;
  }

  resize(size: ScreenSize): void {
    this.#size = size;
    // nano.c regenerate_screen(): new windows, so the status bar comes back blank; the help
    // text is wrapped again for the new width.
    this.#message = undefined;
    if (this.#mode.kind === 'help') {
      const lines = helpLines(size.columns);
      const top = Math.min(this.#mode.top, Math.max(0, lines.length - this.#editRows));
      this.#mode = { kind: 'help', top, lines };
    }
    this.#follow('smooth');
  }

  input(data: string): void {
    for (const key of decodeKeys(data, { meta: true })) {
      if (this.#exitStatus !== undefined) return;
      // nano reads bytes: each byte of a typed character is a keystroke for the countdown.
      this.#keystroke(key.kind === 'text' ? new TextEncoder().encode(key.text).length : 1);
      this.#key(key);
    }
  }

  // ——— Layout ———

  /** Rows at the bottom: the status bar, and two help lines when the terminal has six rows. */
  get #bottomRows(): number {
    return this.#size.rows < 6 ? 1 : 3;
  }

  /** nano.c window_init(): below three rows there is no title bar and one row of text. */
  get #titleRows(): number {
    return this.#size.rows < 3 ? 0 : 1;
  }

  get #editRows(): number {
    if (this.#titleRows === 0) return 1;
    return Math.max(1, this.#size.rows - 1 - this.#bottomRows);
  }

  frame(): Frame {
    const frame = this.#compose();
    const { columns, rows } = this.#size;
    // On a one-row terminal the status bar covers the text while it has something to say.
    const mode = this.#mode.kind;
    const status = frame.rows[1];
    const shown =
      rows === 1 &&
      status !== undefined &&
      (status.length > 0 || mode === 'prompt' || mode === 'question')
        ? [status]
        : frame.rows.slice(0, rows);
    const cursor = frame.cursor && {
      row: Math.max(0, Math.min(rows - 1, frame.cursor.row)),
      column: Math.max(0, Math.min(columns - 1, frame.cursor.column)),
    };
    return { rows: shown, cursor };
  }

  #compose(): Frame {
    const { columns } = this.#size;
    const statusAt = this.#titleRows + this.#editRows;
    const out: Row[] = [];
    const mode = this.#mode;
    if (this.#titleRows === 1) {
      out.push(
        titleBar(
          columns,
          mode.kind === 'help'
            ? { helpTitle: HELP_TITLE }
            : { path: this.#path, modified: this.#modified },
        ),
      );
    }
    let cursor: Frame['cursor'];
    if (mode.kind === 'help') {
      for (let r = 0; r < this.#editRows; r++) {
        const canvas = new RowCanvas(columns);
        canvas.putCells(0, cellsOf(mode.lines[mode.top + r] ?? '', 0, columns).cells);
        out.push(canvas.toRow());
      }
      cursor = { row: this.#titleRows, column: 0 };
    } else {
      const cursorColumn = columnOf(this.#buffer.line(this.#cursor.line), this.#cursor.index);
      for (let r = 0; r < this.#editRows; r++) {
        const i = this.#top + r;
        if (i >= this.#buffer.lineCount) {
          out.push([]);
          continue;
        }
        const onCursor = i === this.#cursor.line;
        out.push(editRow(this.#buffer.line(i), columns, onCursor ? cursorColumn : undefined));
      }
      cursor = {
        row: this.#titleRows + this.#cursor.line - this.#top,
        column: cursorColumn - editRowStart(cursorColumn, columns),
      };
    }
    while (out.length < statusAt) out.push([]);
    let menu: ShortcutMenu | 'yes-no' = 'main';
    if (mode.kind === 'prompt') {
      const { row, cursorColumn } = promptRow(
        columns,
        this.#promptText(mode.prompt),
        mode.answer,
        mode.cursor,
      );
      out.push(row);
      cursor = { row: statusAt, column: cursorColumn };
      menu = mode.prompt.kind === 'write' ? 'write' : mode.prompt.kind;
    } else if (mode.kind === 'question') {
      out.push(questionRow(columns, mode.text));
      cursor = { row: statusAt, column: Math.min(columns - 1, stringWidth(mode.text)) };
      menu = 'yes-no';
    } else {
      out.push(this.#message === undefined ? [] : statusRow(columns, this.#message));
      if (mode.kind === 'help') menu = 'help';
    }
    if (this.#bottomRows === 3) {
      out.push(...(menu === 'yes-no' ? yesNoRows(columns) : shortcutRows(menu, columns)));
    }
    return { rows: out, cursor };
  }

  #promptText(prompt: PromptKind): string {
    switch (prompt.kind) {
      case 'write':
        return 'File Name to Write';
      case 'goto':
        return 'Enter line number, column number';
      case 'search': {
        // search.c: the last search in brackets, cut to a third of the width.
        let shown = '';
        const room = Math.floor(this.#size.columns / 3);
        for (const char of this.#lastSearch) {
          if (stringWidth(shown + char) > room) break;
          shown += char;
        }
        const more = stringWidth(this.#lastSearch) > room ? '...' : '';
        const last = this.#lastSearch === '' ? '' : ` [${shown}${more}]`;
        return `Search${prompt.backwards ? ' [Backwards]' : ''}${last}`;
      }
    }
  }

  // ——— Messages ———

  #report(text: string, importance: Importance, keystrokes = MESSAGE_KEYSTROKES): void {
    const level = IMPORTANCE[importance];
    // winio.c statusline(): a lesser message does not replace a problem shown this keystroke.
    if (level < this.#lastImportance && this.#lastImportance > IMPORTANCE.notice) return;
    this.#lastImportance = level;
    this.#message = { text, importance };
    this.#messageKeys = keystrokes;
  }

  /** A keystroke was read: the message's countdown runs (winio.c check_statusblank()). */
  #keystroke(count: number): void {
    this.#lastImportance = 0;
    if (this.#message === undefined) return;
    this.#messageKeys -= count;
    if (this.#messageKeys <= 0) this.#message = undefined;
  }

  #leftOut(what: string): void {
    this.#report(`${what}: not part of the simulation (uwsgi-lab)`, 'ahem');
  }

  // ——— Opening ———

  #open(path: string): void {
    if (path === '') {
      // nano.c main(): an empty buffer without a name greets the user.
      this.#report('Welcome to nano.  For basic help, type Ctrl+G.', 'hush');
      return;
    }
    const name = this.#files.expandTilde(path);
    const opened = this.#files.open(path);
    switch (opened.kind) {
      case 'directory':
        this.#path = '';
        this.#report(`"${name}" is a directory`, 'alert');
        return;
      case 'device':
        this.#path = '';
        this.#report(`"${name}" is a device file`, 'alert');
        return;
      case 'unreadable':
        this.#path = '';
        this.#report(`Error reading ${name}: ${ERRNO[opened.error].text}`, 'alert');
        return;
      case 'missing':
        if (opened.folderProblem === 'missing') {
          this.#report(`Directory '${this.#folderOf(name)}' does not exist`, 'alert');
        } else if (opened.folderProblem === 'not-a-directory') {
          this.#report(`Path '${this.#folderOf(name)}' is not a directory`, 'alert');
        }
        this.#report('New File', 'remark');
        return;
      case 'text': {
        if (opened.noWriteBits && this.#root) {
          this.#report(`${name} is meant to be read-only`, 'alert');
        }
        this.#buffer.setLines(opened.text.split('\n'));
        const lines = countLines(opened.text);
        if (opened.unwritable) this.#report(`File '${name}' is unwritable`, 'alert');
        else this.#report(`Read ${plural(lines, 'line', 'lines')}`, 'remark');
        return;
      }
    }
  }

  #folderOf(name: string): string {
    const cut = name.lastIndexOf('/');
    return cut < 0 ? '.' : cut === 0 ? '/' : name.slice(0, cut);
  }

  // ——— Keys ———

  #key(key: Key): void {
    // Esc, then a key: Meta; Esc twice, then a letter: Ctrl (nano's Esc Esc for ^-keys).
    if (key.kind === 'escape') {
      this.#escapes = Math.min(2, this.#escapes + 1);
      return;
    }
    let effective: Key = key;
    if (this.#escapes > 0 && key.kind === 'text') {
      const first = Array.from(key.text)[0] ?? '';
      effective =
        this.#escapes === 1
          ? { kind: 'meta', key: first }
          : { kind: 'control', letter: first.toLowerCase() };
      this.#escapes = 0;
      this.#key(effective);
      const rest = key.text.slice(first.length);
      if (rest !== '') this.#key({ kind: 'text', text: rest });
      return;
    }
    this.#escapes = 0;
    switch (this.#mode.kind) {
      case 'edit':
        this.#editKey(effective);
        return;
      case 'prompt':
        this.#promptKey(this.#mode, effective);
        return;
      case 'question':
        this.#questionKey(this.#mode, effective);
        return;
      case 'help':
        this.#helpKey(this.#mode, effective);
        return;
    }
  }

  #editKey(key: Key): void {
    const wasCut = this.#lastWasCut;
    this.#lastWasCut = false;
    switch (key.kind) {
      case 'text':
        this.#insert(key.text, 'addition');
        return;
      case 'paste':
        this.#insert(key.text.replace(/\r\n?/g, '\n'), 'paste', false);
        return;
      case 'enter':
        this.#insert('\n', 'line break', false);
        return;
      case 'tab':
        this.#insert('\t', 'addition');
        return;
      case 'backspace':
        this.#backspace();
        return;
      case 'delete':
        this.#delete();
        return;
      case 'arrow':
        this.#arrow(key.direction, key.ctrl);
        return;
      case 'home':
        this.#moveTo({ line: this.#cursor.line, index: 0 });
        return;
      case 'end':
        this.#moveTo({ line: this.#cursor.line, index: this.#currentLine().length });
        return;
      case 'page-up':
        this.#pageUp();
        return;
      case 'page-down':
        this.#pageDown();
        return;
      case 'insert':
        this.#leftOut('Read File');
        return;
      case 'function':
        this.#functionKey(key.number, wasCut);
        return;
      case 'control':
        this.#controlKey(key.letter, wasCut);
        return;
      case 'meta':
        this.#metaKey(key.key);
        return;
      case 'escape':
      case 'unknown':
        this.#report('Unknown sequence', 'ahem', 1);
        return;
    }
  }

  #functionKey(number: number, wasCut: boolean): void {
    const keys: Readonly<Record<number, string>> = {
      1: 'g',
      2: 'x',
      3: 'o',
      6: 'w',
      9: 'k',
      10: 'u',
      11: 'c',
    };
    const letter = keys[number];
    if (letter !== undefined) this.#controlKey(letter, wasCut);
    else if (number === 4) this.#leftOut('Justify');
    else if (number === 5) this.#leftOut('Read File');
    else if (number === 7 || number === 8) this.#pageKey(number === 7 ? 'up' : 'down');
    else if (number === 12) this.#leftOut('Spell Check');
    else this.#report(`Unbound key: F${number}`, 'ahem', 1);
  }

  #pageKey(direction: 'up' | 'down'): void {
    if (direction === 'up') this.#pageUp();
    else this.#pageDown();
  }

  #controlKey(letter: string, wasCut: boolean): void {
    switch (letter) {
      case 'g':
        // help.c do_help(): the status bar is blanked while the help shows.
        this.#message = undefined;
        this.#mode = { kind: 'help', top: 0, lines: helpLines(this.#size.columns) };
        return;
      case 'x':
        this.#exit();
        return;
      case 'o':
        this.#startPrompt({ kind: 'write', exiting: false }, this.#path);
        return;
      case 's':
        if (this.#path === '') this.#startPrompt({ kind: 'write', exiting: false }, '');
        else this.#write(this.#path, false);
        return;
      case 'w':
        this.#startPrompt({ kind: 'search', backwards: false }, '');
        return;
      case 'q':
        this.#startPrompt({ kind: 'search', backwards: true }, '');
        return;
      case 'k':
        this.#cut(wasCut);
        return;
      case 'u':
        this.#paste();
        return;
      case 'c':
        this.#reportCursor();
        return;
      case '_':
        this.#startPrompt({ kind: 'goto' }, '');
        return;
      case 'a':
        this.#moveTo({ line: this.#cursor.line, index: 0 });
        return;
      case 'e':
        this.#moveTo({ line: this.#cursor.line, index: this.#currentLine().length });
        return;
      case 'p':
        this.#arrow('up', false);
        return;
      case 'n':
        this.#arrow('down', false);
        return;
      case 'b':
        this.#arrow('left', false);
        return;
      case 'f':
        this.#arrow('right', false);
        return;
      case 'y':
        this.#pageUp();
        return;
      case 'v':
        this.#pageDown();
        return;
      case 'd':
        this.#delete();
        return;
      case 'h':
        this.#backspace();
        return;
      case 'i':
        this.#insert('\t', 'addition');
        return;
      case 'm':
        this.#insert('\n', 'line break', false);
        return;
      case 'l':
        this.#redraw = true;
        this.#message = undefined;
        return;
      case '@':
        this.#moveTo(this.#wordRight());
        return;
      case 'z':
        // nano.c suggest_ctrlT_ctrlZ(): ^Z suspends only from the Execute menu.
        this.#report('To suspend, type ^T^Z', 'ahem');
        return;
      default: {
        const what = LEFT_OUT[`control:${letter}`];
        if (what !== undefined) this.#leftOut(what);
        else this.#report(`Unbound key: ^${letter.toUpperCase()}`, 'ahem', 1);
      }
    }
  }

  #metaKey(key: string): void {
    switch (key.toLowerCase()) {
      case 'u':
        this.#undo();
        return;
      case 'e':
        this.#redo();
        return;
      case 'w':
        this.#findAgain(false);
        return;
      case 'q':
        this.#findAgain(true);
        return;
      case 'g':
        this.#startPrompt({ kind: 'goto' }, '');
        return;
      case ' ':
        this.#moveTo(this.#wordLeft());
        return;
      case '\\':
        this.#moveTo({ line: 0, index: 0 }, 'center');
        return;
      case '/': {
        const last = this.#buffer.lineCount - 1;
        this.#moveTo({ line: last, index: this.#buffer.line(last).length }, 'bottom');
        return;
      }
      default: {
        const what = LEFT_OUT[`meta:${key.toLowerCase()}`];
        if (what !== undefined) this.#leftOut(what);
        else this.#report(`Unbound key: M-${key.toUpperCase()}`, 'ahem', 1);
      }
    }
  }

  // ——— Moving ———

  #currentLine(): string {
    return this.#buffer.line(this.#cursor.line);
  }

  /** Puts the cursor at `to`, wanting its column, and scrolls to show it. */
  #moveTo(to: Position, follow: Follow = 'smooth'): void {
    this.#history.close();
    this.#cursor = this.#buffer.clamp(to);
    this.#wanted = columnOf(this.#currentLine(), this.#cursor.index);
    this.#follow(follow);
  }

  #follow(follow: Follow): void {
    this.#top = followCursor(this.#top, this.#cursor.line, this.#editRows, follow);
  }

  #arrow(direction: 'left' | 'right' | 'up' | 'down', ctrl: boolean): void {
    const { line, index } = this.#cursor;
    const text = this.#currentLine();
    switch (direction) {
      case 'left':
        if (ctrl) this.#moveTo(this.#wordLeft());
        else if (index > 0) this.#moveTo({ line, index: previousBoundary(text, index) });
        else if (line > 0)
          this.#moveTo({ line: line - 1, index: this.#buffer.line(line - 1).length });
        return;
      case 'right':
        if (ctrl) this.#moveTo(this.#wordRight());
        else if (index < text.length) this.#moveTo({ line, index: nextBoundary(text, index) });
        else if (line < this.#buffer.lineCount - 1) this.#moveTo({ line: line + 1, index: 0 });
        return;
      case 'up':
      case 'down': {
        const target = line + (direction === 'up' ? -1 : 1);
        if (target < 0 || target >= this.#buffer.lineCount) return;
        this.#history.close();
        this.#cursor = {
          line: target,
          index: indexAtColumn(this.#buffer.line(target), this.#wanted),
        };
        this.#follow('smooth');
        return;
      }
    }
  }

  #isWord(text: string, index: number): boolean {
    const char = String.fromCodePoint(text.codePointAt(index) ?? 0x20);
    return WORD.test(char);
  }

  /** move.c do_next_word(): past the rest of this word and the gap to the next one. */
  #wordRight(): Position {
    let { line, index } = this.#cursor;
    let text = this.#buffer.line(line);
    let inWord = index < text.length && this.#isWord(text, index);
    for (;;) {
      if (index >= text.length) {
        if (line >= this.#buffer.lineCount - 1) return { line, index };
        line++;
        index = 0;
        text = this.#buffer.line(line);
        inWord = false;
        if (text.length > 0 && this.#isWord(text, 0)) return { line, index };
        continue;
      }
      index = nextBoundary(text, index);
      const word = index < text.length && this.#isWord(text, index);
      if (word && !inWord) return { line, index };
      inWord = word;
    }
  }

  /** move.c do_prev_word(): back to the start of this or the previous word. */
  #wordLeft(): Position {
    let { line, index } = this.#cursor;
    let text = this.#buffer.line(line);
    let seenWord = false;
    for (;;) {
      if (index === 0) {
        if (seenWord || line === 0) return { line, index };
        line--;
        text = this.#buffer.line(line);
        index = text.length;
        continue;
      }
      const before = previousBoundary(text, index);
      const word = this.#isWord(text, before);
      if (!word && seenWord) return { line, index };
      if (word) seenWord = true;
      index = before;
    }
  }

  /** How far Page Up/Down go: the window less two lines (move.c). */
  get #pageLines(): number {
    return this.#editRows < 3 ? 1 : this.#editRows - 2;
  }

  #pageUp(): void {
    const step = this.#pageLines;
    if (this.#cursor.line - step < 0) {
      this.#moveTo({ line: 0, index: 0 });
      this.#top = 0;
      return;
    }
    const row = this.#cursor.line - this.#top;
    const line = this.#cursor.line - step;
    this.#history.close();
    this.#cursor = { line, index: indexAtColumn(this.#buffer.line(line), this.#wanted) };
    this.#top = Math.max(0, line - row);
  }

  #pageDown(): void {
    const step = this.#pageLines;
    const last = this.#buffer.lineCount - 1;
    if (this.#cursor.line + step > last) {
      this.#moveTo({ line: last, index: this.#buffer.line(last).length }, 'bottom');
      return;
    }
    const row = this.#cursor.line - this.#top;
    const line = this.#cursor.line + step;
    this.#history.close();
    this.#cursor = { line, index: indexAtColumn(this.#buffer.line(line), this.#wanted) };
    this.#top = Math.max(0, line - row);
  }

  /** `+LINE,COLUMN` and Go To Line: a negative line counts from the end. */
  #goTo(line: number, column: number): void {
    const count = this.#buffer.lineCount;
    const target = line < 0 ? count + line : line - 1;
    const clamped = Math.max(0, Math.min(count - 1, target));
    const text = this.#buffer.line(clamped);
    const width = lineWidth(text);
    const col = column < 0 ? width + column + 1 : column - 1;
    this.#moveTo(
      { line: clamped, index: indexAtColumn(text, Math.max(0, Math.min(width, col))) },
      'center',
    );
  }

  // ——— Editing ———

  #snapshot(): Snapshot {
    return { lines: [...this.#buffer.lines], cursor: this.#cursor };
  }

  /** nano keeps an empty line at the end (its "magic line"): the file then ends with `\n`. */
  #ensureLastLineEmpty(): void {
    const last = this.#buffer.lineCount - 1;
    if (this.#buffer.line(last) !== '')
      this.#buffer.insert({ line: last, index: this.#buffer.line(last).length }, '\n');
  }

  /** Runs an edit: an undo step first, the modified flag after, the window following. */
  #edit(kind: EditKind, continues: boolean, change: () => void): void {
    this.#history.before(kind, () => this.#snapshot(), continues);
    const before = this.#buffer.text();
    change();
    this.#ensureLastLineEmpty();
    this.#cursor = this.#buffer.clamp(this.#cursor);
    if (this.#buffer.text() !== before) this.#modified = true;
    this.#wanted = columnOf(this.#currentLine(), this.#cursor.index);
    this.#follow('smooth');
  }

  #insert(text: string, kind: EditKind, continues = true): void {
    if (text === '') return;
    this.#edit(kind, continues, () => {
      this.#cursor = this.#buffer.insert(this.#cursor, text);
    });
  }

  #backspace(): void {
    const { line, index } = this.#cursor;
    if (index === 0 && line === 0) return;
    const from: Position =
      index > 0
        ? { line, index: previousBoundary(this.#currentLine(), index) }
        : { line: line - 1, index: this.#buffer.line(line - 1).length };
    this.#edit(index > 0 ? 'deletion' : 'line join', true, () => {
      this.#buffer.delete(from, this.#cursor);
      this.#cursor = from;
    });
  }

  #delete(): void {
    const { line, index } = this.#cursor;
    const text = this.#currentLine();
    const last = this.#buffer.lineCount - 1;
    if (index >= text.length && line >= last) return;
    // Joining the empty last line changes nothing (nano keeps it).
    if (index >= text.length && line === last - 1 && this.#buffer.line(last) === '') return;
    const to: Position =
      index < text.length
        ? { line, index: nextBoundary(text, index) }
        : { line: line + 1, index: 0 };
    this.#edit(index < text.length ? 'deletion' : 'line join', true, () => {
      this.#buffer.delete(this.#cursor, to);
    });
  }

  /** ^K: the whole line into the cutbuffer; cuts in a row add up. */
  #cut(wasCut: boolean): void {
    const { line } = this.#cursor;
    const last = this.#buffer.lineCount - 1;
    if (line === last && this.#buffer.line(last) === '') {
      this.#report('Nothing was cut', 'hush');
      this.#lastWasCut = wasCut;
      return;
    }
    let removed = '';
    this.#edit('cut', false, () => {
      const end: Position =
        line < last
          ? { line: line + 1, index: 0 }
          : { line, index: this.#buffer.line(line).length };
      removed = this.#buffer.delete({ line, index: 0 }, end);
      this.#cursor = { line, index: 0 };
    });
    this.#cutBuffer = wasCut ? (this.#cutBuffer ?? '') + removed : removed;
    this.#lastWasCut = true;
    // cut.c cut_text() ends with wipe_statusbar().
    this.#message = undefined;
  }

  #paste(): void {
    if (this.#cutBuffer === undefined || this.#cutBuffer === '') {
      this.#report('Cutbuffer is empty', 'ahem');
      return;
    }
    const text = this.#cutBuffer;
    this.#edit('paste', false, () => {
      this.#cursor = this.#buffer.insert(this.#cursor, text);
    });
  }

  #undo(): void {
    const entry = this.#history.undo(this.#snapshot());
    if (entry === undefined) {
      this.#report('Nothing to undo', 'ahem');
      return;
    }
    this.#restore(entry.state);
    this.#report(`Undid ${entry.kind}`, 'hush');
  }

  #redo(): void {
    const entry = this.#history.redo(this.#snapshot());
    if (entry === undefined) {
      this.#report('Nothing to redo', 'ahem');
      return;
    }
    this.#restore(entry.state);
    this.#report(`Redid ${entry.kind}`, 'hush');
  }

  #restore(state: Snapshot): void {
    this.#buffer.setLines(state.lines);
    this.#cursor = this.#buffer.clamp(state.cursor);
    this.#wanted = columnOf(this.#currentLine(), this.#cursor.index);
    // Undoing back to what was last read or written leaves the buffer unmodified.
    this.#modified = this.#buffer.text() !== this.#savedText;
    this.#follow('center');
  }

  #reportCursor(): void {
    const lines = this.#buffer.lines;
    const { line, index } = this.#cursor;
    const text = this.#currentLine();
    let before = 0;
    for (let i = 0; i < line; i++) before += Array.from(lines[i]!).length + 1;
    before += Array.from(text.slice(0, index)).length;
    const chars = Array.from(this.#buffer.text()).length;
    this.#report(
      cursorReport({
        line: line + 1,
        lines: lines.length,
        column: columnOf(text, index) + 1,
        lineColumns: lineWidth(text) + 1,
        char: before,
        chars,
      }),
      'info',
    );
  }

  // ——— Prompts ———

  #startPrompt(prompt: PromptKind, answer: string): void {
    this.#message = undefined;
    this.#mode = { kind: 'prompt', prompt, answer, cursor: answer.length };
  }

  #promptKey(mode: Extract<Mode, { kind: 'prompt' }>, key: Key): void {
    const { answer, cursor } = mode;
    switch (key.kind) {
      case 'text':
      case 'paste': {
        const text = key.kind === 'paste' ? (key.text.split(/\r\n?|\n/)[0] ?? '') : key.text;
        mode.answer = answer.slice(0, cursor) + text + answer.slice(cursor);
        mode.cursor = cursor + text.length;
        return;
      }
      case 'backspace':
        if (cursor > 0) {
          const from = previousBoundary(answer, cursor);
          mode.answer = answer.slice(0, from) + answer.slice(cursor);
          mode.cursor = from;
        }
        return;
      case 'delete':
        if (cursor < answer.length) {
          mode.answer = answer.slice(0, cursor) + answer.slice(nextBoundary(answer, cursor));
        }
        return;
      case 'arrow':
        if (key.direction === 'left') mode.cursor = previousBoundary(answer, cursor);
        if (key.direction === 'right') mode.cursor = nextBoundary(answer, cursor);
        return;
      case 'home':
        mode.cursor = 0;
        return;
      case 'end':
        mode.cursor = answer.length;
        return;
      case 'enter':
        this.#mode = { kind: 'edit' };
        this.#submit(mode.prompt, answer);
        return;
      case 'control':
        switch (key.letter) {
          case 'c':
            this.#mode = { kind: 'edit' };
            this.#report('Cancelled', 'hush');
            return;
          case 'a':
            mode.cursor = 0;
            return;
          case 'e':
            mode.cursor = answer.length;
            return;
          case 'b':
            mode.cursor = previousBoundary(answer, cursor);
            return;
          case 'f':
            mode.cursor = nextBoundary(answer, cursor);
            return;
          case 'h':
            this.#promptKey(mode, { kind: 'backspace' });
            return;
          case 'd':
            this.#promptKey(mode, { kind: 'delete' });
            return;
          case 'm':
            this.#promptKey(mode, { kind: 'enter' });
            return;
          case 'k': {
            // prompt.c lop_the_answer(): the part after the cursor, or at the end the whole.
            const from = cursor === answer.length ? 0 : cursor;
            mode.answer = answer.slice(0, from);
            mode.cursor = from;
            return;
          }
          case 'u': {
            // prompt.c paste_into_answer(): the cutbuffer's first line.
            const line = this.#cutBuffer?.split('\n')[0];
            if (line === undefined) return;
            mode.answer = answer.slice(0, cursor) + line + answer.slice(cursor);
            mode.cursor = cursor + line.length;
            return;
          }
          default:
            return;
        }
      default:
        return;
    }
  }

  #submit(prompt: PromptKind, answer: string): void {
    switch (prompt.kind) {
      case 'write':
        this.#submitWrite(answer, prompt.exiting);
        return;
      case 'search':
        if (answer === '' && this.#lastSearch === '') {
          this.#report('Cancelled', 'hush');
          return;
        }
        if (answer !== '') this.#lastSearch = answer;
        this.#find(prompt.backwards);
        return;
      case 'goto': {
        const match = /^\s*(-?\d+)?\s*(?:[,\s]\s*(-?\d+))?\s*$/.exec(answer);
        if (answer.trim() === '') {
          this.#report('Cancelled', 'hush');
          return;
        }
        if (match === null || (match[1] === undefined && match[2] === undefined)) {
          this.#report('Invalid line or column number', 'ahem');
          return;
        }
        const line = match[1] === undefined ? this.#cursor.line + 1 : Number(match[1]);
        const column = match[2] === undefined ? 1 : Number(match[2]);
        if (line === 0 || column === 0) {
          this.#report('Invalid line or column number', 'ahem');
          return;
        }
        this.#goTo(line, column);
        return;
      }
    }
  }

  // ——— Writing and leaving ———

  #exit(): void {
    if (!this.#modified) {
      this.#exitStatus = 0;
      return;
    }
    this.#message = undefined;
    this.#mode = {
      kind: 'question',
      question: { kind: 'save-on-exit' },
      text: 'Save modified buffer? ',
    };
  }

  /** files.c write_it_out(): a new name is confirmed, an existing other file too. */
  #submitWrite(answer: string, exiting: boolean): void {
    if (answer === '') {
      this.#report('Cancelled', 'hush');
      return;
    }
    const differs =
      this.#path !== '' && this.#files.resolve(answer) !== this.#files.resolve(this.#path);
    if (differs) {
      this.#ask(
        { kind: 'different-name', name: answer, exiting },
        'Save file under DIFFERENT NAME? ',
      );
    } else if (this.#path === '' && this.#files.exists(answer)) {
      this.#askOverwrite(answer, exiting);
    } else {
      this.#write(answer, exiting);
    }
  }

  #askOverwrite(name: string, exiting: boolean): void {
    this.#ask({ kind: 'overwrite', name, exiting }, `File "${name}" exists; OVERWRITE? `);
  }

  #ask(question: Question, text: string): void {
    this.#message = undefined;
    this.#mode = { kind: 'question', question, text };
  }

  #questionKey(mode: Extract<Mode, { kind: 'question' }>, key: Key): void {
    let answer: 'yes' | 'no' | 'cancel' | undefined;
    if (key.kind === 'text' || key.kind === 'paste') {
      // prompt.c ask_user(): the first character typed (or pasted) decides.
      const first = key.text[0] ?? '';
      if ('Yy'.includes(first)) answer = 'yes';
      else if ('Nn'.includes(first)) answer = 'no';
    } else if (key.kind === 'control') {
      // ^Y is Yes, ^N and ^Q are No ("to allow exiting in anger"), ^C cancels.
      if (key.letter === 'y') answer = 'yes';
      else if (key.letter === 'n' || key.letter === 'q') answer = 'no';
      else if (key.letter === 'c') answer = 'cancel';
      else if (key.letter === 'l') this.#redraw = true;
    }
    if (answer === undefined) return;
    const question = mode.question;
    switch (question.kind) {
      case 'save-on-exit':
        if (answer === 'yes') this.#startPrompt({ kind: 'write', exiting: true }, this.#path);
        else if (answer === 'no') this.#exitStatus = 0;
        else {
          this.#mode = { kind: 'edit' };
          this.#report('Cancelled', 'hush');
        }
        return;
      case 'different-name':
        if (answer !== 'yes') {
          this.#startPrompt({ kind: 'write', exiting: question.exiting }, question.name);
        } else if (this.#files.exists(question.name)) {
          this.#askOverwrite(question.name, question.exiting);
        } else {
          this.#mode = { kind: 'edit' };
          this.#write(question.name, question.exiting);
        }
        return;
      case 'overwrite':
        if (answer !== 'yes') {
          this.#startPrompt({ kind: 'write', exiting: question.exiting }, question.name);
        } else {
          this.#mode = { kind: 'edit' };
          this.#write(question.name, question.exiting);
        }
        return;
    }
  }

  /** files.c write_file(): on failure the buffer stays, modified, with the error shown. */
  #write(name: string, exiting: boolean): void {
    this.#mode = { kind: 'edit' };
    const text = this.#buffer.text();
    const error = this.#files.write(name, text);
    const shown = this.#files.expandTilde(name);
    if (error !== undefined) {
      this.#report(`Error writing ${shown}: ${ERRNO[error].text}`, 'alert');
      return;
    }
    this.#path = shown;
    this.#modified = false;
    this.#savedText = text;
    const lines =
      this.#buffer.lineCount - (this.#buffer.line(this.#buffer.lineCount - 1) === '' ? 1 : 0);
    this.#report(`Wrote ${plural(lines, 'line', 'lines')}`, 'remark');
    if (exiting) this.#exitStatus = 0;
  }

  // ——— Searching ———

  #findAgain(backwards: boolean): void {
    if (this.#lastSearch === '') {
      this.#report('No current search pattern', 'ahem');
      return;
    }
    this.#find(backwards);
  }

  /** search.c findnextstr(): from the cursor on (not at it), wrapping around once. */
  #find(backwards: boolean): void {
    // A new search starts with a clean status bar ("Search Wrapped" is about this one only).
    this.#message = undefined;
    this.#lastImportance = 0;
    const needle = new RegExp(escapeRegExp(this.#lastSearch), 'giu');
    const matches = (line: number): number[] => {
      const text = this.#buffer.line(line);
      const out: number[] = [];
      needle.lastIndex = 0;
      for (let m = needle.exec(text); m !== null; m = needle.exec(text)) {
        out.push(snapToBoundary(text, m.index));
        if (m[0] === '') needle.lastIndex++;
      }
      return out;
    };
    const { line, index } = this.#cursor;
    const count = this.#buffer.lineCount;
    let wrapped = false;
    let found: Position | undefined;
    const here = matches(line);
    const onLine = backwards ? here.filter((i) => i < index).at(-1) : here.find((i) => i > index);
    if (onLine !== undefined) found = { line, index: onLine };
    for (let step = 1; found === undefined && step <= count; step++) {
      let target = backwards ? line - step : line + step;
      if (target < 0 || target >= count) {
        wrapped = true;
        target = (target + count) % count;
      }
      const list = matches(target);
      if (target === line) {
        const back = backwards
          ? list.filter((i) => i >= index).at(-1)
          : list.find((i) => i <= index);
        if (back !== undefined) found = { line, index: back };
      } else {
        const pick = backwards ? list.at(-1) : list[0];
        if (pick !== undefined) found = { line: target, index: pick };
      }
    }
    if (found === undefined) {
      let shown = '';
      const room = Math.floor(this.#size.columns / 2);
      for (const char of this.#lastSearch) {
        if (stringWidth(shown + char) > room) break;
        shown += char;
      }
      const more = shown.length < this.#lastSearch.length ? '...' : '';
      this.#report(`"${shown}${more}" not found`, 'ahem');
      return;
    }
    if (wrapped) this.#report('Search Wrapped', 'remark');
    if (found.line === line && found.index === index) {
      this.#report('This is the only occurrence', 'remark');
    }
    this.#moveTo(found, 'center');
  }

  // ——— Help ———

  #helpKey(mode: Extract<Mode, { kind: 'help' }>, key: Key): void {
    const last = Math.max(0, mode.lines.length - this.#editRows);
    const scroll = (to: number): void => {
      mode.top = Math.max(0, Math.min(last, to));
    };
    const page = this.#pageLines;
    if (key.kind === 'control') {
      switch (key.letter) {
        case 'x':
        case 'c':
        case 'g':
          this.#mode = { kind: 'edit' };
          return;
        case 'p':
          scroll(mode.top - 1);
          return;
        case 'n':
          scroll(mode.top + 1);
          return;
        case 'y':
          scroll(mode.top - page);
          return;
        case 'v':
          scroll(mode.top + page);
          return;
        case 'l':
          this.#redraw = true;
          return;
        default:
          return;
      }
    }
    if (key.kind === 'function' && (key.number === 1 || key.number === 2)) {
      this.#mode = { kind: 'edit' };
    } else if (key.kind === 'arrow' && key.direction === 'up') scroll(mode.top - 1);
    else if (key.kind === 'arrow' && key.direction === 'down') scroll(mode.top + 1);
    else if (key.kind === 'page-up') scroll(mode.top - page);
    else if (key.kind === 'page-down') scroll(mode.top + page);
    else if (key.kind === 'home' || (key.kind === 'meta' && key.key === '\\')) scroll(0);
    else if (key.kind === 'end' || (key.kind === 'meta' && key.key === '/')) scroll(last);
  }
}
