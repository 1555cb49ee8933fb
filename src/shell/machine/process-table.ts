// The machine's processes, as `ps` and `kill` see them: pid, parent, user, command line, start
// time, state, terminal and sizes. Programs register themselves — a command while it runs, a
// daemon (nginx's master and workers, uWSGI's) for as long as it lives — either as single
// processes or as a source whose processes change (uWSGI respawning a worker). Signals sent with
// `kill` reach the process's handler. What a saved machine keeps: the system's own processes, and
// for a program that can be resumed, a descriptor its program layer restarts it from.

import type { SignalName } from '../bash/signals.ts';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  /** The user's name, as `ps aux` prints it (`www-data`). */
  readonly user: string;
  /** The command line `ps` shows (`nginx: worker process`, `uwsgi uwsgi.ini --master`). */
  readonly command: string;
  /** The executable's name (`ps -o comm`, `ss -p`'s `("uwsgi",pid=…)`). */
  readonly comm: string;
  readonly startMs: number;
  /** `ps` STAT: `Ss`, `S`, `R+`, `S+`, `I<`… */
  readonly state: string;
  /** `?` for a daemon, `pts/0` for what the terminal runs. */
  readonly tty: string;
  /** Virtual and resident size in KiB (`ps aux` VSZ, RSS). */
  readonly vszKiB: number;
  readonly rssKiB: number;
  /** CPU time used, in milliseconds (`ps` TIME). */
  readonly cpuMs: number;
}

/** How a program that can survive a save is started again: its name and its own JSON. */
export interface ResumeDescriptor {
  readonly program: string;
  readonly data: unknown;
}

export type ProcessSignalHandler = (signal: SignalName) => void;

export interface SpawnOptions extends Omit<ProcessInfo, 'startMs' | 'cpuMs'> {
  readonly startMs?: number;
  readonly cpuMs?: number;
  /** What `kill PID` does to it; without one, a signal is accepted and nothing happens. */
  readonly onSignal?: ProcessSignalHandler;
  /** Saved with the machine (the system's daemons). */
  readonly persistent?: boolean;
}

export interface ProcessHandle {
  readonly pid: number;
  /** Changes what ps shows (a state letter, the command line a program rewrote). */
  update(changes: Partial<Omit<ProcessInfo, 'pid'>>): void;
  /** The process has ended: it leaves the table. */
  exit(): void;
}

/** Processes a program keeps up to date itself (a uWSGI master and its workers). */
export interface ProcessSource {
  processes(): readonly ProcessInfo[];
  /** Delivers a signal to one of its pids; false when the pid is not its. */
  signal?(pid: number, signal: SignalName): boolean;
}

export interface ProcessTableState {
  readonly processes: readonly ProcessInfo[];
  readonly resume: readonly ResumeDescriptor[];
}

interface Entry {
  info: ProcessInfo;
  readonly onSignal: ProcessSignalHandler | undefined;
  readonly persistent: boolean;
}

export type SignalDelivery = 'delivered' | 'no-such-process';

export class ProcessTable {
  readonly #entries = new Map<number, Entry>();
  readonly #sources = new Set<ProcessSource>();
  readonly #resume = new Map<ProcessSource | number, ResumeDescriptor>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  spawn(options: SpawnOptions): ProcessHandle {
    const { onSignal, persistent, ...fields } = options;
    const entry: Entry = {
      info: { ...fields, startMs: fields.startMs ?? this.#now(), cpuMs: fields.cpuMs ?? 0 },
      onSignal,
      persistent: persistent ?? false,
    };
    this.#entries.set(options.pid, entry);
    return {
      pid: options.pid,
      update: (changes) => {
        entry.info = { ...entry.info, ...changes };
      },
      exit: () => {
        if (this.#entries.get(options.pid) === entry) this.#entries.delete(options.pid);
        this.#resume.delete(options.pid);
      },
    };
  }

  /** Adds a program's processes; returns the function that removes them (when it has exited). */
  attach(source: ProcessSource, resume?: ResumeDescriptor): () => void {
    this.#sources.add(source);
    if (resume !== undefined) this.#resume.set(source, resume);
    return () => {
      this.#sources.delete(source);
      this.#resume.delete(source);
    };
  }

  /** Marks a single process as one to start again after a reload. */
  setResume(pid: number, resume: ResumeDescriptor | undefined): void {
    if (resume === undefined) this.#resume.delete(pid);
    else this.#resume.set(pid, resume);
  }

  /** Every process, by pid. */
  list(): ProcessInfo[] {
    const all = [...this.#entries.values()].map((entry) => entry.info);
    for (const source of this.#sources) all.push(...source.processes());
    return all.sort((a, b) => a.pid - b.pid);
  }

  byPid(pid: number): ProcessInfo | undefined {
    return this.#entries.get(pid)?.info ?? this.list().find((info) => info.pid === pid);
  }

  /** kill(2): the process's handler runs; ESRCH when there is no such process. */
  signal(pid: number, signal: SignalName): SignalDelivery {
    const entry = this.#entries.get(pid);
    if (entry !== undefined) {
      entry.onSignal?.(signal);
      return 'delivered';
    }
    for (const source of this.#sources) {
      if (!source.processes().some((info) => info.pid === pid)) continue;
      source.signal?.(pid, signal);
      return 'delivered';
    }
    return 'no-such-process';
  }

  toJSON(): ProcessTableState {
    return {
      processes: [...this.#entries.values()]
        .filter((entry) => entry.persistent)
        .map((entry) => entry.info),
      resume: [...this.#resume.values()],
    };
  }

  /** Puts saved system processes back (programs are resumed by the machine's loader). */
  restore(processes: readonly ProcessInfo[]): void {
    for (const info of processes) {
      this.#entries.set(info.pid, { info, onSignal: undefined, persistent: true });
    }
  }
}
