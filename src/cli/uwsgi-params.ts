// The vars nginx 1.22.1 sends for a request through Debian's /etc/nginx/uwsgi_params with the
// tutorial's server block, in that file's order, then one HTTP_* var per client header — what
// `uwsgi-lab request` puts in its packet until the nginx model builds packets itself.

import { concatBytes, utf8Bytes } from '../protocol/byte-text.ts';
import type { UwsgiVar, VarField } from '../protocol/packet.ts';
import { CliError } from './cli-error.ts';

export interface ClientRequest {
  readonly method: string;
  /** The request target in origin form: `/path?query`. */
  readonly target: string;
  /** Headers in the order given, as `[name, value]`. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body, when there is one (`--data`). */
  readonly body: Uint8Array | undefined;
}

/** The fixed values: the tutorial's server block and a client on loopback. */
export const SERVER = {
  documentRoot: '/var/www/html',
  serverProtocol: 'HTTP/1.1',
  scheme: 'http',
  remoteAddr: '127.0.0.1',
  remotePort: '50000',
  serverPort: '8080',
  serverName: 'helloworld.haruair.com',
  formContentType: 'application/x-www-form-urlencoded',
} as const;

/** The vars, in the order nginx writes them with Debian's uwsgi_params. */
export function uwsgiParamsVars(request: ClientRequest): UwsgiVar<VarField>[] {
  if (!request.target.startsWith('/'))
    throw new CliError(`--path must start with "/", not ${JSON.stringify(request.target)}`);
  const query = request.target.indexOf('?');
  const path = query < 0 ? request.target : request.target.slice(0, query);
  const contentType =
    header(request.headers, 'content-type') ??
    (request.body === undefined ? '' : SERVER.formContentType);
  const host = header(request.headers, 'host');
  const vars: UwsgiVar<VarField>[] = [
    ['QUERY_STRING', query < 0 ? '' : request.target.slice(query + 1)],
    ['REQUEST_METHOD', request.method],
    ['CONTENT_TYPE', contentType],
    ['CONTENT_LENGTH', request.body === undefined ? '' : String(request.body.length)],
    ['REQUEST_URI', request.target],
    ['PATH_INFO', documentUri(path)],
    ['DOCUMENT_ROOT', SERVER.documentRoot],
    ['SERVER_PROTOCOL', SERVER.serverProtocol],
    ['REQUEST_SCHEME', SERVER.scheme],
    // HTTPS $https if_not_empty: $https is empty on a plain-HTTP server, so no var at all
    ['REMOTE_ADDR', SERVER.remoteAddr],
    ['REMOTE_PORT', SERVER.remotePort],
    ['SERVER_PORT', SERVER.serverPort],
    ['SERVER_NAME', SERVER.serverName],
    // Debian's addition: HTTP_HOST $host — the Host header's name without port, lower-cased, or
    // server_name without one; and because a param defines it, the client's Host is not passed again
    ['HTTP_HOST', host === undefined ? SERVER.serverName : hostName(host)],
  ];
  for (const [name, value] of request.headers) {
    // nginx's default `underscores_in_headers off` drops a header whose name has "_"
    if (name.toLowerCase() === 'host' || name.includes('_')) continue;
    vars.push([httpVarName(name), value]);
  }
  return vars;
}

/** `User-Agent` → `HTTP_USER_AGENT`: a-z upper-cased, `-` → `_` (ngx_http_uwsgi_module.c, 1.22.1 line 1101). */
export function httpVarName(header: string): string {
  return `HTTP_${header.replace(/[a-z-]/g, (ch) => (ch === '-' ? '_' : ch.toUpperCase()))}`;
}

function header(headers: ClientRequest['headers'], name: string): string | undefined {
  return headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
}

function hostName(host: string): string {
  const bracket = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const colon = host.indexOf(':', bracket);
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

/**
 * nginx's $document_uri for a path: %XX decoded (a decoded "/" or "." counts as one), runs of "/"
 * merged (merge_slashes on), "." and ".." segments resolved; a ".." above the root is a 400 in
 * nginx and an error here. The result is bytes: a decoded %FF stays the byte FF.
 */
export function documentUri(path: string): Uint8Array {
  const raw = utf8Bytes(path);
  const decoded: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      decoded.push(parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16));
      i += 2;
    } else {
      decoded.push(byte);
    }
  }
  const segments: number[][] = [[]];
  for (const byte of decoded) {
    if (byte === 0x2f) segments.push([]);
    else segments[segments.length - 1]!.push(byte);
  }
  // segments[0] is before the leading "/" and empty
  const kept: number[][] = [];
  const last = segments.length - 1;
  for (let i = 1; i <= last; i++) {
    const segment = segments[i]!;
    const dots = segment.length <= 2 && segment.every((byte) => byte === 0x2e) ? segment.length : 0;
    if (segment.length === 0 && i !== last) continue;
    if (dots === 1) {
      if (i === last) kept.push([]);
      continue;
    }
    if (dots === 2) {
      if (kept.length === 0)
        throw new CliError(
          `--path ${JSON.stringify(path)} climbs above the root (nginx answers 400)`,
        );
      kept.pop();
      if (i === last) kept.push([]);
      continue;
    }
    kept.push(segment);
  }
  return concatBytes(kept.map((segment) => Uint8Array.from([0x2f, ...segment])));
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  );
}
