// The parts of Werkzeug 2.2.2's Request a modelled Flask view reads: method, path, args, form,
// get_json, headers — decoded as Werkzeug decodes them from the WSGI environ (each environ str is
// latin-1 bytes; Werkzeug re-encodes them and decodes UTF-8 with errors="replace").

import { latin1Bytes } from '../../protocol/index.ts';
import { environStr, WsgiInput, type Environ } from '../wsgi/environ.ts';
import { pyJsonLoads, type PyJson } from './python-json.ts';

const replacingUtf8 = new TextDecoder('utf-8');

/** bytes.decode("utf-8", "replace"): invalid sequences become U+FFFD (maximal subparts, as Python does). */
export function decodeUtf8Replace(bytes: Uint8Array): string {
  return replacingUtf8.decode(bytes);
}

/** werkzeug _wsgi_decoding_dance: an environ str back to bytes (latin-1), then UTF-8 with replace. */
export function wsgiDecode(text: string): string {
  return decodeUtf8Replace(latin1Bytes(text));
}

/** `%XX` decoding on bytes; a `%` not followed by two hex digits stays as it is (urllib unquote). */
export function percentDecode(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(Number.parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16));
      i += 2;
    } else out.push(byte);
  }
  return Uint8Array.from(out);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  );
}

/**
 * werkzeug.urls.url_decode (2.2): split on `&`, skip empty pieces, `key=value` (a piece without `=`
 * is a key with an empty value), `+` is a space, %-decoding, then UTF-8 with replace. Ordered pairs
 * (a MultiDict keeps every value in order).
 */
export function urlDecode(query: Uint8Array): [string, string][] {
  const pairs: [string, string][] = [];
  let start = 0;
  for (let i = 0; i <= query.length; i++) {
    if (i < query.length && query[i] !== 0x26) continue;
    const piece = query.subarray(start, i);
    start = i + 1;
    if (piece.length === 0) continue;
    const equal = piece.indexOf(0x3d);
    const key = equal < 0 ? piece : piece.subarray(0, equal);
    const value = equal < 0 ? new Uint8Array(0) : piece.subarray(equal + 1);
    pairs.push([unquotePlus(key), unquotePlus(value)]);
  }
  return pairs;
}

function unquotePlus(bytes: Uint8Array): string {
  return decodeUtf8Replace(percentDecode(bytes.map((byte) => (byte === 0x2b ? 0x20 : byte))));
}

/** A MultiDict's read side: first value by key, every pair in order. */
export class MultiDict {
  readonly #pairs: readonly (readonly [string, string])[];

  constructor(pairs: readonly (readonly [string, string])[]) {
    this.#pairs = pairs;
  }

  /** `d.get(key)`: the first value, or undefined. */
  get(key: string): string | undefined {
    return this.#pairs.find(([candidate]) => candidate === key)?.[1];
  }

  getlist(key: string): string[] {
    return this.#pairs.filter(([candidate]) => candidate === key).map(([, value]) => value);
  }

  /** `d.items(multi=True)`. */
  items(): readonly (readonly [string, string])[] {
    return this.#pairs;
  }

  get size(): number {
    return this.#pairs.length;
  }
}

/** The mimetype of a Content-Type value: before any `;`, trimmed, lower-cased (werkzeug parse_options_header). */
export function mimetypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export class WerkzeugRequest {
  readonly environ: Environ;
  #stream: Uint8Array | undefined;
  #form: MultiDict | undefined;

  constructor(environ: Environ) {
    this.environ = environ;
  }

  get method(): string {
    return (environStr(this.environ, 'REQUEST_METHOD') ?? 'GET').toUpperCase();
  }

  /** `request.path`: PATH_INFO decoded, with exactly one leading slash. */
  get path(): string {
    return `/${wsgiDecode(environStr(this.environ, 'PATH_INFO') ?? '').replace(/^\/+/, '')}`;
  }

  /** `request.args`: the query string's pairs. */
  get args(): MultiDict {
    return new MultiDict(urlDecode(latin1Bytes(environStr(this.environ, 'QUERY_STRING') ?? '')));
  }

  get mimetype(): string {
    return mimetypeOf(environStr(this.environ, 'CONTENT_TYPE') ?? '');
  }

  /**
   * `request.form`: parsed from an application/x-www-form-urlencoded body. SIMPLIFIED:
   * multipart/form-data is not modelled (it reads as empty, and the app says so where that matters).
   */
  get form(): MultiDict {
    if (this.#form !== undefined) return this.#form;
    this.#form =
      this.mimetype === 'application/x-www-form-urlencoded'
        ? new MultiDict(urlDecode(this.#body()))
        : new MultiDict([]);
    return this.#form;
  }

  /** `request.get_data()`: the body as Werkzeug's input stream gives it. */
  getData(): Uint8Array {
    return this.#body();
  }

  /** `request.is_json`: application/json or application/*+json. */
  get isJson(): boolean {
    const mimetype = this.mimetype;
    return (
      mimetype === 'application/json' ||
      (mimetype.startsWith('application/') && mimetype.endsWith('+json'))
    );
  }

  /**
   * `request.get_json(silent=True)`: the parsed body, or None (null) when the request is not JSON
   * or the body does not parse.
   */
  getJsonSilent(): PyJson {
    if (!this.isJson) return null;
    const bytes = this.#body();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
    try {
      return pyJsonLoads(text);
    } catch {
      return null;
    }
  }

  /** A request header by name (`request.headers.get`), from the HTTP_* environ key. */
  header(name: string): string | undefined {
    const key = name.toUpperCase().replace(/-/g, '_');
    if (key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH') return environStr(this.environ, key);
    return environStr(this.environ, `HTTP_${key}`);
  }

  // werkzeug.wsgi.get_input_stream (2.2): no length when the client sent Transfer-Encoding:
  // chunked (get_content_length returns None), and then an empty stream — which is why a chunked
  // upload through nginx reaches Flask as an empty form (vector post-chunked).
  #body(): Uint8Array {
    if (this.#stream !== undefined) return this.#stream;
    const input = this.environ.get('wsgi.input');
    const chunked = environStr(this.environ, 'HTTP_TRANSFER_ENCODING') === 'chunked';
    const length = contentLength(environStr(this.environ, 'CONTENT_LENGTH'));
    this.#stream =
      !(input instanceof WsgiInput) || chunked || length === undefined
        ? new Uint8Array(0)
        : input.read(length);
    return this.#stream;
  }
}

// int(CONTENT_LENGTH) as Python reads it (surrounding whitespace, a sign, underscores between
// digits), never below 0; None when it does not parse.
function contentLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[-+]?\d+(?:_\d+)*$/.test(trimmed)) return undefined;
  return Math.max(0, Number(trimmed.replace(/_/g, '')));
}
