// Every nginx and ini snippet of the lessons, proven on the real programs of Debian 12 (nginx
// 1.22.1, uWSGI 2.0.21-debian with its python3 plugin, Flask from python3-flask, systemd 252):
//   - a server block passes real `nginx -t` with Debian's own nginx.conf and includes: a file
//     named `sites-available/default` (or untitled) as the only site, any other as a site linked
//     beside Debian's default one, as the lessons link it;
//   - a copy of `/etc/nginx/uwsgi_params` quotes lines of Debian's file, in its order;
//   - an ini starts real uWSGI, which loads the tutorial's Flask app;
//   - where a lesson has both halves — a server block whose `uwsgi_pass` names the socket of one of
//     its inis — a request through a private real nginx reaches that uWSGI and gets the app's text;
//   - a systemd unit passes `systemd-analyze verify` without a word of complaint.
// A snippet marked `broken` must fail, and fail the way its lesson says: the real program's error
// line (nginx's `[emerg]` message, uWSGI's refusal or its `no app loaded`) is quoted in the
// lesson, in both languages. An ini that starts and loads the app but is broken all the same (no
// `chmod-socket`, `http-socket` where nginx speaks uwsgi) must fail behind real nginx, run as Debian
// runs it (workers as www-data), serving the lesson's server block: not a 200, and nginx's
// error-log message quoted in the lesson. The code blocks come from the lessons' MDX, the same text the build
// renders; Korean and English must carry the same snippets, so proving one proves both.
//
// What the test adjusts, and nothing else (whole-path replacements, each listed in the test's
// output):
//   - the app's folder /home/ubuntu/helloWorld → TMP/caseN/app, holding the tutorial's app.py and
//     .venv, a link to one venv made with `python3 -m venv --system-site-packages` (so Flask is
//     Debian's python3-flask);
//   - a unix socket's path → TMP/caseN/sock/uwsgi.sock, in the ini and in `uwsgi_pass`;
//   - an ini without a `socket` (one that Debian's init script starts, which adds the socket) gets
//     `--socket TMP/caseN/sock/uwsgi.sock` on the command line;
//   - for the request only: `listen …;` → `listen 127.0.0.1:FREE;` in a private nginx; for a
//     broken ini behind nginx, the temporary folders are made world-readable (0755) so that
//     www-data reaches the socket's folder, as it reaches /tmp.

import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TUTORIAL_APP_PY } from '../../../src/shell/machine/tutorial-files.ts';
import { lessonParts, type CodeBlockInfo } from '../../support/lesson-source.ts';
import { realNginxTest, sendRaw } from '../support/nginx-oracle.ts';
import {
  describeWithPrograms,
  waitForLog,
  makeTempDir,
  runProgram,
  startNginx,
  startUwsgi,
  type RunningUwsgi,
  type TempDir,
} from '../support/real-programs.ts';
import { makeFlaskVenv, SETUP_REQUIREMENTS } from '../uwsgi/uwsgi-support.ts';

const LESSONS = join(import.meta.dirname, '../../../content/lessons');
const APP_DIR = '/home/ubuntu/helloWorld';
const APP_TEXT = 'Hello World!';
const NGINX_T_OK =
  'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n' +
  'nginx: configuration file /etc/nginx/nginx.conf test is successful\n';
/** uWSGI's lines that say it did not get to run the app. */
const UWSGI_FAILURE =
  /\[strict-mode\]|no app loaded|unable to|failed|Error:|no python application found|unrecognized option/;

type Kind = 'site' | 'uwsgi_params' | 'ini' | 'unit';

interface Snippet {
  readonly lesson: string;
  /** Its number among the lesson's snippets, for the test's name. */
  readonly index: number;
  readonly kind: Kind;
  readonly title: string | undefined;
  readonly code: string;
  readonly broken: boolean;
}

interface Lesson {
  readonly file: string;
  /** Both languages' MDX, where a broken snippet's error must be quoted. */
  readonly sources: readonly string[];
  readonly snippets: readonly Snippet[];
}

