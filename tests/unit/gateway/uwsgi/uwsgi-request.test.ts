// What a uWSGI worker does with the bytes of one connection, against real uWSGI 2.0.21
// (real-output.md §5.5–§5.7 and §6): plain HTTP on a uwsgi socket, datasize over buffer-size,
// the missing app's 500, unavailable modifiers, broken vars blocks, no SERVER_PROTOCOL.

import { describe, expect, it } from 'vitest';
import { captureApp } from '../../../../src/gateway/apps/capture-app.ts';
import { findCallable, loadModule } from '../../../../src/gateway/apps/app-module.ts';
import { comparableLogLine } from '../../../../src/gateway/uwsgi/request-log.ts';
import {
  serveConnection,
  type WorkerContext,
} from '../../../../src/gateway/uwsgi/uwsgi-request.ts';
import { ManualClock } from '../../../../src/gateway/uwsgi/uwsgi-machine.ts';
import { JourneyRecorder } from '../../../../src/gateway/trace/journey.ts';
import { concatBytes, encode, latin1Bytes } from '../../../../src/protocol/index.ts';
import { vectorBytes } from '../../protocol/vector-files.ts';

function worker(options: { bufferSize?: number; app?: boolean; modifiers?: number[] } = {}) {
  const lines: string[] = [];
  const context: WorkerContext = {
    pid: 26493,
    bufferSize: options.bufferSize ?? 4096,
    modifiers: new Set(options.modifiers ?? [0]),
    app: options.app === false ? undefined : captureApp(),
    threads: 1,
    processes: 1,
    version: '2.0.21-debian',
    nodename: 'vm',
    clock: new ManualClock(Date.UTC(2026, 10, 26, 6, 40, 19)),
    utcOffsetMinutes: 0,
    log: (line) => lines.push(line),
    counters: { appRequests: 0, total: 0 },
  };
  const serve = (bytes: Uint8Array) =>
    serveConnection(bytes, 'uwsgi', context, { name: '/tmp/uwsgi.sock', remoteAddr: '' });
  return { lines, context, serve };
}

const text = (value: string): Uint8Array => latin1Bytes(value);

function packet(vars: [string, string][], modifier1 = 0): Uint8Array {
  return encode({ modifier1, vars });
}

// send_uwsgi.py's vars for GET / (real-output.md §6)
function baseVars(method: string, uri: string): [string, string][] {
  return [
    ['QUERY_STRING', ''],
    ['REQUEST_METHOD', method],
    ['CONTENT_TYPE', ''],
    ['CONTENT_LENGTH', ''],
    ['REQUEST_URI', uri],
    ['PATH_INFO', uri],
    ['DOCUMENT_ROOT', '/var/www/html'],
    ['SERVER_PROTOCOL', 'HTTP/1.1'],
    ['REQUEST_SCHEME', 'http'],
    ['REMOTE_ADDR', '127.0.0.1'],
    ['REMOTE_PORT', '50000'],
    ['SERVER_PORT', '8080'],
    ['SERVER_NAME', 'helloworld.haruair.com'],
    ['HTTP_HOST', 'helloworld.haruair.com'],
    ['HTTP_USER_AGENT', 'send_uwsgi.py'],
  ];
}

