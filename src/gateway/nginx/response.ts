// What the client receives from nginx 1.22.1: the header filter's head (status line, Server,
// Date, Content-Type, Content-Length, Last-Modified, Location, Transfer-Encoding, Connection, then
// the other headers in order — ngx_http_header_filter_module.c), and for an upstream answer what
// ngx_http_upstream.c and the uwsgi module keep of it: the status line's text, the upstream's own
// Server/Date in place of nginx's, Connection/Transfer-Encoding/Keep-Alive/X-Accel-* dropped, and
// a body without length re-sent chunked to HTTP/1.1 clients
// (ngx_http_chunked_filter_module.c) or until close to HTTP/1.0 ones.

import { latin1Bytes, concatBytes } from '../../protocol/index.ts';
import { serverHeader, specialPage, statusLine, type ServerTokens } from './error-pages.ts';
import type { LogLine, OwnResponse, UpstreamContext } from './request-processing.ts';
import { strftime } from '../strftime.ts';

/** `Thu, 26 Nov 2026 06:40:19 GMT` (ngx_http_time). */
export function httpDate(date: Date): string {
  return strftime('%a, %d %b %Y %H:%M:%S GMT', date.getTime());
}

interface HeadParts {
  readonly statusLine: string;
  readonly tokens: ServerTokens;
  readonly ownServer: boolean;
  readonly ownDate: boolean;
  readonly contentType: string | undefined;
  readonly contentLength: number | undefined;
  readonly lastModified: number | undefined;
  readonly location: string | undefined;
  readonly chunked: boolean;
  readonly keepAlive: boolean;
  readonly others: readonly (readonly [string, string])[];
}

