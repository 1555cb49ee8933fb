// The request `uwsgi-lab request` makes: its options as the raw HTTP/1.1 request curl sends for
// the same options, then through the nginx model (Debian's layout with the tutorial's site, a
// client on 127.0.0.1:50000) to the packet nginx sends upstream.

import { nginxPacket } from '../gateway/nginx/commands.ts';
import { concatBytes, utf8Bytes } from '../protocol/byte-text.ts';
import { upstreamPacket } from './nginx-answer.ts';

export interface ClientRequest {
  readonly method: string;
  /** The request target as given (`/path?query`), sent as UTF-8. */
  readonly target: string;
  /** Headers in the order given, as `[name, value]`; values are sent as UTF-8. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body, when there is one (`--data`, `--data-file`). */
  readonly body: Uint8Array | undefined;
}

/** The fixed values: the tutorial's server name as the default Host, and a client on loopback. */
export const REQUEST_CLIENT = {
  host: 'helloworld.haruair.com',
  remoteAddr: '127.0.0.1',
  remotePort: 50000,
  formContentType: 'application/x-www-form-urlencoded',
} as const;

/**
 * The request as curl sends it: `METHOD TARGET HTTP/1.1`, `Host` first unless a header gives it,
 * the headers in order, then for a body `Content-Length` and `Content-Type` (the form type) unless
 * a header gives them, as `curl -d` does; with `Transfer-Encoding: chunked` the body goes as one
 * chunk and the last chunk, without `Content-Length`.
 */
export function rawHttpRequest(request: ClientRequest): Uint8Array {
  const given = (name: string): boolean =>
    request.headers.some(([candidate]) => candidate.toLowerCase() === name);
  const chunked = request.headers.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && /\bchunked\b/i.test(value),
  );
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  if (!given('host')) lines.push(`Host: ${REQUEST_CLIENT.host}`);
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (request.body !== undefined) {
    if (!chunked && !given('content-length')) lines.push(`Content-Length: ${request.body.length}`);
    if (!given('content-type')) lines.push(`Content-Type: ${REQUEST_CLIENT.formContentType}`);
  }
  const head = utf8Bytes(`${lines.map((line) => `${line}\r\n`).join('')}\r\n`);
  const body = request.body ?? new Uint8Array(0);
  if (!chunked) return concatBytes([head, body]);
  const chunk =
    body.length === 0
      ? []
      : [utf8Bytes(`${body.length.toString(16)}\r\n`), body, utf8Bytes('\r\n')];
  return concatBytes([head, ...chunk, utf8Bytes('0\r\n\r\n')]);
}

/**
 * The packet the nginx model sends upstream for the request with the tutorial's site; throws a
 * CliError (exit status 1) when nginx would answer the request itself.
 */
export function requestPacket(request: ClientRequest): Uint8Array {
  return upstreamPacket(
    nginxPacket({
      request: rawHttpRequest(request),
      remoteAddr: REQUEST_CLIENT.remoteAddr,
      remotePort: REQUEST_CLIENT.remotePort,
    }),
  );
}
