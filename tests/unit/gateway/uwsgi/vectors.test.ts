// Every captured request vector through the uWSGI model with the capture tool's app: the bytes it
// writes back must be exactly uwsgi-resp-NAME.hex, and its log lines those real uWSGI logged
// (NAME.txt), apart from pid, date, msecs and the switch count, with the counters of a fresh
// process (1/1; -1/1 without an app).

import { describe, expect, it } from 'vitest';
import { captureApp } from '../../../../src/gateway/apps/capture-app.ts';
import { comparableLogLine } from '../../../../src/gateway/uwsgi/request-log.ts';
import {
  serveConnection,
  type WorkerContext,
} from '../../../../src/gateway/uwsgi/uwsgi-request.ts';
import { ManualClock } from '../../../../src/gateway/uwsgi/uwsgi-machine.ts';
import { requestVectorNames, vectorBytes, vectorText } from '../../protocol/vector-files.ts';

function context(options: { app: boolean; modifiers?: number[] }, lines: string[]): WorkerContext {
  return {
    pid: 5787,
    bufferSize: 4096,
    modifiers: new Set(options.modifiers ?? [0]),
    app: options.app ? captureApp() : undefined,
    threads: 1,
    processes: 1,
    version: '2.0.21-debian',
    nodename: 'vm',
    clock: new ManualClock(Date.UTC(2026, 10, 26, 6, 38, 2)),
    utcOffsetMinutes: 0,
    log: (line) => lines.push(line),
    counters: { appRequests: 0, total: 0 },
  };
}

/** The uWSGI log lines of the capture run, from NAME.txt. */
function capturedLog(name: string): string[] {
  const text = vectorText(name);
  const section = text.split('uWSGI log lines for this request (capture run):\n')[1] ?? '';
  const lines: string[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('  ')) break;
    if (line.trim() !== '(none)') lines.push(line.slice(2));
  }
  return lines;
}

function comparable(line: string): unknown {
  const parsed = comparableLogLine(line);
  return parsed === undefined ? line : { app: parsed.app, rest: parsed.rest };
}

const HTTP_VECTORS = requestVectorNames().filter((name) => !name.startsWith('manual-'));

describe('uWSGI model on the captured vectors (capture-vectors app)', () => {
  it('has the vectors', () => {
    expect(HTTP_VECTORS).toEqual([
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

  for (const name of HTTP_VECTORS) {
    it(`${name}: writes uwsgi-resp-${name}.hex and logs the captured lines`, () => {
      const lines: string[] = [];
      const result = serveConnection(
        vectorBytes(name),
        'uwsgi',
        context({ app: name !== 'no-app' }, lines),
        { name: '/tmp/uwsgi.sock', remoteAddr: '' },
      );
      expect(Buffer.from(result.reply.bytes).toString('hex')).toBe(
        Buffer.from(vectorBytes(`uwsgi-resp-${name}`)).toString('hex'),
      );
      const captured = capturedLog(name);
      expect(lines.map(comparable)).toEqual(captured.map(comparable));
      for (const line of lines) {
        const parsed = comparableLogLine(line);
        if (parsed !== undefined) expect(parsed.req).toBe(name === 'no-app' ? '-1/1' : '1/1');
      }
    });
  }

  it('over-4096: the connection is reset (bytes left unread), as nginx saw it', () => {
    const result = serveConnection(vectorBytes('over-4096'), 'uwsgi', context({ app: true }, []), {
      name: '/tmp/uwsgi.sock',
      remoteAddr: '',
    });
    expect(result.reply.end).toBe('reset');
  });

  it('manual-ping and manual-echo: the ping and echo plugins answer as captured', () => {
    for (const [name, response] of [
      ['manual-ping', 'uwsgi-resp-ping'],
      ['manual-echo', 'uwsgi-resp-echo'],
    ] as const) {
      const result = serveConnection(
        vectorBytes(name),
        'uwsgi',
        context({ app: true, modifiers: [0, 100, 101] }, []),
        { name: '/tmp/uwsgi.sock', remoteAddr: '' },
      );
      expect(Buffer.from(result.reply.bytes).toString('hex')).toBe(
        Buffer.from(vectorBytes(response)).toString('hex'),
      );
    }
  });
});