function formatHead(parts: HeadParts, now: Date): string {
  const lines = [parts.statusLine];
  if (parts.ownServer) lines.push(`Server: ${serverHeader(parts.tokens)}`);
  if (parts.ownDate) lines.push(`Date: ${httpDate(now)}`);
  if (parts.contentType !== undefined) lines.push(`Content-Type: ${parts.contentType}`);
  if (parts.contentLength !== undefined) lines.push(`Content-Length: ${parts.contentLength}`);
  if (parts.lastModified !== undefined)
    lines.push(`Last-Modified: ${httpDate(new Date(parts.lastModified * 1000))}`);
  if (parts.location !== undefined) lines.push(`Location: ${parts.location}`);
  if (parts.chunked) lines.push('Transfer-Encoding: chunked');
  lines.push(`Connection: ${parts.keepAlive ? 'keep-alive' : 'close'}`);
  for (const [name, value] of parts.others) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The bytes of an answer nginx makes itself (pages, files, `return`). */
export function ownResponseBytes(response: OwnResponse, now: Date): Uint8Array {
  // HTTP/0.9 has no head at all
  if (response.version < 1000) return response.headOnly ? new Uint8Array(0) : response.body;
  const others: [string, string][] = [];
  if (response.file !== undefined) {
    others.push([
      'ETag',
      `"${response.file.mtime.toString(16)}-${response.file.size.toString(16)}"`,
    ]);
    others.push(['Accept-Ranges', 'bytes']);
  }
  const keepAlive = response.keepAlive && response.version >= 1000;
  const head = formatHead(
    {
      statusLine: statusLine(response.status),
      tokens: response.serverTokens,
      ownServer: true,
      ownDate: true,
      contentType: response.contentType,
      contentLength: response.body.length,
      lastModified: response.file?.mtime,
      location: response.location,
      chunked: false,
      keepAlive,
      others,
    },
    now,
  );
  return concatBytes([latin1Bytes(head), response.headOnly ? new Uint8Array(0) : response.body]);
}

export interface ClientResponse {
  readonly bytes: Uint8Array;
  readonly status: number;
  /** nginx keeps the client connection open after this response. */
  readonly keepAlive: boolean;
  readonly errorLog: readonly LogLine[];
}

// Response headers the uwsgi module hides by default (ngx_http_uwsgi_hide_headers), and the ones
// ngx_http_upstream.c never copies (their copy handler is ngx_http_upstream_ignore_header_line).
const DROPPED = new Set([
  'x-accel-expires',
  'x-accel-redirect',
  'x-accel-limit-rate',
  'x-accel-buffering',
  'x-accel-charset',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
]);

/**
 * What the client gets when uWSGI answered `upstream` (every byte uWSGI wrote before closing) to a
 * request described by `context`. An empty answer is nginx's 502 ("upstream prematurely closed
 * connection").
 */
export function clientResponseFromUpstream(
  upstream: Uint8Array,
  context: UpstreamContext,
  now: Date,
  upstreamName: string,
): ClientResponse {
  const text = String.fromCharCode(...upstream.subarray(0, Math.min(upstream.length, 65536)));
  const headEnd = findHeadEnd(text);
  if (headEnd < 0) {
    const reason =
      upstream.length === 0
        ? 'upstream prematurely closed connection while reading response header from upstream'
        : 'upstream sent no valid HTTP/1.0 header while reading response header from upstream';
    return badGateway(context, now, `${reason}${withUpstream(context.logContext, upstreamName)}`);
  }
  const lines = text
    .slice(0, headEnd)
    .split(/\r?\n/)
    .filter((line) => line !== '');
  let status: number | undefined;
  let reasonLine: string | undefined;
  const statusMatch = /^HTTP\/\d+\.\d+ (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (statusMatch) {
    status = Number(statusMatch[1]);
    reasonLine = `${statusMatch[1]!}${statusMatch[2] === undefined ? '' : ` ${statusMatch[2]}`}`;
    lines.shift();
  }
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      return badGateway(
        context,
        now,
        `upstream sent invalid header: "${line}\\x0D..." while reading response header from upstream${context.logContext}`,
      );
    }
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const find = (name: string): string | undefined =>
    headers.find(([n]) => n.toLowerCase() === name)?.[1];
  if (status === undefined) {
    // no status line: the Status header, else 302 with Location, else 200 (ngx_http_uwsgi_process_header)
    const statusHeader = find('status');
    if (statusHeader !== undefined) {
      status = Number(statusHeader.slice(0, 3));
      reasonLine = statusHeader;
    } else if (find('location') !== undefined) {
      status = 302;
      reasonLine = '302 Moved Temporarily';
    } else {
      status = 200;
      reasonLine = '200 OK';
    }
  }
  const lengthHeader = find('content-length');
  const contentLength =
    lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  // `text` has one char per byte, so its offsets are byte offsets
  const bodyBytes = upstream.subarray(headEnd);
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  const headOnly = context.method === 'HEAD' || noBody;
  const body = contentLength === undefined ? bodyBytes : bodyBytes.subarray(0, contentLength);
  const http11 = context.version >= 1001;
  const chunked =
    !headOnly && contentLength === undefined && http11 && context.chunkedTransferEncoding;
  const keepAlive = context.keepAlive && (headOnly || contentLength !== undefined || chunked);
  const others: [string, string][] = [];
  let ownServer = true;
  let ownDate = true;
  let contentType: string | undefined;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    if (lower === 'content-type') {
      contentType ??= value;
      continue;
    }
    if (lower === 'server') ownServer = false;
    if (lower === 'date') ownDate = false;
    // an upstream's Location stays where it was, relative or not
    // (ngx_http_upstream_rewrite_location leaves headers_out.location unset for relative ones)
    others.push([name, value]);
  }
  // an error_page status replaces the upstream's, with nginx's own text (ngx_http_header_filter)
  const head = formatHead(
    {
      statusLine:
        context.errStatus === undefined
          ? `HTTP/1.1 ${reasonLine ?? String(status)}`
          : statusLine(context.errStatus),
      tokens: context.serverTokens,
      ownServer,
      ownDate,
      contentType,
      contentLength: headOnly && contentLength === undefined ? undefined : contentLength,
      lastModified: undefined,
      location: undefined,
      chunked,
      keepAlive,
      others,
    },
    now,
  );
  let payload: Uint8Array = new Uint8Array(0);
  if (!headOnly) {
    payload = chunked ? chunk(body) : body;
  }
  return {
    bytes: concatBytes([latin1Bytes(head), payload]),
    status: context.errStatus ?? status,
    keepAlive,
    errorLog: [],
  };
}

// nginx buffers the whole (small) answer and sends it as one chunk, then the last chunk
function chunk(body: Uint8Array): Uint8Array {
  if (body.length === 0) return latin1Bytes('0\r\n\r\n');
  return concatBytes([
    latin1Bytes(`${body.length.toString(16)}\r\n`),
    body,
    latin1Bytes('\r\n0\r\n\r\n'),
  ]);
}

