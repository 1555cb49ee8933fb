// One uWSGI running on the machine, as the shell and systemd see it: the gateway's UwsgiProcess
// (start-up log, sockets, requests, signals as real uWSGI 2.0.21 answers them) joined to the
// machine's process table — its master and workers in `ps`, `kill PID` reaching it, `ss -p`
// naming it — and to the saved machine: a running uWSGI is described by how it was started, and
// started again the same way (same pids) when the machine is loaded.
//
// Started by `uwsgi` in the shell it is that command's process (bash's pid, `[1] 10095` and
// `pid: 10095` agree); started by a scenario or a unit it is a daemon of its own.

import { ROOT_CREDENTIALS, type Credentials } from '../../gateway/fs.ts';
import {
  DEBIAN_BUILD,
  pipBuild,
  startUwsgi,
  type PsEntry,
  type UwsgiBuild,
  type UwsgiProcess,
  type UwsgiSignal,
} from '../../gateway/uwsgi/index.ts';
import type { SignalName } from '../bash/signals.ts';
import type { Machine } from '../machine/machine.ts';
import type {
  ProcessHandle,
  ProcessInfo,
  ProcessSource,
  ResumeDescriptor,
} from '../machine/process-table.ts';
import { withGivenPids } from './given-pids.ts';

/** Which uWSGI binary: Debian's uwsgi-core, or the one pip built in a venv (and when). */
export type UwsgiBuildChoice =
  | { readonly kind: 'debian' }
  | { readonly kind: 'pip'; readonly venv: string; readonly compiledOn: string };

export interface UwsgiLaunch {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly build: UwsgiBuildChoice;
  /** Its parent in `ps` (the shell, init, systemd). */
  readonly parentPid: number;
  /** `pts/0` when a terminal runs it, `?` for a daemon. */
  readonly tty: string;
  /** Its pids when they are already known (bash forked it; a resumed one keeps them). */
  readonly pids?: readonly number[];
  readonly credentials?: Credentials;
  /** In the terminal's foreground process group (`ps` STAT `S+`). */
  readonly foreground?: boolean;
}

/** The program name its resume descriptor carries. */
export const UWSGI_PROGRAM = 'uwsgi';

/** What a saved machine keeps of a running uWSGI. */
export interface UwsgiResumeData {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly build: UwsgiBuildChoice;
  readonly pids: readonly number[];
  readonly uid: number;
  readonly gid: number;
  /** The systemd unit that runs it, if one does. */
  readonly unit?: string;
}

// What `ps aux` showed for uWSGI 2.0.21 with the tutorial's app (real-output-shell.md §8.2)
const MASTER_SIZE = { vszKiB: 75536, rssKiB: 34292 };
const WORKER_SIZE = { vszKiB: 75536, rssKiB: 24692 };

const running = new WeakMap<Machine, Set<UwsgiInstance>>();

/** The uWSGI instances running on a machine. */
export function uwsgiInstances(machine: Machine): readonly UwsgiInstance[] {
  return [...(running.get(machine) ?? [])];
}

export function uwsgiBuild(choice: UwsgiBuildChoice): UwsgiBuild {
  return choice.kind === 'debian' ? DEBIAN_BUILD : pipBuild(choice.venv, choice.compiledOn);
}

const UWSGI_SIGNALS: Partial<Record<SignalName, UwsgiSignal>> = {
  SIGINT: 'INT',
  SIGTERM: 'TERM',
  SIGQUIT: 'QUIT',
  SIGHUP: 'HUP',
  SIGKILL: 'KILL',
};

export class UwsgiInstance {
  readonly process: UwsgiProcess;
  readonly launch: UwsgiLaunch;
  /** The systemd unit it belongs to, if any. */
  unit: string | undefined;
  readonly #machine: Machine;
  readonly #exitListeners = new Set<(status: number) => void>();
  #handle: ProcessHandle | undefined;
  #detach: (() => void) | undefined;
  #startMs: number;
  #workerStartMs: number;
  #daemon = false;

  /**
   * Starts it. `handle` is the command's own process entry when the shell runs it: the main
   * process is shown there, the others here.
   */
  constructor(machine: Machine, launch: UwsgiLaunch, handle?: ProcessHandle, unit?: string) {
    this.#machine = machine;
    this.launch = launch;
    this.unit = unit;
    this.#handle = handle;
    this.#startMs = machine.clock.now();
    this.#workerStartMs = this.#startMs;
    this.process = startUwsgi(withGivenPids(machine, launch.pids ?? []), {
      argv: launch.argv,
      cwd: launch.cwd,
      build: uwsgiBuild(launch.build),
      credentials: launch.credentials ?? ROOT_CREDENTIALS,
      parentPid: launch.parentPid,
    });
    if (!this.process.running) return;
    let set = running.get(machine);
    if (set === undefined) running.set(machine, (set = new Set()));
    set.add(this);
    this.#publish();
  }

  get running(): boolean {
    return this.process.running;
  }

  get pid(): number {
    return this.process.pid;
  }

  get exitStatus(): number | undefined {
    return this.process.exitStatus;
  }

