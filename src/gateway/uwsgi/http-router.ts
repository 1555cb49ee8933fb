// uWSGI's HTTP router (`--http`, the http plugin: plugins/http/http.c): a separate gateway
// process that speaks HTTP to clients and the uwsgi protocol to the workers. For each request it
// builds a uwsgi packet — REQUEST_METHOD, REQUEST_URI, PATH_INFO, QUERY_STRING, SERVER_PROTOCOL,
// SCRIPT_NAME, SERVER_NAME, SERVER_PORT, UWSGI_ROUTER=http, REMOTE_ADDR, REMOTE_PORT, then the
// headers — sends it to the workers' socket and relays the answer.

import {
  concatBytes,
  encode,
  latin1Bytes,
  latin1Text,
  type UwsgiVar,
} from '../../protocol/index.ts';

/** The packet the router sends the workers for one HTTP request; undefined when it is not one. */
export function routerPacket(
  bytes: Uint8Array,
  serverName: string,
  port: number,
  client: { readonly address: string; readonly port: number },
): Uint8Array | undefined {
  let end = -1;
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 0x0d &&
      bytes[i + 1] === 0x0a &&
      bytes[i + 2] === 0x0d &&
      bytes[i + 3] === 0x0a
    ) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const lines = latin1Text(bytes.subarray(0, end)).split('\r\n');
  const match = /^([A-Za-z]+) (\S+) ((?:HTTP|RTSP)\/\d\.\d)$/.exec(lines[0] ?? '');
  if (match === null) return undefined;
  const [, method = '', uri = '', protocol = ''] = match;
  const pairs: [string, string][] = [['REQUEST_METHOD', method]];
  const question = uri.indexOf('?');
  const decode = (text: string): string =>
    text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  if (question >= 0) pairs.push(['PATH_INFO', decode(uri.slice(0, question))]);
  pairs.push(['REQUEST_URI', uri]);
  if (question < 0) pairs.push(['PATH_INFO', decode(uri)], ['QUERY_STRING', '']);
  else pairs.push(['QUERY_STRING', uri.slice(question + 1)]);
  pairs.push(
    ['SERVER_PROTOCOL', protocol],
    ['SCRIPT_NAME', ''],
    ['SERVER_NAME', serverName],
    ['SERVER_PORT', String(port)],
    ['UWSGI_ROUTER', 'http'],
    ['REMOTE_ADDR', client.address],
    ['REMOTE_PORT', String(client.port)],
  );
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon).toUpperCase().replace(/-/g, '_');
    const value = line.slice(colon + 1).replace(/^[ \t]+/, '');
    const existing = headers.find(([name]) => name === key);
    if (existing !== undefined) existing[1] = `${existing[1]}, ${value}`;
    else headers.push([key, value]);
  }
  for (const [key, value] of headers)
    pairs.push([key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH' ? key : `HTTP_${key}`, value]);
  const vars: UwsgiVar[] = pairs.map(([key, value]) => [latin1Bytes(key), latin1Bytes(value)]);
  const lengthHeader = headers.find(([key]) => key === 'CONTENT_LENGTH')?.[1];
  const bodyLength = lengthHeader === undefined ? 0 : Number.parseInt(lengthHeader, 10) || 0;
  const body = bytes.subarray(end + 4, end + 4 + bodyLength);
  return concatBytes([encode({ vars }), body]);
}
