// `python3 app.py` where app.py ends in `app.run()`: Flask's development server (Werkzeug's
// run_simple) on 127.0.0.1:5000, in the socket table so `curl 127.0.0.1:5000` reaches the app.
// Its banner, its request log line and its answer's headers (Server: Werkzeug/X Python/3.11.2,
// Date, the app's headers, Connection: close) are as Flask 2.2.2 / Werkzeug 2.2.2 print them
// (captured on Debian 12, python3-flask; Werkzeug 3.1 prints the same), coloured on a terminal as
// Werkzeug colours them. Ctrl-C ends it silently with status 0 (captured).

import { FsError } from '../../gateway/fs.ts';
import { findCallable, knownApp, loadModule, type WsgiApp } from '../../gateway/apps/index.ts';
import type { Listener, PeerInfo, StreamReply } from '../../gateway/net/index.ts';
import { traceBytes, type HopRecorder } from '../../gateway/trace/index.ts';
import { httpSocketVars } from '../../gateway/uwsgi/http-socket-vars.ts';
import { callWsgiApp, environFromVars, WsgiErrors } from '../../gateway/wsgi/index.ts';
import { concatBytes, latin1Bytes } from '../../protocol/index.ts';
import type { Machine } from '../machine/machine.ts';
import type { ProcessHandle, ResumeDescriptor } from '../machine/process-table.ts';
import { moduleLocation, type PythonEnvironment } from './python-environment.ts';
import { strftime } from '../../gateway/strftime.ts';

export const FLASK_PROGRAM = 'flask-dev-server';

export interface DevServerPlan {
  readonly host: string;
  readonly port: number;
  readonly debug: boolean;
  /** The name the app has in the file (`app`). */
  readonly callable: string;
}

/** What `app.run(...)` under `if __name__ == "__main__":` asks for; undefined without one. */
export function devServerPlan(text: string): DevServerPlan | undefined {
  const main = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:\s*$/m.exec(text);
  if (main === null) return undefined;
  const after = text.slice(main.index + main[0].length);
  const call = /^\s+([A-Za-z_]\w*)\.run\(([^)]*)\)/m.exec(after);
  if (call === null) return undefined;
  const args = call[2] ?? '';
  const kw = (name: string): string | undefined =>
    new RegExp(`${name}\\s*=\\s*(['"]?)([^'",)\\s]+)\\1`).exec(args)?.[2];
  const port = Number(kw('port') ?? '5000');
  return {
    callable: call[1]!,
    host: kw('host') ?? '127.0.0.1',
    port: Number.isInteger(port) ? port : 5000,
    debug: kw('debug') === 'True',
  };
}

/** Werkzeug's version where Flask is imported from: Debian's python3-werkzeug or pip's. */
export function werkzeugVersion(location: string | undefined): string {
  return location?.startsWith('/usr/lib/python3/') === true ? '2.2.2' : '3.1.9';
}

export type AppLoad =
  | { readonly kind: 'app'; readonly app: WsgiApp }
  | { readonly kind: 'error'; readonly lines: readonly string[] };

/** Imports app.py as `python3 app.py` does (as __main__, so tracebacks name the absolute path). */
export function loadScriptApp(
  machine: Machine,
  env: PythonEnvironment,
  file: string,
  text: string,
  callable: string,
): AppLoad {
  const canImport = (module: string): boolean => moduleLocation(machine, env, module) !== undefined;
  const now = (): number => machine.clock.now();
  const known = knownApp(text);
  if (known !== undefined) {
    if (!canImport('flask')) return { kind: 'error', lines: flaskMissing(file, text) };
    return { kind: 'app', app: known.make({ file, now }) };
  }
  const load = loadModule({ text, file, name: 'app' }, { canImport, now });
  if (load.kind === 'exception') return { kind: 'error', lines: load.error.lines() };
  if (load.kind === 'unsupported')
    return {
      kind: 'error',
      lines: [
        `uwsgi-lab: ${file} line ${load.line}: the simulator does not run ${load.what}${load.text === '' ? '' : `: ${load.text}`}`,
      ],
    };
  const found = findCallable(load, callable, { now });
  if (found.kind === 'app') return { kind: 'app', app: found.app };
  return {
    kind: 'error',
    lines: [
      'Traceback (most recent call last):',
      `  File "${file}", line ${text.split('\n').length}, in <module>`,
      `NameError: name '${callable}' is not defined`,
    ],
  };
}

