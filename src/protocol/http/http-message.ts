// HTTP/1.x messages as the gateway sees them: start line, headers in wire order, body. Header
// names and values are byte strings (one character per byte, latin-1), the way nginx copies header
// bytes and WSGI hands them to the app, so nothing is lost when a value is not ASCII.

/** A header as it appeared: name and value, each character one byte. */
export type HttpHeader = readonly [name: string, value: string];

export interface HttpRequestHead {
  readonly kind: 'request';
  readonly method: string;
  /** The request target as sent (origin form `/path?query`, or absolute/authority/asterisk form). */
  readonly target: string;
  /** `HTTP/1.1`, `HTTP/1.0`. */
  readonly version: string;
  readonly headers: readonly HttpHeader[];
}

export interface HttpResponseHead {
  readonly kind: 'response';
  readonly version: string;
  readonly status: number;
  /** The reason phrase, possibly empty. */
  readonly reason: string;
  readonly headers: readonly HttpHeader[];
}

export type HttpHead = HttpRequestHead | HttpResponseHead;

/** How the body's end is known (RFC 9112 §6.3). */
export type BodyFraming =
  | { readonly type: 'none' }
  | { readonly type: 'length'; readonly length: number }
  | { readonly type: 'chunked' }
  /** A response without length: the body runs until the connection closes. */
  | { readonly type: 'close' };

export interface HttpBodyParts {
  /** The body with any chunked framing removed. */
  readonly body: Uint8Array;
  readonly framing: BodyFraming;
  /** Trailer fields after a chunked body. */
  readonly trailers: readonly HttpHeader[];
}

export type HttpRequest = HttpRequestHead & HttpBodyParts;
export type HttpResponse = HttpResponseHead & HttpBodyParts;

/** The value of the first header with this name (names compare case-insensitively), if any. */
export function headerValue(headers: readonly HttpHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([candidate]) => candidate.toLowerCase() === wanted)?.[1];
}

/** The transfer codings, in order, across all Transfer-Encoding fields; undefined without one. */
export function transferCodings(headers: readonly HttpHeader[]): string[] | undefined {
  const values = headers
    .filter(([name]) => name.toLowerCase() === 'transfer-encoding')
    .map(([, value]) => value);
  if (values.length === 0) return undefined;
  return values
    .join(',')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
}
