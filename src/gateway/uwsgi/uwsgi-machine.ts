// What the uWSGI model needs from the machine it runs on: files, users, the socket table, and the
// sources the shell seeds so a scenario replays identically — the clock, pids, and the numbers
// uWSGI reads from the kernel for its start-up log. Defaults are the values of the reference
// captures (Debian 12, 2 cores, host `vm`), except the node name: the course's machine is
// `helloworld`.

import type { Clock, GatewayMachine, PidSource } from '../machine.ts';
import { strftime } from '../strftime.ts';

export type { Clock, PidSource } from '../machine.ts';

/** Numbers for addresses uWSGI prints (the Python interpreter's): any 32-bit values, seeded. */
export interface RandomSource {
  next(): number;
}

/** What `uname` and the kernel's limits say, as uWSGI's start-up log prints them. */
export interface HostFacts {
  /** `nodename: …` (uname -n). */
  readonly nodename: string;
  /** `os: …`: sysname-release version. */
  readonly os: string;
  readonly machine: string;
  readonly cpus: number;
  readonly processLimit: number;
  readonly pageSize: number;
  readonly maxFds: number;
  /** Local time's offset from UTC in minutes (the log's dates are local time). */
  readonly utcOffsetMinutes: number;
  /** The process umask uWSGI starts with (a login shell's 022). */
  readonly umask: number;
}

export const CAPTURED_HOST: HostFacts = {
  nodename: 'vm',
  os: 'Linux-6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0',
  machine: 'x86_64',
  cpus: 2,
  processLimit: 96365,
  pageSize: 4096,
  maxFds: 20000,
  utcOffsetMinutes: 0,
  umask: 0o022,
};

/** The course's machine: the captured host, named as the tutorial's server. */
export const COURSE_HOST: HostFacts = { ...CAPTURED_HOST, nodename: 'helloworld' };

export interface UwsgiMachine extends GatewayMachine {
  readonly random: RandomSource;
  readonly host: HostFacts;
  /**
   * Modules importable by the system Python without a virtualenv (Debian packages such as
   * python3-flask). A venv with include-system-site-packages sees them too; a plain venv sees only
   * what is under its own site-packages in the file system.
   */
  readonly systemPythonModules: ReadonlySet<string>;
}

/** A counter clock for tests: starts at `start`, each call to now() returns the same until advanced. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: number) {
    this.#ms = start;
  }
  now(): number {
    return this.#ms;
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** Pids counting up from `first`. */
export function sequentialPids(first: number): PidSource {
  let next = first;
  return { next: () => next++ };
}

/** A small seeded generator (xorshift32). */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 0x9e3779b9;
  return {
    next() {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state;
    },
  };
}

/** Debian 12's python3-flask and what it pulls in. */
export const DEBIAN_FLASK_MODULES: ReadonlySet<string> = new Set([
  'flask',
  'werkzeug',
  'jinja2',
  'itsdangerous',
  'click',
  'markupsafe',
]);

/** `Thu Nov 26 06:40:17 2026`: ctime(3) without its newline, in the machine's local time. */
export function ctime(ms: number, utcOffsetMinutes: number): string {
  return strftime('%c', ms + utcOffsetMinutes * 60_000);
}