  /** Called once when it has exited, with its status. */
  onExit(listener: (status: number) => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /**
   * The command that started it has returned while it runs on (`--daemonize`): from now on it
   * shows all its processes itself.
   */
  release(): void {
    this.#handle = undefined;
    // daemonize(): setsid, so no terminal and out of the foreground group
    this.#daemon = true;
    this.#publish();
  }

  /** A signal to its main process (Ctrl-C, `kill`, systemd); true when it knew the signal. */
  signal(signal: SignalName): boolean {
    const sig = UWSGI_SIGNALS[signal];
    if (sig === undefined || !this.process.running) return false;
    const before = this.process.processes().map((entry) => entry.pid);
    this.process.signal(sig);
    if (!this.process.running) {
      this.#ended();
      return true;
    }
    // a reload respawned the workers
    const after = this.process.processes().map((entry) => entry.pid);
    if (after.some((pid) => !before.includes(pid))) this.#workerStartMs = this.#machine.clock.now();
    this.#publish();
    return true;
  }

  /** What `ps` lists of it (the main process is the command's own entry while one runs it). */
  processes(): readonly ProcessInfo[] {
    const entries = this.process.processes();
    const handle = this.#handle;
    const shown = handle === undefined ? entries : entries.filter((e) => e.pid !== this.pid);
    return shown.map((entry) => this.#info(entry));
  }

  #signalPid(pid: number, signal: SignalName): boolean {
    if (!this.process.processes().some((entry) => entry.pid === pid)) return false;
    // a worker killed alone is respawned by the master; the model keeps it (signals go to the master)
    if (pid !== this.pid) return true;
    this.signal(signal);
    return true;
  }

  #info(entry: PsEntry): ProcessInfo {
    const user = this.#machine.users.userByName(entry.user);
    const size = entry.role === 'master' ? MASTER_SIZE : WORKER_SIZE;
    const main = entry.pid === this.pid;
    const stat = this.launch.foreground === true && !this.#daemon ? 'S+' : 'S';
    return {
      pid: entry.pid,
      ppid: entry.ppid,
      uid: user?.uid ?? 0,
      user: entry.user,
      command: entry.command,
      comm: 'uwsgi',
      startMs: main ? this.#startMs : this.#workerStartMs,
      state: stat,
      tty: this.#daemon ? '?' : this.launch.tty,
      vszKiB: size.vszKiB,
      rssKiB: size.rssKiB,
      cpuMs: main ? 40 : 0,
    };
  }

  // the process table's view: the main process in the command's entry, the rest as a source,
  // and how to start it again after a reload
  #publish(): void {
    if (!this.process.running) return;
    const main = this.process.processes().find((entry) => entry.pid === this.pid);
    if (this.#handle !== undefined && main !== undefined) {
      const info = this.#info(main);
      this.#handle.update({
        comm: info.comm,
        state: info.state,
        vszKiB: info.vszKiB,
        rssKiB: info.rssKiB,
      });
    }
    const credentials = this.launch.credentials ?? ROOT_CREDENTIALS;
    const data: UwsgiResumeData = {
      argv: [...this.launch.argv],
      cwd: this.launch.cwd,
      build: this.launch.build,
      pids: this.process.processes().map((entry) => entry.pid),
      uid: credentials.uid,
      gid: credentials.gid,
      ...(this.unit === undefined ? {} : { unit: this.unit }),
    };
    const resume: ResumeDescriptor = { program: UWSGI_PROGRAM, data };
    const source: ProcessSource = {
      processes: () => this.processes(),
      signal: (pid, signal) => this.#signalPid(pid, signal),
    };
    this.#detach?.();
    this.#detach = this.#machine.processes.attach(source, resume);
  }

  #ended(): void {
    this.#detach?.();
    this.#detach = undefined;
    running.get(this.#machine)?.delete(this);
    const status = this.process.exitStatus ?? 0;
    for (const listener of [...this.#exitListeners]) listener(status);
    this.#exitListeners.clear();
  }
}

/** Starts a uWSGI on the machine (it has printed its start-up, or refused, when this returns). */
export function startUwsgiInstance(
  machine: Machine,
  launch: UwsgiLaunch,
  handle?: ProcessHandle,
  unit?: string,
): UwsgiInstance {
  return new UwsgiInstance(machine, launch, handle, unit);
}

/** Starts a saved uWSGI again on a loaded machine, with the pids it had (a daemon now). */
export function resumeUwsgi(machine: Machine, data: unknown): UwsgiInstance | undefined {
  const saved = readResumeData(data);
  if (saved === undefined) return undefined;
  const credentials: Credentials = { uid: saved.uid, gid: saved.gid, groups: [saved.gid] };
  return new UwsgiInstance(
    machine,
    {
      argv: saved.argv,
      cwd: saved.cwd,
      build: saved.build,
      parentPid: 1,
      tty: '?',
      pids: saved.pids,
      credentials,
    },
    undefined,
    saved.unit,
  );
}

function readResumeData(data: unknown): UwsgiResumeData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<Record<keyof UwsgiResumeData, unknown>>;
  const strings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((x) => typeof x === 'string');
  const numbers = (v: unknown): v is number[] =>
    Array.isArray(v) && v.every((x) => Number.isInteger(x));
  if (!strings(d.argv) || typeof d.cwd !== 'string' || !numbers(d.pids)) return undefined;
  const build = d.build as Partial<{ kind: unknown; venv: unknown; compiledOn: unknown }> | null;
  let choice: UwsgiBuildChoice;
  if (build?.kind === 'debian') choice = { kind: 'debian' };
  else if (
    build?.kind === 'pip' &&
    typeof build.venv === 'string' &&
    typeof build.compiledOn === 'string'
  )
    choice = { kind: 'pip', venv: build.venv, compiledOn: build.compiledOn };
  else return undefined;
  return {
    argv: d.argv,
    cwd: d.cwd,
    build: choice,
    pids: d.pids,
    uid: typeof d.uid === 'number' ? d.uid : 0,
    gid: typeof d.gid === 'number' ? d.gid : 0,
    ...(typeof d.unit === 'string' ? { unit: d.unit } : {}),
  };
}