describe('refusals before the vars are read', () => {
  it('plain HTTP sent to a uwsgi socket: the first 4 bytes read as a header (real-output.md §5.5)', () => {
    const { lines, serve } = worker();
    for (const request of [
      'GET / HTTP/1.1\r\nHost: 127.0.0.1:3031\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      'POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=1',
      'HEAD / HTTP/1.1\r\nHost: x\r\n\r\n',
    ]) {
      const reply = serve(text(request)).reply;
      // curl sees "Empty reply from server": an orderly close, nothing written
      expect(reply).toEqual({ bytes: new Uint8Array(0), end: 'close' });
    }
    expect(lines).toEqual([
      'invalid request block size: 21573 (max 4096)...skip',
      'invalid request block size: 21327 (max 4096)...skip',
      'invalid request block size: 16709 (max 4096)...skip',
    ]);
  });

  it('a packet over buffer-size: refused, and reset since bytes were left unread (§5.7); --buffer-size 32768 serves it', () => {
    const small = worker();
    const recorder = new JourneyRecorder(1, 0);
    const refused = serveConnection(
      vectorBytes('over-4096'),
      'uwsgi',
      small.context,
      { name: '/tmp/uwsgi.sock', remoteAddr: '' },
      recorder,
    );
    expect(refused.reply).toEqual({ bytes: new Uint8Array(0), end: 'reset' });
    expect(small.lines).toEqual(['invalid request block size: 5377 (max 4096)...skip']);
    expect(recorder.journey().hops[0]).toEqual({
      kind: 'uwsgi-checks',
      actor: 'uwsgi',
      checks: [{ id: 'buffer-size', ok: false, detail: 'datasize 5377 > buffer-size 4096' }],
    });
    const big = worker({ bufferSize: 32768 });
    expect(new TextDecoder().decode(big.serve(vectorBytes('over-4096')).reply.bytes)).toContain(
      'Hello World!',
    );
    expect(comparableLogLine(big.lines[0]!)?.rest).toBe(
      '127.0.0.1 () {34 vars in 5377 bytes} | GET / | 12 | (HTTP/1.1 200) 2 headers in 79 bytes | core 0',
    );
  });

  it('no plugin for the modifier: logged, counted, closed without a word (§6)', () => {
    const { lines, serve, context } = worker();
    expect(serve(Uint8Array.of(100, 0, 0, 0)).reply.bytes.length).toBe(0);
    expect(serve(packet(baseVars('GET', '/'), 5)).reply.bytes.length).toBe(0);
    expect(lines).toEqual([
      '-- unavailable modifier requested: 100 --',
      '-- unavailable modifier requested: 5 --',
    ]);
    expect(context.counters.total).toBe(2);
  });

  it("a short packet, then the client closes: the parser's read returned 0", () => {
    const { lines, serve } = worker();
    serve(Uint8Array.of(0, 100, 0, 0, 1, 2, 3, 4, 5));
    expect(lines).toEqual(['uwsgi_proto_uwsgi_parser(): Success [proto/uwsgi.c line 40]']);
  });
});

describe('broken vars blocks (real-output.md §6)', () => {
  it('a zero-length key: "skip this var", then the request is logged with status 500 and nothing written', () => {
    const { lines, serve, context } = worker();
    context.counters.total = 6;
    const bytes = encode({ vars: [['', 'x'], ...baseVars('GET', '/')] }, { allowEmptyKeys: true });
    expect(serve(bytes).reply.bytes.length).toBe(0);
    expect(lines[0]).toBe('uwsgi key cannot be null. skip this var.');
    expect(lines[1]).toBe(
      '[pid: 26493|app: -1|req: -1/7]  () {0 vars in 352 bytes} [Thu Nov 26 06:40:19 2026]   => generated 0 bytes in 0 msecs ( 500) 0 headers in 0 bytes (0 switches on core 0)',
    );
  });

  it('a value running past the block: "invalid uwsgi request", with the vars read before it', () => {
    const { lines, serve, context } = worker();
    context.counters.total = 1;
    // REQUEST_METHOD GET, then PATH_INFO whose value length says 32 with 1 byte left (35-byte block)
    const block = concatBytes([
      text('\x0e\x00REQUEST_METHOD\x03\x00GET'),
      text('\x09\x00PATH_INFO\x20\x00/'),
    ]);
    const bytes = concatBytes([Uint8Array.of(0, block.length, 0, 0), block]);
    serve(bytes);
    expect(lines).toEqual([
      'invalid uwsgi request (current strsize: 32). skip.',
      '[pid: 26493|app: -1|req: -1/2]  () {2 vars in 35 bytes} [Thu Nov 26 06:40:19 2026] GET  => generated 0 bytes in 0 msecs ( 500) 0 headers in 0 bytes (0 switches on core 0)',
    ]);
  });

  it('REQUEST_METHOD and PATH_INFO alone are enough for Flask; no SERVER_PROTOCOL means HTTP/1.0', () => {
    const { lines, serve } = worker();
    const reply = serve(
      packet([
        ['REQUEST_METHOD', 'GET'],
        ['PATH_INFO', '/'],
      ]),
    ).reply;
    expect(new TextDecoder().decode(reply.bytes)).toBe(
      'HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\n\r\nHello World!',
    );
    expect(comparableLogLine(lines[0]!)?.rest).toBe(
      ' () {4 vars in 35 bytes} | GET  | 12 | ( 200) 2 headers in 79 bytes | core 0',
    );
  });
});

