// The config builder's files on the real programs (Debian 12: nginx 1.22.1, uWSGI 2.0.21-debian
// with its python3 plugin, Flask 2.2 from python3-flask, systemd 252), for ten sets of inputs:
//   - the server block passes real `nginx -t` exactly as written, with Debian's own nginx.conf and
//     includes (a private mount namespace puts it in /etc/nginx/sites-enabled as the only site; a
//     block for a systemd setup is also tested after Debian's default site, as it is linked beside
//     it);
//   - the ini starts real uWSGI, which loads the app (the tutorial's Flask hello world);
//   - a request through a private real nginx serving the block reaches that uWSGI and gets the
//     app's text, and a static file comes from nginx itself;
//   - the systemd unit passes `systemd-analyze verify` with no word of complaint.
//
// What the test adjusts, and nothing else (every adjustment is a whole-path replacement, checked to
// have happened; the unit is verified unchanged):
//   - the app's folder (e.g. /home/ubuntu/helloWorld) → TMP/app, in the ini and the nginx block;
//     the virtualenv under it becomes TMP/app/.venv, a link to one venv made once with
//     `/usr/bin/python3 -m venv --system-site-packages` (so Flask is Debian's python3-flask);
//   - the unix socket (/tmp/uwsgi.sock, /run/uwsgi/NAME/uwsgi.sock) → TMP/sock/uwsgi.sock;
//   - a TCP socket's port (3031) → a free port, in the ini and in uwsgi_pass;
//   - a static folder outside the app's → TMP/static/;
//   - for the private nginx only: `listen   PORT;` → `listen 127.0.0.1:FREE;` (nginx -t sees the
//     block as generated).

import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  appFolder,
  followDefaults,
  type BuilderInputs,
} from '../../../src/components/builder/builder-inputs.ts';
import { APP_TEXT } from '../../../src/components/builder/builder-scenario.ts';
import {
  buildConfigs,
  type BuilderOutputs,
} from '../../../src/components/builder/config-builder.ts';
import { splitTcpAddress } from '../../../src/components/builder/input-checks.ts';
import { realNginxTest, sendRaw } from '../support/nginx-oracle.ts';
import {
  describeWithPrograms,
  waitForLog,
  freePort,
  makeTempDir,
  runProgram,
  startNginx,
  startUwsgi,
  type TempDir,
} from '../support/real-programs.ts';
import { makeFlaskVenv, SETUP_REQUIREMENTS } from '../uwsgi/uwsgi-support.ts';

/** The tutorial's app (lesson 00), under the name the callable asks for. */
const appSource = (callable: string): string =>
  `from flask import Flask\n${callable} = Flask(__name__)\n\n@${callable}.route("/")\ndef hello():\n    return "${APP_TEXT}"\n`;

const STYLE = 'body { color: #333; }\n';

interface Case {
  readonly name: string;
  readonly inputs: BuilderInputs;
}

const base = (change: Partial<BuilderInputs>): BuilderInputs =>
  followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, ...change });

const CASES: readonly Case[] = [
  { name: 'the defaults (lessons 03 and 05)', inputs: DEFAULT_INPUTS },
  {
    name: 'systemd and static files (lesson 08)',
    inputs: base({ systemd: true, serveStatic: true }),
  },
  { name: 'a TCP socket', inputs: base({ socket: 'tcp' }) },
  {
    name: 'systemd with a TCP socket, on port 80',
    inputs: base({ systemd: true, socket: 'tcp', port: '80' }),
  },
  {
    name: 'a wsgi-file whose callable is application',
    inputs: base({ entry: 'wsgi-file', wsgiFile: 'wsgi.py', callable: 'application' }),
  },
  { name: 'no virtualenv (Debian’s own Flask)', inputs: base({ useVenv: false }) },
  { name: 'every request straight to uWSGI', inputs: base({ tryFiles: false }) },
  {
    name: 'a dotted module in /srv, under systemd',
    inputs: base({
      appDir: '/srv/shop',
      systemd: true,
      module: 'shop.wsgi',
      serverName: 'shop.example.org',
    }),
  },
  {
    name: 'four processes of one thread, static files under /assets/ from /var/www',
    inputs: base({
      processes: '4',
      threads: '1',
      serveStatic: true,
      staticUrl: '/assets/',
      staticDir: '/var/www/helloworld/',
    }),
  },
  {
    name: 'a socket of its own in /tmp, under systemd',
    inputs: base({ systemd: true, socketPath: '/tmp/helloworld.sock', serveStatic: true }),
  },
];

