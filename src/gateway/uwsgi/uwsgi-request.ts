// One connection to a uWSGI worker, from the bytes it receives to the bytes it writes back and
// the lines it logs, as uWSGI 2.0.21 handles it:
//   1. proto/uwsgi.c reads the 4-byte header and the vars (one read of up to buffer-size + 4
//      bytes): a datasize over buffer-size is `invalid request block size: N (max B)...skip`, and
//      the connection is closed — reset, when request bytes were left unread;
//   2. the modifier1 picks the plugin: none loaded for it is `-- unavailable modifier requested`;
//   3. core/protocol.c parses the vars (an empty key or a length running past the block drops the
//      request, logged with status 500);
//   4. the python plugin finds app 0 — or answers its own 500 (`--- no python application found`)
//      — builds the environ, calls the app and writes `PROTOCOL STATUS`, headers and body;
//   5. core/logging.c logs the request line.

import {
  PacketError,
  PacketReader,
  UWSGI_LOG_SHORT_READ,
  type UwsgiVar,
} from '../../protocol/index.ts';
import type { WsgiApp } from '../apps/wsgi-app.ts';
import { Unsupported } from '../apps/python-ast.ts';
import { unsupportedNote } from './python-app-loader.ts';
import type { StreamReply } from '../net/socket-table.ts';
import { traceBytes, type HopRecorder, type TraceCheck } from '../trace/journey.ts';
import { environFromVars, environLines, WsgiErrors, WsgiInput } from '../wsgi/environ.ts';
import {
  callWsgiApp,
  noAppResponse,
  uwsgiHttpResponse,
  type UwsgiHttpResponse,
} from '../wsgi/wsgi-response.ts';
import { httpSocketVars } from './http-socket-vars.ts';
import { requestLogLine } from './request-log.ts';
import type { SocketProtocol } from './uwsgi-settings.ts';
import { ctime, type Clock } from './uwsgi-machine.ts';

/** The ping plugin's answer: modifier1 100, datasize 0, modifier2 1 (PONG). */
const PONG = Uint8Array.of(100, 0, 0, 1);

/** uWSGI's default --max-vars (64) gives room for 128 key/value pairs (core/protocol.c vec_size). */
export const MAX_VAR_PAIRS = 128;

/** What a worker knows while it serves. */
export interface WorkerContext {
  readonly pid: number;
  readonly bufferSize: number;
  /** modifier1 values a loaded plugin answers (python 0, ping 100, echo 101). */
  readonly modifiers: ReadonlySet<number>;
  /** App 0, when one loaded. */
  readonly app: WsgiApp | undefined;
  readonly threads: number;
  readonly processes: number;
  readonly version: string;
  readonly nodename: string;
  readonly clock: Clock;
  readonly utcOffsetMinutes: number;
  /** Where the lines go (uWSGI's log). */
  readonly log: (line: string) => void;
  /** Counters shared by the instance: the app's own (per worker) and every worker's requests. */
  readonly counters: { appRequests: number; total: number };
}

/** How the request went, for the instance and the trace. */
export interface UwsgiRequestResult {
  readonly reply: StreamReply;
  /** The lines logged for it (also given to `log` as they happened). */
  readonly log: readonly string[];
  /** The response, when the app (or uWSGI's own 500) answered. */
  readonly response: UwsgiHttpResponse | undefined;
}

/** Serves one connection on a socket of the given protocol. */
export function serveConnection(
  bytes: Uint8Array,
  protocol: SocketProtocol,
  context: WorkerContext,
  socket: { readonly name: string; readonly remoteAddr: string },
  recorder?: HopRecorder,
): UwsgiRequestResult {
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
    context.log(line);
  };
  const result =
    protocol === 'http'
      ? serveHttp(bytes, context, socket, log, recorder)
      : serveUwsgi(bytes, context, log, recorder);
  recorder?.record({
    kind: 'uwsgi-response',
    actor: 'uwsgi',
    bytes: traceBytes(result.reply.bytes),
    end: result.reply.end,
    log: lines,
  });
  return { ...result, log: lines };
}

type Served = Omit<UwsgiRequestResult, 'log'>;

const CLOSED: StreamReply = { bytes: new Uint8Array(0), end: 'close' };

