// The terminal as a running command's standard input: the tty line discipline in canonical mode
// (termios ICANON with ECHO, ECHOE, ECHOCTL, ISIG), as a Debian terminal has it while bash waits
// for a foreground command. Typed text is echoed and handed over a line at a time; Backspace and
// Ctrl-U edit the line; Ctrl-D ends the input (or hands over a partial line); Ctrl-C is the
// caller's (it becomes SIGINT). What the command did not read is typed ahead for the next prompt.

import type { InputSource, RawModeListener, TerminalInfo } from './bash/command-runner.ts';
import { charWidth } from './terminal-width.ts';

export class TerminalInput implements InputSource {
  readonly #echo: (text: string) => void;
  /** Lines (with their newline) and partial lines handed over by Ctrl-D, not read yet. */
  readonly #ready: string[] = [];
  /** The line being typed. */
  #line = '';
  #endOfInput = false;
  #waiting: ((chunk: string | undefined) => void) | undefined;
  /** Set while a full-screen program has the terminal in raw mode. */
  #raw: RawModeListener | undefined;

  readonly terminal: TerminalInfo | undefined;

  /** `echo`: writes to the terminal (the tty's echo of what is typed). */
  constructor(echo: (text: string) => void, terminal?: TerminalInfo) {
    this.#echo = echo;
    this.terminal = terminal;
  }

  /** Whether the terminal is in raw mode (then Ctrl-C is a key, not SIGINT). */
  get raw(): boolean {
    return this.#raw !== undefined;
  }

  setRawMode(listener: RawModeListener | undefined): void {
    this.#raw = listener;
    // Keys typed before the program went raw (while it was starting) wait in the tty's input
    // queue, already echoed; tcsetattr keeps them, and the program reads them as keys.
    if (listener === undefined) return;
    const pending = this.takeUnread();
    if (pending !== '') listener.keys(pending);
  }

  /** The terminal's size changed: a raw-mode program redraws (SIGWINCH). */
  resized(): void {
    this.#raw?.resize();
  }

  /** Keys typed while the command runs (Ctrl-C already taken out by the caller unless raw). */
  type(data: string): void {
    if (this.#raw !== undefined) {
      this.#raw.keys(data);
      return;
    }
    for (const char of data) {
      switch (char) {
        case '\r':
        case '\n':
          this.#echo('\r\n');
          this.#deliver(`${this.#line}\n`);
          this.#line = '';
          break;
        case '\x7f':
        case '\b': {
          const chars = Array.from(this.#line);
          const last = chars.pop();
          if (last !== undefined) {
            const width = charWidth(last);
            this.#echo('\b \b'.repeat(width));
            this.#line = chars.join('');
          }
          break;
        }
        case '\x15':
          this.#echo('\b \b'.repeat(Array.from(this.#line).reduce((n, c) => n + charWidth(c), 0)));
          this.#line = '';
          break;
        case '\x04':
          if (this.#line === '') {
            this.#endOfInput = true;
            this.#deliver(undefined);
          } else {
            this.#deliver(this.#line);
            this.#line = '';
          }
          break;
        default:
          if (char < ' ' && char !== '\t') {
            // ECHOCTL shows other control characters as ^X; they still go to the reader.
            this.#echo(`^${String.fromCharCode(char.charCodeAt(0) + 0x40)}`);
          } else {
            this.#echo(char);
          }
          this.#line += char;
      }
    }
  }

  read(): Promise<string | undefined> {
    const ready = this.#ready.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.#endOfInput) {
      // Ctrl-D ends one read; the terminal stays open for the next command.
      this.#endOfInput = false;
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  async readAll(): Promise<string> {
    let text = '';
    for (let chunk = await this.read(); chunk !== undefined; chunk = await this.read())
      text += chunk;
    return text;
  }

  /** What was typed and not read (it goes to the next prompt), emptying the input. */
  takeUnread(): string {
    const text = this.#ready.join('') + this.#line;
    this.#ready.length = 0;
    this.#line = '';
    this.#endOfInput = false;
    return text.replace(/\n/g, '\r');
  }

  #deliver(chunk: string | undefined): void {
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      if (chunk === undefined) this.#endOfInput = false;
      waiting(chunk);
      return;
    }
    if (chunk !== undefined) this.#ready.push(chunk);
  }
}