function outputsOf(inputs: BuilderInputs): BuilderOutputs {
  const result = buildConfigs(inputs);
  if (!result.ok) throw new Error(`the builder refused: ${JSON.stringify(result.problems)}`);
  return result.outputs;
}

/** Replaces whole paths; each `from` must occur, so that the list says exactly what changed. */
function moved(text: string, moves: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, to] of moves) {
    if (!out.includes(from)) throw new Error(`"${from}" is not in:\n${text}`);
    out = out.split(from).join(to);
  }
  for (const [from] of moves)
    if (out.includes(from)) throw new Error(`"${from}" is left in:\n${out}`);
  return out;
}

let tmp: TempDir;
let venv: string;
let debianDefaultSite: string;

describeWithPrograms(
  'the config builder’s files on real nginx, uWSGI and systemd',
  SETUP_REQUIREMENTS,
  () => {
    beforeAll(async () => {
      tmp = makeTempDir('uwsgi-lab-builder');
      venv = await makeFlaskVenv(tmp.path);
      debianDefaultSite = readFileSync('/etc/nginx/sites-available/default', 'utf8');
    });
    afterAll(() => tmp.cleanup());

    it('has at least eight sets of inputs', () => expect(CASES.length).toBeGreaterThanOrEqual(8));

    for (const [index, { name, inputs }] of CASES.entries()) {
      it(
        name,
        async () => {
          const outputs = outputsOf(inputs);
          const SUCCESS =
            'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n' +
            'nginx: configuration file /etc/nginx/nginx.conf test is successful\n';

          // nginx -t on the block as generated, as Debian's only site and, for a site of its own,
          // after Debian's default site
          expect(realNginxTest(outputs.nginx.text)).toEqual({ output: SUCCESS, status: 0 });
          if (inputs.systemd) {
            expect(realNginxTest(`${debianDefaultSite}\n${outputs.nginx.text}`)).toEqual({
              output: SUCCESS,
              status: 0,
            });
          }

          // systemd-analyze verify on the unit as generated: status 0 and not a word
          if (outputs.unit !== undefined) {
            const unitFile = join(tmp.path, `case${index}-${outputs.unit.path.split('/').at(-1)!}`);
            writeFileSync(unitFile, outputs.unit.text);
            const verify = await runProgram('systemd-analyze', ['verify', unitFile]);
            expect({
              status: verify.status,
              stdout: Buffer.from(verify.stdout).toString(),
              stderr: verify.stderr,
            }).toEqual({
              status: 0,
              stdout: '',
              stderr: '',
            });
          } else {
            expect(inputs.systemd).toBe(false);
          }

          // the app's folder, its app, its venv, the socket and the static folder, moved into TMP
          const root = join(tmp.path, `case${index}`);
          const appDir = join(root, 'app');
          mkdirSync(join(root, 'sock'), { recursive: true });
          mkdirSync(appDir, { recursive: true });
          const moves: [string, string][] = [];
          if (inputs.serveStatic && !inputs.staticDir.startsWith(`${appFolder(inputs)}/`)) {
            moves.push([inputs.staticDir, `${root}/static/`]);
          }
          moves.push([appFolder(inputs), appDir]);
          let socket: string;
          if (inputs.socket === 'unix') {
            socket = join(root, 'sock/uwsgi.sock');
            moves.unshift([inputs.socketPath, socket]);
          } else {
            const address = splitTcpAddress(inputs.tcpAddress)!;
            socket = `${address.host}:${await freePort()}`;
            moves.unshift([inputs.tcpAddress, socket]);
          }
          const iniMoves = moves.filter(([from]) => outputs.ini.text.includes(from));
          const ini = moved(outputs.ini.text, iniMoves);
          writeFileSync(join(appDir, 'uwsgi.ini'), ini);
          if (inputs.useVenv) symlinkSync(venv, join(appDir, '.venv'));
          if (inputs.entry === 'wsgi-file') {
            writeFileSync(join(appDir, inputs.wsgiFile), appSource(inputs.callable));
          } else {
            const parts = inputs.module.split('.');
            for (let depth = 1; depth < parts.length; depth++) {
              const folder = join(appDir, ...parts.slice(0, depth));
              mkdirSync(folder, { recursive: true });
              writeFileSync(join(folder, '__init__.py'), '');
            }
            writeFileSync(join(appDir, ...parts) + '.py', appSource(inputs.callable));
          }
          const staticRoot = inputs.serveStatic
            ? inputs.staticDir.startsWith(`${appFolder(inputs)}/`)
              ? join(appDir, inputs.staticDir.slice(appFolder(inputs).length + 1))
              : join(root, 'static')
            : undefined;
          if (staticRoot !== undefined) {
            mkdirSync(staticRoot, { recursive: true });
            writeFileSync(join(staticRoot, 'style.css'), STYLE);
          }

          // uWSGI as the lessons start it: `uwsgi uwsgi.ini` in the app's folder (lesson 03), or
          // `uwsgi --ini PATH` as the unit's ExecStart does (lesson 08)
          const uwsgi = await startUwsgi({
            dir: root,
            cwd: inputs.systemd ? '/' : appDir,
            args: inputs.systemd ? ['--ini', join(appDir, 'uwsgi.ini')] : ['uwsgi.ini'],
            socket,
          });
          let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
          try {
            // uWSGI binds its socket before it imports the app: wait for the import's verdict
            await waitForLog(uwsgi.log, /WSGI app 0|no app loaded/);
            expect(uwsgi.log()).toContain("WSGI app 0 (mountpoint='') ready");

            // the block in a private nginx, listening on a free port of 127.0.0.1
            const block = moved(
              outputs.nginx.text,
              moves.filter(([from]) => outputs.nginx.text.includes(from)),
            );
            nginx = await startNginx({
              dir: join(root, 'nginx'),
              server: (port) =>
                moved(block, [[`listen   ${inputs.port};`, `listen 127.0.0.1:${port};`]]),
            });
            const get = async (path: string): Promise<string> =>
              Buffer.from(
                await sendRaw(
                  nginx!.port,
                  new TextEncoder().encode(
                    `GET ${path} HTTP/1.1\r\nHost: ${inputs.serverName}\r\nConnection: close\r\n\r\n`,
                  ),
                  { responseTo: 'GET', idleMs: 3000 },
                ),
              ).toString('utf8');
            const answer = await get('/');
            expect(answer, nginx.errorLog()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
            expect(answer.endsWith(`\r\n\r\n${APP_TEXT}`), answer).toBe(true);
            if (staticRoot !== undefined) {
              const file = await get(`${inputs.staticUrl}style.css`);
              expect(file, nginx.errorLog()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
              expect(file).toMatch(/\r\nContent-Type: text\/css\r\n/);
              expect(file.endsWith(`\r\n\r\n${STYLE}`)).toBe(true);
              // nginx answered it itself: uWSGI logged one request, the one for /
              expect(uwsgi.log()).not.toContain('style.css');
            }
            // uWSGI logs a request once it has answered it
            await waitForLog(uwsgi.log, /GET \/ => generated 12 bytes/);
            expect(uwsgi.log()).toMatch(/GET \/ => generated 12 bytes/);
          } finally {
            await nginx?.stop();
            await uwsgi.stop();
          }
        },
        60_000,
      );
    }
  },
);
