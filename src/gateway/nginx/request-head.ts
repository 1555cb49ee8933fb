// A client's request as nginx 1.22.1 reads it (src/http/ngx_http_parse.c request line and header
// lines, ngx_http_request.c header handling): method, target in origin or absolute form, version,
// header lines in order (names with `_` dropped unless underscores_in_headers), the Host checks,
// Content-Length / Transfer-Encoding, and the header-buffer limits (414, and 400 "Request Header
// Or Cookie Too Large"). Everything is a byte string, one char per byte. A refusal names the
// status nginx answers and the line nginx logs at info level.

import { normalizeUri } from './uri-normalize.ts';

export interface RequestHeader {
  /** As the client wrote it. */
  readonly name: string;
  readonly value: string;
}

export interface NginxRequestHead {
  readonly method: string;
  /** The request line without its line end ($request). */
  readonly requestLine: string;
  /** The path and query as sent, for absolute-form only the part from the path ($request_uri). */
  readonly requestUri: string;
  /** Decoded and normalised path ($uri). */
  readonly uri: string;
  /** $args, undefined without `?`. */
  readonly args: string | undefined;
  readonly exten: string;
  /** `HTTP/1.1`, `HTTP/1.0`, or '' for HTTP/0.9. */
  readonly protocol: string;
  readonly version: number;
  /** The headers nginx keeps, in order (invalid ones are dropped). */
  readonly headers: readonly RequestHeader[];
  /** Headers nginx dropped as invalid (e.g. `X_Custom` without underscores_in_headers). */
  readonly ignoredHeaders: readonly RequestHeader[];
  /** The validated host (lower case, no port, no trailing dot): request line first, then Host. */
  readonly host: string | undefined;
  /** Where `host` came from. */
  readonly hostSource: 'request-line' | 'host-header' | undefined;
  readonly contentLength: number | undefined;
  readonly chunked: boolean;
  readonly keepAlive: boolean;
  /** Bytes after the head: the body as sent (possibly chunked). */
  readonly rest: Uint8Array;
}

export type RequestHeadResult =
  | { readonly ok: true; readonly head: NginxRequestHead }
  | {
      readonly ok: false;
      /** What nginx answers: 400, 414, 494 (sent as 400 "Request Header Or Cookie Too Large"), 501, 505. */
      readonly status: number;
      /** nginx's info-level log line about it. */
      readonly reason: string;
      /** The request line, when it was read ($request in the log). */
      readonly requestLine: string | undefined;
    }
  /** The head has not ended: nginx keeps waiting for more bytes. */
  | { readonly ok: 'incomplete' };

export interface HeadLimits {
  /** client_header_buffer_size, default 1k. */
  readonly clientHeaderBufferSize: number;
  /** large_client_header_buffers, default 4 8k. */
  readonly largeBuffers: { readonly count: number; readonly size: number };
  readonly underscoresInHeaders: boolean;
  readonly ignoreInvalidHeaders: boolean;
  /** Debian's max_headers, default 1000: accepted header lines beyond it are a 400. */
  readonly maxHeaders: number;
  readonly mergeSlashes: boolean;
}

export const DEFAULT_HEAD_LIMITS: HeadLimits = {
  clientHeaderBufferSize: 1024,
  largeBuffers: { count: 4, size: 8192 },
  underscoresInHeaders: false,
  ignoreInvalidHeaders: true,
  maxHeaders: 1000,
  mergeSlashes: true,
};

function refuse(status: number, reason: string, requestLine?: string): RequestHeadResult {
  return { ok: false, status, reason, requestLine };
}

