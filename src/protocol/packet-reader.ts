// PacketReader: a uwsgi packet read incrementally from a stream, in chunks of any size, the way
// uWSGI reads its socket: the 4-byte header first (checked against the buffer size at once), then
// datasize bytes of vars, then the body — CONTENT_LENGTH bytes — as it arrives.

import type { DecodeOptions } from './decode-options.ts';
import { asBytes, readVars, truncatedBody } from './decode.ts';
import { readHeader, shortBlockError, truncatedHeader } from './header.ts';
import { carriesBody, payloadLayout } from './modifiers.ts';
import { HEADER_SIZE, type PacketHeader, type UwsgiVar } from './packet.ts';
import { PacketError } from './packet-error.ts';

/** What the reader has read, in stream order. */
export type ReaderEvent =
  | { readonly type: 'header'; readonly header: PacketHeader }
  /** The whole vars block, and the body length its CONTENT_LENGTH announces (0 for modifiers without a body). */
  | { readonly type: 'vars'; readonly vars: readonly UwsgiVar[]; readonly bodyLength: number }
  | { readonly type: 'payload'; readonly payload: Uint8Array }
  /** Part of the body, a view into the chunk it came in. */
  | { readonly type: 'body'; readonly chunk: Uint8Array }
  /** The packet is complete. */
  | { readonly type: 'end' }
  /** Bytes after the packet's end (uWSGI never reads them: one request per connection). */
  | { readonly type: 'trailing'; readonly bytes: Uint8Array };

type ReaderState = 'header' | 'block' | 'body' | 'done';

export class PacketReader {
  readonly #options: DecodeOptions;
  #state: ReaderState = 'header';
  #header: PacketHeader | undefined;
  // The header and vars block together, so offsets in errors are packet offsets, as in decode.
  #head = new Uint8Array(HEADER_SIZE);
  #filled = 0;
  #bodyLeft = 0;
  #bodyLength = 0;
  #offset = 0;
  #error: PacketError | undefined;

  constructor(options: DecodeOptions = {}) {
    this.#options = options;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.#offset;
  }

  /** Whether the whole packet has been read. */
  get done(): boolean {
    return this.#state === 'done';
  }

  /** Feeds the next chunk; returns what it completed. Throws PacketError (again on every later call). */
  push(chunk: Uint8Array): ReaderEvent[] {
    if (this.#error !== undefined) throw this.#error;
    const events: ReaderEvent[] = [];
    try {
      let at = 0;
      while (at < chunk.length) at = this.#consume(chunk, at, events);
    } catch (error) {
      if (error instanceof PacketError) this.#error = error;
      throw error;
    }
    return events;
  }

  /** The stream has ended. Throws PacketError when it ended inside the packet. */
  end(): ReaderEvent[] {
    if (this.#error !== undefined) throw this.#error;
    const error = this.#endError();
    if (error !== undefined) {
      this.#error = error;
      throw error;
    }
    return [];
  }

  #endError(): PacketError | undefined {
    switch (this.#state) {
      case 'header':
        return truncatedHeader(this.#filled);
      case 'block':
        return shortBlockError(this.#head.subarray(0, this.#filled), this.#header!);
      case 'body':
        return truncatedBody(
          HEADER_SIZE + this.#header!.datasize,
          this.#bodyLength,
          this.#bodyLength - this.#bodyLeft,
        );
      case 'done':
        return undefined;
    }
  }

  #consume(chunk: Uint8Array, at: number, events: ReaderEvent[]): number {
    const available = chunk.length - at;
    switch (this.#state) {
      case 'header': {
        const take = Math.min(HEADER_SIZE - this.#filled, available);
        this.#head.set(chunk.subarray(at, at + take), this.#filled);
        this.#filled += take;
        this.#offset += take;
        if (this.#filled === HEADER_SIZE) this.#startBlock(events);
        return at + take;
      }
      case 'block': {
        const take = Math.min(this.#head.length - this.#filled, available);
        this.#head.set(chunk.subarray(at, at + take), this.#filled);
        this.#filled += take;
        this.#offset += take;
        if (this.#filled === this.#head.length) this.#finishBlock(events);
        return at + take;
      }
      case 'body': {
        const take = Math.min(this.#bodyLeft, available);
        events.push({ type: 'body', chunk: chunk.subarray(at, at + take) });
        this.#bodyLeft -= take;
        this.#offset += take;
        if (this.#bodyLeft === 0) this.#finish(events);
        return at + take;
      }
      case 'done':
        events.push({ type: 'trailing', bytes: chunk.subarray(at) });
        this.#offset += available;
        return chunk.length;
    }
  }

  #startBlock(events: ReaderEvent[]): void {
    const header = readHeader(this.#head, this.#options);
    this.#header = header;
    events.push({ type: 'header', header });
    const head = new Uint8Array(HEADER_SIZE + header.datasize);
    head.set(this.#head);
    this.#head = head;
    this.#state = 'block';
    if (header.datasize === 0) this.#finishBlock(events);
  }

  #finishBlock(events: ReaderEvent[]): void {
    const header = this.#header!;
    const blockEnd = this.#head.length;
    if (payloadLayout(header.modifier1) !== 'vars') {
      events.push({ type: 'payload', payload: this.#head.subarray(HEADER_SIZE) });
      this.#finish(events);
      return;
    }
    const { pairs, bodyLength } = readVars(
      this.#head,
      HEADER_SIZE,
      blockEnd,
      this.#options,
      asBytes,
    );
    this.#bodyLength = carriesBody(header.modifier1) ? bodyLength : 0;
    this.#bodyLeft = this.#bodyLength;
    events.push({ type: 'vars', vars: pairs, bodyLength: this.#bodyLength });
    if (this.#bodyLeft === 0) this.#finish(events);
    else this.#state = 'body';
  }

  #finish(events: ReaderEvent[]): void {
    this.#state = 'done';
    events.push({ type: 'end' });
  }
}