function flaskMissing(file: string, text: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^\s*(from\s+flask\s+import|import\s+flask)/.test(line));
  return [
    'Traceback (most recent call last):',
    `  File "${file}", line ${at + 1}, in <module>`,
    `    ${(lines[at] ?? '').trim()}`,
    "ModuleNotFoundError: No module named 'flask'",
  ];
}

export interface DevServerOptions {
  readonly file: string;
  readonly plan: DevServerPlan;
  readonly app: WsgiApp;
  readonly werkzeug: string;
  /** Writes a line to the server's stderr (its log). */
  readonly log: (line: string) => void;
  /** Werkzeug colours its lines on a terminal. */
  readonly colour: boolean;
  readonly pid: number;
  readonly handle?: ProcessHandle;
  readonly resume?: FlaskResumeData;
}

export interface FlaskResumeData {
  readonly file: string;
  readonly cwd: string;
  readonly executable: string;
  readonly argv: readonly string[];
  readonly pid: number;
}

export class FlaskDevServer {
  readonly #machine: Machine;
  readonly #options: DevServerOptions;
  #listener: Listener | undefined;
  #detach: (() => void) | undefined;

  private constructor(machine: Machine, options: DevServerOptions) {
    this.#machine = machine;
    this.#options = options;
  }

  /** Binds and prints the banner; undefined (after Werkzeug's message) when the port is taken. */
  static start(machine: Machine, options: DevServerOptions): FlaskDevServer | undefined {
    const server = new FlaskDevServer(machine, options);
    const { plan, log, colour } = options;
    const bound = machine.net.bindInet(plan.host, plan.port, {
      server: {
        protocol: 'http',
        exchange: (request, peer, listener, recorder) =>
          server.#serve(request, peer, listener, recorder),
      },
      owner: { pid: options.pid, command: 'python3' },
      credentials: { uid: 0, gid: 0, groups: [0] },
      backlog: 128,
    });
    log(` * Serving Flask app '${options.file.replace(/^.*\//, '').replace(/\.py$/, '')}'`);
    log(` * Debug mode: ${plan.debug ? 'on' : 'off'}`);
    if (!bound.ok) {
      log(`Address already in use`);
      log(
        `Port ${plan.port} is in use by another program. Either identify and stop that program, or start the server with a different port.`,
      );
      return undefined;
    }
    server.#listener = bound.listener;
    const warning =
      'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.';
    log(colour ? `\x1b[31m\x1b[1m${warning}\x1b[0m` : warning);
    if (plan.host === '0.0.0.0') {
      log(' * Running on all addresses (0.0.0.0)');
      log(` * Running on http://127.0.0.1:${plan.port}`);
    } else log(` * Running on http://${plan.host}:${plan.port}`);
    log(colour ? '\x1b[33mPress CTRL+C to quit\x1b[0m' : 'Press CTRL+C to quit');
    if (options.resume !== undefined) {
      const resume: ResumeDescriptor = { program: FLASK_PROGRAM, data: options.resume };
      if (options.handle !== undefined) machine.processes.setResume(options.pid, resume);
    }
    return server;
  }

