// The full path on one simulated machine: a client's HTTP bytes → nginx (a process bound on
// 127.0.0.1:8080 / 0.0.0.0:8080) → uwsgi_pass through the socket table → the uWSGI model → the app
// → back, recorded as one journey. Held against the captures: every request vector end to end
// (nginx writes NAME.hex, uWSGI answers uwsgi-resp-NAME.hex, the client gets NAME.txt's result), and
// each failure of real-output.md §5 with the client's response, nginx's error-log line and
// uWSGI's log.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hexOf, latin1Bytes, latin1Text } from '../../../../src/protocol/index.ts';
import { CAPTURE_APP_SOURCE } from '../../../../src/gateway/apps/known-apps.ts';
import { TUTORIAL_SITE } from '../../../../src/gateway/nginx/debian-machine.ts';
import { startNginx, type NginxProcess } from '../../../../src/gateway/nginx/nginx-process.ts';
import { sendClientRequest } from '../../../../src/gateway/net/client-request.ts';
import type { SocketAddress } from '../../../../src/gateway/net/socket-address.ts';
import {
  JourneyRecorder,
  journeyFailure,
  type Hop,
  type Journey,
} from '../../../../src/gateway/trace/journey.ts';
import { comparableLogLine } from '../../../../src/gateway/uwsgi/request-log.ts';
import type { UwsgiProcess } from '../../../../src/gateway/uwsgi/uwsgi-process.ts';
import { servingMachine, type ServingMachine } from '../support/serving-machine.ts';
import { vectorText } from '../../protocol/vector-files.ts';
import { curlView, maskDate, readVectors, VECTOR_SITE } from '../support/vectors.ts';
import { APP_DIR, TUTORIAL_INI, uwsgi } from '../uwsgi/test-machine.ts';

const NGINX_8080: SocketAddress = { kind: 'inet', host: '127.0.0.1', port: 8080 };
const CAPTURE_UWSGI =
  'uwsgi --plugin python3 --socket /tmp/uwsgi.sock --chdir /home/ubuntu/helloWorld --module app --callable app --chmod-socket=666';
const CURL_HOST = (path = '/', extra = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: helloworld.haruair.com\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n${extra}\r\n`;
const CURL_LOCALHOST =
  'GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n';
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';
// real-output.md §5, the 502 every failure below answers with (Date masked)
const BAD_GATEWAY = `HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\nDate: <masked>\r\nContent-Type: text/html\r\nContent-Length: 157\r\nConnection: keep-alive\r\n\r\n${BAD_GATEWAY_PAGE}`;

interface Served {
  readonly machine: ServingMachine;
  readonly nginx: NginxProcess;
  readonly uwsgi: UwsgiProcess | undefined;
}

function serve(options: { site?: string; app?: string; uwsgi?: string } = {}): Served {
  const machine = servingMachine({
    site: options.site ?? VECTOR_SITE,
    ...(options.app === undefined ? {} : { app: options.app }),
  });
  const started = startNginx(machine);
  if (!started.ok) throw new Error(started.stderr.join('\n'));
  const process = options.uwsgi === undefined ? undefined : uwsgi(machine, options.uwsgi);
  return { machine, nginx: started.process, uwsgi: process };
}

interface Exchange {
  readonly journey: Journey;
  /** What the client got, as latin-1 text ('' for nothing). */
  readonly text: string;
  /** Lines nginx appended to its error log for this request. */
  readonly errorLog: readonly string[];
  /** Lines nginx appended to its access log. */
  readonly accessLog: readonly string[];
  /** Lines uWSGI logged for it. */
  readonly uwsgiLog: readonly string[];
}

function logText(machine: ServingMachine, path: string): string {
  return latin1Text(machine.fs.readFile(path));
}

function send(
  served: Served,
  request: string | Uint8Array,
  options: { port?: number; target?: SocketAddress } = {},
): Exchange {
  const { machine } = served;
  if (options.port !== undefined) machine.ports.queue(options.port);
  const errorBefore = logText(machine, '/var/log/nginx/error.log').length;
  const accessBefore = logText(machine, '/var/log/nginx/access.log').length;
  const uwsgiBefore = served.uwsgi?.output.length ?? 0;
  const recorder = new JourneyRecorder(1, machine.clock.now());
  const bytes = typeof request === 'string' ? latin1Bytes(request) : request;
  const outcome = sendClientRequest(machine.net, options.target ?? NGINX_8080, bytes, recorder);
  const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
  return {
    journey: recorder.journey(),
    text: outcome.kind === 'response' ? latin1Text(outcome.bytes) : '',
    errorLog: lines(logText(machine, '/var/log/nginx/error.log').slice(errorBefore)),
    accessLog: lines(logText(machine, '/var/log/nginx/access.log').slice(accessBefore)),
    uwsgiLog: served.uwsgi?.output.slice(uwsgiBefore) ?? [],
  };
}

function hop<K extends Hop['kind']>(journey: Journey, kind: K): Extract<Hop, { kind: K }> {
  const found = journey.hops.find((candidate) => candidate.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} hop`);
  return found as Extract<Hop, { kind: K }>;
}