function serveUwsgi(
  bytes: Uint8Array,
  context: WorkerContext,
  log: (line: string) => void,
  recorder?: HopRecorder,
): Served {
  const checks: TraceCheck[] = [];
  const done = (served: Served): Served => {
    recorder?.record({ kind: 'uwsgi-checks', actor: 'uwsgi', checks });
    return served;
  };
  if (bytes.length === 0) return done({ reply: CLOSED, response: undefined });
  if (bytes.length < 4) {
    log(UWSGI_LOG_SHORT_READ);
    checks.push({ id: 'header', ok: false, detail: `${bytes.length} bytes, a header needs 4` });
    return done({ reply: CLOSED, response: undefined });
  }
  const modifier1 = bytes[0]!;
  const datasize = bytes[1]! | (bytes[2]! << 8);
  const readable = context.bufferSize + 4;
  const firstRead = Math.min(bytes.length, readable);
  if (firstRead - 4 < datasize) {
    if (datasize > context.bufferSize) {
      // proto/uwsgi.c: the block can never fit the buffer
      log(`invalid request block size: ${datasize} (max ${context.bufferSize})...skip`);
      checks.push({
        id: 'buffer-size',
        ok: false,
        detail: `datasize ${datasize} > buffer-size ${context.bufferSize}`,
      });
      return done({
        reply: { bytes: new Uint8Array(0), end: bytes.length > readable ? 'reset' : 'close' },
        response: undefined,
      });
    }
    // the client stopped sending before the block was complete: read() returned 0
    log(UWSGI_LOG_SHORT_READ);
    checks.push({
      id: 'datasize',
      ok: false,
      detail: `datasize ${datasize} but ${bytes.length - 4} bytes came`,
    });
    return done({ reply: CLOSED, response: undefined });
  }
  checks.push({
    id: 'buffer-size',
    ok: true,
    detail: `datasize ${datasize} <= buffer-size ${context.bufferSize}`,
  });
  if (!context.modifiers.has(modifier1)) {
    // core/uwsgi.c unconfigured_hook
    log(`-- unavailable modifier requested: ${modifier1} --`);
    checks.push({ id: 'modifier1', ok: false, detail: `no plugin answers modifier1 ${modifier1}` });
    context.counters.total++;
    return done({ reply: CLOSED, response: undefined });
  }
  checks.push({ id: 'modifier1', ok: true, detail: `modifier1 ${modifier1}` });
  if (modifier1 === 100) {
    log('PING');
    context.counters.total++;
    return done({ reply: { bytes: PONG, end: 'close' }, response: undefined });
  }
  if (modifier1 === 101) {
    context.counters.total++;
    return done({
      reply: { bytes: bytes.slice(4, 4 + datasize), end: 'close' },
      response: undefined,
    });
  }
  const start = context.clock.now();
  if (datasize === 0) {
    log('Empty python request. skip.');
    return done({ reply: CLOSED, response: undefined });
  }
  const parsed = parseVars(bytes.subarray(0, 4 + datasize));
  if (parsed.kind === 'error') {
    if (parsed.uwsgiLog !== undefined) log(parsed.uwsgiLog);
    checks.push({ id: 'vars', ok: false, detail: parsed.message });
    context.counters.total++;
    log(failedLogLine(context, parsed.pairs, datasize, start));
    return done({ reply: CLOSED, response: undefined });
  }
  if (parsed.pairs.length > MAX_VAR_PAIRS) {
    log('max vec size reached. skip this var.');
    checks.push({
      id: 'vars',
      ok: false,
      detail: `${parsed.pairs.length} vars, at most ${MAX_VAR_PAIRS}`,
    });
    context.counters.total++;
    log(failedLogLine(context, parsed.pairs.slice(0, MAX_VAR_PAIRS), datasize, start));
    return done({ reply: CLOSED, response: undefined });
  }
  checks.push({
    id: 'vars',
    ok: true,
    detail: `${parsed.pairs.length * 2} vars in ${datasize} bytes`,
  });
  const body = bytes.subarray(4 + datasize);
  const served = runPython(parsed.pairs, datasize, body, context, log, start, checks, recorder);
  // bytes the worker never read (beyond its first read and what the app consumed) reset the connection
  const consumed = Math.max(firstRead, 4 + datasize + served.bodyRead);
  return {
    reply: { bytes: served.bytes, end: bytes.length > consumed ? 'reset' : 'close' },
    response: served.response,
  };
}