function kindOf(block: CodeBlockInfo, lesson: string): Kind {
  if (block.language === 'ini') return block.title?.endsWith('.service') ? 'unit' : 'ini';
  if (block.title?.endsWith('/uwsgi_params')) return 'uwsgi_params';
  if (/^\s*server\s*\{/.test(block.code)) return 'site';
  throw new Error(
    `${lesson}: an nginx snippet this test does not know how to prove:\n${block.code}`,
  );
}

const proven = (block: CodeBlockInfo): boolean =>
  block.language === 'nginx' || block.language === 'ini';

function readLessons(): Lesson[] {
  return readdirSync(join(LESSONS, 'ko'))
    .filter((file) => file.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const sources = ['ko', 'en'].map((locale) =>
        readFileSync(join(LESSONS, locale, file), 'utf8'),
      );
      const [ko, en] = sources.map((source) => lessonParts(source).blocks.filter(proven));
      // the English lesson carries the very same snippets, so proving the Korean ones proves both
      expect(en, `${file}: the snippets differ between ko and en`).toEqual(ko);
      const snippets = (ko ?? []).map((block, index) => ({
        lesson: file,
        index,
        kind: kindOf(block, file),
        title: block.title,
        code: block.code.endsWith('\n') ? block.code : `${block.code}\n`,
        broken: block.meta.split(/\s+/).includes('broken'),
      }));
      return { file, sources, snippets };
    });
}

/** Replaces whole paths, noting each replacement made. */
function adjust(text: string, moves: readonly (readonly [string, string])[], notes: string[]) {
  let out = text;
  for (const [from, to] of moves) {
    if (!out.includes(from)) continue;
    out = out.split(from).join(to);
    notes.push(`${from} → ${to}`);
  }
  return out;
}

const iniValue = (ini: string, key: string): string | undefined =>
  new RegExp(`^\\s*${key}\\s*=\\s*(.*?)\\s*$`, 'm').exec(ini)?.[1];

/** The ini's socket path: `socket`, or `http-socket` (which nginx cannot speak uwsgi to). */
const iniSocket = (ini: string): string | undefined =>
  iniValue(ini, 'socket') ?? iniValue(ini, 'http-socket');

const uwsgiPass = (site: string): string | undefined =>
  /uwsgi_pass\s+unix:([^;\s]+);/.exec(site)?.[1];

/** The lesson quotes `line` (in both languages). */
function expectQuoted(lesson: Lesson, line: string, what: string): void {
  for (const source of lesson.sources)
    expect(source.includes(line), `${lesson.file} should quote ${what}: ${line}`).toBe(true);
}

const lessons = readLessons();
let tmp: TempDir;
let venv: string;
let caseNumber = 0;

/** A folder with the tutorial's app and a venv, as /home/ubuntu/helloWorld holds them. */
function caseFolder(): { root: string; appDir: string; socket: string } {
  const root = join(tmp.path, `case${caseNumber++}`);
  const appDir = join(root, 'app');
  mkdirSync(join(root, 'sock'), { recursive: true });
  mkdirSync(join(appDir, 'static'), { recursive: true });
  writeFileSync(join(appDir, 'app.py'), TUTORIAL_APP_PY);
  symlinkSync(venv, join(appDir, '.venv'));
  return { root, appDir, socket: join(root, 'sock/uwsgi.sock') };
}

interface UwsgiRun {
  readonly running: RunningUwsgi | undefined;
  readonly appDir: string;
  readonly socket: string;
  readonly log: () => string;
  readonly notes: readonly string[];
}

/** Starts real uWSGI on the ini as the lessons do (`uwsgi uwsgi.ini` in the app's folder). */
async function runIni(ini: string): Promise<UwsgiRun> {
  const { root, appDir, socket } = caseFolder();
  const notes: string[] = [];
  const socketPath = iniSocket(ini);
  const moves: [string, string][] = [[APP_DIR, appDir]];
  if (socketPath?.startsWith('/')) moves.unshift([socketPath, socket]);
  writeFileSync(join(appDir, 'uwsgi.ini'), adjust(ini, moves, notes));
  const args = ['uwsgi.ini'];
  if (socketPath === undefined) {
    args.push('--socket', socket);
    notes.push(`--socket ${socket} added (no socket in the ini)`);
  }
  try {
    const running = await startUwsgi({ dir: root, cwd: appDir, args, socket });
    // uWSGI binds its socket before it imports the app: wait for the import's verdict
    await waitForLog(running.log, /WSGI app 0|no app loaded|no python application found/);
    return { running, appDir, socket, log: running.log, notes };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { running: undefined, appDir, socket, log: () => message, notes };
  }
}