/** An error-log line with what differs between runs masked: the date, pid#tid and *N. */
function maskedLog(line: string): string {
  return line
    .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, 'DATE ')
    .replace(/\] \d+#\d+: /, '] PID#PID: ')
    .replace(/: \*\d+ /, ': *N ');
}

/** uWSGI's request log lines compared without pid, date, msecs and switches (request-log.ts). */
function comparableUwsgi(lines: readonly string[]): unknown[] {
  return lines.map((line) => {
    const parsed = comparableLogLine(line);
    return parsed === undefined ? line : { app: parsed.app, rest: parsed.rest };
  });
}

/** The lines a vector's .txt quotes for its direct run (nginx straight to uWSGI). */
function directRun(txt: string, what: 'uWSGI log lines' | 'nginx error.log lines'): string[] {
  const section = txt.split('direct run (')[1] ?? '';
  const after = section.split(`  ${what}:\n`)[1] ?? '';
  const lines: string[] = [];
  for (const line of after.split('\n')) {
    if (!line.startsWith('    ')) break;
    if (line.trim() !== '(none)') lines.push(line.slice(4));
  }
  return lines;
}

describe('every request vector, end to end: client → nginx → uWSGI → app → client', () => {
  const vectors = readVectors();

  it('has the request vectors', () => {
    expect(vectors.map((vector) => vector.name)).toEqual([
      'get-query',
      'get-root',
      'head',
      'long-nonascii-header',
      'no-app',
      'over-4096',
      'post-chunked',
      'post-form',
    ]);
  });

  for (const vector of vectors) {
    it(`${vector.name}: nginx writes ${vector.name}.hex, uWSGI answers uwsgi-resp-${vector.name}.hex, the client gets what curl got`, () => {
      const txt = vectorText(vector.name);
      const served = serve({
        app: CAPTURE_APP_SOURCE,
        uwsgi:
          vector.name === 'no-app'
            ? CAPTURE_UWSGI.replace('--callable app', '--callable application')
            : CAPTURE_UWSGI,
      });
      const exchange = send(served, vector.request, { port: vector.remotePort });
      expect(hop(exchange.journey, 'uwsgi-packet').bytes.hex).toBe(hexOf(vector.packet));
      expect(hop(exchange.journey, 'uwsgi-response').bytes.hex).toBe(hexOf(vector.uwsgiResponse!));
      expect(maskDate(curlView(exchange.text))).toBe(maskDate(vector.clientResult));
      expect(comparableUwsgi(exchange.uwsgiLog)).toEqual(
        comparableUwsgi(directRun(txt, 'uWSGI log lines')),
      );
      expect(exchange.errorLog.map(maskedLog)).toEqual(
        directRun(txt, 'nginx error.log lines').map(maskedLog),
      );
      expect(exchange.accessLog).toHaveLength(1);
    });
  }
});

