// What curl 7.88.1 does with one URL on the machine, without its command line: read the URL
// (scheme guessed when missing, dot segments removed unless --path-as-is, the fragment dropped),
// resolve the host through /etc/hosts, build the request bytes (Host, User-Agent, Accept, the -H
// headers, a body's Content-Length and Content-Type, in curl's order — captured against real
// curl), send it over the socket table, and read the answer. Each request is a journey in
// machine.journeys. curl and the goal checks both use this.

import { FsError } from '../../gateway/fs.ts';
import { sendClientRequest, type ClientOutcome } from '../../gateway/net/index.ts';
import type { SocketAddress } from '../../gateway/net/index.ts';
import { JourneyRecorder } from '../../gateway/trace/index.ts';
import type { JourneyOrigin } from '../machine/journey-log.ts';
import type { Machine } from '../machine/machine.ts';
import {
  ChunkedDecoder,
  concatBytes,
  encodeChunked,
  HttpParseError,
  latin1Text,
  utf8Bytes,
  type ChunkedEvent,
} from '../../protocol/index.ts';

export const CURL_USER_AGENT = 'curl/7.88.1';

export interface ParsedUrl {
  readonly scheme: string;
  /** As written (`localhost`, `127.0.0.1`, `[::1]` without brackets). */
  readonly host: string;
  readonly port: number;
  /** Path and query, as sent in the request line. */
  readonly target: string;
  /** The Host header's value: the port only when it is not the scheme's. */
  readonly hostHeader: string;
}

export type UrlProblem =
  { readonly kind: 'unsupported'; readonly scheme: string } | { readonly kind: 'malformed' };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/** curl's URL parser for the forms the course types. */
export function parseUrl(text: string, pathAsIs = false): ParsedUrl | UrlProblem {
  let rest = text.trim();
  let scheme = 'http';
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (match !== null) {
    scheme = match[1]!.toLowerCase();
    rest = rest.slice(match[0].length);
  }
  if (!(scheme in DEFAULT_PORTS)) return { kind: 'unsupported', scheme };
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let pathPart = slash < 0 ? '/' : rest.slice(slash);
  if (pathPart.startsWith('?')) pathPart = `/${pathPart}`;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return { kind: 'malformed' };
    host = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    portText = after.startsWith(':') ? after.slice(1) : undefined;
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon < 0 ? hostPort : hostPort.slice(0, colon);
    portText = colon < 0 ? undefined : hostPort.slice(colon + 1);
  }
  if (host === '') return { kind: 'malformed' };
  const defaultPort = DEFAULT_PORTS[scheme]!;
  let port = defaultPort;
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) return { kind: 'malformed' };
    port = Number(portText);
  }
  const query = pathPart.indexOf('?');
  const path = query < 0 ? pathPart : pathPart.slice(0, query);
  const search = query < 0 ? '' : pathPart.slice(query);
  const cleaned = pathAsIs ? path : removeDotSegments(path);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    scheme,
    host: host.toLowerCase(),
    port,
    target: `${cleaned === '' ? '/' : cleaned}${search}`,
    hostHeader: port === defaultPort ? shownHost : `${shownHost}:${port}`,
  };
}

/** RFC 3986 §5.2.4, as curl's urlapi.c applies it to the path. */
export function removeDotSegments(path: string): string {
  const input = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const segment = input[i]!;
    const last = i === input.length - 1;
    if (segment === '.') {
      if (last) out.push('');
      continue;
    }
    if (segment === '..') {
      if (out.length > 1) out.pop();
      if (last) out.push('');
      continue;
    }
    out.push(segment);
  }
  const joined = out.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** The addresses a host name resolves to, in the order curl tries them (/etc/hosts). */
export function resolveHost(machine: Machine, host: string): string[] {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return [host];
  let text = '';
  try {
    text = machine.fs.readText('/etc/hosts');
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
  }
  const v4: string[] = [];
  const v6: string[] = [];
  for (const line of text.split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    const [address, ...names] = words;
    if (address === undefined || !names.some((name) => name.toLowerCase() === host)) continue;
    (address.includes(':') ? v6 : v4).push(address);
  }
  // the machine's own name, when /etc/hosts forgot it (nss-myhostname)
  if (v4.length === 0 && v6.length === 0 && host === machine.hostname.toLowerCase())
    return ['127.0.1.1'];
  return [...v4, ...v6];
}

export interface RequestSpec {
  readonly method: string;
  /** -H headers in order: `Name: value`, `Name:` (remove), `Name;` (empty). */
  readonly headers: readonly string[];
  readonly body: string | undefined;
  readonly userAgent?: string;
  readonly referer?: string;
}

/** What curl sends: its head as text (what -v shows) and every byte of the request. */
export interface CurlRequest {
  readonly head: string;
  readonly bytes: Uint8Array;
}

