// Running the real programs (nginx, uWSGI, curl, …) in interop tests, privately: temp folders,
// free loopback ports, nginx with every path in its own folder, uWSGI in its own process group.
// Shared by every interop suite (protocol, nginx model, uWSGI model).
//
// API
//   findProgram(name)                 → absolute path on PATH (and /usr/sbin, /sbin), or undefined
//   describeWithPrograms(title, names, body)
//                                     → a vitest describe that runs when every program is found;
//                                       in CI (process.env.CI set) a missing program FAILS the suite
//                                       with a test naming it; elsewhere the suite is skipped with a
//                                       visible console message.
//   flaskAvailable()                  → whether /usr/bin/python3 can import flask (checked like a program)
//   freePort()                        → a free TCP port on 127.0.0.1 (bind 0, read it, close)
//   makeTempDir(prefix)               → { path, cleanup() }; mode 0755 so nginx workers can reach sockets
//   startNginx({ dir, server, http? }) → a private nginx (`user root;` unless told, e.g. www-data, pid/logs/temp paths in dir,
//                                       Debian's uwsgi_params copied in) serving server(port) on a
//                                       free port; { port, errorLog(), stop() }
//   startUwsgi({ dir, args, socket }) → uWSGI started in a new session (setsid), waited for until
//                                       `socket` accepts; { log(), stop() } stops the whole group
//   waitForSocket(address, ms)        → resolves once a unix path or HOST:PORT accepts a connection
//   runProgram(command, args, opts)   → { status, stdout (bytes), stderr } of a finished process

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

const EXTRA_PATH = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** Where a program is, or undefined. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...EXTRA_PATH].filter(
    (dir) => dir !== '',
  );
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The Python that has Debian's packages (python3-flask); another python3 may come first on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Whether Debian's python3 can import Flask (python3-flask). */
export function flaskAvailable(): boolean {
  if (!existsSync(SYSTEM_PYTHON)) return false;
  return spawnSync(SYSTEM_PYTHON, ['-c', 'import flask'], { stdio: 'ignore' }).status === 0;
}

/** A requirement: a program on PATH, or a check with a name to print when it fails. */
export type Requirement = string | { readonly name: string; readonly available: () => boolean };

const INSTALL_HINT = 'apt-get install -y nginx uwsgi uwsgi-plugin-python3 python3-flask curl';

/**
 * describe() that needs real programs. In CI a missing one makes the suite fail, saying which;
 * elsewhere the suite is skipped with a message on the console.
 */