function serveHttp(
  bytes: Uint8Array,
  context: WorkerContext,
  socket: { readonly name: string; readonly remoteAddr: string },
  log: (line: string) => void,
  recorder?: HopRecorder,
): Served {
  const checks: TraceCheck[] = [];
  const request = httpSocketVars(bytes, context.nodename, socket.name, socket.remoteAddr);
  if (request === undefined) {
    // not an HTTP request head (a uwsgi packet from nginx, say): uWSGI closes and logs nothing
    checks.push({
      id: 'http',
      ok: false,
      detail: 'not an HTTP request: an http-socket speaks HTTP, not the uwsgi protocol',
    });
    recorder?.record({ kind: 'uwsgi-checks', actor: 'uwsgi', checks });
    return { reply: CLOSED, response: undefined };
  }
  checks.push({
    id: 'http',
    ok: true,
    detail: `${request.vars.length * 2} vars in ${request.datasize} bytes from the HTTP request`,
  });
  const served = runPython(
    request.vars,
    request.datasize,
    request.rest,
    context,
    log,
    context.clock.now(),
    checks,
    recorder,
  );
  return { reply: { bytes: served.bytes, end: 'close' }, response: served.response };
}

function runPython(
  pairs: readonly UwsgiVar[],
  datasize: number,
  body: Uint8Array,
  context: WorkerContext,
  log: (line: string) => void,
  start: number,
  checks: TraceCheck[],
  recorder?: HopRecorder,
): { bytes: Uint8Array; response: UwsgiHttpResponse | undefined; bodyRead: number } {
  const fields = logFields(pairs);
  const base = {
    pid: context.pid,
    remoteAddr: fields.remoteAddr,
    remoteUser: fields.remoteUser,
    vars: pairs.length * 2,
    datasize,
    time: ctime(start, context.utcOffsetMinutes),
    method: fields.method,
    uri: fields.uri,
    msecs: 0,
    protocol: fields.protocol,
    core: 0,
  };
  if (context.app === undefined) {
    checks.push({ id: 'app', ok: false, detail: 'no app loaded (app -1)' });
    recorder?.record({ kind: 'uwsgi-checks', actor: 'uwsgi', checks });
    const response = noAppResponse(fields.protocol);
    log('--- no python application found, check your startup logs for errors ---');
    context.counters.total++;
    log(
      requestLogLine({
        ...base,
        appId: -1,
        appRequests: -1,
        totalRequests: context.counters.total,
        generated: response.body.length,
        status: response.status,
        headers: response.headerCount,
        headerBytes: response.head.length,
        switches: 0,
      }),
    );
    return { bytes: response.bytes, response, bodyRead: 0 };
  }
  checks.push({ id: 'app', ok: true, detail: 'app 0' });
  recorder?.record({ kind: 'uwsgi-checks', actor: 'uwsgi', checks });
  context.counters.appRequests++;
  const declared = contentLength(pairs);
  const input = new WsgiInput(body.subarray(0, declared));
  const errors: string[] = [];
  const environ = environFromVars(pairs, new Uint8Array(0), {
    threads: context.threads,
    processes: context.processes,
    core: 0,
    uwsgiVersion: context.version,
    nodename: context.nodename,
    errors: new WsgiErrors((text) => {
      for (const line of text.replace(/\n$/, '').split('\n')) {
        errors.push(line);
        log(line);
      }
    }),
  });
  environ.set('wsgi.input', input);
  let call: ReturnType<typeof callWsgiApp>;
  try {
    call = callWsgiApp(context.app, environ);
  } catch (error) {
    // the app reached Python the simulator does not run: say so, and answer nothing
    if (!(error instanceof Unsupported)) throw error;
    for (const line of unsupportedNote('app.py', error.line, '', error.message)) log(line);
    call = { status: undefined, headers: [], chunks: [], error: undefined };
  }
  recorder?.record({ kind: 'environ', actor: 'uwsgi', lines: environLines(environ) });
  if (call.error !== undefined) for (const line of call.error.lines()) log(line);
  let response: UwsgiHttpResponse | undefined;
  if (call.status !== undefined)
    response = uwsgiHttpResponse(fields.protocol, call.status, call.headers, call.chunks);
  recorder?.record({
    kind: 'app-response',
    actor: 'app',
    app: context.app.description,
    status: call.status ?? '',
    headers: call.headers,
    body: traceBytes(response?.body ?? new Uint8Array(0)),
    errors,
  });
  context.counters.total++;
  log(
    requestLogLine({
      ...base,
      appId: 0,
      appRequests: context.counters.appRequests,
      totalRequests: context.counters.total,
      generated: response?.body.length ?? 0,
      // uwsgi_parse_vars sets 500 as the default status; headers never sent leave it
      status: response?.status ?? 500,
      headers: response?.headerCount ?? 0,
      headerBytes: response?.head.length ?? 0,
      switches: response?.chunkCount ?? 0,
    }),
  );
  return { bytes: response?.bytes ?? new Uint8Array(0), response, bodyRead: input.consumed };
}