/** The request, in curl's header order (captured from curl 7.88.1); typed text goes out as UTF-8. */
export function curlRequest(url: ParsedUrl, spec: RequestSpec): CurlRequest {
  const defaults: [string, string][] = [
    ['Host', url.hostHeader],
    ['User-Agent', spec.userAgent ?? CURL_USER_AGENT],
    ['Accept', '*/*'],
  ];
  if (spec.referer !== undefined) defaults.push(['Referer', spec.referer]);
  const custom: [string, string][] = [];
  const removed = new Set<string>();
  for (const header of spec.headers) {
    const colon = header.indexOf(':');
    const semicolon = header.indexOf(';');
    if (colon < 0 && semicolon > 0 && header.slice(semicolon + 1).trim() === '') {
      custom.push([header.slice(0, semicolon).trim(), '']);
      continue;
    }
    if (colon < 0) continue;
    const name = header.slice(0, colon).trim();
    const value = header.slice(colon + 1).trim();
    const at = defaults.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (value === '') {
      if (at >= 0) defaults.splice(at, 1);
      removed.add(name.toLowerCase());
      continue;
    }
    // a -H for a header curl sends itself takes its place (Host stays first)
    if (at >= 0) defaults[at] = [name, value];
    else custom.push([name, value]);
  }
  const lines = [`${spec.method} ${url.target} HTTP/1.1`];
  for (const [name, value] of [...defaults, ...custom]) lines.push(`${name}: ${value}`);
  const finished = (): string => `${lines.join('\r\n')}\r\n\r\n`;
  if (spec.body === undefined) {
    const head = finished();
    return { head, bytes: utf8Bytes(head) };
  }
  const has = (name: string): boolean =>
    custom.some(([n]) => n.toLowerCase() === name) || removed.has(name);
  // -H 'Transfer-Encoding: chunked' makes curl send the body as chunks, without Content-Length
  // (curl 7.88.1, checked against a listener: `14\r\nname=haruair&lang=ko\r\n0\r\n\r\n`)
  const chunked = custom.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && /\bchunked\b/i.test(value),
  );
  const body = utf8Bytes(spec.body);
  if (!has('content-length') && !chunked) lines.push(`Content-Length: ${body.length}`);
  if (!has('content-type')) lines.push('Content-Type: application/x-www-form-urlencoded');
  const head = finished();
  return { head, bytes: concatBytes([utf8Bytes(head), chunked ? encodeChunked(body) : body]) };
}

export interface Exchange {
  readonly outcome: ClientOutcome;
  /** The id of the journey it made. */
  readonly journey: number;
}

/** Sends raw request bytes to `target` and keeps the journey. */
export function exchange(
  machine: Machine,
  target: SocketAddress,
  request: Uint8Array,
  origin: JourneyOrigin,
): Exchange {
  const log = machine.journeys;
  const recorder = new JourneyRecorder(log.nextId(), machine.clock.now());
  const outcome = sendClientRequest(machine.net, target, request, recorder);
  const journey = recorder.journey();
  log.record(journey, origin);
  return { outcome, journey: journey.id };
}

export interface HttpResponse {
  readonly statusLine: string;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  /** The head as received (status line and header lines, without the blank line). */
  readonly headLines: readonly string[];
  /** The body as curl writes it (chunked decoded). */
  readonly body: Uint8Array;
  readonly keepAlive: boolean;
}

/** Reads what the server sent; undefined when it is not an HTTP response curl can read. */
export function readResponse(bytes: Uint8Array, head: boolean): HttpResponse | undefined {
  const end = indexOf(bytes, [13, 10, 13, 10]);
  if (end < 0) return undefined;
  const headText = latin1Text(bytes.subarray(0, end));
  const headLines = headText.split('\r\n');
  const statusLine = headLines[0] ?? '';
  const match = /^HTTP\/(\d\.\d) (\d{3})/.exec(statusLine);
  if (match === null) return undefined;
  const headers: [string, string][] = [];
  for (const line of headLines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const header = (name: string): string | undefined =>
    headers.find(([n]) => n.toLowerCase() === name)?.[1];
  let body = bytes.subarray(end + 4);
  if (head) body = new Uint8Array(0);
  else if (header('transfer-encoding')?.toLowerCase() === 'chunked') body = dechunk(body);
  else {
    const length = header('content-length');
    if (length !== undefined && /^\d+$/.test(length)) body = body.subarray(0, Number(length));
  }
  const connection = header('connection')?.toLowerCase();
  const keepAlive = match[1] === '1.1' ? connection !== 'close' : connection === 'keep-alive';
  return { statusLine, status: Number(match[2]), headers, headLines, body, keepAlive };
}

/** A chunked body decoded as far as it is well formed (curl writes what it could read). */
function dechunk(bytes: Uint8Array): Uint8Array {
  const events: ChunkedEvent[] = [];
  try {
    new ChunkedDecoder().push(bytes, 0, events);
  } catch (error) {
    if (!(error instanceof HttpParseError)) throw error;
  }
  return concatBytes(events.flatMap((event) => (event.type === 'data' ? [event.chunk] : [])));
}

function indexOf(bytes: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
