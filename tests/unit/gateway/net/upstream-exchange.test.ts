// The uWSGI-side failures of issue 5 item 8, as nginx meets them through the socket table: the
// part of nginx's error-log line each one gives (real-output.md §5, real-output-shell.md §2–§3),
// with the uWSGI model on the other end. The rest of the line (client, server, request…) and the
// 502 page are the nginx model's.

import { describe, expect, it } from 'vitest';
import { exchangeWithUpstream } from '../../../../src/gateway/net/upstream-exchange.ts';
import { JourneyRecorder } from '../../../../src/gateway/trace/journey.ts';
import { APP_DIR, TUTORIAL_INI, testMachine, uwsgi } from '../uwsgi/test-machine.ts';
import { vectorBytes } from '../../protocol/vector-files.ts';

const SOCKET = { kind: 'unix', path: '/tmp/uwsgi.sock' } as const;

// the middle of a captured nginx error-log line: after "*N " and before ", client:"
function fragment(line: string): string {
  return /\*\d+ (.*), client: /.exec(line)![1]!;
}

describe('uWSGI-side failures as nginx logs them', () => {
  it('socket file missing: [crit] (2: No such file or directory) (§5.1)', () => {
    const machine = testMachine();
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
    );
    expect(outcome).toMatchObject({ kind: 'connect-failed', level: 'crit' });
    expect(outcome.kind === 'connect-failed' ? outcome.message : '').toBe(
      fragment(
        '2026/11/26 06:40:19 [crit] 26484#26484: *8 connect() to unix:/tmp/uwsgi.sock failed (2: No such file or directory) while connecting to upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      ),
    );
  });

  it('no write permission for www-data: [crit] (13: Permission denied) (§5.3)', () => {
    const machine = testMachine();
    uwsgi(machine, 'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app');
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
    );
    expect(outcome).toMatchObject({
      kind: 'connect-failed',
      level: 'crit',
      message:
        'connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream',
    });
  });

  it('stale socket: [error] (111: Connection refused) (§5.2)', () => {
    const machine = testMachine();
    uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    ).signal('INT');
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
    );
    expect(outcome).toMatchObject({
      kind: 'connect-failed',
      level: 'error',
      message:
        'connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused) while connecting to upstream',
    });
  });

  it("--http-socket behind uwsgi_pass: upstream prematurely closed, nothing in uWSGI's log (§5.4)", () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --http-socket /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable app --chmod-socket=666',
    );
    const before = process.output.length;
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
    );
    expect(outcome).toEqual({
      kind: 'closed',
      level: 'error',
      message: 'upstream prematurely closed connection while reading response header from upstream',
    });
    expect(process.output.length).toBe(before);
  });

  it('headers over buffer-size: uWSGI refuses, nginx: recv() failed (104: Connection reset by peer) (§5.7)', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('over-4096'),
    );
    expect(outcome).toEqual({
      kind: 'reset',
      level: 'error',
      message: fragment(
        '2026/11/26 06:40:28 [error] 26484#26484: *22 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 127.0.0.1, server: x',
      ),
    });
    expect(process.output.at(-1)).toBe('invalid request block size: 5377 (max 4096)...skip');
  });

  it("callable missing: uWSGI's own 500 reaches nginx (§5.6)", () => {
    const machine = testMachine();
    uwsgi(
      machine,
      'uwsgi -s /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable application --chmod-socket=666',
    );
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('no-app'),
    );
    expect(
      outcome.kind === 'answer'
        ? Buffer.from(outcome.bytes).equals(Buffer.from(vectorBytes('uwsgi-resp-no-app')))
        : false,
    ).toBe(true);
  });

  it("the plugin forgotten in the tutorial's ini: unavailable modifier 0, upstream prematurely closed (§3.1)", () => {
    const machine = testMachine();
    machine.fs.put(`${APP_DIR}/uwsgi.ini`, TUTORIAL_INI);
    const process = uwsgi(machine, 'uwsgi uwsgi.ini');
    const recorder = new JourneyRecorder(1, 0);
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
      recorder,
      { datasize: 363, modifier1: 0, modifier2: 0 },
    );
    expect(outcome.kind).toBe('closed');
    expect(process.output.at(-1)).toBe('-- unavailable modifier requested: 0 --');
    const hops = recorder.journey().hops;
    expect(hops.map((hop) => hop.kind)).toEqual([
      'connect',
      'uwsgi-packet',
      'uwsgi-checks',
      'uwsgi-response',
      'failure',
    ]);
    expect(hops[2]).toEqual({
      kind: 'uwsgi-checks',
      actor: 'uwsgi',
      checks: [
        { id: 'buffer-size', ok: true, detail: 'datasize 363 <= buffer-size 4096' },
        { id: 'modifier1', ok: false, detail: 'no plugin answers modifier1 0' },
      ],
    });
  });

  it('a served request: the whole uWSGI side of the journey', () => {
    const machine = testMachine();
    uwsgi(
      machine,
      'uwsgi -s /tmp/uwsgi.sock --plugin python3 --module app --callable app --chmod-socket=666',
    );
    const recorder = new JourneyRecorder(1, 0);
    const outcome = exchangeWithUpstream(
      machine.net,
      SOCKET,
      machine.wwwData,
      vectorBytes('get-root'),
      recorder,
      { datasize: 363, modifier1: 0, modifier2: 0 },
    );
    expect(outcome.kind).toBe('answer');
    expect(recorder.journey().hops.map((hop) => hop.kind)).toEqual([
      'connect',
      'uwsgi-packet',
      'uwsgi-checks',
      'environ',
      'app-response',
      'uwsgi-response',
    ]);
  });
});
