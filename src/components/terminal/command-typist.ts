// Types a snippet's commands at the shell's prompt for the reader to run ("type in terminal"):
// the first at once, over whatever was on the line; the reader presses Enter; the next appears at
// the next prompt. Nothing is ever run for the reader. A command of several lines (a
// here-document, a backslash continuation) is typed with its inner line ends, its last one left
// for the reader. Ctrl-C drops what is left.

export interface TypingTarget {
  input(data: string): void;
  whenIdle(): Promise<void>;
  /** The line at the prompt. */
  readonly editor: { readonly line: string };
}

/** Ctrl-E, Ctrl-U: to the end of the line, and cut everything before it (readline rings the bell
 * for Ctrl-U on an empty line, so it is sent only over something). */
const CLEAR_LINE = '\x05\x15';

export class CommandTypist {
  #target: TypingTarget;
  #queue: string[] = [];

  constructor(target: TypingTarget) {
    this.#target = target;
  }

  /** A new shell session (after a reset or a new login): what was queued is dropped. */
  retarget(target: TypingTarget): void {
    this.#target = target;
    this.#queue = [];
  }

  /** Types the first command once the shell waits at its prompt; the rest follow the reader's Enter. */
  async type(commands: readonly string[]): Promise<void> {
    this.#queue = [...commands];
    await this.#typeNext();
  }

  /** Key data the reader sent (after the session had it). */
  observe(data: string): void {
    if (this.#queue.length === 0) return;
    if (data.includes('\x03')) this.#queue = [];
    else if (data.includes('\r')) void this.#typeNext();
  }

  async #typeNext(): Promise<void> {
    const target = this.#target;
    await target.whenIdle();
    const next = this.#queue.shift();
    if (next === undefined || target !== this.#target) return;
    const clear = target.editor.line === '' ? '' : CLEAR_LINE;
    target.input(clear + next.replace(/\r?\n/g, '\r'));
  }
}
