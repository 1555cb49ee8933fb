// Standard input that is a fixed text: a file after `<`, a here-document, a here-string, or
// nothing at all (`/dev/null`, a background job's stdin).

import type { InputSource } from './command-runner.ts';

export class TextInput implements InputSource {
  #text: string | undefined;

  constructor(text: string) {
    this.#text = text === '' ? undefined : text;
  }

  read(): Promise<string | undefined> {
    const text = this.#text;
    this.#text = undefined;
    return Promise.resolve(text);
  }

  async readAll(): Promise<string> {
    return (await this.read()) ?? '';
  }
}
