// nginx as a daemon on the machine: the gateway's NginxProcess (config, listen sockets, requests,
// SIGHUP reloads that keep the old config on an error) joined to the process table — master and
// workers in `ps` (master root with PPID 1, workers as the `user` directive's user, as §8.2 shows),
// `kill -HUP $(cat /run/nginx.pid)` reaching it — and to the saved machine: a running nginx is
// started again after a load with the pids and the configuration it had loaded (the files as they
// were at its last start or reload, not as they are now: nginx serves what it loaded).

import { FsError } from '../../gateway/fs.ts';
import type { PsEntry } from '../../gateway/machine.ts';
import {
  startNginx,
  type NginxProcess,
  type NginxReload,
  type NginxSignal,
} from '../../gateway/nginx/nginx-process.ts';
import type { NginxLayout } from '../../gateway/nginx/directives/directive-call.ts';
import { DEBIAN_LAYOUT } from '../../gateway/nginx/load-config.ts';
import type { SignalName } from '../bash/signals.ts';
import type { Machine } from '../machine/machine.ts';
import type { ProcessInfo, ResumeDescriptor } from '../machine/process-table.ts';
import { withGivenPids } from './given-pids.ts';

export const NGINX_PROGRAM = 'nginx';

/** How Debian's unit starts it (ExecStart of /lib/systemd/system/nginx.service). */
export const SYSTEMD_NGINX_ARGV: readonly string[] = [
  '/usr/sbin/nginx',
  '-g',
  'daemon on; master_process on;',
];

// `ps aux` in real-output-shell.md §8.2
const MASTER_SIZE = { vszKiB: 48892, rssKiB: 2236 };
const WORKER_SIZE = { vszKiB: 49596, rssKiB: 5280 };

const NGINX_SIGNALS: Partial<Record<SignalName, NginxSignal>> = {
  SIGHUP: 'HUP',
  SIGTERM: 'TERM',
  SIGINT: 'INT',
  SIGQUIT: 'QUIT',
  SIGUSR1: 'USR1',
  SIGKILL: 'KILL',
};

export interface NginxResumeData {
  readonly argv: readonly string[];
  /** The layout -p / -c gave it, when not Debian's. */
  readonly layout?: NginxLayout;
  readonly pids: readonly number[];
  readonly unit?: string;
  /** The configuration files as nginx read them at its last start or reload. */
  readonly files: Readonly<Record<string, string>>;
}

const daemons = new WeakMap<Machine, Set<NginxDaemon>>();

/** The nginx masters running on a machine (one, unless a second found other ports free). */
export function nginxDaemons(machine: Machine): readonly NginxDaemon[] {
  return [...(daemons.get(machine) ?? [])].filter((daemon) => daemon.running);
}

export class NginxDaemon {
  readonly process: NginxProcess;
  readonly argv: readonly string[];
  readonly layout: NginxLayout;
  unit: string | undefined;
  readonly #machine: Machine;
  readonly #exitListeners = new Set<() => void>();
  #workersSince: number;
  #files: Record<string, string>;
  #detach: (() => void) | undefined;

  constructor(
    machine: Machine,
    process: NginxProcess,
    argv: readonly string[],
    unit?: string,
    layout: NginxLayout = DEBIAN_LAYOUT,
  ) {
    this.#machine = machine;
    this.process = process;
    this.argv = argv;
    this.layout = layout;
    this.unit = unit;
    this.#workersSince = process.startedAt;
    this.#files = configTexts(machine, process);
    let set = daemons.get(machine);
    if (set === undefined) daemons.set(machine, (set = new Set()));
    set.add(this);
    this.#publish();
  }

  get running(): boolean {
    return this.process.running;
  }

  get pid(): number {
    return this.process.pid;
  }

