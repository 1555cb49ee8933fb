// Re-captures, with real uWSGI 2.0.21 (Debian's, --plugin python3) and Flask 2.2.2, the environ of
// every request vector through the environ-dumping app, and checks that the committed capture
// (tests/fixtures/uwsgi/environ) and the model still say the same; also that real uWSGI still writes
// exactly uwsgi-resp-NAME.hex for the capture tool's app, as the model does.

import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureApp } from '../../../src/gateway/apps/capture-app.ts';
import { environDumperApp } from '../../../src/gateway/apps/environ-dumper-app.ts';
import { ManualClock } from '../../../src/gateway/uwsgi/uwsgi-machine.ts';
import { serveConnection } from '../../../src/gateway/uwsgi/uwsgi-request.ts';
import { installCaptureApp } from '../support/capture-app.ts';
import {
  describeWithPrograms,
  makeTempDir,
  startUwsgi,
  type RunningUwsgi,
  type TempDir,
} from '../support/real-programs.ts';
import { requestVectorNames, vectorBytes } from '../../unit/protocol/vector-files.ts';
import { sendPacket, UWSGI_REQUIREMENTS } from './uwsgi-support.ts';

const ENVIRON_DIR = fileURLToPath(new URL('../../fixtures/uwsgi/environ/', import.meta.url));
const DUMPER = fileURLToPath(new URL('../../fixtures/uwsgi/environ-dumper.py', import.meta.url));
const NAMES = requestVectorNames().filter((name) => !name.startsWith('manual-'));

function modelEnviron(name: string): string {
  const result = serveConnection(
    vectorBytes(name),
    'uwsgi',
    {
      pid: 1,
      bufferSize: 4096,
      modifiers: new Set([0]),
      app: environDumperApp(),
      threads: 1,
      processes: 1,
      version: '2.0.21-debian',
      nodename: 'vm',
      clock: new ManualClock(0),
      utcOffsetMinutes: 0,
      log: () => undefined,
      counters: { appRequests: 0, total: 0 },
    },
    { name: 'uwsgi.sock', remoteAddr: '' },
  );
  return new TextDecoder().decode(result.response?.body);
}

describeWithPrograms('real uWSGI + Flask: the environ of every vector', UWSGI_REQUIREMENTS, () => {
  let dir: TempDir;
  let dumper: RunningUwsgi;
  let capture: RunningUwsgi;
  beforeAll(async () => {
    dir = makeTempDir('uwsgi-lab-environ');
    copyFileSync(DUMPER, join(dir.path, 'app.py'));
    dumper = await startUwsgi({
      dir: dir.path,
      args: [
        '--plugin',
        'python3',
        '--socket',
        join(dir.path, 'dump.sock'),
        '--chdir',
        dir.path,
        '--module',
        'app',
        '--callable',
        'app',
      ],
      socket: join(dir.path, 'dump.sock'),
    });
    const captureDir = installCaptureApp(join(dir.path, 'capture'));
    capture = await startUwsgi({
      dir: captureDir,
      args: [
        '--plugin',
        'python3',
        '--socket',
        join(dir.path, 'capture.sock'),
        '--chdir',
        captureDir,
        '--module',
        'app',
        '--callable',
        'app',
      ],
      socket: join(dir.path, 'capture.sock'),
    });
  });
  afterAll(async () => {
    await dumper?.stop();
    await capture?.stop();
    dir?.cleanup();
  });

  for (const name of NAMES) {
    it(`${name}: real uWSGI's environ = the committed capture = the model's`, async () => {
      const dumpFile = join(dir.path, 'environ-dump.txt');
      rmSync(dumpFile, { force: true });
      const reply = await sendPacket(join(dir.path, 'dump.sock'), vectorBytes(name));
      const real = existsSync(dumpFile)
        ? readFileSync(dumpFile, 'utf8')
        : `(no environ: uWSGI answered ${reply.bytes.length} bytes and called no app)\n`;
      // the host name is the machine's own (uwsgi.node); the capture was made on `vm`
      const normalized = real.replace(/^uwsgi\.node: b'.*'$/m, "uwsgi.node: b'vm'");
      expect(normalized).toBe(readFileSync(`${ENVIRON_DIR}${name}.txt`, 'utf8'));
      if (!normalized.startsWith('(no environ') && name !== 'head')
        expect(modelEnviron(name)).toBe(normalized);
    });

    it(`${name}: real uWSGI still writes uwsgi-resp-${name}.hex (capture tool's app), as the model does`, async () => {
      const real = await sendPacket(join(dir.path, 'capture.sock'), vectorBytes(name));
      const expected =
        name === 'no-app'
          ? undefined
          : Buffer.from(vectorBytes(`uwsgi-resp-${name}`)).toString('hex');
      if (expected !== undefined) expect(Buffer.from(real.bytes).toString('hex')).toBe(expected);
      const model = serveConnection(
        vectorBytes(name),
        'uwsgi',
        {
          pid: 1,
          bufferSize: 4096,
          modifiers: new Set([0]),
          app: captureApp(),
          threads: 1,
          processes: 1,
          version: '2.0.21-debian',
          nodename: 'vm',
          clock: new ManualClock(0),
          utcOffsetMinutes: 0,
          log: () => undefined,
          counters: { appRequests: 0, total: 0 },
        },
        { name: 'capture.sock', remoteAddr: '' },
      );
      expect(Buffer.from(model.reply.bytes).toString('hex')).toBe(
        Buffer.from(real.bytes).toString('hex'),
      );
      expect(model.reply.end).toBe(real.end);
    });
  }
});
