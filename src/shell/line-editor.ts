// The terminal line editor, after GNU readline 8.2 in emacs mode as bash 5.2 uses it: it takes the
// key data xterm.js sends and answers with the bytes to write back — echo, cursor movement and
// redraws that stay right with wide Korean characters and wrapped lines. It knows history (↑/↓,
// Ctrl-P/N), Home/End, Ctrl-A/E/B/F/U/K/W/Y/L/C/D, Alt-B/F/D/Backspace and Tab completion through
// an injected Completer. No DOM: the terminal island feeds it strings and writes what it returns.
//
// Ctrl-C prints `^C` and gives up the line; Ctrl-D on an empty line is end of input (the shell
// prints `exit`). An accepted line may contain newlines (a recalled multi-line command): the shell
// reads it line by line.

import type { History } from './bash/history.ts';
import {
  COMPLETION_QUERY_ITEMS,
  completionWord,
  formatCandidateColumns,
  longestCommonPrefix,
  quoteCompletion,
  type CompletionCandidate,
  type Completer,
} from './line-editor-completion.ts';
import { decodeKeys, type EditorKey } from './line-editor-keys.ts';
import {
  comparePositions,
  layoutLine,
  moveCursor,
  promptEnd,
  settle,
  type ScreenPosition,
} from './line-editor-layout.ts';
import { charWidth, clusters } from './terminal-width.ts';

export type LineEditorEvent =
  /** Enter: the line to run (possibly several lines, see above). */
  | { readonly kind: 'line'; readonly text: string }
  /** Ctrl-D on an empty line. */
  | { readonly kind: 'eof' }
  /** Ctrl-C: the line was abandoned (bash 5.2 sets `$?` to 130). */
  | { readonly kind: 'interrupt' };

export interface LineEditorResult {
  /** What to write to the terminal. */
  readonly output: string;
  readonly events: readonly LineEditorEvent[];
}

export interface LineEditorOptions {
  /** The commands ↑/↓ walk through (the shell adds to it; the editor only reads it). */
  readonly history: History;
  readonly completer?: Completer;
  /** The terminal's width. Default 80. */
  readonly columns?: number;
}

const BELL = '\x07';
/** readline's clear-screen: home, then erase the display. */
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const ERASE_BELOW = '\x1b[J';
const WORD_CHAR = /[\p{L}\p{N}]/u;

export class LineEditor {
  readonly #history: History;
  readonly #completer: Completer | undefined;
  #columns: number;
  #prompt = '';
  #text: string[] = [];
  #cursor = 0;
  /** Where the terminal's cursor is (settled), relative to the prompt's last line. */
  #screen: ScreenPosition = { row: 0, col: 0 };
  #reading = false;
  #typeahead = '';
  #out = '';
  #events: LineEditorEvent[] = [];
  /** Which history entry is shown: entries.length is the line being typed. */
  #historyIndex = 0;
  /** Edits made to recalled entries (and the new line) while moving through history. */
  #historyEdits = new Map<number, string>();
  #killed = '';
  #lastWasTab = false;
  #tabChanged = false;
  #query: readonly CompletionCandidate[] | undefined;

  constructor(options: LineEditorOptions) {
    this.#history = options.history;
    this.#completer = options.completer;
    this.#columns = Math.max(2, options.columns ?? 80);
  }

  /** Whether a line is being edited (between `start` and Enter, Ctrl-C or Ctrl-D). */
  get reading(): boolean {
    return this.#reading;
  }

  /** The line as typed so far. */
  get line(): string {
    return this.#text.join('');
  }

  /** The cursor, as an index into `line`. */
  get cursor(): number {
    return this.#text.slice(0, this.#cursor).join('').length;
  }

  /** The terminal changed width: later output uses it (the current line is redrawn). */
  resize(columns: number): LineEditorResult {
    this.#columns = Math.max(2, columns);
    if (!this.#reading) return this.#flush();
    this.#out += `\r${ERASE_BELOW}`;
    this.#redrawAll();
    return this.#flush();
  }

  /**
   * Shows `prompt` (already expanded) and starts a new line. Keys typed ahead while a command ran
   * are processed now, as readline does when it starts.
   */
  start(prompt: string): LineEditorResult {
    this.#prompt = prompt;
    this.#text = [];
    this.#cursor = 0;
    this.#historyIndex = this.#history.length;
    this.#historyEdits = new Map();
    this.#lastWasTab = false;
    this.#query = undefined;
    this.#reading = true;
    this.#writePrompt();
    const typeahead = this.#typeahead;
    this.#typeahead = '';
    this.#process(typeahead);
    return this.#flush();
  }

  /** Key data from the terminal. While no line is being read it waits for the next `start`. */
  feed(data: string): LineEditorResult {
    if (!this.#reading) {
      this.#typeahead += data;
      return this.#flush();
    }
    this.#process(data);
    return this.#flush();
  }

  #flush(): LineEditorResult {
    const result = { output: this.#out, events: this.#events };
    this.#out = '';
    this.#events = [];
    return result;
  }

  #process(data: string): void {
    const keys = decodeKeys(data);
    for (let i = 0; i < keys.length; i++) {
      if (!this.#reading) {
        this.#typeahead += encodeKeys(keys.slice(i));
        return;
      }
      this.#handle(keys[i]!);
    }
  }