/** Ways the conversation with uWSGI can fail before nginx has a response header. */
export type UpstreamFailure =
  /** connect(2) to a unix socket: the file is not there (uWSGI not started). */
  | 'ENOENT'
  /** connect(2): no write permission on the socket, or no search permission on a folder above. */
  | 'EACCES'
  /** connect(2): a part of the socket's path is not a folder. */
  | 'ENOTDIR'
  /** connect(2): symbolic links in the path loop. */
  | 'ELOOP'
  /** connect(2): nothing listens (a stale socket file, a closed port). */
  | 'ECONNREFUSED'
  /** uWSGI reset the connection (it refused the packet: `invalid request block size`). */
  | 'ECONNRESET'
  /** uwsgi_read_timeout passed without an answer. */
  | 'ETIMEDOUT';

/**
 * nginx's answer and error-log line when talking to uWSGI fails (real-output.md 5.1–5.3, 5.7):
 * connect() errors are logged at crit (ENOENT, EACCES, …) or error (ECONNREFUSED); the client gets
 * 502, or 504 after a timeout.
 */
export function upstreamFailureResponse(
  failure: UpstreamFailure,
  context: UpstreamContext,
  now: Date,
  address: string,
): ClientResponse {
  const name = upstreamLogName(address);
  const where = withUpstream(context.logContext, name);
  switch (failure) {
    case 'ENOENT':
    case 'EACCES':
    case 'ENOTDIR':
    case 'ELOOP':
    case 'ECONNREFUSED': {
      const errno = {
        ENOENT: '2: No such file or directory',
        EACCES: '13: Permission denied',
        ENOTDIR: '20: Not a directory',
        ELOOP: '40: Too many levels of symbolic links',
        ECONNREFUSED: '111: Connection refused',
      }[failure];
      const response = errorResponse(
        502,
        context,
        now,
        `connect() to ${address} failed (${errno}) while connecting to upstream${where}`,
      );
      return failure === 'ECONNREFUSED'
        ? response
        : { ...response, errorLog: [{ level: 'crit', text: response.errorLog[0]!.text }] };
    }
    case 'ECONNRESET':
      return errorResponse(
        502,
        context,
        now,
        `recv() failed (104: Connection reset by peer) while reading response header from upstream${where}`,
      );
    case 'ETIMEDOUT':
      return errorResponse(
        504,
        context,
        now,
        `upstream timed out (110: Connection timed out) while reading response header from upstream${where}`,
      );
  }
}

function badGateway(context: UpstreamContext, now: Date, log: string): ClientResponse {
  return errorResponse(502, context, now, log);
}

function errorResponse(
  status: 502 | 504,
  context: UpstreamContext,
  now: Date,
  log: string,
): ClientResponse {
  const page = specialPage(status, context.serverTokens, context.padding) ?? '';
  const head = formatHead(
    {
      statusLine: statusLine(status),
      tokens: context.serverTokens,
      ownServer: true,
      ownDate: true,
      contentType: 'text/html',
      contentLength: page.length,
      lastModified: undefined,
      location: undefined,
      chunked: false,
      keepAlive: context.keepAlive,
      others: [],
    },
    now,
  );
  return {
    bytes: latin1Bytes(head + (context.method === 'HEAD' ? '' : page)),
    status,
    keepAlive: context.keepAlive,
    errorLog: [{ level: 'error', text: log }],
  };
}

function findHeadEnd(text: string): number {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return -1;
  if (crlf < 0) return lf + 2;
  if (lf < 0) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/** nginx names the upstream in its log context just before the host: `upstream: "uwsgi://…"`. */
export function withUpstream(logContext: string, upstreamName: string): string {
  const at = logContext.indexOf(', host: ');
  const part = `, upstream: "${upstreamName}"`;
  return at < 0 ? logContext + part : logContext.slice(0, at) + part + logContext.slice(at);
}

/** How nginx names an upstream peer in its log: `uwsgi://unix:/tmp/uwsgi.sock:`, `uwsgi://127.0.0.1:3031`. */
export function upstreamLogName(address: string): string {
  return address.startsWith('unix:') ? `uwsgi://${address}:` : `uwsgi://${address}`;
}
