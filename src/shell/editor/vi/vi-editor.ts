// A minimal vi, as Debian 12's vim.tiny behaves for someone fixing a config file: normal mode
// (h j k l and the arrows, 0 ^ $ w b e gg G, counts, x X dd dw D J r p P yy u Ctrl-R, / ? n N,
// Ctrl-F/B/D/U, Ctrl-G), insert mode (i a I A o O s S C cc cw), the command line (:w :q :q! :wq :x
// :w NAME :e! :N) and ZZ/ZQ, with vim's messages (E37, E45, E212, E486, E492, W10, `"f" 9L, 125B`)
// in the manner of its name (vi-messages.ts). A write that fails leaves the editor open, the text
// as typed.
//
// Simplified, on purpose: searches are for plain text (no regular expressions), `.` does not
// repeat, there are no marks, registers other than the unnamed one, visual mode, macros or :s;
// characters vi backspaces over vanish at once (vi leaves them on screen until they are typed
// over or insert mode ends, cpoptions' v); "N seconds ago" is always in seconds; a message of two
// lines (a failed :w!) is shown as its last line, without "Press ENTER".

import type { EditorFiles } from '../editor-files.ts';
import type { FullScreenEditor } from '../full-screen-program.ts';
import { columnOf, indexAtColumn, lineWidth } from '../display-columns.ts';
import { decodeKeys, type Key } from '../key-decoder.ts';
import { RowCanvas, type Frame, type Row, type ScreenSize, type Style } from '../screen-frame.ts';
import {
  TextBuffer,
  boundaries,
  comparePositions,
  nextBoundary,
  previousBoundary,
  type Position,
} from '../text-buffer.ts';
import { UndoHistory, type Snapshot } from '../undo-history.ts';
import {
  newFileMessage,
  readMessage,
  undoMessage,
  writtenMessage,
  type ViManner,
} from './vi-messages.ts';
import { layoutLine, lineHeight, windowRows } from './vi-screen.ts';

export interface ViOptions {
  readonly files: EditorFiles;
  /** The file named on the command line, as typed; '' for none. */
  readonly path: string;
  readonly size: ScreenSize;
  readonly manner: ViManner;
  /** -R or `view`: the file is readonly whatever its mode. */
  readonly readonly?: boolean;
  /** The machine's clock, ms (undo says how long ago a change was). */
  readonly now: () => number;
  /** `+N`: the line to start on (1-based); `+` alone: the last. */
  readonly line?: number;
}

type Mode =
  | { readonly kind: 'normal' }
  | { readonly kind: 'insert' }
  | { readonly kind: 'command'; readonly prompt: ':' | '/' | '?'; text: string };

interface Message {
  readonly text: string;
  readonly style: Style;
}

interface Register {
  readonly text: string;
  /** Whole lines (dd, yy): put below or above the line, not inside it. */
  readonly linewise: boolean;
}

/** A motion's result: where it goes, and how an operator takes the text up to there. */
interface Motion {
  readonly to: Position;
  readonly linewise: boolean;
  /** The character at `to` is part of the range (e, $). */
  readonly inclusive: boolean;
}

/** vim's character classes for word motions: blank, punctuation, word characters. */
function charClass(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || char === ' ' || char === '\t') return 0;
  return /[\p{L}\p{N}_]/u.test(char) ? 2 : 1;
}

function firstNonBlank(line: string): number {
  const match = /^[ \t]*/.exec(line);
  return match === null ? 0 : match[0].length;
}

export class ViEditor implements FullScreenEditor {
  readonly #files: EditorFiles;
  readonly #manner: ViManner;
  readonly #now: () => number;
  #size: ScreenSize;
  #path: string;
  /**
   * The name vim calls the file by in its messages (b_fname): shortened against the working
   * folder once the file is read, as typed when :w gave it.
   */
  #name = '';
  readonly #buffer = new TextBuffer();
  #cursor: Position = { line: 0, index: 0 };
  /** The display column vertical moves aim for; Infinity after `$` (vim's curswant). */
  #wanted = 0;
  #top = 0;
  #modified = false;
  #savedText = '';
  #readonly = false;
  #warnedReadonly = false;
  /** Set when the file is gone or unread (a directory, no permission): writing it needs a name. */
  #isDirectory = false;
  #mode: Mode = { kind: 'normal' };
  /** Where this insert began (vim's Insstart): vi's Backspace may not go back past it. */
  #insertStart: Position = { line: 0, index: 0 };
  #message: Message | undefined;
  /** Normal-mode keys typed so far of a command not complete yet (`2d` of `2dw`). */
  #pending = '';
  #register: Register | undefined;
  #lastSearch: { pattern: string; backwards: boolean } | undefined;
  readonly #history = new UndoHistory<string>();
  #redraw = false;
  #exitStatus: number | undefined;

  constructor(options: ViOptions) {
    this.#files = options.files;
    this.#manner = options.manner;
    this.#now = options.now;
    this.#size = options.size;
    this.#path = options.path;
    this.#readonly = options.readonly ?? false;
    this.#open();
    if (options.line !== undefined) {
      const last = this.#buffer.lineCount - 1;
      const line = Math.max(0, Math.min(last, options.line < 1 ? last : options.line - 1));
      this.#cursor = { line, index: firstNonBlank(this.#buffer.line(line)) };
      this.#settle();
    }
  }

  get exitStatus(): number | undefined {
    return this.#exitStatus;
  }

  /** The text as it would be written. */
  get text(): string {
    return this.#fileText();
  }

  get modified(): boolean {
    return this.#modified;
  }

  get cursor(): Position {
    return this.#cursor;
  }

  get mode(): Mode['kind'] {
    return this.#mode.kind;
  }

  takeRedraw(): boolean {
    const redraw = this.#redraw;
    this.#redraw = false;
    return redraw;
  }

  resize(size: ScreenSize): void {
    this.#size = size;
    // shell_resized(): the whole screen is drawn again, without the last message.
    this.#message = undefined;
    this.#scroll();
  }

  input(data: string): void {
    for (const key of decodeKeys(data, { meta: false })) {
      if (this.#exitStatus !== undefined) return;
      if (key.kind === 'text') {
        for (const char of key.text) {
          if (this.#exitStatus !== undefined) return;
          this.#key({ kind: 'text', text: char });
        }
      } else {
        this.#key(key);
      }
    }
  }

  // ——— The file ———

  get #textRows(): number {
    return Math.max(1, this.#size.rows - 1);
  }

  #fileText(): string {
    const lines = this.#buffer.lines;
    // An empty buffer is written as an empty file; otherwise every line ends with a newline.
    if (lines.length === 1 && lines[0] === '') return '';
    return `${lines.join('\n')}\n`;
  }

  #byteLength(text: string): number {
    return new TextEncoder().encode(text).length;
  }