describe('answers', () => {
  it("with no app: uWSGI's own 500 and the no-app line (vector no-app, real-output.md §5.6)", () => {
    const { lines, serve } = worker({ app: false });
    const reply = serve(vectorBytes('no-app')).reply;
    expect(Buffer.from(reply.bytes).equals(Buffer.from(vectorBytes('uwsgi-resp-no-app')))).toBe(
      true,
    );
    expect(lines[0]).toBe(
      '--- no python application found, check your startup logs for errors ---',
    );
    expect(lines[1]).toBe(
      '[pid: 26493|app: -1|req: -1/1] 127.0.0.1 () {32 vars in 363 bytes} [Thu Nov 26 06:40:19 2026] GET / => generated 21 bytes in 0 msecs (HTTP/1.1 500) 2 headers in 83 bytes (0 switches on core 0)',
    );
  });

  it("counts requests: the app's own and all of them", () => {
    const { lines, serve } = worker();
    serve(vectorBytes('get-root'));
    serve(Uint8Array.of(100, 0, 0, 0));
    serve(vectorBytes('get-query'));
    expect(
      lines.filter((line) => line.startsWith('[pid')).map((line) => comparableLogLine(line)?.req),
    ).toEqual(['1/1', '2/3']);
  });

  it('ping and echo with their plugins', () => {
    const { lines, serve } = worker({ modifiers: [0, 100, 101] });
    expect([...serve(Uint8Array.of(100, 0, 0, 0)).reply.bytes]).toEqual([100, 0, 0, 1]);
    expect(new TextDecoder().decode(serve(vectorBytes('manual-echo')).reply.bytes)).toBe(
      'hello uwsgi',
    );
    expect(lines).toEqual(['PING']);
  });

  it('a view reaching Python the simulator does not run: the note, and no answer', () => {
    const loaded = loadModule(
      {
        text: 'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/")\ndef hello():\n    return request.cookies\n',
        file: '/home/ubuntu/helloWorld/app.py',
        name: 'app',
      },
      { canImport: () => true },
    );
    const found = loaded.kind === 'loaded' ? findCallable(loaded, 'app') : undefined;
    if (found?.kind !== 'app') throw new Error('not loaded');
    const { lines, context } = worker();
    const result = serveConnection(
      vectorBytes('get-root'),
      'uwsgi',
      { ...context, app: found.app },
      { name: '/tmp/uwsgi.sock', remoteAddr: '' },
    );
    expect(result.reply.bytes.length).toBe(0);
    expect(lines[0]).toBe('uwsgi-lab: app.py line 5: the simulator does not run request.cookies');
    expect(comparableLogLine(lines.at(-1)!)?.rest).toContain('(HTTP/1.1 500) 0 headers in 0 bytes');
  });

  it("records the journey hops: checks, environ, the app's answer, uWSGI's bytes", () => {
    const { context } = worker();
    const recorder = new JourneyRecorder(1, 0);
    serveConnection(
      vectorBytes('get-root'),
      'uwsgi',
      context,
      { name: '/tmp/uwsgi.sock', remoteAddr: '' },
      recorder,
    );
    const hops = recorder.journey().hops;
    expect(hops.map((hop) => hop.kind)).toEqual([
      'uwsgi-checks',
      'environ',
      'app-response',
      'uwsgi-response',
    ]);
    const response = hops[3];
    expect(response?.kind === 'uwsgi-response' ? response.bytes.length : 0).toBe(91);
    expect(JSON.parse(JSON.stringify(hops))).toEqual(hops);
  });
});