type ParsedVars =
  | { readonly kind: 'ok'; readonly pairs: readonly UwsgiVar[] }
  | {
      readonly kind: 'error';
      readonly pairs: readonly UwsgiVar[];
      readonly uwsgiLog: string | undefined;
      readonly message: string;
    };

// The codec reads the block as uWSGI does; on a broken one, the pairs before the break are what
// uWSGI had already stored (its log line reports them).
function parseVars(block: Uint8Array): ParsedVars {
  const reader = new PacketReader({});
  try {
    for (const event of reader.push(block))
      if (event.type === 'vars') return { kind: 'ok', pairs: event.vars };
    return { kind: 'ok', pairs: [] };
  } catch (error) {
    if (!(error instanceof PacketError)) throw error;
    return {
      kind: 'error',
      pairs: pairsBefore(block, error.offset),
      uwsgiLog: error.uwsgiLog,
      message: error.message,
    };
  }
}

function pairsBefore(block: Uint8Array, offset: number): UwsgiVar[] {
  const pairs: UwsgiVar[] = [];
  let at = 4;
  for (;;) {
    if (at + 2 > offset) return pairs;
    const keyLength = block[at]! | (block[at + 1]! << 8);
    const keyEnd = at + 2 + keyLength;
    if (keyEnd + 2 > offset) return pairs;
    const valueLength = block[keyEnd]! | (block[keyEnd + 1]! << 8);
    const valueEnd = keyEnd + 2 + valueLength;
    if (valueEnd > offset) return pairs;
    pairs.push([block.subarray(at + 2, keyEnd), block.subarray(keyEnd + 2, valueEnd)]);
    at = valueEnd;
  }
}

const utf8 = new TextDecoder('utf-8');

function varText(value: Uint8Array): string {
  return utf8.decode(value);
}

function isKey(key: Uint8Array, name: string): boolean {
  if (key.length !== name.length) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== name.charCodeAt(i)) return false;
  return true;
}

// core/protocol.c's hooks: REMOTE_ADDR keeps the first value, the others the last
function logFields(pairs: readonly UwsgiVar[]): {
  remoteAddr: string;
  remoteUser: string;
  method: string;
  uri: string;
  protocol: string;
} {
  let remoteAddr: string | undefined;
  let remoteUser = '';
  let method = '';
  let uri = '';
  let protocol = '';
  for (const [key, value] of pairs) {
    if (isKey(key, 'REMOTE_ADDR') && remoteAddr === undefined && value.length > 0)
      remoteAddr = varText(value);
    else if (isKey(key, 'REMOTE_USER')) remoteUser = varText(value);
    else if (isKey(key, 'REQUEST_METHOD')) method = varText(value);
    else if (isKey(key, 'REQUEST_URI')) uri = varText(value);
    else if (isKey(key, 'SERVER_PROTOCOL')) protocol = varText(value);
  }
  return { remoteAddr: remoteAddr ?? '', remoteUser, method, uri, protocol };
}

function contentLength(pairs: readonly UwsgiVar[]): number {
  let length = 0;
  for (const [key, value] of pairs) {
    if (!isKey(key, 'CONTENT_LENGTH')) continue;
    length = 0;
    for (const byte of value) {
      if (byte < 0x30 || byte > 0x39) break;
      length = length * 10 + (byte - 0x30);
    }
  }
  return length;
}

// A request dropped while its vars were read: logged with app -1 and the default status 500.
function failedLogLine(
  context: WorkerContext,
  pairs: readonly UwsgiVar[],
  datasize: number,
  start: number,
): string {
  const fields = logFields(pairs);
  return requestLogLine({
    pid: context.pid,
    appId: -1,
    appRequests: -1,
    totalRequests: context.counters.total,
    remoteAddr: fields.remoteAddr,
    remoteUser: fields.remoteUser,
    vars: pairs.length * 2,
    datasize,
    time: ctime(start, context.utcOffsetMinutes),
    method: fields.method,
    uri: fields.uri,
    generated: 0,
    msecs: 0,
    protocol: fields.protocol,
    status: 500,
    headers: 0,
    headerBytes: 0,
    switches: 0,
    core: 0,
  });
}