/** Reads the head from the start of `bytes` (a byte string of the whole request so far). */
export function parseRequestHead(
  text: string,
  limits: HeadLimits = DEFAULT_HEAD_LIMITS,
): RequestHeadResult {
  // empty lines before the request line are skipped (sw_start)
  let start = 0;
  while (text[start] === '\r' || text[start] === '\n') start++;
  const lines: { text: string; start: number; end: number }[] = [];
  let at = start;
  let headEnd = -1;
  for (;;) {
    const lf = text.indexOf('\n', at);
    if (lf < 0) break;
    const raw = text.slice(at, lf);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    lines.push({ text: line, start: at, end: lf + 1 });
    at = lf + 1;
    if (line === '' && lines.length > 1) {
      headEnd = at;
      break;
    }
    // HTTP/0.9: the request line alone
    if (lines.length === 1 && !/ HTTP\/\d+\.\d+ *$/.test(line) && /^[A-Z_-]+ +\S+ *$/.test(line)) {
      headEnd = at;
      break;
    }
  }
  const limit = checkBuffers(text, start, lines, headEnd, limits);
  if (limit !== undefined) return limit;
  if (headEnd < 0) return { ok: 'incomplete' };

  const requestLine = lines[0]!.text;
  const line = parseRequestLine(requestLine, limits.mergeSlashes);
  if (!line.ok) return refuse(line.status, line.reason, requestLine);

  const headers: RequestHeader[] = [];
  const ignoredHeaders: RequestHeader[] = [];
  let host: string | undefined = line.host;
  let hostHeaderSeen = false;
  let contentLength: string | undefined;
  let transferEncoding: string | undefined;
  let connection: string | undefined;
  for (const { text: headerLine } of lines.slice(1, -1)) {
    const colon = headerLine.indexOf(':');
    const name = colon < 0 ? headerLine : headerLine.slice(0, colon);
    const value = colon < 0 ? '' : headerLine.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (value.includes('\0') || name.includes('\0')) {
      return refuse(
        400,
        `client sent invalid header line: "${headerLine.slice(0, 1748)}"`,
        requestLine,
      );
    }
    if (colon <= 0 || !validHeaderName(name, limits.underscoresInHeaders)) {
      if (limits.ignoreInvalidHeaders || colon <= 0) {
        ignoredHeaders.push({ name, value });
        continue;
      }
    }
    // Debian's max_headers counts the lines it keeps, not the ones it ignored (checked against
    // 1.22.1-9+deb12u11: 1000 kept lines pass, the 1001st is refused as too large).
    if (headers.length >= limits.maxHeaders) {
      return refuse(494, 'client sent too many header lines', requestLine);
    }
    headers.push({ name, value });
    switch (name.toLowerCase()) {
      case 'host': {
        if (hostHeaderSeen) return refuse(400, 'client sent duplicate host header', requestLine);
        hostHeaderSeen = true;
        const valid = validateHost(value);
        if (valid === undefined) return refuse(400, 'client sent invalid host header', requestLine);
        host ??= valid;
        break;
      }
      case 'content-length':
        if (contentLength !== undefined) {
          return refuse(
            400,
            `client sent duplicate header line: "${headerLine}", previous value: "Content-Length: ${contentLength}"`,
            requestLine,
          );
        }
        contentLength = value;
        break;
      case 'transfer-encoding':
        if (transferEncoding !== undefined) {
          return refuse(
            400,
            `client sent duplicate header line: "${headerLine}", previous value: "Transfer-Encoding: ${transferEncoding}"`,
            requestLine,
          );
        }
        transferEncoding = value;
        break;
      case 'connection':
        connection ??= value;
        break;
    }
  }
  if (line.version >= 1001 && !hostHeaderSeen && line.host === undefined) {
    return refuse(400, 'client sent HTTP/1.1 request without "Host" header', requestLine);
  }
  let length: number | undefined;
  let chunked = false;
  if (contentLength !== undefined) {
    if (!/^\d{1,18}$/.test(contentLength)) {
      return refuse(400, `client sent invalid "Content-Length" header`, requestLine);
    }
    length = Number(contentLength);
  }
  if (transferEncoding !== undefined) {
    if (line.version < 1001) {
      return refuse(
        400,
        'client sent HTTP/1.0 request with "Transfer-Encoding" header',
        requestLine,
      );
    }
    if (transferEncoding.toLowerCase() !== 'chunked') {
      return refuse(
        501,
        `client sent unknown "Transfer-Encoding": "${transferEncoding}"`,
        requestLine,
      );
    }
    if (length !== undefined) {
      return refuse(
        400,
        'client sent "Content-Length" and "Transfer-Encoding" headers at the same time',
        requestLine,
      );
    }
    chunked = true;
  }
  const connectionWord = connection?.toLowerCase() ?? '';
  const keepAlive =
    line.version >= 1001
      ? !connectionWord.includes('close')
      : connectionWord.includes('keep-alive');
  return {
    ok: true,
    head: {
      method: line.method,
      requestLine,
      requestUri: line.requestUri,
      uri: line.uri,
      args: line.args,
      exten: line.exten,
      protocol: line.protocol,
      version: line.version,
      headers,
      ignoredHeaders,
      host,
      hostSource:
        line.host !== undefined ? 'request-line' : hostHeaderSeen ? 'host-header' : undefined,
      contentLength: length,
      chunked,
      keepAlive,
      rest: bytesOf(text.slice(headEnd)),
    },
  };
}

function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

// ngx_http_parse_header_line: a-z, A-Z, 0-9 and `-` (and `_` when allowed) make a valid name.
function validHeaderName(name: string, underscores: boolean): boolean {
  return underscores ? /^[A-Za-z0-9_-]+$/.test(name) : /^[A-Za-z0-9-]+$/.test(name);
}

