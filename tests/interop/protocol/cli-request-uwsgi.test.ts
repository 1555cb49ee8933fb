// `uwsgi-lab request` against real uWSGI 2.0.21 serving the vectors' Flask app: the answers for
// the same requests are byte for byte the captured ones; non-ASCII paths and query strings arrive
// as nginx would send them; a packet over 4096 bytes gets uWSGI's real refusal, and the CLI says so.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { latin1Text } from '../../../src/protocol/byte-text.ts';
import { parseHttpResponse } from '../../../src/protocol/http/http-parser.ts';
import { vectorBytes } from '../../unit/protocol/vector-files.ts';
import { installCaptureApp } from '../support/capture-app.ts';
import {
  describeWithPrograms,
  flaskAvailable,
  freePort,
  makeTempDir,
  runProgram,
  startUwsgi,
  type RunningUwsgi,
  type TempDir,
} from '../support/real-programs.ts';

const CLI = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const HOST = ['-H', 'Host: helloworld.haruair.com'];

describeWithPrograms(
  'uwsgi-lab request → real uWSGI + Flask',
  ['uwsgi', { name: 'python3-flask', available: flaskAvailable }],
  () => {
    let dir: TempDir;
    let uwsgi: RunningUwsgi;
    let unixSocket: string;
    let tcpSocket: string;

    const request = (...args: string[]) => runProgram(process.execPath, [CLI, 'request', ...args]);

    beforeAll(async () => {
      dir = makeTempDir('uwsgi-lab-cli-request');
      const app = installCaptureApp(`${dir.path}/app`);
      unixSocket = `${dir.path}/uwsgi.sock`;
      tcpSocket = `127.0.0.1:${await freePort()}`;
      // as the vectors' .txt: uwsgi --plugin python3 --socket <socket> --chdir <app dir> --module app
      // --callable app --chmod-socket=666 (here with a TCP socket as well)
      uwsgi = await startUwsgi({
        dir: dir.path,
        args: [
          '--plugin',
          'python3',
          '--socket',
          unixSocket,
          '--socket',
          tcpSocket,
          '--chdir',
          app,
          '--module',
          'app',
          '--callable',
          'app',
          '--chmod-socket=666',
        ],
        socket: unixSocket,
      });
    });

    afterAll(async () => {
      await uwsgi?.stop();
      dir?.cleanup();
    });

    it('GET / gets the captured answer, byte for byte', async () => {
      const run = await request('--socket', unixSocket, ...HOST);
      expect([run.status, run.stderr]).toEqual([0, '']);
      expect(run.stdout).toEqual(vectorBytes('uwsgi-resp-get-root'));
    });

    it('the same over TCP', async () => {
      const run = await request('--socket', tcpSocket, ...HOST);
      expect(run.stdout).toEqual(vectorBytes('uwsgi-resp-get-root'));
    });

    it('GET with a %-encoded UTF-8 query string gets the captured answer', async () => {
      const run = await request(
        '--socket',
        unixSocket,
        '--path',
        '/hello?x=1&y=%ED%95%9C',
        ...HOST,
      );
      expect(run.stdout).toEqual(vectorBytes('uwsgi-resp-get-query'));
    });

    it('POST with a body gets the captured answer', async () => {
      const run = await request(
        '--socket',
        unixSocket,
        '--method',
        'POST',
        '--path',
        '/submit',
        '--data',
        'name=haruair&lang=ko',
        ...HOST,
      );
      expect(run.stdout).toEqual(vectorBytes('uwsgi-resp-post-form'));
    });

    it('HEAD gets headers only, as captured', async () => {
      const run = await request('--socket', unixSocket, '--method', 'HEAD', ...HOST);
      expect(run.stdout).toEqual(vectorBytes('uwsgi-resp-head'));
    });

    it('a POST body in UTF-8 arrives whole', async () => {
      const run = await request(
        '--socket',
        unixSocket,
        '--method',
        'POST',
        '--path',
        '/submit',
        '--data',
        'name=%ED%95%9C&city=서울',
      );
      const response = parseHttpResponse(run.stdout);
      expect(response.status).toBe(200);
      expect(new TextDecoder().decode(response.body)).toBe('form: name=한, city=서울\n');
    });

    it('a non-ASCII path reaches the app as nginx sends it: raw UTF-8, %XX decoded in PATH_INFO', async () => {
      const run = await request('--socket', unixSocket, '--path', '/a%20b/%ED%95%9C/경로?q=1');
      const response = parseHttpResponse(run.stdout);
      expect(response.status).toBe(200);
      // the catch-all route shows the WSGI str (one code point per byte) and Flask's decoded path
      expect(latin1Text(response.body)).toBe(
        "PATH_INFO: '/a b/\\xed\\x95\\x9c/\\xea\\xb2\\xbd\\xeb\\xa1\\x9c'\nrequest.path: '/a b/\\ud55c/\\uacbd\\ub85c'\n",
      );
    });

    it('a raw UTF-8 query string is passed on as it is', async () => {
      const run = await request('--socket', unixSocket, '--path', '/hello?raw=값&enc=%EA%B0%92');
      expect(new TextDecoder().decode(parseHttpResponse(run.stdout).body)).toBe(
        'hello; args: raw=값, enc=값\n',
      );
    });

    it('headers become HTTP_* vars, their bytes kept', async () => {
      const run = await request(
        '--socket',
        unixSocket,
        '--path',
        '/headers',
        '-H',
        'X-Name: 한글',
        '-H',
        'X_Dropped: 1',
        '-H',
        'Cookie: a=1',
        '-H',
        'Cookie: b=2',
      );
      // as in the vectors: latin-1 code points for the UTF-8 bytes; the last Cookie wins in the
      // environ dict; the header with "_" is dropped, as nginx drops it
      expect(latin1Text(parseHttpResponse(run.stdout).body)).toBe(
        "PATH_INFO: '/headers'\nrequest.path: '/headers'\nHTTP_COOKIE: 'b=2'\nHTTP_X_NAME: '\\xed\\x95\\x9c\\xea\\xb8\\x80'\n",
      );
    });

    it('a packet over 4096 bytes: uWSGI resets the connection, and the CLI says so', async () => {
      const run = await request('--socket', unixSocket, '-H', `X-Big: ${'b'.repeat(5000)}`);
      expect(run.status).toBe(1);
      expect(run.stdout.length).toBe(0);
      const match =
        /^uwsgi-lab: request: uWSGI closed the connection without answering \(connection reset after the whole (\d+)-byte packet was sent, ECONNRESET\); datasize (\d+) is over uWSGI's default buffer-size 4096, for which it logs "invalid request block size: (\d+) \(max 4096\)\.\.\.skip"\n$/.exec(
          run.stderr,
        );
      expect(match, run.stderr).not.toBeNull();
      const datasize = Number(match![2]);
      expect(Number(match![1])).toBe(datasize + 4);
      expect(uwsgi.log()).toContain(`invalid request block size: ${datasize} (max 4096)...skip`);
    });
  },
);
