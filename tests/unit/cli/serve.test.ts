// `uwsgi-lab serve`: its options and one-line errors through runCli, and its server on real
// sockets in this process — every captured request packet gets, byte for byte, what real uWSGI
// answered (uwsgi-resp-NAME.hex) and the request line real uWSGI logged; a packet over
// buffer-size is refused with uWSGI's line (over TCP with a reset, as nginx saw it).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/main.ts';
import { exchange } from '../../../src/cli/uwsgi-client.ts';
import { startUwsgiServer } from '../../../src/cli/uwsgi-server.ts';
import { captureApp } from '../../../src/gateway/apps/capture-app.ts';
import { comparableLogLine } from '../../../src/gateway/uwsgi/request-log.ts';
import { requestVectorNames, vectorBytes, vectorText } from '../protocol/vector-files.ts';

const work = mkdtempSync(join(tmpdir(), 'uwsgi-lab-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readStdin: async () => new Uint8Array(0),
    stdout: (data) => (stdout += typeof data === 'string' ? data : Buffer.from(data).toString()),
    stderr: (text) => (stderr += text),
  };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

function comparable(line: string): unknown {
  const parsed = comparableLogLine(line);
  return parsed === undefined ? line : { app: parsed.app, rest: parsed.rest };
}

/** The uWSGI log lines of a vector's capture run (its .txt). */
function capturedLog(name: string): string[] {
  const section =
    vectorText(name).split('uWSGI log lines for this request (capture run):\n')[1] ?? '';
  const lines: string[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('  ')) break;
    if (line.trim() !== '(none)') lines.push(line.slice(2));
  }
  return lines;
}

describe('serve: options', () => {
  it('--help lists the apps, exit 0', async () => {
    const run = await cli(['serve', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: uwsgi-lab serve --socket PATH\|HOST:PORT/);
    for (const app of ['hello', 'request-data', 'wsgi', 'environ', 'capture', 'echo'])
      expect(run.stdout).toContain(`\n  ${app} `);
  });

  it.each([
    [[], 'uwsgi-lab: serve: --socket PATH|HOST:PORT is required\n'],
    [
      ['--socket', 'x.sock', '--app', 'django'],
      'uwsgi-lab: serve: --app "django" is not a modelled app (apps: hello, request-data, wsgi, environ, capture, echo)\n',
    ],
    [
      ['--socket', 'x.sock', '--chmod-socket', 'rw'],
      'uwsgi-lab: serve: --chmod-socket must be an octal mode such as 666, not "rw"\n',
    ],
    [
      ['--socket', '127.0.0.1:3031', '--chmod-socket', '666'],
      'uwsgi-lab: serve: --chmod-socket is for a unix socket\n',
    ],
    [
      ['--socket', 'x.sock', '--buffer-size', '70000'],
      'uwsgi-lab: serve: --buffer-size must be a number from 1 to 65535, not "70000"\n',
    ],
    [
      ['--socket', '127.0.0.1:99999'],
      'uwsgi-lab: serve: --socket "127.0.0.1:99999" is neither a unix socket path nor HOST:PORT\n',
    ],
    [['--sockett', 'x'], "uwsgi-lab: serve: Unknown option '--sockett' (see --help)\n"],
  ])('%j: one line, exit 2', async (args, message) => {
    const run = await cli(['serve', ...args]);
    expect([run.status, run.stderr]).toEqual([2, message]);
  });

  it('refuses to replace a file that is not a socket, in one line, exit 2', async () => {
    const path = join(work, 'not-a-socket');
    writeFileSync(path, 'data');
    const run = await cli(['serve', '--socket', path]);
    expect([run.status, run.stderr]).toEqual([
      2,
      `uwsgi-lab: serve: --socket ${path}: something that is not a socket is there already\n`,
    ]);
  });
});

describe('serve: the server on a real unix socket, with the capture tool’s app', () => {
  const names = requestVectorNames().filter(
    (name) => !name.startsWith('manual-') && name !== 'no-app' && name !== 'over-4096',
  );

  it.each(names)(
    '%s: answers its uwsgi-resp-*.hex byte for byte and logs the captured line',
    async (name) => {
      const log: string[] = [];
      const server = await startUwsgiServer({
        address: { kind: 'unix', path: join(work, `${name}.sock`) },
        app: captureApp(),
        bufferSize: 4096,
        chmod: 0o666,
        log: (line) => log.push(line),
      });
      try {
        const result = await exchange(
          { kind: 'unix', path: join(work, `${name}.sock`) },
          vectorBytes(name),
          5000,
        );
        expect(result.connected && Buffer.from(result.response).toString('hex')).toBe(
          Buffer.from(vectorBytes(`uwsgi-resp-${name}`)).toString('hex'),
        );
        expect(log.map(comparable)).toEqual(capturedLog(name).map(comparable));
        // a fresh server's counters (the captured ones depend on the capture run's earlier requests)
        expect(comparableLogLine(log.at(-1)!)?.req).toBe('1/1');
      } finally {
        await server.close();
      }
    },
  );

  it('a stale socket file is replaced, as uWSGI replaces it', async () => {
    const path = join(work, 'stale.sock');
    const first = await startUwsgiServer({
      address: { kind: 'unix', path },
      app: captureApp(),
      bufferSize: 4096,
      chmod: undefined,
      log: () => undefined,
    });
    // a server killed without cleaning up leaves the file; here: a second server on the same path
    const second = await startUwsgiServer({
      address: { kind: 'unix', path },
      app: captureApp(),
      bufferSize: 4096,
      chmod: undefined,
      log: () => undefined,
    });
    const result = await exchange({ kind: 'unix', path }, vectorBytes('get-root'), 5000);
    expect(result.connected && result.response).toEqual(vectorBytes('uwsgi-resp-get-root'));
    await second.close();
    await first.close();
  });
});

describe('serve: over TCP', () => {
  it('a vars block over buffer-size: "invalid request block size", and the connection is reset', async () => {
    const log: string[] = [];
    const server = await startUwsgiServer({
      address: { kind: 'tcp', host: '127.0.0.1', port: 0 },
      app: captureApp(),
      bufferSize: 4096,
      chmod: undefined,
      log: (line) => log.push(line),
    });
    try {
      const [host = '', port = ''] = server.name.split(':');
      const result = await exchange(
        { kind: 'tcp', host, port: Number(port) },
        vectorBytes('over-4096'),
        5000,
      );
      expect(result).toMatchObject({ connected: true, end: 'reset' });
      expect(log).toEqual(['invalid request block size: 5377 (max 4096)...skip']);
      // plain HTTP at it: "GET " read as a uwsgi header (real-output.md §5.5)
      const http = await exchange(
        { kind: 'tcp', host, port: Number(port) },
        new TextEncoder().encode('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
        5000,
      );
      expect(http).toMatchObject({ connected: true, response: new Uint8Array(0) });
      expect(log.at(-1)).toBe('invalid request block size: 21573 (max 4096)...skip');
    } finally {
      await server.close();
    }
  });
});