  // ---- layout and drawing -------------------------------------------------------------------

  #promptEnd(): ScreenPosition {
    return promptEnd(this.#prompt, this.#columns);
  }

  #positions(): ScreenPosition[] {
    return layoutLine(this.#promptEnd(), this.#text, this.#columns);
  }

  /** Where the cursor shows when it is on cluster `index` (a wrapped wide character's new row). */
  #cursorPosition(positions: readonly ScreenPosition[], index: number): ScreenPosition {
    const pos = positions[index]!;
    const cluster = this.#text[index];
    if (cluster === undefined || cluster === '\n') return settle(pos, this.#columns);
    const width = charWidth(cluster);
    return width > 0 && pos.col + width > this.#columns ? { row: pos.row + 1, col: 0 } : pos;
  }

  #moveTo(pos: ScreenPosition): void {
    this.#out += moveCursor(this.#screen, pos);
    this.#screen = pos;
  }

  #writePrompt(): void {
    this.#out += this.#prompt.replace(/\r?\n/g, '\r\n');
    const end = this.#promptEnd();
    // At the right edge xterm waits to wrap; write a space and step back so the cursor is
    // where the model says (the start of the next row).
    if (end.col >= this.#columns) this.#out += ' \b';
    this.#screen = settle(end, this.#columns);
  }

  /** Rewrites the line from cluster `from` to its end, erases what the old line left beyond, and
   * puts the cursor back in place. `oldEnd`: where the line ended before the change. */
  #refresh(from: number, oldEnd: ScreenPosition): void {
    const positions = this.#positions();
    const n = this.#text.length;
    this.#moveTo(settle(positions[from]!, this.#columns));
    let pos = positions[from]!;
    for (let i = from; i < n; i++) {
      const cluster = this.#text[i]!;
      if (cluster === '\n') {
        this.#out += '\r\n';
      } else {
        // A wide character that does not fit: fill the last column so the screen is the same
        // whatever the terminal does with it, and let the character wrap.
        if (charWidth(cluster) === 2 && pos.col === this.#columns - 1) this.#out += ' ';
        this.#out += cluster;
      }
      pos = positions[i + 1]!;
    }
    if (from < n && positions[n]!.col >= this.#columns) this.#out += ' \b';
    const newEnd = settle(positions[n]!, this.#columns);
    this.#screen = newEnd;
    if (comparePositions(oldEnd, newEnd) > 0) this.#out += ERASE_BELOW;
    this.#moveTo(this.#cursorPosition(positions, this.#cursor));
  }

  #end(): ScreenPosition {
    const positions = this.#positions();
    return settle(positions[this.#text.length]!, this.#columns);
  }

  #redrawAll(): void {
    this.#writePrompt();
    const start = this.#screen;
    this.#refresh(0, start);
  }

  // ---- editing ----------------------------------------------------------------------------

  #handle(key: EditorKey): void {
    if (this.#query !== undefined) {
      this.#answerQuery(key);
      return;
    }
    const wasTab = this.#lastWasTab;
    this.#lastWasTab = false;
    switch (key.kind) {
      case 'text':
        this.#insert(clusters(key.text));
        return;
      case 'enter':
        this.#accept();
        return;
      case 'tab':
        this.#complete(wasTab);
        return;
      case 'backspace':
        if (this.#cursor > 0) this.#delete(this.#cursor - 1, this.#cursor);
        return;
      case 'delete':
        if (this.#cursor < this.#text.length) this.#delete(this.#cursor, this.#cursor + 1);
        return;
      case 'left':
        this.#moveCursorTo(this.#cursor - 1);
        return;
      case 'right':
        this.#moveCursorTo(this.#cursor + 1);
        return;
      case 'home':
        this.#moveCursorTo(0);
        return;
      case 'end':
        this.#moveCursorTo(this.#text.length);
        return;
      case 'word-left':
        this.#moveCursorTo(this.#wordStartBefore(this.#cursor, isWordChar));
        return;
      case 'word-right':
        this.#moveCursorTo(this.#wordEndAfter(this.#cursor));
        return;
      case 'kill-word-left':
        this.#kill(this.#wordStartBefore(this.#cursor, isWordChar), this.#cursor);
        return;
      case 'kill-word-right':
        this.#kill(this.#cursor, this.#wordEndAfter(this.#cursor));
        return;
      case 'up':
        this.#recall(this.#historyIndex - 1);
        return;
      case 'down':
        this.#recall(this.#historyIndex + 1);
        return;
      case 'control':
        this.#control(key.letter);
        return;
      case 'escape':
      case 'unknown':
        return;
    }
  }

  #control(letter: string): void {
    switch (letter) {
      case 'a':
        this.#moveCursorTo(0);
        return;
      case 'e':
        this.#moveCursorTo(this.#text.length);
        return;
      case 'b':
        this.#moveCursorTo(this.#cursor - 1);
        return;
      case 'f':
        this.#moveCursorTo(this.#cursor + 1);
        return;
      case 'p':
        this.#recall(this.#historyIndex - 1);
        return;
      case 'n':
        this.#recall(this.#historyIndex + 1);
        return;
      case 'u':
        // unix-line-discard: from the start of the line to the cursor (a bell at the start).
        if (this.#cursor === 0) this.#out += BELL;
        else this.#kill(0, this.#cursor);
        return;
      case 'k':
        this.#kill(this.#cursor, this.#text.length);
        return;
      case 'w':
        // unix-word-rubout: back to the previous whitespace, not to punctuation.
        this.#kill(
          this.#wordStartBefore(this.#cursor, (c) => !/^\s$/.test(c)),
          this.#cursor,
        );
        return;
      case 'y':
        if (this.#killed !== '') this.#insert(clusters(this.#killed));
        return;
      case 'l':
        this.#out += CLEAR_SCREEN;
        this.#redrawAll();
        return;
      case 'c':
        this.#interrupt();
        return;
      case 'd':
        if (this.#text.length === 0) {
          this.#out += '\r\n';
          this.#finish({ kind: 'eof' });
        } else if (this.#cursor < this.#text.length) {
          this.#delete(this.#cursor, this.#cursor + 1);
        }
        return;
      default:
        return;
    }
  }

  #insert(inserted: readonly string[]): void {
    if (inserted.length === 0) return;
    const oldEnd = this.#end();
    const from = this.#cursor;
    this.#text.splice(from, 0, ...inserted);
    this.#cursor += inserted.length;
    this.#refresh(from, oldEnd);
  }

  #delete(from: number, to: number): void {
    if (to <= from) return;
    const oldEnd = this.#end();
    this.#text.splice(from, to - from);
    this.#cursor = from;
    this.#refresh(from, oldEnd);
  }

  #kill(from: number, to: number): void {
    if (to <= from) return;
    this.#killed = this.#text.slice(from, to).join('');
    this.#delete(from, to);
  }

  #moveCursorTo(index: number): void {
    const target = Math.max(0, Math.min(this.#text.length, index));
    if (target === this.#cursor) return;
    this.#cursor = target;
    this.#moveTo(this.#cursorPosition(this.#positions(), target));
  }

  /** The start of the word before `index` (words: runs of characters `inWord` accepts). */
  #wordStartBefore(index: number, inWord: (c: string) => boolean): number {
    let i = index;
    while (i > 0 && !inWord(this.#text[i - 1]!)) i--;
    while (i > 0 && inWord(this.#text[i - 1]!)) i--;
    return i;
  }

  #wordEndAfter(index: number): number {
    let i = index;
    while (i < this.#text.length && !isWordChar(this.#text[i]!)) i++;
    while (i < this.#text.length && isWordChar(this.#text[i]!)) i++;
    return i;
  }

  #replaceText(text: string): void {
    const oldEnd = this.#end();
    this.#text = clusters(text);
    this.#cursor = this.#text.length;
    this.#refresh(0, oldEnd);
  }

  /** ↑/↓: shows history entry `index` (entries.length: the line being typed). */
  #recall(index: number): void {
    const entries = this.#history.entries;
    if (index < 0 || index > entries.length || index === this.#historyIndex) return;
    this.#historyEdits.set(this.#historyIndex, this.line);
    this.#historyIndex = index;
    this.#replaceText(this.#historyEdits.get(index) ?? entries[index] ?? '');
  }

  #accept(): void {
    this.#moveTo(this.#end());
    this.#out += '\r\n';
    this.#finish({ kind: 'line', text: this.line });
  }

  #interrupt(): void {
    // The terminal echoes ^C where the cursor is; readline then gives up the line.
    this.#out += '^C\r\n';
    this.#typeahead = '';
    this.#finish({ kind: 'interrupt' });
  }

  #finish(event: LineEditorEvent): void {
    this.#reading = false;
    this.#events.push(event);
  }

  // ---- completion -------------------------------------------------------------------------

  #complete(afterTab: boolean): void {
    this.#lastWasTab = true;
    const completer = this.#completer;
    if (completer === undefined) {
      this.#out += BELL;
      return;
    }
    const line = this.line;
    const cursor = this.cursor;
    const word = completionWord(line, cursor);
    const candidates: CompletionCandidate[] = [];
    for (const candidate of completer.complete(word.request)) {
      if (!candidates.some((c) => c.text === candidate.text)) candidates.push(candidate);
    }
    const listNow = afterTab && !this.#tabChanged;
    this.#tabChanged = false;
    if (candidates.length === 0) {
      this.#out += BELL;
      return;
    }
    if (candidates.length > 1 && listNow) {
      this.#list(candidates);
      return;
    }
    const replaceFrom = word.quote === '' ? word.start : word.start - 1;
    const typed = line.slice(replaceFrom, cursor);
    let replacement: string;
    const after = line.slice(cursor);
    if (candidates.length === 1) {
      const candidate = candidates[0]!;
      replacement = word.quote + quoteCompletion(candidate.text, word.quote);
      // readline's append_to_match: `/` after a directory (unless one follows already); the
      // closing quote and a space only at the end of the line.
      if (candidate.directory === true) {
        if (!candidate.text.endsWith('/') && !after.startsWith('/')) replacement += '/';
      } else if (after === '') {
        replacement += `${word.quote} `;
      }
    } else {
      const prefix = longestCommonPrefix(candidates.map((c) => c.text));
      this.#out += BELL;
      if (Array.from(prefix).length <= Array.from(word.request.word).length) return;
      replacement = word.quote + quoteCompletion(prefix, word.quote);
    }
    if (replacement === typed && after === line.slice(cursor)) return;
    this.#tabChanged = true;
    const before = line.slice(0, replaceFrom);
    const oldEnd = this.#end();
    const unchanged = clusters(before).length;
    this.#text = clusters(before + replacement + after);
    this.#cursor = clusters(before + replacement).length;
    this.#refresh(Math.min(unchanged, this.#cursor), oldEnd);
  }

  #list(candidates: readonly CompletionCandidate[]): void {
    this.#moveTo(this.#end());
    if (candidates.length >= COMPLETION_QUERY_ITEMS) {
      this.#out += `\r\nDisplay all ${candidates.length} possibilities? (y or n)`;
      this.#query = candidates;
      return;
    }
    this.#out += `\r\n${formatCandidateColumns(candidates, this.#columns)}`;
    this.#redrawAll();
  }

  #answerQuery(key: EditorKey): void {
    const candidates = this.#query!;
    // readline's get_y_or_n: y, Y or space list; n, N or Rubout (and Ctrl-C) do not.
    let answer = '';
    if (key.kind === 'text') answer = key.text[0] ?? '';
    else if (key.kind === 'backspace' || (key.kind === 'control' && key.letter === 'c'))
      answer = 'n';
    if (answer === 'y' || answer === 'Y' || answer === ' ') {
      this.#query = undefined;
      this.#out += `\r\n${formatCandidateColumns(candidates, this.#columns)}`;
      this.#redrawAll();
    } else if (answer === 'n' || answer === 'N') {
      this.#query = undefined;
      this.#out += '\r\n';
      this.#redrawAll();
    } else {
      this.#out += BELL;
    }
  }
}

function isWordChar(cluster: string): boolean {
  return WORD_CHAR.test(cluster);
}

/** Keys back to data, for what is typed ahead after an accepted line. */
function encodeKeys(keys: readonly EditorKey[]): string {
  return keys
    .map((key) => {
      switch (key.kind) {
        case 'text':
          return key.text;
        case 'enter':
          return '\r';
        case 'tab':
          return '\t';
        case 'backspace':
          return '\x7f';
        case 'delete':
          return '\x1b[3~';
        case 'left':
          return '\x1b[D';
        case 'right':
          return '\x1b[C';
        case 'up':
          return '\x1b[A';
        case 'down':
          return '\x1b[B';
        case 'home':
          return '\x1b[H';
        case 'end':
          return '\x1b[F';
        case 'word-left':
          return '\x1bb';
        case 'word-right':
          return '\x1bf';
        case 'kill-word-left':
          return '\x1b\x7f';
        case 'kill-word-right':
          return '\x1bd';
        case 'control':
          return String.fromCharCode(key.letter.charCodeAt(0) - 0x60);
        case 'escape':
          return '\x1b';
        case 'unknown':
          return key.sequence;
      }
    })
    .join('');
}