  #open(): void {
    if (this.#path === '') return;
    // The message names the file as typed; vim shortens the name once the file is read.
    const name = this.#files.homeReplace(this.#files.expandTilde(this.#path));
    this.#name = this.#files.shortName(this.#path);
    const opened = this.#files.open(this.#path);
    switch (opened.kind) {
      case 'directory':
        this.#isDirectory = true;
        this.#say(`"${name}" is a directory`);
        return;
      case 'device':
        this.#say(`"${name}" is not a file`);
        return;
      case 'unreadable':
        this.#say(`"${name}" [Permission Denied]`);
        return;
      case 'missing':
        this.#say(newFileMessage(this.#manner, name, opened.folderProblem !== undefined));
        return;
      case 'text': {
        const noEol = opened.text !== '' && !opened.text.endsWith('\n');
        const body = noEol || opened.text === '' ? opened.text : opened.text.slice(0, -1);
        this.#buffer.setLines(body.split('\n'));
        this.#savedText = this.#fileText();
        this.#readonly = this.#readonly || opened.unwritable || opened.noWriteBits;
        const lines = opened.text === '' ? 0 : body.split('\n').length;
        this.#say(
          readMessage(this.#manner, name, {
            lines,
            bytes: opened.bytes,
            readonly: this.#readonly,
            noEol,
          }),
        );
        return;
      }
    }
  }

  // ——— Messages ———

  #say(text: string, style: Style = 'plain'): void {
    this.#message = { text, style };
  }

  #error(text: string): void {
    this.#message = { text, style: 'error' };
  }

  // ——— Drawing ———

  frame(): Frame {
    const { columns, rows } = this.#size;
    const { rows: text, starts } = windowRows(
      this.#buffer.lines,
      this.#top,
      this.#textRows,
      columns,
    );
    const out: Row[] = [...text];
    const last = new RowCanvas(columns);
    const mode = this.#mode;
    let cursor: Frame['cursor'];
    if (mode.kind === 'command') {
      const end = last.put(0, `${mode.prompt}${mode.text}`);
      cursor = { row: rows - 1, column: Math.min(columns - 1, end) };
    } else {
      if (this.#message !== undefined) last.put(0, this.#message.text, this.#message.style);
      else if (mode.kind === 'insert' && !this.#manner.compatible)
        last.put(0, '-- INSERT --', 'bold');
      if (!this.#manner.compatible) this.#ruler(last, columns);
      const start = starts.get(this.#cursor.line) ?? 0;
      const line = this.#buffer.line(this.#cursor.line);
      const place = layoutLine(line, columns).at.get(this.#cursor.index) ?? {
        row: 0,
        column: 0,
        width: 1,
      };
      // In normal mode the cursor sits on a tab's last column, as vi shows it.
      const onTab = mode.kind === 'normal' && line[this.#cursor.index] === '\t';
      cursor = {
        row: Math.min(this.#textRows - 1, start + place.row),
        column: Math.min(columns - 1, place.column + (onTab ? place.width - 1 : 0)),
      };
    }
    out.push(last.toRow());
    return { rows: out.slice(0, rows), cursor };
  }

  /** vim's ruler, 18 columns from the right: `12,5-9` and All/Top/Bot/NN%. */
  #ruler(canvas: RowCanvas, columns: number): void {
    const lines = this.#buffer.lines;
    const empty = lines.length === 1 && lines[0] === '';
    const line = this.#buffer.line(this.#cursor.line);
    const bytes = this.#byteLength(line.slice(0, this.#cursor.index));
    const virtual = columnOf(line, this.#cursor.index) + 1;
    const byteColumn = line === '' ? 0 : bytes + 1;
    const col = byteColumn === virtual ? `${byteColumn}` : `${byteColumn}-${virtual}`;
    const position = `${empty ? 0 : this.#cursor.line + 1},${col}`;
    const at = Math.max(0, columns - 18);
    canvas.put(at, position);
    canvas.put(at + 14, this.#percentage());
  }

  #percentage(): string {
    const { starts } = windowRows(
      this.#buffer.lines,
      this.#top,
      this.#textRows,
      this.#size.columns,
    );
    const shownLast = Math.max(...starts.keys(), this.#top);
    const above = this.#top;
    const below = this.#buffer.lineCount - 1 - shownLast;
    if (above <= 0 && below <= 0) return 'All';
    if (above <= 0) return 'Top';
    if (below <= 0) return 'Bot';
    return `${Math.floor((above * 100) / (above + below))}%`;
  }

  /** Moves the window so the cursor's line shows whole; far jumps put it in the middle. */
  #scroll(): void {
    const line = this.#cursor.line;
    const rows = this.#textRows;
    const columns = this.#size.columns;
    if (line < this.#top) {
      this.#top = this.#top - line > rows / 2 ? this.#centred(line) : line;
      return;
    }
    let used = 0;
    for (let i = this.#top; i <= line; i++) used += lineHeight(this.#buffer.line(i), columns);
    if (used <= rows) return;
    let shownEnd = this.#top;
    let fill = 0;
    while (shownEnd < line && fill + lineHeight(this.#buffer.line(shownEnd), columns) <= rows) {
      fill += lineHeight(this.#buffer.line(shownEnd), columns);
      shownEnd++;
    }
    if (line - shownEnd > rows / 2) {
      this.#top = this.#centred(line);
      return;
    }
    while (used > rows && this.#top < line) {
      used -= lineHeight(this.#buffer.line(this.#top), columns);
      this.#top++;
    }
  }

  #centred(line: number): number {
    let top = line;
    let used = lineHeight(this.#buffer.line(line), this.#size.columns);
    const half = Math.floor(this.#textRows / 2);
    while (top > 0) {
      const height = lineHeight(this.#buffer.line(top - 1), this.#size.columns);
      if (used + height > half + 1) break;
      used += height;
      top--;
    }
    return top;
  }

  // ——— Keys ———

  #key(key: Key): void {
    const lines = this.#buffer.lineCount;
    const rows = this.#rowsOfCursorLine();
    const message = this.#message;
    switch (this.#mode.kind) {
      case 'normal':
        this.#normalKey(key);
        break;
      case 'insert':
        this.#insertKey(key);
        break;
      case 'command':
        this.#commandKey(this.#mode, key);
        break;
    }
    // Lines coming or going, or a line wrapping onto more or fewer rows, scroll the screen below
    // them, message row included: vim's message goes unless the command said something new.
    const shifted = this.#buffer.lineCount !== lines || this.#rowsOfCursorLine() !== rows;
    if (shifted && this.#message === message) this.#message = undefined;
    this.#settle();
  }

  /** How many screen rows the cursor's line takes. */
  #rowsOfCursorLine(): number {
    return lineHeight(this.#line(), this.#size.columns);
  }

  /** Keeps the cursor where the mode allows (in normal mode, on a character) and in view. */
  #settle(): void {
    this.#cursor = this.#buffer.clamp(this.#cursor);
    if (this.#mode.kind !== 'insert') {
      const line = this.#buffer.line(this.#cursor.line);
      if (line !== '' && this.#cursor.index >= line.length) {
        this.#cursor = { line: this.#cursor.line, index: previousBoundary(line, line.length) };
      }
    }
    this.#scroll();
  }

  #line(): string {
    return this.#buffer.line(this.#cursor.line);
  }

  #setCursor(to: Position, keepWanted = false): void {
    this.#cursor = this.#buffer.clamp(to);
    if (!keepWanted) this.#wanted = columnOf(this.#line(), this.#cursor.index);
  }

  // ——— Normal mode ———

  #normalKey(key: Key): void {
    const special = (): string | undefined => {
      switch (key.kind) {
        case 'arrow':
          return { left: 'h', right: 'l', up: 'k', down: 'j' }[key.direction];
        case 'home':
          return '0';
        case 'end':
          return '$';
        case 'enter':
          return '+';
        case 'backspace':
          return 'h';
        case 'delete':
          return 'x';
        case 'insert':
          return 'i';
        case 'page-down':
          return '\x06';
        case 'page-up':
          return '\x02';
        case 'control':
          return String.fromCharCode(key.letter.charCodeAt(0) - 0x60);
        default:
          return undefined;
      }
    };
    if (key.kind === 'escape') {
      this.#pending = '';
      return;
    }
    if (key.kind === 'paste') {
      // A bracketed paste in normal mode goes in as text, as vim 9 does.
      this.#pending = '';
      this.#startChange();
      this.#insertText(key.text.replace(/\r\n?/g, '\n'));
      this.#history.close();
      return;
    }
    const char = key.kind === 'text' ? key.text : special();
    if (char === undefined) return;
    if (char === '\x03') {
      this.#pending = '';
      this.#say(
        this.#modified
          ? 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim'
          : 'Type  :qa  and press <Enter> to exit Vim',
      );
      return;
    }
    this.#pending += char;
    // A count is digits not starting with 0: a 0 of its own is the motion to the line's start.
    const match = /^([1-9]\d*)?(.*)$/su.exec(this.#pending);
    const countText = match?.[1];
    const command = match?.[2] ?? '';
    if (command === '') return;
    const n = countText === undefined ? 1 : Number(countText);
    const done = this.#normalCommand(command, n, countText !== undefined);
    if (done) this.#pending = '';
  }

  /** Runs a normal-mode command; false when more keys are needed (`d`, `g`, `r`…). */
  #normalCommand(command: string, n: number, counted: boolean): boolean {
    const first = command[0]!;
    // Operators wait for their motion.
    if (first === 'd' || first === 'c' || first === 'y') {
      if (command.length === 1) return false;
      const rest = command.slice(1);
      const inner = /^([1-9]\d*)?(.*)$/su.exec(rest);
      const innerCount = inner?.[1] === undefined ? 1 : Number(inner[1]);
      const motionKeys = inner?.[2] ?? '';
      if (motionKeys === '') return false;
      const total = n * innerCount;
      if (motionKeys === first) {
        this.#operate(first, this.#linesMotion(total - 1));
        return true;
      }
      if (motionKeys === 'g') return false;
      const motion = this.#motion(motionKeys, total, counted || inner?.[1] !== undefined, first);
      if (motion === 'pending') return false;
      if (motion !== undefined) this.#operate(first, motion);
      return true;
    }
    // `[` and `]` take a second key; none of their commands is simulated, so both keys go.
    if (first === '[' || first === ']') return command.length > 1;
    if (first === 'g' || first === 'Z' || first === 'r') {
      if (command.length === 1) return false;
      if (first === 'r') {
        this.#replaceChar(command.slice(1), n);
        return true;
      }
      if (first === 'Z') {
        if (command === 'ZZ') this.#ex('x');
        else if (command === 'ZQ') this.#ex('q!');
        return true;
      }
    }
    const motion = this.#motion(command, n, counted, undefined);
    if (motion === 'pending') return false;
    if (motion !== undefined) {
      this.#history.close();
      this.#setCursor(motion.to, motion.to.index === Infinity);
      if (command === '$') this.#wanted = Infinity;
      if (command === 'j' || command === 'k' || command === '\x0e' || command === '\x10') {
        const line = this.#line();
        this.#cursor = {
          line: this.#cursor.line,
          index: indexAtColumn(line, this.#wanted === Infinity ? lineWidth(line) : this.#wanted),
        };
      }
      return true;
    }
    this.#action(command, n);
    return true;
  }

  /** Lines from the cursor's down `extra` more: the range of dd, yy, cc. */
  #linesMotion(extra: number): Motion {
    const line = Math.min(this.#buffer.lineCount - 1, this.#cursor.line + extra);
    return { to: { line, index: 0 }, linewise: true, inclusive: true };
  }

  /** The motions; undefined when `keys` is not one, 'pending' when it is the start of one. */
  #motion(
    keys: string,
    n: number,
    counted: boolean,
    operator: string | undefined,
  ): Motion | 'pending' | undefined {
    const { line, index } = this.#cursor;
    const text = this.#line();
    const last = this.#buffer.lineCount - 1;
    const charwise = (to: Position, inclusive = false): Motion => ({
      to,
      linewise: false,
      inclusive,
    });
    const linewise = (target: number): Motion => {
      const l = Math.max(0, Math.min(last, target));
      return {
        to: { line: l, index: firstNonBlank(this.#buffer.line(l)) },
        linewise: true,
        inclusive: true,
      };
    };
    switch (keys) {
      case 'h': {
        let i = index;
        for (let k = 0; k < n && i > 0; k++) i = previousBoundary(text, i);
        return charwise({ line, index: i });
      }
      case 'l':
      case ' ': {
        let i = index;
        // Without an operator the cursor stops on the last character; `dl` may take it.
        const end = operator === undefined ? previousBoundary(text, text.length) : text.length;
        for (let k = 0; k < n && i < end; k++) i = nextBoundary(text, i);
        return charwise({ line, index: i });
      }
      case 'j':
      case '\x0e':
        return { to: { line: Math.min(last, line + n), index }, linewise: true, inclusive: true };
      case 'k':
      case '\x10':
        return { to: { line: Math.max(0, line - n), index }, linewise: true, inclusive: true };
      case '+':
      case '\r':
        return linewise(line + n);
      case '-':
        return linewise(line - n);
      case '0':
        return charwise({ line, index: 0 });
      case '^':
        return charwise({ line, index: firstNonBlank(text) });
      case '$': {
        const target = Math.min(last, line + n - 1);
        const t = this.#buffer.line(target);
        return charwise(
          {
            line: target,
            index: operator === undefined ? previousBoundary(t, t.length) : t.length,
          },
          false,
        );
      }
      case 'G':
        return linewise(counted ? n - 1 : last);
      case 'g':
        return 'pending';
      case 'gg':
        return linewise(counted ? n - 1 : 0);
      case 'w':
      case 'W': {
        let to: Position = this.#cursor;
        for (let k = 0; k < n; k++)
          to = this.#wordForward(to, operator !== undefined && k === n - 1);
        // `dw` on a line's last word stops at the line's end (vim's special case).
        if (operator !== undefined && to.line > line) {
          to = { line, index: text.length };
          if (operator === 'c') return charwise(to);
        }
        if (operator === 'c') return charwise(this.#wordEnd(this.#cursor, n, true), true);
        return charwise(to);
      }
      case 'e':
      case 'E':
        return charwise(this.#wordEnd(this.#cursor, n, false), true);
      case 'b':
      case 'B': {
        let to: Position = this.#cursor;
        for (let k = 0; k < n; k++) to = this.#wordBackward(to);
        return charwise(to);
      }
      case 'n':
      case 'N':
        return this.#searchMotion(keys === 'N');
      default:
        return undefined;
    }
  }

  #charAt(pos: Position): string | undefined {
    const text = this.#buffer.line(pos.line);
    if (pos.index >= text.length) return undefined;
    return String.fromCodePoint(text.codePointAt(pos.index) ?? 0);
  }

  /** One `w`: past this word (or run of punctuation) and the blanks after it. */
  #wordForward(from: Position, stopAtLineEnd: boolean): Position {
    let { line, index } = from;
    let text = this.#buffer.line(line);
    const last = this.#buffer.lineCount - 1;
    const start = charClass(this.#charAt(from));
    if (start !== 0) {
      while (index < text.length && charClass(this.#charAt({ line, index })) === start) {
        index = nextBoundary(text, index);
      }
    }
    for (;;) {
      if (index >= text.length) {
        if (line >= last || (stopAtLineEnd && line === from.line && index > from.index)) {
          return { line, index: text.length };
        }
        line++;
        index = 0;
        text = this.#buffer.line(line);
        if (text === '') return { line, index: 0 };
        continue;
      }
      if (charClass(this.#charAt({ line, index })) !== 0) return { line, index };
      index = nextBoundary(text, index);
    }
  }

  /**
   * The position after `pos` in vim's inc_cursor() order: the next character, then the end of
   * the line (which counts as a blank), then the next line's start; undefined at the buffer's end.
   */
  #stepForward(pos: Position): Position | undefined {
    const text = this.#buffer.line(pos.line);
    if (pos.index < text.length) return { line: pos.line, index: nextBoundary(text, pos.index) };
    if (pos.line >= this.#buffer.lineCount - 1) return undefined;
    return { line: pos.line + 1, index: 0 };
  }

  /** The last character of the run of class `cls` that `pos` is in (runs end at the line end). */
  #runEnd(pos: Position, cls: 0 | 1 | 2): Position {
    const text = this.#buffer.line(pos.line);
    let index = pos.index;
    for (;;) {
      const next = nextBoundary(text, index);
      if (next >= text.length || charClass(this.#charAt({ line: pos.line, index: next })) !== cls) {
        return { line: pos.line, index };
      }
      index = next;
    }
  }

  /**
   * `e` (search.c end_word()): to the end of this word, or of the next one when already at an
   * end. `stop` is cw's case: a word's end is where the change stops, not a reason to go on.
   */
  #wordEnd(from: Position, n: number, stop: boolean): Position {
    let pos = from;
    for (let k = 0; k < n; k++) {
      const start = charClass(this.#charAt(pos));
      let next = this.#stepForward(pos);
      if (next === undefined) return pos;
      if (charClass(this.#charAt(next)) === start && start !== 0) {
        pos = this.#runEnd(next, start);
      } else if (!(stop && k === 0) || start === 0) {
        while (charClass(this.#charAt(next)) === 0) {
          const after = this.#stepForward(next);
          if (after === undefined) return pos;
          next = after;
        }
        pos = this.#runEnd(next, charClass(this.#charAt(next)));
      }
    }
    return pos;
  }

  /** One `b`: back to the start of this or the previous word. */
  #wordBackward(from: Position): Position {
    let { line, index } = from;
    let text = this.#buffer.line(line);
    const back = (): boolean => {
      if (index > 0) {
        index = previousBoundary(text, index);
        return true;
      }
      if (line === 0) return false;
      line--;
      text = this.#buffer.line(line);
      index = text.length;
      if (text === '') return false;
      index = previousBoundary(text, index);
      return true;
    };
    if (!back()) return { line, index };
    while (charClass(this.#charAt({ line, index })) === 0) {
      if (text === '' || !back()) return { line, index };
    }
    const cls = charClass(this.#charAt({ line, index }));
    while (index > 0) {
      const before = previousBoundary(text, index);
      if (charClass(this.#charAt({ line, index: before })) !== cls) break;
      index = before;
    }
    return { line, index };
  }

  #snapshot(): Snapshot {
    return { lines: [...this.#buffer.lines], cursor: this.#cursor };
  }

  /** Before a change: an undo step, and vim's warning the first time a readonly file changes. */
  #startChange(continues = false): void {
    this.#history.before('change', () => this.#snapshot(), continues, this.#now());
    if (this.#readonly && !this.#warnedReadonly) {
      this.#warnedReadonly = true;
      this.#say('W10: Warning: Changing a readonly file', 'error');
    }
  }

  #changed(): void {
    this.#modified = this.#fileText() !== this.#savedText || this.#modified;
  }

  /** d, c and y over a motion. */
  #operate(operator: string, motion: Motion): void {
    const from = this.#cursor;
    let a: Position = from;
    let b: Position = motion.to;
    if (comparePositions(a, b) > 0) [a, b] = [b, a];
    if (motion.linewise) {
      const first = a.line;
      const lastLine = b.line;
      const count = lastLine - first + 1;
      const text = this.#buffer.lines.slice(first, lastLine + 1).join('\n');
      this.#register = { text, linewise: true };
      if (operator === 'y') {
        if (count > 2) this.#say(`${count} lines yanked`);
        this.#setCursor({
          line: first,
          index: Math.min(from.index, this.#buffer.line(first).length),
        });
        return;
      }
      this.#startChange();
      if (operator === 'c') {
        this.#buffer.delete(
          { line: first, index: 0 },
          { line: lastLine, index: this.#buffer.line(lastLine).length },
        );
        this.#changed();
        this.#setCursor({ line: first, index: 0 });
        this.#enterInsert(true);
        return;
      }
      const total = this.#buffer.lineCount;
      if (count >= total) {
        this.#buffer.setLines(['']);
        this.#say('--No lines in buffer--');
      } else if (lastLine < total - 1) {
        this.#buffer.delete({ line: first, index: 0 }, { line: lastLine + 1, index: 0 });
      } else {
        this.#buffer.delete(
          { line: first - 1, index: this.#buffer.line(first - 1).length },
          { line: lastLine, index: this.#buffer.line(lastLine).length },
        );
      }
      if (count > 2) this.#say(`${count} fewer lines`);
      this.#changed();
      const line = Math.min(first, this.#buffer.lineCount - 1);
      this.#setCursor({ line, index: firstNonBlank(this.#buffer.line(line)) });
      return;
    }
    if (motion.inclusive)
      b = { line: b.line, index: nextBoundary(this.#buffer.line(b.line), b.index) };
    if (comparePositions(a, b) === 0 && operator !== 'c') return;
    const text = this.#buffer.slice(a, b);
    this.#register = { text, linewise: false };
    if (operator === 'y') {
      this.#setCursor(a);
      return;
    }
    this.#startChange();
    this.#buffer.delete(a, b);
    this.#changed();
    this.#setCursor(a);
    if (operator === 'c') this.#enterInsert(true);
  }

  #replaceChar(replacement: string, n: number): void {
    const text = this.#line();
    const bounds = boundaries(text);
    const start = bounds.indexOf(this.#cursor.index);
    if (start < 0 || start + n >= bounds.length) return;
    if (replacement === '\r' || replacement === '\x1b') return;
    this.#startChange();
    const end = bounds[start + n]!;
    this.#buffer.delete(this.#cursor, { line: this.#cursor.line, index: end });
    const after = this.#buffer.insert(this.#cursor, replacement.repeat(n));
    this.#changed();
    this.#setCursor({ line: after.line, index: previousBoundary(this.#line(), after.index) });
  }

  /** Commands that are not motions or operators. */
  #action(command: string, n: number): void {
    const { line, index } = this.#cursor;
    const text = this.#line();
    switch (command) {
      case 'i':
        this.#enterInsert();
        return;
      case 'a':
        this.#setCursor({ line, index: nextBoundary(text, index) });
        this.#enterInsert();
        return;
      case 'I':
        this.#setCursor({ line, index: firstNonBlank(text) });
        this.#enterInsert();
        return;
      case 'A':
        this.#setCursor({ line, index: text.length });
        this.#enterInsert();
        return;
      case 'o':
      case 'O': {
        this.#startChange();
        const at: Position = command === 'o' ? { line, index: text.length } : { line, index: 0 };
        this.#buffer.insert(at, '\n');
        this.#changed();
        this.#setCursor({ line: command === 'o' ? line + 1 : line, index: 0 });
        this.#enterInsert(true);
        return;
      }
      case 'x':
      case 'X': {
        if (text === '') return;
        let a = index;
        let b = index;
        for (let k = 0; k < n; k++) {
          if (command === 'x' && b < text.length) b = nextBoundary(text, b);
          if (command === 'X' && a > 0) a = previousBoundary(text, a);
        }
        if (a === b) return;
        this.#register = { text: text.slice(a, b), linewise: false };
        this.#startChange();
        this.#buffer.delete({ line, index: a }, { line, index: b });
        this.#changed();
        this.#setCursor({ line, index: a });
        return;
      }
      case 'D':
        this.#operate('d', {
          to: { line, index: this.#line().length },
          linewise: false,
          inclusive: false,
        });
        return;
      case 'C':
        this.#operate('c', {
          to: { line, index: this.#line().length },
          linewise: false,
          inclusive: false,
        });
        return;
      case 's':
        this.#operate('c', {
          to: { line, index: nextBoundary(text, index) },
          linewise: false,
          inclusive: false,
        });
        return;
      case 'S':
        this.#operate('c', this.#linesMotion(n - 1));
        return;
      case 'Y':
        this.#operate('y', this.#linesMotion(n - 1));
        return;
      case 'p':
      case 'P':
        this.#put(command === 'P', n);
        return;
      case 'J':
        this.#join(Math.max(2, n));
        return;
      case '~': {
        if (text === '') return;
        const end = nextBoundary(text, index);
        const char = text.slice(index, end);
        const swapped = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
        this.#startChange();
        this.#buffer.delete(this.#cursor, { line, index: end });
        this.#buffer.insert(this.#cursor, swapped);
        this.#changed();
        this.#setCursor({ line, index: nextBoundary(this.#line(), index) });
        return;
      }
      case 'u':
        this.#undo();
        return;
      case '\x12':
        this.#redo();
        return;
      case ':':
      case '/':
      case '?':
        this.#mode = { kind: 'command', prompt: command, text: '' };
        return;
      case '\x06':
      case '\x02':
        this.#page(command === '\x06' ? 1 : -1, n);
        return;
      case '\x04':
      case '\x15':
        this.#halfPage(command === '\x04' ? 1 : -1);
        return;
      case '\x07':
        this.#fileInfo();
        return;
      case '\x0c':
        this.#redraw = true;
        return;
      default:
        // An unknown key: vim beeps and does nothing.
        return;
    }
  }

  #enterInsert(changing = false): void {
    this.#mode = { kind: 'insert' };
    this.#insertStart = this.#cursor;
    if (!changing) this.#history.close();
    if (!this.#manner.compatible) this.#message = undefined;
  }

  #put(before: boolean, n: number): void {
    const register = this.#register;
    if (register === undefined) {
      this.#error('E353: Nothing in register "');
      return;
    }
    this.#startChange();
    const { line, index } = this.#cursor;
    if (register.linewise) {
      const text = Array.from({ length: n }, () => register.text).join('\n');
      if (before) this.#buffer.insert({ line, index: 0 }, `${text}\n`);
      else this.#buffer.insert({ line, index: this.#line().length }, `\n${text}`);
      const target = before ? line : line + 1;
      this.#changed();
      this.#setCursor({ line: target, index: firstNonBlank(this.#buffer.line(target)) });
      const added = text.split('\n').length;
      if (added > 2) this.#say(`${added} more lines`);
      return;
    }
    const at = before || this.#line() === '' ? index : nextBoundary(this.#line(), index);
    const end = this.#buffer.insert({ line, index: at }, register.text.repeat(n));
    this.#changed();
    this.#setCursor({
      line: end.line,
      index: previousBoundary(this.#buffer.line(end.line), end.index),
    });
  }

  #join(count: number): void {
    const { line } = this.#cursor;
    if (line >= this.#buffer.lineCount - 1) return;
    this.#startChange();
    let joinAt = 0;
    for (let k = 1; k < count && line < this.#buffer.lineCount - 1; k++) {
      const current = this.#buffer.line(line);
      const next = this.#buffer.line(line + 1);
      const trimmed = next.replace(/^[ \t]+/, '');
      const spacer =
        current === '' || current.endsWith(' ') || trimmed.startsWith(')') || trimmed === ''
          ? ''
          : ' ';
      this.#buffer.delete(
        { line, index: current.length },
        { line: line + 1, index: next.length - trimmed.length },
      );
      this.#buffer.insert({ line, index: current.length }, spacer);
      joinAt = current.length;
    }
    this.#changed();
    this.#setCursor({ line, index: joinAt });
  }

  #undo(): void {
    const entry = this.#history.undo(this.#snapshot());
    if (entry === undefined) {
      this.#say('Already at oldest change');
      return;
    }
    this.#restore(entry.state, 'before', entry.seq, entry.time);
  }

  #redo(): void {
    const entry = this.#history.redo(this.#snapshot());
    if (entry === undefined) {
      this.#say('Already at newest change');
      return;
    }
    this.#restore(entry.state, 'after', entry.seq, entry.time);
  }

  #restore(state: Snapshot, direction: 'before' | 'after', seq: number, time: number): void {
    const before = this.#buffer.lineCount;
    this.#buffer.setLines(state.lines);
    this.#setCursor(state.cursor);
    this.#modified = this.#fileText() !== this.#savedText;
    const seconds = Math.max(0, Math.floor((this.#now() - time) / 1000));
    // vim numbers the state it went to: undoing step 2 leaves you "before #2".
    this.#say(undoMessage(before, this.#buffer.lineCount, direction, seq, seconds));
  }

  #page(direction: 1 | -1, n: number): void {
    const step = Math.max(1, this.#textRows - 2) * n;
    const last = this.#buffer.lineCount - 1;
    this.#top = Math.max(0, Math.min(last, this.#top + direction * step));
    const line = direction > 0 ? this.#top : Math.min(last, this.#top + this.#textRows - 1);
    this.#setCursor({ line, index: firstNonBlank(this.#buffer.line(line)) });
  }

  #halfPage(direction: 1 | -1): void {
    const step = Math.max(1, Math.floor(this.#textRows / 2));
    const last = this.#buffer.lineCount - 1;
    this.#top = Math.max(0, Math.min(Math.max(0, last - 1), this.#top + direction * step));
    const line = Math.max(0, Math.min(last, this.#cursor.line + direction * step));
    this.#setCursor({ line, index: firstNonBlank(this.#buffer.line(line)) });
  }

  /**
   * Ctrl-G (buffer.c fileinfo()): the name and flags, then — with the ruler on (vim.tiny) — the
   * line count and where the cursor is in percent, or — without it (vi) — the line and column too.
   */
  #fileInfo(): void {
    const name = this.#path === '' ? '[No Name]' : this.#files.homeReplace(this.#name);
    const lines = this.#buffer.lineCount;
    const flags = `${this.#modified ? ' [Modified]' : ' '}${this.#readonly ? '[readonly]' : ''}`;
    const gap = this.#modified || this.#readonly ? ' ' : '';
    const head = `"${name}"${flags}${gap}`;
    if (lines === 1 && this.#line() === '') {
      this.#say(`${head}--No lines in buffer--`);
      return;
    }
    const pct = Math.floor(((this.#cursor.line + 1) * 100) / lines);
    if (!this.#manner.compatible) {
      this.#say(`${head}${lines} line${lines === 1 ? '' : 's'} --${pct}%--`);
      return;
    }
    const line = this.#line();
    const byte = this.#byteLength(line.slice(0, this.#cursor.index)) + 1;
    const column = columnOf(line, this.#cursor.index) + 1;
    const col = byte === column ? `${byte}` : `${byte}-${column}`;
    this.#say(`${head}line ${this.#cursor.line + 1} of ${lines} --${pct}%-- col ${col}`);
  }

  // ——— Insert mode ———

  #insertText(text: string): void {
    this.#cursor = this.#buffer.insert(this.#cursor, text);
    this.#changed();
    this.#wanted = columnOf(this.#line(), this.#cursor.index);
  }

  /**
   * vi's 'compatible' has 'noesckeys': in insert mode the Esc a cursor key starts with ends the
   * insert and the rest of the key is read in normal mode. An arrow (xterm's `Esc O A` in the
   * keypad mode vim sets) opens a line above and types its letter; so do Home, End and F1–F4
   * (`Esc O H`, `Esc O P`); Page Up, Delete and the like (`Esc [ 5 ~`) stop at `[5`, which vim
   * rejects with a beep, throwing away the rest. Returns whether the key was one of those.
   */
  #withoutEscKeys(key: Key): boolean {
    const arrows = { up: 'A', down: 'B', right: 'C', left: 'D' } as const;
    let rest: string;
    if (key.kind === 'arrow') rest = key.ctrl ? '' : `O${arrows[key.direction]}`;
    else if (key.kind === 'home') rest = 'OH';
    else if (key.kind === 'end') rest = 'OF';
    else if (key.kind === 'function') rest = key.number <= 4 ? `O${'PQRS'[key.number - 1]!}` : '';
    else if (['page-up', 'page-down', 'delete', 'insert', 'unknown'].includes(key.kind)) rest = '';
    else return false;
    this.#leaveInsert();
    for (const char of rest) this.#key({ kind: 'text', text: char });
    return true;
  }

  /** Whether Backspace may erase before the cursor ('backspace' is empty for vi, full for vim). */
  #mayBackspace(): boolean {
    const { line, index } = this.#cursor;
    if (!this.#manner.compatible) return line > 0 || index > 0;
    const start = this.#insertStart;
    return index > 0 && !(line === start.line && index <= start.index);
  }

  #insertKey(key: Key): void {
    if (this.#manner.compatible && this.#withoutEscKeys(key)) return;
    switch (key.kind) {
      case 'escape':
        this.#leaveInsert();
        return;
      case 'control':
        if (key.letter === 'c' || key.letter === '[') this.#leaveInsert();
        else if (key.letter === 'h') this.#insertKey({ kind: 'backspace' });
        else if (key.letter === 'm' || key.letter === 'j') this.#insertKey({ kind: 'enter' });
        else if (key.letter === 'i') this.#insertKey({ kind: 'tab' });
        else if (key.letter === 'w' || key.letter === 'u') this.#deleteBackTo(key.letter === 'w');
        return;
      case 'text':
        this.#startChange(true);
        this.#insertText(key.text);
        return;
      case 'paste':
        this.#startChange(true);
        this.#insertText(key.text.replace(/\r\n?/g, '\n'));
        return;
      case 'tab':
        this.#startChange(true);
        this.#insertText('\t');
        return;
      case 'enter':
        this.#startChange(true);
        this.#insertText('\n');
        return;
      case 'backspace': {
        const { line, index } = this.#cursor;
        if (!this.#mayBackspace()) return;
        this.#startChange(true);
        const from: Position =
          index > 0
            ? { line, index: previousBoundary(this.#line(), index) }
            : { line: line - 1, index: this.#buffer.line(line - 1).length };
        this.#buffer.delete(from, this.#cursor);
        this.#cursor = from;
        this.#changed();
        return;
      }
      case 'delete': {
        const { line, index } = this.#cursor;
        const text = this.#line();
        if (index >= text.length && line >= this.#buffer.lineCount - 1) return;
        this.#startChange(true);
        const to: Position =
          index < text.length
            ? { line, index: nextBoundary(text, index) }
            : { line: line + 1, index: 0 };
        this.#buffer.delete(this.#cursor, to);
        this.#changed();
        return;
      }
      case 'arrow':
      case 'home':
      case 'end':
      case 'page-up':
      case 'page-down': {
        // Moving in insert mode starts a new undo step, as in vim.
        this.#history.close();
        const { line, index } = this.#cursor;
        const text = this.#line();
        if (key.kind === 'home') this.#setCursor({ line, index: 0 });
        else if (key.kind === 'end') this.#setCursor({ line, index: text.length });
        else if (key.kind === 'page-up' || key.kind === 'page-down')
          this.#page(key.kind === 'page-down' ? 1 : -1, 1);
        else if (key.direction === 'left' && index > 0)
          this.#setCursor({ line, index: previousBoundary(text, index) });
        else if (key.direction === 'right' && index < text.length)
          this.#setCursor({ line, index: nextBoundary(text, index) });
        else if (key.direction === 'up' || key.direction === 'down') {
          const target = line + (key.direction === 'up' ? -1 : 1);
          if (target >= 0 && target < this.#buffer.lineCount) {
            this.#cursor = {
              line: target,
              index: indexAtColumn(this.#buffer.line(target), this.#wanted),
            };
          }
        }
        return;
      }
      default:
        return;
    }
  }

  #deleteBackTo(word: boolean): void {
    const { line, index } = this.#cursor;
    if (index === 0 || !this.#mayBackspace()) return;
    let from = word ? this.#wordBackward(this.#cursor) : { line, index: 0 };
    if (from.line !== line) from = { line, index: 0 };
    const start = this.#insertStart;
    if (this.#manner.compatible && line === start.line && from.index < start.index) {
      from = { line, index: start.index };
    }
    this.#startChange(true);
    this.#buffer.delete(from, this.#cursor);
    this.#cursor = from;
    this.#changed();
  }

  #leaveInsert(): void {
    this.#mode = { kind: 'normal' };
    this.#history.close();
    const { line, index } = this.#cursor;
    if (index > 0) this.#cursor = { line, index: previousBoundary(this.#line(), index) };
    this.#wanted = columnOf(this.#line(), this.#cursor.index);
  }

  // ——— The command line ———

  #commandKey(mode: Extract<Mode, { kind: 'command' }>, key: Key): void {
    switch (key.kind) {
      case 'text':
      case 'paste':
        mode.text += key.text.split(/\r\n?|\n/)[0] ?? '';
        return;
      case 'tab':
        mode.text += '\t';
        return;
      case 'backspace':
        if (mode.text === '') {
          this.#mode = { kind: 'normal' };
          this.#message = undefined;
        } else {
          mode.text = mode.text.slice(0, previousBoundary(mode.text, mode.text.length));
        }
        return;
      case 'escape':
        this.#mode = { kind: 'normal' };
        this.#message = undefined;
        return;
      case 'control':
        if (key.letter === 'c' || key.letter === '[') {
          this.#mode = { kind: 'normal' };
          this.#message = undefined;
        } else if (key.letter === 'u') {
          mode.text = '';
        } else if (key.letter === 'h') {
          this.#commandKey(mode, { kind: 'backspace' });
        } else if (key.letter === 'm' || key.letter === 'j') {
          this.#commandKey(mode, { kind: 'enter' });
        }
        return;
      case 'enter': {
        this.#mode = { kind: 'normal' };
        // The command stays on the command line unless it says something.
        this.#say(`${mode.prompt}${mode.text}`);
        if (mode.prompt === ':') this.#ex(mode.text);
        else this.#search(mode.text, mode.prompt === '?');
        return;
      }
      default:
        return;
    }
  }

  // ——— Searching ———

  #search(pattern: string, backwards: boolean): void {
    if (pattern === '') {
      if (this.#lastSearch === undefined) {
        this.#error('E35: No previous regular expression');
        return;
      }
      this.#lastSearch = { pattern: this.#lastSearch.pattern, backwards };
    } else {
      this.#lastSearch = { pattern, backwards };
    }
    const found = this.#searchMotion(false);
    if (found !== undefined) this.#setCursor(found.to);
  }

  /** n (N: the other way): the next match from the cursor, wrapping around with vim's warning. */
  #searchMotion(reverse: boolean): Motion | undefined {
    const last = this.#lastSearch;
    if (last === undefined) {
      this.#error('E35: No previous regular expression');
      return undefined;
    }
    const backwards = last.backwards !== reverse;
    const { pattern } = last;
    const count = this.#buffer.lineCount;
    const { line, index } = this.#cursor;
    const positions = (l: number): number[] => {
      const text = this.#buffer.line(l);
      const out: number[] = [];
      for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + 1)) out.push(i);
      return out;
    };
    const here = positions(line);
    let hit = backwards ? here.filter((i) => i < index).at(-1) : here.find((i) => i > index);
    let target = line;
    let wrapped = false;
    for (let step = 1; hit === undefined && step <= count; step++) {
      let l = backwards ? line - step : line + step;
      if (l < 0 || l >= count) {
        wrapped = true;
        l = (l + count) % count;
      }
      const list = positions(l);
      hit = backwards ? list.at(-1) : list[0];
      target = l;
    }
    if (hit === undefined) {
      this.#error(`E486: Pattern not found: ${pattern}`);
      return undefined;
    }
    this.#say(`${backwards ? '?' : '/'}${pattern}`);
    if (wrapped) {
      this.#say(
        backwards ? 'search hit TOP, continuing at BOTTOM' : 'search hit BOTTOM, continuing at TOP',
        'error',
      );
    }
    return { to: { line: target, index: hit }, linewise: false, inclusive: false };
  }

  // ——— Ex commands ———

  /** The ex commands a config edit needs, by vim's shortest abbreviations. */
  #ex(text: string): void {
    const match = /^\s*(\d+|\$|\.)?\s*([A-Za-z]*)(!?)\s*(.*?)\s*$/su.exec(text);
    if (match === null) {
      this.#error(`E492: Not an editor command: ${text}`);
      return;
    }
    const [, address, name = '', bang, argument = ''] = match;
    const force = bang === '!';
    if (name === '') {
      if (address === undefined) return;
      const last = this.#buffer.lineCount - 1;
      const line =
        address === '$' ? last : address === '.' ? this.#cursor.line : Number(address) - 1;
      const target = Math.max(0, Math.min(last, line));
      this.#setCursor({ line: target, index: firstNonBlank(this.#buffer.line(target)) });
      return;
    }
    const is = (full: string, shortest: number): boolean =>
      name.length >= shortest && full.startsWith(name);
    if (is('write', 1)) {
      this.#writeCommand(argument, force, false);
    } else if (is('wq', 2) || is('xit', 1) || is('exit', 3)) {
      const onlyIfModified = name !== 'wq';
      if (onlyIfModified && !this.#modified && argument === '') {
        this.#exitStatus = 0;
        return;
      }
      this.#writeCommand(argument, force, true);
    } else if (is('quit', 1) || is('qall', 2) || is('quitall', 5)) {
      if (this.#modified && !force) {
        this.#error('E37: No write since last change (add ! to override)');
        return;
      }
      this.#exitStatus = 0;
    } else if (is('wall', 2) || is('wqall', 3) || is('xall', 2)) {
      this.#writeCommand('', force, name !== 'wall' && name !== 'wa');
    } else if (is('edit', 1)) {
      if (!force && this.#modified) {
        this.#error('E37: No write since last change (add ! to override)');
        return;
      }
      if (argument !== '') {
        this.#error(`:edit ${argument}: not part of the simulation (uwsgi-lab)`);
        return;
      }
      this.#history.before('change', () => this.#snapshot(), false, this.#now());
      this.#buffer.setLines(['']);
      this.#modified = false;
      this.#open();
      this.#setCursor({ line: 0, index: 0 });
    } else if (
      [
        'set',
        'substitute',
        'global',
        'read',
        'split',
        'vsplit',
        'help',
        'syntax',
        'nohlsearch',
        'normal',
        'tabnew',
        'buffer',
        'next',
        'previous',
      ].some((known) => known.startsWith(name) && name.length >= 1) ||
      name === 's' ||
      name === 'g'
    ) {
      this.#error(`:${name}: not part of the simulation (uwsgi-lab)`);
    } else {
      this.#error(`E492: Not an editor command: ${text.trim()}`);
    }
  }

  /** :w [name], :wq, :x — leaving only once the write worked. */
  #writeCommand(argument: string, force: boolean, thenQuit: boolean): void {
    const target = argument === '' ? this.#path : argument;
    if (target === '') {
      this.#error('E32: No file name');
      return;
    }
    const typed = this.#files.expandTilde(target);
    const name = this.#files.homeReplace(argument === '' ? this.#name : typed);
    const otherFile =
      argument !== '' &&
      this.#path !== '' &&
      this.#files.resolve(argument) !== this.#files.resolve(this.#path);
    if (otherFile && !force && this.#files.exists(argument)) {
      this.#error('E13: File exists (add ! to override)');
      return;
    }
    if (!otherFile && this.#readonly && !force) {
      this.#error("E45: 'readonly' option is set (add ! to override)");
      return;
    }
    const opened = this.#files.open(target);
    if (opened.kind === 'directory' || (this.#isDirectory && argument === '')) {
      this.#error(`E502: "${name}" is a directory`);
      return;
    }
    // ex_cmds.c check_readonly(): 'readonly' was reset (by :w!), yet the file may not be written.
    if (!force && opened.kind === 'text' && (opened.unwritable || opened.noWriteBits)) {
      this.#error(`E505: "${name}" is read-only (add ! to override)`);
      return;
    }
    // A forced write resets 'readonly', whether or not the write then works.
    if (force && !otherFile) this.#readonly = false;
    const isNew = opened.kind === 'missing';
    const text = this.#fileText();
    const error = this.#files.write(target, text);
    if (error !== undefined) {
      this.#error(`"${name}" E212: Can't open file for writing`);
      return;
    }
    if (this.#path === '') {
      this.#path = target;
      this.#name = typed;
    }
    if (!otherFile) {
      this.#savedText = text;
      this.#modified = false;
    }
    const lines = text === '' ? 0 : text.split('\n').length - 1;
    this.#say(writtenMessage(this.#manner, name, { lines, bytes: this.#byteLength(text), isNew }));
    if (thenQuit) this.#exitStatus = 0;
  }
}