describeWithPrograms(
  'the lessons’ snippets on real nginx, uWSGI and systemd',
  SETUP_REQUIREMENTS,
  () => {
    beforeAll(async () => {
      tmp = makeTempDir('uwsgi-lab-snippets');
      venv = await makeFlaskVenv(tmp.path);
    });
    afterAll(() => tmp.cleanup());

    it('finds the lessons’ snippets', () => {
      const count = lessons.reduce((sum, lesson) => sum + lesson.snippets.length, 0);
      console.log(`lesson snippets proven on the real programs: ${count} (× 2 languages)`);
      expect(count).toBeGreaterThanOrEqual(15);
    });

    for (const lesson of lessons) {
      for (const snippet of lesson.snippets) {
        const name = `${lesson.file} #${snippet.index + 1} ${snippet.kind} ${snippet.title ?? ''}${snippet.broken ? ' (broken)' : ''}`;
        it(name, async () => proveSnippet(lesson, snippet), 60_000);
      }
      for (const [site, ini] of completeSetups(lesson)) {
        it(
          `${lesson.file} #${site.index + 1} with #${ini.index + 1}: a request through real nginx and uWSGI`,
          async () => requestThrough(site, ini),
          60_000,
        );
      }
    }
  },
);

async function proveSnippet(lesson: Lesson, snippet: Snippet): Promise<void> {
  switch (snippet.kind) {
    case 'site':
      return proveSite(lesson, snippet);
    case 'uwsgi_params':
      return proveUwsgiParams(snippet);
    case 'ini':
      return proveIni(lesson, snippet);
    case 'unit':
      return proveUnit(snippet);
  }
}

