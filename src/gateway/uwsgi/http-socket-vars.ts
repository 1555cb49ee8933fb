// The vars uWSGI 2.0.21 makes from a plain HTTP request on an `--http-socket` (proto/http.c,
// http_parse): REQUEST_METHOD, REQUEST_URI, PATH_INFO (%-decoded, before the `?`), QUERY_STRING,
// SERVER_PROTOCOL, SCRIPT_NAME (empty), SERVER_NAME (the host name), SERVER_PORT (after the
// socket name's last `:`, else 80), REMOTE_ADDR (0.0.0.0 on a unix socket), then one var per
// header — CONTENT_TYPE and CONTENT_LENGTH as such, the others as HTTP_*, a repeated header joined
// with ", " into the first one's place.

import { latin1Bytes, latin1Text } from '../../protocol/index.ts';
import type { UwsgiVar } from '../../protocol/index.ts';

export interface HttpSocketRequest {
  readonly vars: readonly UwsgiVar[];
  /** The vars block's size, as the request log reports it. */
  readonly datasize: number;
  /** Bytes after the header block (the body, CONTENT_LENGTH of them used). */
  readonly rest: Uint8Array;
}

/** undefined when the bytes are not a complete HTTP request head (uWSGI then closes, saying nothing). */
export function httpSocketVars(
  bytes: Uint8Array,
  serverName: string,
  socketName: string,
  remoteAddr: string,
): HttpSocketRequest | undefined {
  const end = findHeadEnd(bytes);
  if (end < 0) return undefined;
  const head = latin1Text(bytes.subarray(0, end));
  const lines = head.split('\r\n');
  const requestLine = lines[0] ?? '';
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S*) (HTTP\/\d\.\d)$/.exec(requestLine);
  if (match === null) return undefined;
  const [, method = '', uri = '', protocol = ''] = match;
  const pairs: [string, string][] = [['REQUEST_METHOD', method]];
  const question = uri.indexOf('?');
  if (question >= 0) pairs.push(['PATH_INFO', urlDecode(uri.slice(0, question))]);
  pairs.push(['REQUEST_URI', uri]);
  if (question < 0) pairs.push(['PATH_INFO', urlDecode(uri)], ['QUERY_STRING', '']);
  else pairs.push(['QUERY_STRING', uri.slice(question + 1)]);
  pairs.push(['SERVER_PROTOCOL', protocol], ['SCRIPT_NAME', ''], ['SERVER_NAME', serverName]);
  const colon = socketName.lastIndexOf(':');
  pairs.push(
    ['SERVER_PORT', colon < 0 ? '80' : socketName.slice(colon + 1)],
    ['REMOTE_ADDR', remoteAddr],
  );
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const separator = line.indexOf(':');
    if (separator <= 0) return undefined;
    const key = line.slice(0, separator).toUpperCase().replace(/-/g, '_');
    const value = line.slice(separator + 1).replace(/^[ \t]+/, '');
    const existing = headers.find(([name]) => name === key);
    if (existing !== undefined) existing[1] = `${existing[1]}, ${value}`;
    else headers.push([key, value]);
  }
  for (const [key, value] of headers) {
    pairs.push([key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH' ? key : `HTTP_${key}`, value]);
  }
  const vars: UwsgiVar[] = pairs.map(([key, value]) => [latin1Bytes(key), latin1Bytes(value)]);
  const datasize = vars.reduce((sum, [key, value]) => sum + 4 + key.length + value.length, 0);
  return { vars, datasize, rest: bytes.subarray(end + 4) };
}

function findHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 0x0d &&
      bytes[i + 1] === 0x0a &&
      bytes[i + 2] === 0x0d &&
      bytes[i + 3] === 0x0a
    )
      return i;
  }
  return -1;
}

// http_url_decode: %XX to the byte, everything else as it is (the result stays a byte string)
function urlDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