describe('failures end to end, as real-output.md §5 and real-output-shell.md §3–§5 captured them', () => {
  it('§5.1 socket file missing → 502, [crit] connect() … (2: No such file or directory)', () => {
    const served = serve();
    const exchange = send(served, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 06:40:19 [crit] 26484#26484: *8 connect() to unix:/tmp/uwsgi.sock failed (2: No such file or directory) while connecting to upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    ]);
    expect(journeyFailure(exchange.journey)).toMatchObject({
      actor: 'nginx',
      code: 'connect-enoent',
    });
  });

  it('§5.2 stale socket (uWSGI stopped without --vacuum) → 502, [error] (111: Connection refused)', () => {
    const served = serve({
      uwsgi:
        'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    });
    served.uwsgi!.signal('INT');
    expect(served.machine.fs.lstat('/tmp/uwsgi.sock').type).toBe('socket');
    const exchange = send(served, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 06:40:20 [error] 26484#26484: *10 connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    ]);
  });

  it('§5.3 no write permission for www-data (755, then 600) → 502, [crit] (13: Permission denied); 666 → 200', () => {
    const served = serve({
      uwsgi: 'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app',
    });
    const { fs } = served.machine;
    expect(fs.lstat('/tmp/uwsgi.sock').mode).toBe(0o755);
    const denied = maskedLog(
      '2026/11/26 06:40:20 [crit] 26484#26484: *12 connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
    );
    const first = send(served, CURL_HOST());
    expect(maskDate(first.text)).toBe(BAD_GATEWAY);
    expect(first.errorLog.map(maskedLog)).toEqual([denied]);
    expect(first.uwsgiLog).toEqual([]);
    fs.chmod('/tmp/uwsgi.sock', 0o600);
    expect(send(served, CURL_HOST()).errorLog.map(maskedLog)).toEqual([denied]);
    fs.chmod('/tmp/uwsgi.sock', 0o666);
    const served200 = send(served, CURL_HOST());
    expect(served200.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(served200.errorLog).toEqual([]);
  });

  it("§5.4 --http-socket behind uwsgi_pass → 502, upstream prematurely closed, nothing in uWSGI's log", () => {
    const served = serve({
      uwsgi:
        'uwsgi --http-socket /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable app --chmod-socket=666',
    });
    const exchange = send(served, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 06:40:25 [error] 26484#26484: *18 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    ]);
    expect(exchange.uwsgiLog).toEqual([]);
    // talking HTTP to it directly works (curl --unix-socket): 24 vars, from 0.0.0.0
    const direct = send(
      served,
      'GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      {
        target: { kind: 'unix', path: '/tmp/uwsgi.sock' },
      },
    );
    expect(direct.text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\n\r\nHello World!',
    );
    expect(comparableUwsgi(direct.uwsgiLog)).toEqual(
      comparableUwsgi([
        '[pid: 26586|app: 0|req: 1/1] 0.0.0.0 () {24 vars in 235 bytes} [Thu Nov 26 06:40:25 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)',
      ]),
    );
  });

  it('§5.5 plain HTTP straight at a uwsgi TCP socket: invalid request block size, an empty reply', () => {
    const served = serve({
      uwsgi: 'uwsgi --socket 127.0.0.1:3031 --plugin python3 --wsgi-file app.py --callable app',
    });
    const target: SocketAddress = { kind: 'inet', host: '127.0.0.1', port: 3031 };
    const get = send(
      served,
      'GET / HTTP/1.1\r\nHost: 127.0.0.1:3031\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      { target },
    );
    const post = send(
      served,
      'POST /submit HTTP/1.1\r\nHost: 127.0.0.1:3031\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1',
      { target },
    );
    const head = send(
      served,
      'HEAD / HTTP/1.1\r\nHost: 127.0.0.1:3031\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      { target },
    );
    expect([get.text, post.text, head.text]).toEqual(['', '', '']);
    expect([...get.uwsgiLog, ...post.uwsgiLog, ...head.uwsgiLog]).toEqual([
      'invalid request block size: 21573 (max 4096)...skip',
      'invalid request block size: 21327 (max 4096)...skip',
      'invalid request block size: 16709 (max 4096)...skip',
    ]);
    expect(hop(get.journey, 'uwsgi-checks').checks).toEqual([
      { id: 'buffer-size', ok: false, detail: 'datasize 21573 > buffer-size 4096' },
    ]);
  });

  it('§5.6 --callable names a missing object → uWSGI answers 500, nginx re-chunks it, error.log stays empty', () => {
    const served = serve({
      uwsgi:
        'uwsgi -s /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable application --chmod-socket=666',
    });
    expect(served.uwsgi!.output).toContain('unable to find "application" callable in file app.py');
    const exchange = send(served, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(
      'HTTP/1.1 500 Internal Server Error\r\nServer: nginx/1.22.1\r\nDate: <masked>\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n15\r\nInternal Server Error\r\n0\r\n\r\n',
    );
    expect(exchange.errorLog).toEqual([]);
    expect(comparableUwsgi(exchange.uwsgiLog)).toEqual(
      comparableUwsgi([
        '--- no python application found, check your startup logs for errors ---',
        '[pid: 26620|app: -1|req: -1/1] 127.0.0.1 () {32 vars in 363 bytes} [Thu Nov 26 06:40:27 2026] GET / => generated 21 bytes in 0 msecs (HTTP/1.1 500) 2 headers in 83 bytes (0 switches on core 0)',
      ]),
    );
    expect(hop(exchange.journey, 'nginx-response').changes).toContainEqual(
      expect.objectContaining({ id: 'rechunked' }),
    );
  });

  it("§5.7 headers over uWSGI's buffer-size → uWSGI refuses, nginx: recv() failed (104: Connection reset by peer), 502; --buffer-size 32768 serves it", () => {
    const big = `X-Big: ${'b'.repeat(5000)}\r\n`;
    const served = serve({
      uwsgi:
        'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    });
    const refused = send(served, CURL_HOST('/', big));
    expect(maskDate(refused.text)).toBe(BAD_GATEWAY);
    expect(refused.uwsgiLog).toEqual(['invalid request block size: 5377 (max 4096)...skip']);
    expect(refused.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 06:40:28 [error] 26484#26484: *22 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    ]);
    served.uwsgi!.signal('INT');
    const bigger = uwsgi(
      served.machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666 --buffer-size 32768',
    );
    expect(bigger.output).toContain('mapped 101592 bytes (99 KB) for 1 cores');
    const before = bigger.output.length;
    const ok = send(served, CURL_HOST('/', big));
    expect(ok.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(comparableUwsgi(bigger.output.slice(before))).toEqual(
      comparableUwsgi([
        '[pid: 26664|app: 0|req: 1/1] 127.0.0.1 () {34 vars in 5377 bytes} [Thu Nov 26 06:40:28 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)',
      ]),
    );
  });

  it('§5.8 a uwsgi packet over 65535 bytes → nginx answers 500 itself ([alert]), never connects', () => {
    const site = VECTOR_SITE.replace(
      '    root /var/www/html;\n',
      '    root /var/www/html;\n    large_client_header_buffers 16 16k;\n',
    );
    const served = serve({
      site,
      uwsgi:
        'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    });
    const value = 'h'.repeat(12000);
    const headers = ['A', 'B', 'C', 'D', 'E', 'F'].map((x) => `X-${x}: ${value}\r\n`).join('');
    const exchange = send(served, CURL_HOST('/', headers));
    expect(maskDate(exchange.text)).toBe(
      'HTTP/1.1 500 Internal Server Error\r\nServer: nginx/1.22.1\r\nDate: <masked>\r\nContent-Type: text/html\r\nContent-Length: 177\r\nConnection: close\r\n\r\n<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n',
    );
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 06:40:31 [alert] 26702#26702: *2 uwsgi request is too big: 72435, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", host: "helloworld.haruair.com"',
      ),
    ]);
    expect(exchange.uwsgiLog).toEqual([]);
    expect(exchange.journey.hops.map((h) => h.kind)).toEqual([
      'client-request',
      'connect',
      'nginx-decision',
      'failure',
      'nginx-response',
    ]);
    expect(journeyFailure(exchange.journey)).toMatchObject({
      actor: 'nginx',
      code: 'uwsgi-request-too-big',
      message: 'uwsgi request is too big: 72435',
    });
  });

  it('§5.10 the plugin forgotten on the command line: uWSGI refuses to start, nginx finds no socket', () => {
    const served = serve();
    const refused = uwsgi(
      served.machine,
      'uwsgi -s /tmp/uwsgi.sock --wsgi-file app.py --callable app',
    );
    expect(refused.output).toEqual([
      "uwsgi: unrecognized option '--wsgi-file'",
      'getopt_long() error',
    ]);
    expect(refused.exitStatus).toBe(1);
    const python = uwsgi(
      served.machine,
      'uwsgi -s /tmp/uwsgi.sock --plugin python --wsgi-file app.py --callable app',
    );
    expect(python.output).toEqual([
      'open("/usr/lib/uwsgi/plugins/python_plugin.so"): No such file or directory [core/utils.c line 3731]',
      '!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/python_plugin.so: cannot open shared object file: No such file or directory !!!',
      "uwsgi: unrecognized option '--wsgi-file'",
      'getopt_long() error',
    ]);
    const exchange = send(served, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(exchange.errorLog.map(maskedLog)[0]).toContain(
      'connect() to unix:/tmp/uwsgi.sock failed (2: No such file or directory)',
    );
  });

  it("§3.1 the tutorial's ini without a plugin line: unavailable modifier 0, upstream prematurely closed, 502", () => {
    const served = serve({ site: TUTORIAL_SITE });
    served.machine.fs.put(`${APP_DIR}/uwsgi.ini`, TUTORIAL_INI);
    const process = uwsgi(served.machine, 'uwsgi uwsgi.ini');
    const before = process.output.length;
    const exchange = send({ ...served, uwsgi: process }, CURL_LOCALHOST);
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(process.output.slice(before)).toEqual(['-- unavailable modifier requested: 0 --']);
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 07:20:00 [error] 9064#9064: *21 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "localhost:8080"',
      ),
    ]);
  });

  it('no include uwsgi_params: Flask fails on the missing REQUEST_METHOD, uWSGI prints the traceback, nginx 502', () => {
    // tests/fixtures/captures/lessons-06-07: the tutorial's block without `include uwsgi_params;`
    const capture = readFileSync(
      fileURLToPath(
        new URL('../../../fixtures/captures/lessons-06-07/uwsgi-run1.log', import.meta.url),
      ),
      'utf8',
    ).split('\n');
    const start = capture.indexOf('Traceback (most recent call last):');
    const expected = capture.slice(start, capture.indexOf("KeyError: 'REQUEST_METHOD'", start) + 2);
    const served = serve({ site: TUTORIAL_SITE.replace('include uwsgi_params;', '') });
    const process = uwsgi(served.machine, CAPTURE_UWSGI);
    const before = process.output.length;
    const exchange = send({ ...served, uwsgi: process }, CURL_HOST());
    expect(maskDate(exchange.text)).toBe(BAD_GATEWAY);
    expect(comparableUwsgi(process.output.slice(before))).toEqual(comparableUwsgi(expected));
    expect(exchange.errorLog.map(maskedLog)).toEqual([
      maskedLog(
        '2026/11/26 11:26:46 [error] 17530#17530: *5 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    ]);
  });
});

describe('the journey', () => {
  it('one request records every hop in order, as plain JSON', () => {
    const served = serve({
      app: CAPTURE_APP_SOURCE,
      uwsgi: CAPTURE_UWSGI,
    });
    const vector = readVectors().find((candidate) => candidate.name === 'post-form')!;
    const { journey } = send(served, vector.request, { port: vector.remotePort });
    expect(journey.hops.map((h) => `${h.actor}:${h.kind}`)).toEqual([
      'client:client-request',
      'client:connect',
      'nginx:nginx-decision',
      'nginx:connect',
      'nginx:uwsgi-packet',
      'uwsgi:uwsgi-checks',
      'uwsgi:environ',
      'app:app-response',
      'uwsgi:uwsgi-response',
      'nginx:nginx-response',
    ]);
    expect(JSON.parse(JSON.stringify(journey))).toEqual(journey);
    expect(hop(journey, 'client-request')).toMatchObject({ method: 'POST', target: '/submit' });
    const decision = hop(journey, 'nginx-decision');
    expect(decision).toMatchObject({
      server: 'helloworld.haruair.com',
      location: '@helloworld',
      action: 'uwsgi_pass',
    });
    expect(decision.reasons.map((reason) => reason.id)).toEqual([
      'request-read',
      'server-selected',
      'location-search',
      'try-files',
      'named-location',
      'uwsgi',
    ]);
    expect(hop(journey, 'uwsgi-checks').checks.map((check) => [check.id, check.ok])).toEqual([
      ['buffer-size', true],
      ['modifier1', true],
      ['vars', true],
      ['app', true],
    ]);
    expect(hop(journey, 'environ').lines).toContain("REQUEST_METHOD: 'POST'");
    expect(hop(journey, 'app-response')).toMatchObject({ status: '200 OK' });
    expect(hop(journey, 'nginx-response').changes).toEqual([
      { id: 'header-added', detail: 'Server: nginx/1.22.1' },
      { id: 'header-added', detail: 'Date: Thu, 26 Nov 2026 06:40:17 GMT' },
      { id: 'header-added', detail: 'Connection: keep-alive' },
    ]);
    expect(journeyFailure(journey)).toBeUndefined();
  });

  it('a failing request ends with the hop that failed, and nginx answering for it', () => {
    const served = serve();
    const { journey } = send(served, CURL_HOST());
    expect(journey.hops.map((h) => `${h.actor}:${h.kind}`)).toEqual([
      'client:client-request',
      'client:connect',
      'nginx:nginx-decision',
      'nginx:connect',
      'nginx:failure',
      'nginx:nginx-response',
    ]);
    expect(hop(journey, 'connect')).toMatchObject({ actor: 'client', ok: true });
    expect(journey.hops[3]).toEqual({
      kind: 'connect',
      actor: 'nginx',
      target: 'unix:/tmp/uwsgi.sock',
      ok: false,
      error: '(2: No such file or directory)',
    });
    expect(hop(journey, 'nginx-response').changes).toEqual([
      { id: 'own-response', detail: 'nginx answered itself: 502 Bad Gateway, 157 body bytes' },
    ]);
    expect(JSON.parse(JSON.stringify(journey))).toEqual(journey);
  });

  it('nothing listening on 8080: the client cannot connect, and the journey says so', () => {
    const served = serve();
    served.nginx.stop();
    const { journey, text } = send(served, CURL_HOST());
    expect(text).toBe('');
    expect(journeyFailure(journey)).toEqual({
      kind: 'failure',
      actor: 'client',
      code: 'connect-econnrefused',
      message: 'connect() to 127.0.0.1:8080 failed (111: Connection refused)',
      log: [],
    });
  });

  it('the error-log line counts connections as nginx does: two numbers per proxied request', () => {
    const served = serve();
    const first = send(served, CURL_HOST()).errorLog[0]!;
    const second = send(served, CURL_HOST()).errorLog[0]!;
    expect(first).toMatch(/^2026\/11\/26 06:40:17 \[crit\] 26475#26475: \*1 connect\(\)/);
    expect(second).toMatch(/ \*3 connect\(\)/);
  });
});
