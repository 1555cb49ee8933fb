// HttpParser: an HTTP/1.x request or response read incrementally (chunks of any size): the head,
// then the body framed by Content-Length, chunked coding, or — for a response without either, such
// as uWSGI's own "no python application found" 500 — the end of the connection.

import { concatBytes, latin1Text } from '../byte-text.ts';
import { ChunkedDecoder, type ChunkedEvent } from './chunked-body.ts';
import {
  transferCodings,
  type BodyFraming,
  type HttpBodyParts,
  type HttpHead,
  type HttpHeader,
  type HttpRequest,
  type HttpRequestHead,
  type HttpResponse,
  type HttpResponseHead,
} from './http-message.ts';
import { HttpParseError } from './http-parse-error.ts';

export interface HttpParserOptions {
  /** For a response: the method of the request it answers (a HEAD response has no body). */
  readonly requestMethod?: string;
  /** The largest head accepted, in bytes. Default 1 MiB. */
  readonly maxHeadSize?: number;
}

export type HttpEvent =
  | { readonly type: 'head'; readonly head: HttpHead; readonly framing: BodyFraming }
  /** Part of the body (chunked framing removed), a view into the input. */
  | { readonly type: 'body'; readonly chunk: Uint8Array }
  | { readonly type: 'trailers'; readonly trailers: readonly HttpHeader[] }
  | { readonly type: 'end' }
  /** Bytes after the message's end (a pipelined request, or junk after a response). */
  | { readonly type: 'trailing'; readonly bytes: Uint8Array };

type ParserState = 'head' | 'body' | 'done';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;

export class HttpParser {
  readonly #kind: 'request' | 'response';
  readonly #options: HttpParserOptions;
  #state: ParserState = 'head';
  #headParts: Uint8Array[] = [];
  #headLength = 0;
  #framing: BodyFraming = { type: 'none' };
  #bodyLeft = 0;
  #chunked: ChunkedDecoder | undefined;
  #offset = 0;
  #error: HttpParseError | undefined;

