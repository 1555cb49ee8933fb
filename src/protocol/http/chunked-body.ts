// Chunked transfer coding (RFC 9112 §7.1): an incremental decoder fed any split of the bytes, and
// the encoder. Chunk extensions are read and dropped, as nginx drops them.

import { latin1Bytes, latin1Text } from '../byte-text.ts';
import type { HttpHeader } from './http-message.ts';
import { HttpParseError } from './http-parse-error.ts';

export type ChunkedEvent =
  | { readonly type: 'data'; readonly chunk: Uint8Array }
  | { readonly type: 'trailers'; readonly trailers: readonly HttpHeader[] }
  | { readonly type: 'end' };

type ChunkedState = 'size' | 'data' | 'data-end' | 'trailers' | 'done';

const MAX_LINE = 4096;

export class ChunkedDecoder {
  #state: ChunkedState = 'size';
  #line: number[] = [];
  #left = 0;
  #trailers: HttpHeader[] = [];
  #offset: number;

  /** `offset`: where the chunked body starts in the message, for error offsets. */
  constructor(offset = 0) {
    this.#offset = offset;
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  /** Decodes from `bytes[at]`; returns where it stopped (the end, or just after the last chunk). */
  push(bytes: Uint8Array, at: number, events: ChunkedEvent[]): number {
    while (at < bytes.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const take = Math.min(this.#left, bytes.length - at);
        events.push({ type: 'data', chunk: bytes.subarray(at, at + take) });
        this.#left -= take;
        this.#offset += take;
        at += take;
        if (this.#left === 0) this.#state = 'data-end';
        continue;
      }
      const byte = bytes[at]!;
      at++;
      this.#offset++;
      if (byte !== 0x0a) {
        if (this.#line.length >= MAX_LINE) throw this.#error('a chunk line longer than 4096 bytes');
        this.#line.push(byte);
        continue;
      }
      if (this.#line[this.#line.length - 1] === 0x0d) this.#line.pop();
      const line = latin1Text(Uint8Array.from(this.#line));
      this.#line = [];
      this.#endLine(line, events);
    }
    return at;
  }

  #endLine(line: string, events: ChunkedEvent[]): void {
    switch (this.#state) {
      case 'size': {
        const match = /^([0-9a-fA-F]{1,15})[ \t]*(?:;.*)?$/.exec(line);
        if (!match)
          throw this.#error(`not a chunk size line: ${JSON.stringify(line.slice(0, 40))}`);
        this.#left = parseInt(match[1]!, 16);
        this.#state = this.#left === 0 ? 'trailers' : 'data';
        return;
      }
      case 'data-end':
        if (line !== '') throw this.#error('chunk data is not followed by CRLF');
        this.#state = 'size';
        return;
      case 'trailers': {
        if (line === '') {
          if (this.#trailers.length > 0)
            events.push({ type: 'trailers', trailers: this.#trailers });
          events.push({ type: 'end' });
          this.#state = 'done';
          return;
        }
        const colon = line.indexOf(':');
        if (colon <= 0)
          throw this.#error(`not a trailer field: ${JSON.stringify(line.slice(0, 40))}`);
        this.#trailers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
        return;
      }
      case 'data':
      case 'done':
        return;
    }
  }

  #error(message: string): HttpParseError {
    return new HttpParseError('bad-chunk', this.#offset, message);
  }
}

/** The body as one chunk and the last chunk (no chunk for an empty body), then the trailers. */
export function encodeChunked(body: Uint8Array, trailers: readonly HttpHeader[] = []): Uint8Array {
  const head = body.length > 0 ? latin1Bytes(`${body.length.toString(16)}\r\n`) : new Uint8Array(0);
  const tail = latin1Bytes(
    `${body.length > 0 ? '\r\n' : ''}0\r\n${trailers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`,
  );
  const out = new Uint8Array(head.length + body.length + tail.length);
  out.set(head, 0);
  out.set(body, head.length);
  out.set(tail, head.length + body.length);
  return out;
}
