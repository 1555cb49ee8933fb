// A pipe between two commands of a pipeline (`ls | wc -l`): what one writes the other reads, in
// order, as it is written; the reader sees the end when the writer has finished. A reader that
// has finished early (`head -1`) closes its end and further writes are dropped (the writer would
// get SIGPIPE in a real system; `closed` tells a long-running writer to stop).

import type { InputSource, OutputSink } from './command-runner.ts';

class PipeBuffer {
  readonly chunks: string[] = [];
  waiting: ((chunk: string | undefined) => void) | undefined;
  writerClosed = false;
  readerClosed = false;

  write(text: string): void {
    if (this.writerClosed || this.readerClosed || text === '') return;
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(text);
    } else {
      this.chunks.push(text);
    }
  }

  closeWriter(): void {
    this.writerClosed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(undefined);
  }

  read(): Promise<string | undefined> {
    if (this.chunks.length > 0) return Promise.resolve(this.chunks.splice(0).join(''));
    if (this.writerClosed || this.readerClosed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  closeReader(): void {
    this.readerClosed = true;
    this.chunks.length = 0;
  }
}

export class PipeReader implements InputSource {
  readonly #buffer: PipeBuffer;

  constructor(buffer: PipeBuffer) {
    this.#buffer = buffer;
  }

  read(): Promise<string | undefined> {
    return this.#buffer.read();
  }

  async readAll(): Promise<string> {
    let text = '';
    for (let chunk = await this.read(); chunk !== undefined; chunk = await this.read()) {
      text += chunk;
    }
    return text;
  }

  /** The reading command has ended. */
  close(): void {
    this.#buffer.closeReader();
  }
}

export class PipeWriter implements OutputSink {
  readonly #buffer: PipeBuffer;

  constructor(buffer: PipeBuffer) {
    this.#buffer = buffer;
  }

  write(text: string): void {
    this.#buffer.write(text);
  }

  /** The writing command has ended: the reader sees the end of its input. */
  close(): void {
    this.#buffer.closeWriter();
  }

  /** Whether the reader has gone (a writer that runs until stopped should stop). */
  get closed(): boolean {
    return this.#buffer.readerClosed;
  }
}

export class Pipe {
  readonly reader: PipeReader;
  readonly writer: PipeWriter;

  constructor() {
    const buffer = new PipeBuffer();
    this.reader = new PipeReader(buffer);
    this.writer = new PipeWriter(buffer);
  }
}
