// The `listen` directive's arguments, read as ngx_http_core_listen and ngx_parse_url read them
// (nginx 1.22.1, src/http/ngx_http_core_module.c, src/core/ngx_inet.c): `8080`, `127.0.0.1:8080`,
// `*:80`, `[::]:80`, `unix:/run/app.sock`, `localhost:8080`, then parameters such as
// `default_server`. Errors are nginx's texts.

import type { ListenSetting, SourceRef } from './config-model.ts';
import { parseAtoi, parseSize, parseTime } from './values.ts';

export type ListenParse =
  | {
      readonly kind: 'ok';
      readonly listens: readonly ListenSetting[];
      /** Messages nginx logs at emerg level but goes on after (options Linux lacks). */
      readonly ignored: readonly string[];
    }
  | { readonly kind: 'error'; readonly message: string };

interface Endpoint {
  readonly family: ListenSetting['family'];
  readonly address: string;
  readonly port: number;
}

// The names this machine resolves (its /etc/hosts): Debian maps localhost to 127.0.0.1.
const HOSTS: Readonly<Record<string, string>> = { localhost: '127.0.0.1' };

export function parseListen(args: readonly string[], at: SourceRef): ListenParse {
  const url = args[0]!;
  const endpoint = parseListenUrl(url);
  if (typeof endpoint === 'string') {
    return { kind: 'error', message: `${endpoint} in "${url}" of the "listen" directive` };
  }
  let defaultServer = false;
  let setsOptions = false;
  let ssl = false;
  const ignored: string[] = [];
  for (const param of args.slice(1)) {
    if (param === 'default_server' || param === 'default') {
      defaultServer = true;
      continue;
    }
    if (param === 'bind' || param === 'deferred' || param === 'reuseport') {
      setsOptions = true;
      continue;
    }
    const numeric = /^(fastopen|backlog)=(.*)$/.exec(param);
    if (numeric) {
      const n = parseAtoi(numeric[2]!);
      if (n === undefined || (numeric[1] === 'backlog' && n === 0)) {
        return { kind: 'error', message: `invalid ${numeric[1]!} "${param}"` };
      }
      setsOptions = true;
      continue;
    }
    const buffer = /^(rcvbuf|sndbuf)=(.*)$/.exec(param);
    if (buffer) {
      if (parseSize(buffer[2]!) === undefined)
        return { kind: 'error', message: `invalid ${buffer[1]!} "${param}"` };
      setsOptions = true;
      continue;
    }
    if (param.startsWith('accept_filter=')) {
      ignored.push(`accept filters "${param}" are not supported on this platform, ignored`);
      continue;
    }
    if (param.startsWith('ipv6only=o')) {
      const rest = param.slice(10);
      if (rest !== 'n' && rest !== 'ff')
        return { kind: 'error', message: `invalid ipv6only flags "${param.slice(9)}"` };
      setsOptions = true;
      continue;
    }
    if (param === 'ssl') {
      ssl = true;
      continue;
    }
    if (param === 'http2' || param === 'proxy_protocol') continue;
    if (param.startsWith('so_keepalive=')) {
      const value = param.slice(13);
      if (value !== 'on' && value !== 'off' && !validKeepalive(value)) {
        return { kind: 'error', message: `invalid so_keepalive value: "${value}"` };
      }
      setsOptions = true;
      continue;
    }
    return { kind: 'error', message: `invalid parameter "${param}"` };
  }
  const listenSetting: ListenSetting = {
    addrText: addrText(endpoint),
    family: endpoint.family,
    address: endpoint.address,
    port: endpoint.port,
    wildcard: endpoint.address === '0.0.0.0' || endpoint.address === '::',
    defaultServer,
    setsOptions,
    ssl,
    at,
  };
  return { kind: 'ok', listens: [listenSetting], ignored };
}

function validKeepalive(value: string): boolean {
  const [idle = '', interval = '', count = ''] = value.split(':');
  if (idle !== '' && parseTime(idle, true) === undefined) return false;
  if (interval !== '' && parseTime(interval, true) === undefined) return false;
  if (count !== '' && parseAtoi(count) === undefined) return false;
  return idle !== '' || interval !== '' || count !== '';
}

function addrText(endpoint: Endpoint): string {
  if (endpoint.family === 'unix') return `unix:${endpoint.address}`;
  if (endpoint.family === 'inet6') return `[${endpoint.address}]:${endpoint.port}`;
  return `${endpoint.address}:${endpoint.port}`;
}

/** ngx_parse_url with `listen` set and default port 80; a string is nginx's u->err. */
function parseListenUrl(url: string): Endpoint | string {
  if (url.length >= 5 && url.slice(0, 5).toLowerCase() === 'unix:') {
    const path = url.slice(5);
    if (path === '') return 'no path in the unix domain socket';
    if (path.length + 1 > 108) return 'too long path in the unix domain socket';
    return { family: 'unix', address: path, port: 0 };
  }
  if (url.startsWith('[')) {
    const close = url.indexOf(']');
    if (close < 0) return 'invalid host';
    const host = url.slice(1, close);
    const rest = url.slice(close + 1);
    let port = 80;
    if (rest.startsWith(':')) {
      const n = parseAtoi(rest.slice(1));
      if (n === undefined || n < 1 || n > 65535) return 'invalid port';
      port = n;
    } else if (rest !== '') return 'invalid host';
    const address = normalizeIpv6(host);
    if (address === undefined) return 'invalid IPv6 address';
    return { family: 'inet6', address, port };
  }
  if (url.includes('/') || url.includes('?')) return 'invalid host';
  const colon = url.indexOf(':');
  let host = url;
  let port = 80;
  if (colon >= 0) {
    const n = parseAtoi(url.slice(colon + 1));
    if (n === undefined || n < 1 || n > 65535) return 'invalid port';
    port = n;
    host = url.slice(0, colon);
  } else {
    // a bare number is a port
    const n = parseAtoi(url);
    if (n !== undefined) {
      if (n < 1 || n > 65535) return 'invalid port';
      return { family: 'inet', address: '0.0.0.0', port: n };
    }
  }
  if (host === '') return 'no host';
  if (host === '*') return { family: 'inet', address: '0.0.0.0', port };
  const ip = parseIpv4(host);
  if (ip !== undefined) return { family: 'inet', address: ip, port };
  const resolved = HOSTS[host.toLowerCase()];
  if (resolved === undefined) return 'host not found';
  return { family: 'inet', address: resolved, port };
}

/** ngx_inet_addr: four decimal octets. */
export function parseIpv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets.join('.');
}

// The compressed form nginx prints (inet_ntop style): `::`, `::1`.
function normalizeIpv6(text: string): string | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [
    ...head,
    ...Array<string>(halves.length === 2 ? missing : 0).fill('0'),
    ...tail,
  ].map((g) => parseInt(g, 16));
  if (groups.some((g) => Number.isNaN(g) || g > 0xffff)) return undefined;
  // longest run of zero groups becomes `::`
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