/** ngx_http_validate_host: lower case, the port and a trailing dot removed; undefined if invalid. */
export function validateHost(value: string): string | undefined {
  let dotPos = value.length;
  let hostLength = value.length;
  let state: 'usual' | 'literal' | 'rest' = 'usual';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (ch === '.') {
      if (dotPos === i - 1) return undefined;
      dotPos = i;
    } else if (ch === ':') {
      if (state === 'usual') {
        hostLength = i;
        state = 'rest';
      }
    } else if (ch === '[') {
      if (i === 0) state = 'literal';
    } else if (ch === ']') {
      if (state === 'literal') {
        hostLength = i + 1;
        state = 'rest';
      }
    } else if (ch === '/' || code <= 0x20 || code === 0x7f) {
      return undefined;
    }
  }
  if (dotPos === hostLength - 1) hostLength--;
  if (hostLength <= 0) return undefined;
  return value.slice(0, hostLength).toLowerCase();
}

type RequestLine =
  | {
      readonly ok: true;
      readonly method: string;
      readonly requestUri: string;
      readonly uri: string;
      readonly args: string | undefined;
      readonly exten: string;
      readonly protocol: string;
      readonly version: number;
      readonly host: string | undefined;
    }
  | { readonly ok: false; readonly status: number; readonly reason: string };

function parseRequestLine(line: string, mergeSlashes: boolean): RequestLine {
  const invalid = (what: string): RequestLine => ({
    ok: false,
    status: 400,
    reason: `client sent invalid ${what}`,
  });
  const method = /^[A-Z_-]+/.exec(line)?.[0];
  if (method === undefined || line[method.length] !== ' ') return invalid('method');
  let rest = line.slice(method.length).replace(/^ +/, '');
  let host: string | undefined;
  let requestUri: string;
  // absolute form: scheme://host[:port][/path]
  const absolute = /^[A-Za-z]+:\/\/([^/ ?]*)/.exec(rest);
  if (absolute) {
    const authority = absolute[1]!;
    const validHost = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(:\d*)?$/.exec(authority);
    if (!validHost) return invalid('request');
    host = validateHost(authority);
    if (host === undefined) return invalid('request');
    const afterAuthority = rest.slice(absolute[0].length);
    const pathPart = afterAuthority.split(' ')[0]!;
    // no path: nginx points the URI at the `/` of `://` (ngx_http_parse_request_line, sw_host_end)
    requestUri = pathPart === '' ? '/' : pathPart.startsWith('?') ? `/${pathPart}` : pathPart;
    rest = afterAuthority.slice(pathPart.length);
  } else {
    if (!rest.startsWith('/')) return invalid('request');
    requestUri = rest.split(' ')[0]!;
    rest = rest.slice(requestUri.length);
  }
  if (requestUri.includes('\0')) return invalid('request');
  rest = rest.replace(/^ +/, '');
  let protocol = '';
  let version = 9;
  if (rest !== '') {
    const m = /^HTTP\/(\d+)\.(\d+) *$/.exec(rest);
    if (!m) return invalid('request');
    const major = Number(m[1]);
    const minor = Number(m[2]);
    if (major > 1)
      return { ok: false, status: 505, reason: 'client sent unsupported HTTP version' };
    if (minor > 999) return invalid('request');
    protocol = `HTTP/${m[1]!}.${m[2]!}`;
    version = major * 1000 + minor;
  }
  const normalized = normalizeUri(requestUri, mergeSlashes);
  if (!normalized.ok) return invalid('request');
  return {
    ok: true,
    method,
    requestUri,
    uri: normalized.uri,
    args: normalized.args,
    exten: normalized.exten,
    protocol,
    version,
    host,
  };
}

// ngx_http_alloc_large_header_buffer, as a rule: the head starts in a client_header_buffer_size
// buffer; a line that does not end inside it moves to a large buffer, and each large buffer holds
// whole lines; a line longer than one large buffer, or needing more buffers than there are, is
// refused — 414 for the request line, 494 (shown as 400 "Request Header Or Cookie Too Large") for
// a header line.
function checkBuffers(
  text: string,
  start: number,
  lines: readonly { text: string; start: number; end: number }[],
  headEnd: number,
  limits: HeadLimits,
): RequestHeadResult | undefined {
  const { count, size } = limits.largeBuffers;
  const all = [...lines];
  // a line still arriving counts with what has arrived of it
  if (headEnd < 0)
    all.push({
      text: text.slice(all.at(-1)?.end ?? start),
      start: all.at(-1)?.end ?? start,
      end: text.length,
    });
  let used = 0;
  let room = 0;
  for (const [index, line] of all.entries()) {
    const length = line.end - line.start;
    if (line.end - start <= limits.clientHeaderBufferSize && used === 0) continue;
    const tooBig = (): RequestHeadResult =>
      index === 0
        ? refuse(414, 'client sent too long URI')
        : refuse(
            494,
            `client sent too long header line: "${line.text.slice(0, 1748)}${line.text.length > 1748 ? '...' : ''}"`,
            lines[0]?.text,
          );
    if (length > size) return tooBig();
    if (length > room) {
      used++;
      room = size;
      if (used > count) return tooBig();
    }
    room -= length;
  }
  return undefined;
}
