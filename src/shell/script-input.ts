// A shell's standard input that is not a terminal (`cli shell < lesson.sh`, a test's script): bash
// reads its commands from it a line at a time, and a command that reads its standard input (cat,
// apt-get's question) gets the lines that come after its own — as with `bash < script`.

import type { InputSource } from './bash/command-runner.ts';

export class ScriptInput implements InputSource {
  readonly #lines: string[];
  #next = 0;
  /** The text ended with a newline (bash runs a last line without one too). */
  readonly #endsWithNewline: boolean;

  constructor(text: string) {
    this.#endsWithNewline = text.endsWith('\n');
    this.#lines = text.split('\n');
    if (this.#endsWithNewline) this.#lines.pop();
  }

  /** The next line for the shell (without its newline), or undefined at the end. */
  nextLine(): string | undefined {
    return this.#next < this.#lines.length ? this.#lines[this.#next++] : undefined;
  }

  read(): Promise<string | undefined> {
    const line = this.nextLine();
    if (line === undefined) return Promise.resolve(undefined);
    const last = this.#next === this.#lines.length && !this.#endsWithNewline;
    return Promise.resolve(last ? line : `${line}\n`);
  }

  async readAll(): Promise<string> {
    let text = '';
    for (let chunk = await this.read(); chunk !== undefined; chunk = await this.read())
      text += chunk;
    return text;
  }
}