  /** Ctrl-C: run_simple returns (no message). */
  stop(): void {
    if (this.#listener !== undefined) this.#machine.net.close(this.#listener);
    this.#listener = undefined;
    this.#detach?.();
  }

  /** A resumed server shows itself in `ps`. */
  attach(info: { readonly argv: readonly string[]; readonly data: FlaskResumeData }): void {
    const startMs = this.#machine.clock.now();
    this.#detach = this.#machine.processes.attach(
      {
        processes: () => [
          {
            pid: this.#options.pid,
            ppid: 1,
            uid: 0,
            user: 'root',
            command: info.argv.join(' '),
            comm: 'python3',
            startMs,
            state: 'S',
            tty: '?',
            vszKiB: 34120,
            rssKiB: 27340,
            cpuMs: 120,
          },
        ],
        signal: (pid, signal) => {
          if (pid !== this.#options.pid) return false;
          if (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGKILL') this.stop();
          return true;
        },
      },
      { program: FLASK_PROGRAM, data: info.data },
    );
  }

  #serve(
    request: Uint8Array,
    peer: PeerInfo,
    listener: Listener,
    recorder: HopRecorder | undefined,
  ): StreamReply {
    const remote = peer.address.kind === 'inet' ? peer.address.host : '127.0.0.1';
    const port = listener.address.kind === 'inet' ? listener.address.port : 5000;
    const parsed = httpSocketVars(request, this.#options.plan.host, `127.0.0.1:${port}`, remote);
    if (parsed === undefined) return { bytes: new Uint8Array(0), end: 'close' };
    const vars = parsed.vars.map(([k, v]) => [k, v] as const);
    const text = (key: string): string => {
      const found = vars.find(([k]) => new TextDecoder().decode(k) === key);
      return found === undefined ? '' : new TextDecoder().decode(found[1]);
    };
    const errors: string[] = [];
    const environ = environFromVars(parsed.vars, parsed.rest, {
      threads: 1,
      processes: 1,
      core: 0,
      uwsgiVersion: '',
      nodename: this.#machine.hostname,
      errors: new WsgiErrors((line) => errors.push(line)),
    });
    const call = callWsgiApp(this.#options.app, environ);
    const status = call.status ?? '500 INTERNAL SERVER ERROR';
    const body = concatBytes(call.chunks);
    const now = new Date(this.#machine.clock.now());
    const headers: [string, string][] = [
      ['Server', `Werkzeug/${this.#options.werkzeug} Python/3.11.2`],
      ['Date', httpDate(now)],
      ...call.headers.map(([n, v]) => [n, v] as [string, string]),
    ];
    if (!headers.some(([n]) => n.toLowerCase() === 'content-length'))
      headers.push(['Content-Length', String(body.length)]);
    headers.push(['Connection', 'close']);
    const head = `HTTP/1.1 ${status}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
    const method = text('REQUEST_METHOD');
    const bytes = concatBytes([latin1Bytes(head), method === 'HEAD' ? new Uint8Array(0) : body]);
    recorder?.record({
      kind: 'app-response',
      actor: 'app',
      app: this.#options.app.description,
      status,
      headers: call.headers.map(([n, v]) => [n, v] as const),
      body: traceBytes(body),
      errors,
    });
    for (const line of errors) this.#options.log(line.replace(/\n$/, ''));
    const code = status.slice(0, 3);
    const line = `${remote} - - [${logDate(now)}] "${text('REQUEST_METHOD')} ${text('REQUEST_URI')} ${text('SERVER_PROTOCOL')}" ${code} -`;
    this.#options.log(this.#options.colour ? colourLine(line, code) : line);
    return { bytes, end: 'close' };
  }
}

// werkzeug.serving.WSGIRequestHandler.log_request's colours
function colourLine(line: string, code: string): string {
  if (code === '200') return line;
  const style =
    code[0] === '1'
      ? '\x1b[1m'
      : code === '304'
        ? '\x1b[36m'
        : code[0] === '3'
          ? '\x1b[32m'
          : code === '404'
            ? '\x1b[33m'
            : code[0] === '4'
              ? '\x1b[31m\x1b[1m'
              : '\x1b[35m\x1b[1m';
  return `${style}${line}\x1b[0m`;
}

/** `26/Nov/2026 11:07:57` (Werkzeug's log_date_time_string, local time = UTC). */
function logDate(d: Date): string {
  return strftime('%d/%b/%Y %H:%M:%S', d.getTime());
}

function httpDate(d: Date): string {
  return strftime('%a, %d %b %Y %H:%M:%S GMT', d.getTime());
}

/** Starts a saved dev server again (a daemon now: nobody reads its log). */
export function resumeFlask(machine: Machine, data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  const d = data as Partial<Record<keyof FlaskResumeData, unknown>>;
  if (
    typeof d.file !== 'string' ||
    typeof d.cwd !== 'string' ||
    typeof d.executable !== 'string' ||
    typeof d.pid !== 'number' ||
    !Array.isArray(d.argv)
  )
    return;
  let text: string;
  try {
    text = machine.fs.readText(d.file);
  } catch (error) {
    if (error instanceof FsError) return;
    throw error;
  }
  const plan = devServerPlan(text);
  if (plan === undefined) return;
  const saved: FlaskResumeData = {
    file: d.file,
    cwd: d.cwd,
    executable: d.executable,
    pid: d.pid,
    argv: d.argv.filter((a): a is string => typeof a === 'string'),
  };
  const env = { executable: saved.executable, venv: venvOf(saved.executable), systemSite: false };
  const loaded = loadScriptApp(machine, env, saved.file, text, plan.callable);
  if (loaded.kind !== 'app') return;
  const server = FlaskDevServer.start(machine, {
    file: saved.file,
    plan,
    app: loaded.app,
    werkzeug: werkzeugVersion(moduleLocation(machine, env, 'flask')),
    log: () => undefined,
    colour: false,
    pid: saved.pid,
  });
  server?.attach({ argv: saved.argv, data: saved });
}

function venvOf(executable: string): string | undefined {
  const parts = executable.split('/');
  return parts.at(-2) === 'bin' ? parts.slice(0, -2).join('/') : undefined;
}