  constructor(kind: 'request' | 'response', options: HttpParserOptions = {}) {
    this.#kind = kind;
    this.#options = options;
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  /** Feeds the next chunk. Throws HttpParseError (again on every later call). */
  push(chunk: Uint8Array): HttpEvent[] {
    if (this.#error !== undefined) throw this.#error;
    const events: HttpEvent[] = [];
    let at = 0;
    try {
      while (at < chunk.length) {
        const before = at;
        at = this.#consume(chunk, at, events);
        this.#offset += at - before;
      }
    } catch (error) {
      if (error instanceof HttpParseError) this.#error = error;
      throw error;
    }
    return events;
  }

  /** The input has ended (the connection closed). Throws when that cuts the message short. */
  end(): HttpEvent[] {
    if (this.#error !== undefined) throw this.#error;
    switch (this.#state) {
      case 'done':
        return [];
      case 'head':
        throw new HttpParseError(
          'truncated',
          this.#offset,
          `the input ends inside the ${this.#kind} head`,
        );
      case 'body':
        if (this.#framing.type === 'close') {
          this.#state = 'done';
          return [{ type: 'end' }];
        }
        throw new HttpParseError(
          'truncated',
          this.#offset,
          this.#framing.type === 'length'
            ? `Content-Length says ${this.#framing.length} bytes but the input ends ${this.#bodyLeft} bytes short`
            : 'the input ends inside the chunked body',
        );
    }
  }

  #consume(chunk: Uint8Array, at: number, events: HttpEvent[]): number {
    switch (this.#state) {
      case 'head':
        return this.#consumeHead(chunk, at, events);
      case 'body':
        return this.#consumeBody(chunk, at, events);
      case 'done':
        events.push({ type: 'trailing', bytes: chunk.subarray(at) });
        return chunk.length;
    }
  }

  #consumeHead(chunk: Uint8Array, at: number, events: HttpEvent[]): number {
    const end = headEnd(this.#headParts, chunk, at);
    const max = this.#options.maxHeadSize ?? 1 << 20;
    if (end < 0) {
      this.#headParts.push(chunk.subarray(at));
      this.#headLength += chunk.length - at;
      if (this.#headLength > max)
        throw new HttpParseError('head-too-big', 0, `the head is over ${max} bytes`);
      return chunk.length;
    }
    if (this.#headLength + end - at > max)
      throw new HttpParseError('head-too-big', 0, `the head is over ${max} bytes`);
    const head = latin1Text(concatBytes([...this.#headParts, chunk.subarray(at, end)]));
    this.#headParts = [];
    const bodyStart = this.#offset + (end - at);
    const parsed = this.#kind === 'request' ? parseRequestHead(head) : parseResponseHead(head);
    this.#framing =
      parsed.kind === 'request'
        ? requestFraming(parsed, bodyStart)
        : responseFraming(parsed, this.#options);
    events.push({ type: 'head', head: parsed, framing: this.#framing });
    switch (this.#framing.type) {
      case 'none':
        this.#finish(events);
        break;
      case 'length':
        this.#bodyLeft = this.#framing.length;
        if (this.#bodyLeft === 0) this.#finish(events);
        else this.#state = 'body';
        break;
      case 'chunked':
        this.#chunked = new ChunkedDecoder(bodyStart);
        this.#state = 'body';
        break;
      case 'close':
        this.#state = 'body';
        break;
    }
    return end;
  }

  #consumeBody(chunk: Uint8Array, at: number, events: HttpEvent[]): number {
    if (this.#chunked !== undefined) {
      const chunkedEvents: ChunkedEvent[] = [];
      const stop = this.#chunked.push(chunk, at, chunkedEvents);
      for (const event of chunkedEvents) {
        if (event.type === 'data') events.push({ type: 'body', chunk: event.chunk });
        else if (event.type === 'trailers') events.push(event);
      }
      if (this.#chunked.done) this.#finish(events);
      return stop;
    }
    const take =
      this.#framing.type === 'close'
        ? chunk.length - at
        : Math.min(this.#bodyLeft, chunk.length - at);
    events.push({ type: 'body', chunk: chunk.subarray(at, at + take) });
    if (this.#framing.type !== 'close') {
      this.#bodyLeft -= take;
      if (this.#bodyLeft === 0) this.#finish(events);
    }
    return at + take;
  }

  #finish(events: HttpEvent[]): void {
    this.#state = 'done';
    events.push({ type: 'end' });
  }
}

// Where the head ends (after the blank line) in `chunk`, given the head bytes already buffered;
// -1 when it does not end in this chunk. A bare LF is accepted as a line end (RFC 9112 §2.2).
function headEnd(before: readonly Uint8Array[], chunk: Uint8Array, at: number): number {
  // the last 3 bytes already buffered may begin the blank line
  const tail: number[] = [];
  for (let i = before.length - 1; i >= 0 && tail.length < 3; i--) {
    const part = before[i]!;
    for (let j = part.length - 1; j >= 0 && tail.length < 3; j--) tail.unshift(part[j]!);
  }
  const byteAt = (i: number): number | undefined =>
    i >= at ? chunk[i] : tail[tail.length - (at - i)];
  for (let i = at; i < chunk.length; i++) {
    if (chunk[i] !== 0x0a) continue;
    const previous = byteAt(i - 1);
    if (previous === 0x0a) return i + 1;
    if (previous === 0x0d && byteAt(i - 2) === 0x0a) return i + 1;
  }
  return -1;
}

function headLines(head: string): string[] {
  const lines = head.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function parseHeaders(lines: readonly string[], firstOffset: number): HttpHeader[] {
  const headers: HttpHeader[] = [];
  let offset = firstOffset;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon);
    if (!TOKEN.test(name)) {
      // obsolete line folding and whitespace before the colon are refused (RFC 9112 §5.1, §5.2)
      throw new HttpParseError(
        'bad-header',
        offset,
        `not a header field: ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    headers.push([name, line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
    offset += line.length + 2;
  }
  return headers;
}

function parseRequestHead(head: string): HttpRequestHead {
  const [start = '', ...rest] = headLines(head);
  const match = REQUEST_LINE.exec(start);
  if (!match)
    throw new HttpParseError(
      'bad-start-line',
      0,
      `not a request line: ${JSON.stringify(start.slice(0, 60))}`,
    );
  return {
    kind: 'request',
    method: match[1]!,
    target: match[2]!,
    version: match[3]!,
    headers: parseHeaders(rest, start.length + 2),
  };
}

function parseResponseHead(head: string): HttpResponseHead {
  const [start = '', ...rest] = headLines(head);
  const match = STATUS_LINE.exec(start);
  if (!match)
    throw new HttpParseError(
      'bad-start-line',
      0,
      `not a status line: ${JSON.stringify(start.slice(0, 60))}`,
    );
  return {
    kind: 'response',
    version: match[1]!,
    status: Number(match[2]),
    reason: match[3] ?? '',
    headers: parseHeaders(rest, start.length + 2),
  };
}

function contentLength(headers: readonly HttpHeader[]): number | undefined {
  const values = headers
    .filter(([name]) => name.toLowerCase() === 'content-length')
    .flatMap(([, value]) => value.split(','));
  if (values.length === 0) return undefined;
  const lengths = new Set(values.map((value) => value.trim()));
  const [only] = lengths;
  // several fields or list members are fine only when they agree (RFC 9110 §8.6)
  if (lengths.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) {
    throw new HttpParseError(
      'bad-content-length',
      0,
      `Content-Length is not one number: ${JSON.stringify(values.join(', '))}`,
    );
  }
  return Number(only);
}

function requestFraming(head: HttpHead, bodyStart: number): BodyFraming {
  const codings = transferCodings(head.headers);
  if (codings !== undefined) {
    if (codings[codings.length - 1] !== 'chunked') {
      throw new HttpParseError(
        'bad-transfer-encoding',
        bodyStart,
        `a request's last transfer coding must be chunked, not ${JSON.stringify(codings.join(', '))}`,
      );
    }
    return { type: 'chunked' };
  }
  const length = contentLength(head.headers);
  return length === undefined ? { type: 'none' } : { type: 'length', length };
}

function responseFraming(head: HttpResponseHead, options: HttpParserOptions): BodyFraming {
  if (options.requestMethod?.toUpperCase() === 'HEAD') return { type: 'none' };
  if ((head.status >= 100 && head.status < 200) || head.status === 204 || head.status === 304)
    return { type: 'none' };
  const codings = transferCodings(head.headers);
  if (codings !== undefined)
    return codings[codings.length - 1] === 'chunked' ? { type: 'chunked' } : { type: 'close' };
  const length = contentLength(head.headers);
  return length === undefined ? { type: 'close' } : { type: 'length', length };
}

/** Bytes after a whole message: a pipelined request, or anything after a response. */
export interface Rest {
  readonly rest: Uint8Array;
}

/** A whole request from its bytes. */
export function parseHttpRequest(
  bytes: Uint8Array,
  options: HttpParserOptions = {},
): HttpRequest & Rest {
  const { head, ...parts } = collect(new HttpParser('request', options), bytes);
  if (head.kind !== 'request') throw new TypeError('a request parser gave a response head');
  return { ...head, ...parts };
}

/** A whole response from its bytes, the end of `bytes` being where the connection closed. */
export function parseHttpResponse(
  bytes: Uint8Array,
  options: HttpParserOptions = {},
): HttpResponse & Rest {
  const { head, ...parts } = collect(new HttpParser('response', options), bytes);
  if (head.kind !== 'response') throw new TypeError('a response parser gave a request head');
  return { ...head, ...parts };
}

function collect(parser: HttpParser, bytes: Uint8Array): HttpBodyParts & Rest & { head: HttpHead } {
  const events = [...parser.push(bytes), ...parser.end()];
  let head: HttpHead | undefined;
  let framing: BodyFraming = { type: 'none' };
  const body: Uint8Array[] = [];
  let trailers: readonly HttpHeader[] = [];
  let rest: Uint8Array = new Uint8Array(0);
  for (const event of events) {
    if (event.type === 'head') {
      head = event.head;
      framing = event.framing;
    } else if (event.type === 'body') body.push(event.chunk);
    else if (event.type === 'trailers') trailers = event.trailers;
    else if (event.type === 'trailing') rest = event.bytes;
  }
  // end() threw unless a head was read
  return { head: head!, body: concatBytes(body), framing, trailers, rest };
}
