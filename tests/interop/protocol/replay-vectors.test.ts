// Every fixture packet replayed to real uWSGI 2.0.21, set up as its .txt says: the answer equals
// the captured uwsgi-resp-*.hex byte for byte (uWSGI writes no Date header), and the connection
// ends the way it ended then (closed, or reset for the packet over 4096 bytes).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, parseSocketAddress } from '../../../src/cli/uwsgi-client.ts';
import {
  expectedResponse,
  requestVectorNames,
  responseVectorNames,
  requestOf,
  vectorBytes,
  vectorText,
} from '../../unit/protocol/vector-files.ts';
import { CAPTURE_APP, captureToolApp, installCaptureApp } from '../support/capture-app.ts';
import {
  describeWithPrograms,
  flaskAvailable,
  freePort,
  makeTempDir,
  startUwsgi,
  type RunningUwsgi,
  type TempDir,
} from '../support/real-programs.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** How NAME.txt says uWSGI was started for this vector. */
function setupOf(name: string): 'app' | 'no-app' | 'echo-ping' {
  const text = vectorText(name);
  // the ping's .txt names the plugins; the echo's says "with the echo plugin"
  if (/--plugin python3,echo,ping|with the echo plugin/.test(text)) return 'echo-ping';
  if (/--callable application\b/.test(text)) return 'no-app';
  if (/--module app --callable app\b/.test(text)) return 'app';
  throw new Error(`${name}.txt does not say how uWSGI ran`);
}

describeWithPrograms(
  'replaying every vector to real uWSGI',
  ['uwsgi', { name: 'python3-flask', available: flaskAvailable }],
  () => {
    let dir: TempDir;
    const servers = new Map<string, { uwsgi: RunningUwsgi; socket: string }>();

    beforeAll(async () => {
      dir = makeTempDir('uwsgi-lab-replay');
      const app = installCaptureApp(`${dir.path}/app`);
      const common = ['--chdir', app, '--module', 'app', '--chmod-socket=666'];
      const start = async (setup: string, args: string[], socket: string): Promise<void> => {
        servers.set(setup, { uwsgi: await startUwsgi({ dir: dir.path, args, socket }), socket });
      };
      const echoPing = `127.0.0.1:${await freePort()}`;
      await Promise.all([
        start(
          'app',
          [
            '--plugin',
            'python3',
            '--socket',
            `${dir.path}/app.sock`,
            ...common,
            '--callable',
            'app',
          ],
          `${dir.path}/app.sock`,
        ),
        start(
          'no-app',
          [
            '--plugin',
            'python3',
            '--socket',
            `${dir.path}/noapp.sock`,
            ...common,
            '--callable',
            'application',
          ],
          `${dir.path}/noapp.sock`,
        ),
        // the hand-made ping and echo were answered by `--plugin python3,echo,ping --socket 127.0.0.1:3032`
        start(
          'echo-ping',
          ['--plugin', 'python3,echo,ping', '--socket', echoPing, ...common, '--callable', 'app'],
          echoPing,
        ),
      ]);
    });

    afterAll(async () => {
      await Promise.all([...servers.values()].map(({ uwsgi }) => uwsgi.stop()));
      dir?.cleanup();
    });

    it('uses the capture tool’s own app', () => {
      const tool = captureToolApp(ROOT);
      if (tool === undefined)
        console.warn('../shared/tools/capture-vectors not found: the app copy is not compared');
      else expect(readFileSync(CAPTURE_APP, 'utf8')).toBe(tool);
    });

    it('has an answer for every request vector', () => {
      expect(responseVectorNames().map(requestOf).sort()).toEqual(requestVectorNames());
    });

    it.each(responseVectorNames())(
      '%s: the replayed answer is the captured one, byte for byte',
      async (response) => {
        const name = requestOf(response);
        const { socket } = servers.get(setupOf(name))!;
        const result = await exchange(parseSocketAddress(socket)!, vectorBytes(name), 10_000);
        if (!result.connected) throw result.error;
        expect(result.response).toEqual(vectorBytes(response));
        const expected = expectedResponse(response);
        // over-4096: uWSGI read the header and the buffer it has room for, then closed: a reset
        expect(result.end).toBe(expected.kind === 'nothing' ? expected.ending : 'eof');
      },
    );

    it('uWSGI logged what the vectors’ .txt files quote', () => {
      expect(servers.get('app')!.uwsgi.log()).toContain(
        'invalid request block size: 5377 (max 4096)...skip',
      );
      expect(servers.get('no-app')!.uwsgi.log()).toContain(
        '--- no python application found, check your startup logs for errors ---',
      );
      expect(servers.get('echo-ping')!.uwsgi.log()).toMatch(/^PING$/m);
    });
  },
);