export function describeWithPrograms(
  title: string,
  requirements: readonly Requirement[],
  body: () => void,
): void {
  const missing = requirements
    .filter((requirement) =>
      typeof requirement === 'string'
        ? findProgram(requirement) === undefined
        : !requirement.available(),
    )
    .map((requirement) => (typeof requirement === 'string' ? requirement : requirement.name));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const message = `${title}: needs ${missing.join(', ')}, not found (${INSTALL_HINT})`;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    describe(title, () => {
      it('has the real programs it tests against', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${message}`);
  describe.skip(title, body);
}

/** A TCP port nobody listens on at 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TempDir {
  readonly path: string;
  readonly cleanup: () => void;
}

/** A fresh folder under the OS temp dir, mode 0755 (nginx workers must reach sockets in it). */
export function makeTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(path, 0o755);
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Resolves once `log()` matches, or after `timeoutMs` without failing: the assertion after it says
 * what the log holds instead.
 */
export async function waitForLog(
  log: () => string,
  pattern: RegExp,
  timeoutMs = 8000,
): Promise<void> {
  for (let waited = 0; waited < timeoutMs && !pattern.test(log()); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Resolves when `address` (a unix socket path or HOST:PORT) accepts a connection. */
export async function waitForSocket(address: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const tcp = /^(.+):(\d+)$/.exec(address);
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket =
        tcp !== null && !address.startsWith('/')
          ? connect({ host: tcp[1]!, port: Number(tcp[2]) })
          : connect({ path: address });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`nothing accepted connections on ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Debian's /etc/nginx/uwsgi_params, or the verbatim copy in ../shared/reference. */
function uwsgiParamsFile(): string {
  const candidates = [
    '/etc/nginx/uwsgi_params',
    join(process.cwd(), '../shared/reference/debian-files/etc/nginx/uwsgi_params'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined)
    throw new Error(`no uwsgi_params found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface RunningNginx {
  readonly port: number;
  readonly dir: string;
  /** What nginx wrote to its error log so far. */
  readonly errorLog: () => string;
  readonly stop: () => Promise<void>;
}

export interface NginxOptions {
  /** A folder of its own; nginx's conf, pid, logs and temp files go in it. */
  readonly dir: string;
  /** The server block, given the port it must listen on (127.0.0.1 only). */
  readonly server: (port: number) => string;
  /** More directives for the http block. */
  readonly http?: string;
  /** The workers' user: root by default; `www-data` as Debian runs them. */
  readonly user?: string;
}

/** A private nginx, stopped with SIGQUIT; retries on another port if the chosen one was taken. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const nginx = findProgram('nginx');
  if (nginx === undefined) throw new Error('nginx not found');
  const dir = options.dir;
  for (const sub of ['conf', 'logs', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  copyFileSync(uwsgiParamsFile(), join(dir, 'conf/uwsgi_params'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const conf = join(dir, 'conf/nginx.conf');
    writeFileSync(
      conf,
      `# written by tests/interop/support/real-programs.ts
user ${options.user ?? 'root'};
worker_processes 1;
pid ${dir}/logs/nginx.pid;
error_log ${dir}/logs/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/logs/access.log;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
${options.http ?? ''}
${options.server(port)}
}
`,
    );
    const child = spawn(
      nginx,
      ['-p', `${dir}/`, '-c', conf, '-e', `${dir}/logs/error.log`, '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    try {
      await Promise.race([
        waitForSocket(`127.0.0.1:${port}`, 10_000),
        exited(child).then(() => Promise.reject(new Error(output))),
      ]);
    } catch (error) {
      child.kill('SIGKILL');
      lastError = error instanceof Error ? error.message : String(error);
      if (/Address already in use/.test(lastError)) continue;
      throw new Error(`nginx did not start: ${lastError}`, { cause: error });
    }
    return {
      port,
      dir,
      errorLog: () =>
        existsSync(join(dir, 'logs/error.log'))
          ? readFileSync(join(dir, 'logs/error.log'), 'utf8')
          : '',
      stop: () => stopChild(child, 'SIGQUIT'),
    };
  }
  throw new Error(`nginx did not start: ${lastError}`);
}

export interface RunningUwsgi {
  /** What uWSGI printed so far (stdout and stderr). */
  readonly log: () => string;
  readonly stop: () => Promise<void>;
}

export interface UwsgiOptions {
  /** Where its log file goes. */
  readonly dir: string;
  /** Its arguments, e.g. ['--plugin', 'python3', '--socket', path, '--module', 'app', …]. */
  readonly args: readonly string[];
  /** The socket to wait for: a unix path or HOST:PORT. */
  readonly socket: string;
  readonly cwd?: string;
}

/**
 * uWSGI in a session of its own (setsid, through spawn's `detached`), stopped by SIGINT to the whole
 * process group — uWSGI without --master exits on SIGINT; stray workers cannot outlive the test.
 */
export async function startUwsgi(options: UwsgiOptions): Promise<RunningUwsgi> {
  const uwsgi = findProgram('uwsgi');
  if (uwsgi === undefined) throw new Error('uwsgi not found');
  const logFile = join(options.dir, `uwsgi-${Date.now()}-${Math.floor(Math.random() * 1e6)}.log`);
  const logFd = openSync(logFile, 'a');
  const child = spawn(uwsgi, options.args, {
    cwd: options.cwd ?? options.dir,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const log = (): string => readFileSync(logFile, 'utf8');
  try {
    await Promise.race([
      waitForSocket(options.socket, 20_000),
      exited(child).then(() => Promise.reject(new Error('uWSGI exited'))),
    ]);
  } catch (error) {
    await stopGroup(child);
    throw new Error(
      `uWSGI did not start on ${options.socket}: ${error instanceof Error ? error.message : String(error)}\n${log()}`,
      { cause: error },
    );
  }
  return { log, stop: () => stopGroup(child) };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited(child);
  clearTimeout(timer);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone
    }
  };
  signalGroup('SIGINT');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await exited(child);
  clearTimeout(timer);
  // workers of a master may linger a moment after it
  signalGroup('SIGKILL');
}

export interface ProgramRun {
  readonly status: number | null;
  readonly stdout: Uint8Array;
  readonly stderr: string;
}

/** Runs a program to its end (asynchronously, so servers in this process keep answering). */
export function runProgram(
  command: string,
  args: readonly string[],
  options: {
    readonly input?: string | Uint8Array;
    readonly cwd?: string;
    readonly timeoutMs?: number;
  } = {},
): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (data: Buffer) => out.push(data));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: new Uint8Array(Buffer.concat(out)), stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