  onExit(listener: () => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** A signal to the master; for SIGHUP, how the reload went. */
  signal(signal: SignalName): NginxReload | undefined {
    const sig = NGINX_SIGNALS[signal];
    if (sig === undefined || !this.process.running) return undefined;
    const result = this.process.signal(sig);
    if (!this.process.running) this.#ended();
    else if (result?.ok === true) {
      this.#workersSince = this.#machine.clock.now();
      this.#files = configTexts(this.#machine, this.process);
      this.#publish();
    }
    return result;
  }

  processes(): readonly ProcessInfo[] {
    return this.process.processes().map((entry) => this.#info(entry));
  }

  #info(entry: PsEntry): ProcessInfo {
    const master = entry.role === 'master';
    const size = master ? MASTER_SIZE : WORKER_SIZE;
    return {
      pid: entry.pid,
      ppid: entry.ppid,
      uid: this.#machine.users.userByName(entry.user)?.uid ?? 0,
      user: entry.user,
      command: entry.command,
      comm: 'nginx',
      startMs: master ? this.process.startedAt : this.#workersSince,
      state: master ? 'Ss' : 'S',
      tty: '?',
      vszKiB: size.vszKiB,
      rssKiB: size.rssKiB,
      cpuMs: master ? 10 : 0,
    };
  }

  #publish(): void {
    const data: NginxResumeData = {
      argv: [...this.argv],
      ...(this.layout === DEBIAN_LAYOUT ? {} : { layout: this.layout }),
      pids: this.process.processes().map((entry) => entry.pid),
      ...(this.unit === undefined ? {} : { unit: this.unit }),
      files: this.#files,
    };
    const resume: ResumeDescriptor = { program: NGINX_PROGRAM, data };
    this.#detach?.();
    this.#detach = this.#machine.processes.attach(
      {
        processes: () => this.processes(),
        signal: (pid, signal) => {
          if (!this.process.processes().some((entry) => entry.pid === pid)) return false;
          // a worker signalled alone is replaced by the master; only the master's signals matter here
          if (pid === this.pid) this.signal(signal);
          return true;
        },
      },
      resume,
    );
  }

  #ended(): void {
    this.#detach?.();
    this.#detach = undefined;
    daemons.get(this.#machine)?.delete(this);
    for (const listener of [...this.#exitListeners]) listener();
    this.#exitListeners.clear();
  }
}

export type NginxDaemonStart =
  | { readonly ok: true; readonly daemon: NginxDaemon; readonly stderr: readonly string[] }
  | { readonly ok: false; readonly stderr: readonly string[]; readonly status: number };

/**
 * Runs `nginx` (`argv` as typed or as the unit has it) as process `pid`: it daemonizes, the master
 * getting the next pid. What it printed is in `stderr`.
 */
export function startNginxDaemon(
  machine: Machine,
  argv: readonly string[],
  pid: number | undefined,
  unit?: string,
  layout: NginxLayout = DEBIAN_LAYOUT,
): NginxDaemonStart {
  const started = startNginx(withGivenPids(machine, pid === undefined ? [] : [pid]), {
    argv,
    layout,
  });
  if (!started.ok) return started;
  return {
    ok: true,
    daemon: new NginxDaemon(machine, started.process, argv, unit, layout),
    stderr: started.stderr,
  };
}

/** Starts a saved nginx again on a loaded machine: its pids, and the config it had loaded. */
export function resumeNginx(machine: Machine, data: unknown): NginxDaemon | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<Record<keyof NginxResumeData, unknown>>;
  if (!Array.isArray(d.argv) || !d.argv.every((a) => typeof a === 'string')) return undefined;
  if (!Array.isArray(d.pids) || !d.pids.every((p) => Number.isInteger(p))) return undefined;
  const pids = d.pids as number[];
  const files =
    typeof d.files === 'object' && d.files !== null ? (d.files as Record<string, unknown>) : {};
  const master = pids[0];
  if (master === undefined) return undefined;
  const layout = readLayout(d.layout);
  const restore = overlay(machine, files);
  let started;
  try {
    started = startNginx(withGivenPids(machine, [master - 1, ...pids]), {
      argv: d.argv as string[],
      layout,
    });
  } finally {
    restore();
  }
  if (!started.ok) return undefined;
  return new NginxDaemon(
    machine,
    started.process,
    d.argv as string[],
    typeof d.unit === 'string' ? d.unit : undefined,
    layout,
  );
}

// a saved layout: its three paths, the rest Debian's
function readLayout(value: unknown): NginxLayout {
  if (typeof value !== 'object' || value === null) return DEBIAN_LAYOUT;
  const v = value as Partial<Record<keyof NginxLayout, unknown>>;
  if (
    typeof v.confPath !== 'string' ||
    typeof v.confPrefix !== 'string' ||
    typeof v.prefix !== 'string'
  )
    return DEBIAN_LAYOUT;
  return { ...DEBIAN_LAYOUT, confPath: v.confPath, confPrefix: v.confPrefix, prefix: v.prefix };
}

function configTexts(machine: Machine, process: NginxProcess): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const path of process.config.files) {
    try {
      texts[path] = machine.fs.readText(path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
  return texts;
}

// Puts the saved texts in place for a moment (times kept), and returns what puts today's back.
function overlay(machine: Machine, files: Readonly<Record<string, unknown>>): () => void {
  const fs = machine.fs;
  const undo: (() => void)[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') continue;
    const stat = fs.tryStat(path);
    if (stat !== undefined && stat.type !== 'file') continue;
    let current: string | undefined;
    try {
      current = stat === undefined ? undefined : fs.readText(path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      continue;
    }
    if (current === text) continue;
    try {
      if (stat === undefined) {
        fs.mkdirs(path.slice(0, path.lastIndexOf('/')) || '/');
        fs.writeText(path, text);
        undo.push(() => fs.unlink(path));
      } else {
        const today = current ?? '';
        fs.writeText(path, text);
        undo.push(() => {
          fs.writeText(path, today);
          fs.setTimes(path, stat.atimeMs, stat.mtimeMs);
        });
      }
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
  return () => {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
      }
    }
  };
}