function proveSite(lesson: Lesson, snippet: Snippet): void {
  const name = snippet.title === undefined ? 'default' : basename(snippet.title);
  const sites =
    name === 'default'
      ? { default: snippet.code }
      : {
          default: readFileSync('/etc/nginx/sites-available/default', 'utf8'),
          [name]: snippet.code,
        };
  const run = realNginxTest(sites);
  if (!snippet.broken) {
    expect(run).toEqual({ output: NGINX_T_OK, status: 0 });
    return;
  }
  expect(run.status, run.output).not.toBe(0);
  const message = /\[emerg\] (?:\d+#\d+: )?(.*)$/m.exec(run.output)?.[1];
  expect(message, run.output).toBeDefined();
  expectQuoted(lesson, message!, 'nginx’s error');
}

function proveUwsgiParams(snippet: Snippet): void {
  const real = readFileSync('/etc/nginx/uwsgi_params', 'utf8').split('\n');
  let at = 0;
  for (const line of snippet.code.split('\n')) {
    if (line === '' || line === '# …') continue;
    const found = real.indexOf(line, at);
    expect(
      found,
      `not in /etc/nginx/uwsgi_params after line ${at}: ${line}`,
    ).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

async function proveIni(lesson: Lesson, snippet: Snippet): Promise<void> {
  const run = await runIni(snippet.code);
  try {
    const log = run.log();
    if (!snippet.broken) {
      expect(log).toContain("WSGI app 0 (mountpoint='') ready");
      return;
    }
    if (log.includes("WSGI app 0 (mountpoint='') ready")) {
      await failsBehindNginx(lesson, snippet, run);
      return;
    }
    const failures = log
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => UWSGI_FAILURE.test(line));
    expect(failures, log).not.toEqual([]);
    const quoted = failures.find((line) => lesson.sources.every((source) => source.includes(line)));
    expect(
      quoted,
      `${lesson.file} quotes none of uWSGI's lines: ${failures.join(' | ')}`,
    ).toBeDefined();
  } finally {
    console.log(`${lesson.file} #${snippet.index + 1}: adjusted ${run.notes.join('; ')}`);
    await run.running?.stop();
  }
}

async function proveUnit(snippet: Snippet): Promise<void> {
  const file = join(tmp.path, `unit${caseNumber++}-${basename(snippet.title ?? 'unit.service')}`);
  writeFileSync(file, snippet.code);
  const verify = await runProgram('systemd-analyze', ['verify', file]);
  const result = {
    status: verify.status,
    stdout: Buffer.from(verify.stdout).toString(),
    stderr: verify.stderr,
  };
  if (snippet.broken) expect(result.status).not.toBe(0);
  else expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
}

/** A broken ini that loads its app: through real nginx, as www-data, it must not get a 200. */
async function failsBehindNginx(lesson: Lesson, ini: Snippet, run: UwsgiRun): Promise<void> {
  const socketPath = iniSocket(ini.code)!;
  const site = lesson.snippets.findLast(
    (snippet) =>
      snippet.kind === 'site' && !snippet.broken && uwsgiPass(snippet.code) === socketPath,
  );
  expect(site, `${lesson.file}: no working server block passes to ${socketPath}`).toBeDefined();
  for (let dir = dirname(run.socket); dir.startsWith(tmp.path); dir = dirname(dir))
    chmodSync(dir, 0o755);
  // uWSGI gives up on a request it cannot read after its socket-timeout (4 s): wait longer
  const { answer, errorLog } = await throughNginx(site!, run, { user: 'www-data', idleMs: 10_000 });
  expect(answer, errorLog).not.toMatch(/^HTTP\/1\.1 200 /);
  const message = /\[(?:crit|error|alert)\] \d+#\d+: \*\d+ (.*?)(?:, client: |$)/m.exec(
    errorLog,
  )?.[1];
  expect(message, errorLog).toBeDefined();
  expectQuoted(lesson, message!.split(run.socket).join(socketPath), 'nginx’s error');
}

/** The lesson's server blocks paired with the last working ini that serves their socket. */
function completeSetups(lesson: Lesson): [Snippet, Snippet][] {
  const pairs: [Snippet, Snippet][] = [];
  for (const site of lesson.snippets) {
    if (site.kind !== 'site' || site.broken) continue;
    const socket = uwsgiPass(site.code);
    if (socket === undefined) continue;
    const ini = lesson.snippets.findLast(
      (snippet) =>
        snippet.kind === 'ini' && !snippet.broken && iniValue(snippet.code, 'socket') === socket,
    );
    if (ini !== undefined) pairs.push([site, ini]);
  }
  return pairs;
}

async function requestThrough(site: Snippet, ini: Snippet): Promise<void> {
  const run = await runIni(ini.code);
  try {
    expect(run.running, run.log()).toBeDefined();
    const { answer, errorLog } = await throughNginx(site, run);
    expect(answer, errorLog).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer.endsWith(`\r\n\r\n${APP_TEXT}`), answer).toBe(true);
  } finally {
    await run.running?.stop();
  }
}

/** GET / through a private real nginx serving the block, passing to the running uWSGI. */
async function throughNginx(
  site: Snippet,
  run: UwsgiRun,
  options: { readonly user?: string; readonly idleMs?: number } = {},
): Promise<{ answer: string; errorLog: string }> {
  const notes: string[] = [];
  const block = adjust(
    site.code,
    [
      [uwsgiPass(site.code)!, run.socket],
      [APP_DIR, run.appDir],
    ],
    notes,
  );
  const serverName = /server_name\s+([^;\s]+)/.exec(block)?.[1] ?? 'localhost';
  const nginx = await startNginx({
    dir: join(tmp.path, `nginx${caseNumber++}`),
    server: (port) => block.replace(/listen\s+[^;]+;/, `listen 127.0.0.1:${port};`),
    ...(options.user === undefined ? {} : { user: options.user }),
  });
  try {
    console.log(
      `${site.lesson} #${site.index + 1}: adjusted ${notes.join('; ')}; listen → 127.0.0.1`,
    );
    const answer = Buffer.from(
      await sendRaw(
        nginx.port,
        new TextEncoder().encode(
          `GET / HTTP/1.1\r\nHost: ${serverName}\r\nConnection: close\r\n\r\n`,
        ),
        { responseTo: 'GET', idleMs: options.idleMs ?? 3000 },
      ),
    ).toString('utf8');
    return { answer, errorLog: nginx.errorLog() };
  } finally {
    await nginx.stop();
  }
}
