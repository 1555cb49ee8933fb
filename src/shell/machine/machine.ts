// One simulated Debian 12 machine: its files (the VFS), users (from /etc/passwd and /etc/group),
// socket table, clock, process ids, ephemeral ports and random numbers (seeded, so a scenario
// replays identically), processes, and installed packages. It is the machine nginx's and uWSGI's
// models run on (it satisfies their UwsgiMachine) and the one the shell's commands act on.

import type { HostFacts, UwsgiMachine } from '../../gateway/uwsgi/uwsgi-machine.ts';
import { COURSE_HOST } from '../../gateway/uwsgi/uwsgi-machine.ts';
import { SocketTable } from '../../gateway/net/index.ts';
import { Vfs } from '../vfs/vfs.ts';
import { JourneyLog } from './journey-log.ts';
import { CAPTURE_MORNING_MS, MachineClock } from './machine-clock.ts';
import { loginEnvironment, type LoginEnvironment } from './login-environment.ts';
import { FileUsers } from './machine-users.ts';
import { PackageDatabase } from './package-database.ts';
import { PidCounter } from './pid-counter.ts';
import { ProcessTable } from './process-table.ts';
import { SeededPorts } from './seeded-ports.ts';
import { SeededRandom } from './seeded-random.ts';

export interface MachineOptions {
  /** Drives pids, ports and random numbers. Default 1. */
  readonly seed?: number;
  /** The kernel's host name (`uname -n`, the prompt's `\h`). Default `helloworld`. */
  readonly hostname?: string;
  /** The clock's start. Default 2026-11-26 07:00:00 UTC, the morning of the captures. */
  readonly startMs?: number;
}

/** The parts a machine is made of; a saved machine is rebuilt from them. */
export interface MachineParts {
  readonly seed: number;
  readonly hostname: string;
  readonly clock: MachineClock;
  readonly pids: PidCounter;
  readonly random: SeededRandom;
  readonly ports: SeededPorts;
  readonly packages: PackageDatabase;
  /** Makes the VFS with the machine's clock (fresh, or from a snapshot). */
  readonly fs: (clock: () => number) => Vfs;
}

/** Python modules a Debian package puts on the system path beyond its own name. */
const EXTRA_MODULES: Readonly<Record<string, readonly string[]>> = {
  'python3-setuptools': ['setuptools', 'pkg_resources', '_distutils_hack'],
};

/** python3-* packages that are not importable modules of that name. */
const NOT_MODULES = /^python3(-minimal|-venv|-dev|-full|-doc|\.\d+.*)?$|-whl$/;

/** The first pid a seed gives: a machine that has been up a little while. */
export function firstPidFor(seed: number): number {
  return 1000 + ((Math.imul(seed >>> 0 || 1, 2654435761) >>> 0) % 4000);
}

export class Machine implements UwsgiMachine {
  readonly seed: number;
  readonly fs: Vfs;
  readonly users: FileUsers;
  readonly net: SocketTable;
  readonly clock: MachineClock;
  readonly pids: PidCounter;
  readonly random: SeededRandom;
  readonly ports: SeededPorts;
  readonly processes: ProcessTable;
  readonly packages: PackageDatabase;
  /** The journeys of the requests made on it (curl, goal checks), for the lab to show. */
  readonly journeys = new JourneyLog();
  #hostname: string;

  constructor(parts: MachineParts) {
    this.seed = parts.seed;
    this.#hostname = parts.hostname;
    this.clock = parts.clock;
    this.pids = parts.pids;
    this.random = parts.random;
    this.ports = parts.ports;
    this.packages = parts.packages;
    this.fs = parts.fs(() => this.clock.now());
    this.users = new FileUsers(this.fs);
    this.net = new SocketTable({ fs: this.fs, ports: this.ports });
    this.processes = new ProcessTable(() => this.clock.now());
  }

  /** A machine with nothing on it yet (base-system.ts installs Debian). */
  static blank(options: MachineOptions = {}): Machine {
    const seed = options.seed ?? 1;
    return new Machine({
      seed,
      hostname: options.hostname ?? 'helloworld',
      clock: new MachineClock(options.startMs ?? CAPTURE_MORNING_MS),
      pids: new PidCounter(firstPidFor(seed)),
      random: new SeededRandom(seed),
      ports: new SeededPorts(seed),
      packages: new PackageDatabase(),
      fs: (clock) => new Vfs({ clock }),
    });
  }

  get hostname(): string {
    return this.#hostname;
  }

  /** sethostname(2) (`hostname NAME`); /etc/hostname is the file it is read from at boot. */
  set hostname(name: string) {
    this.#hostname = name;
  }

  /** root's environment after a login, in `cwd` (HOME=/root, LANG=C.UTF-8, Debian root's PATH). */
  loginEnvironment(cwd = '/root', term?: string): LoginEnvironment {
    return loginEnvironment(this, cwd, term);
  }

  /** What uWSGI's start-up log prints about the host: the captured machine, named as this one. */
  get host(): HostFacts {
    return { ...COURSE_HOST, nodename: this.#hostname };
  }

  /**
   * Modules the system python3 imports without a venv: those of the installed python3-*
   * packages (python3-flask gives flask, python3-werkzeug werkzeug...).
   */
  get systemPythonModules(): ReadonlySet<string> {
    const modules = new Set<string>();
    for (const pkg of this.packages.list()) {
      if (!pkg.name.startsWith('python3-') || NOT_MODULES.test(pkg.name)) continue;
      modules.add(pkg.name.slice('python3-'.length).replaceAll('-', '_'));
      for (const extra of EXTRA_MODULES[pkg.name] ?? []) modules.add(extra);
    }
    return modules;
  }
}
