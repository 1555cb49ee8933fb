// A whole machine as plain JSON (the lab keeps it in localStorage): seed, host name, clock, the
// seeded sources' states, installed packages, the system's processes and the programs to resume,
// and the file system. Loading checks everything and fails only with a SnapshotError; a program
// that was running (nginx, uWSGI) is started again by the resumer its program layer registered,
// or is gone, as after a reboot (its socket file stays behind, stale).

import { JsonReader, SnapshotError } from '../vfs/snapshot-error.ts';
import { restoreVfs, snapshotVfs, type VfsSnapshot } from '../vfs/vfs-snapshot.ts';
import { MachineClock } from './machine-clock.ts';
import { Machine } from './machine.ts';
import { PackageDatabase, type InstalledPackage } from './package-database.ts';
import { PidCounter } from './pid-counter.ts';
import type { ProcessInfo, ResumeDescriptor } from './process-table.ts';
import { SeededPorts } from './seeded-ports.ts';
import { SeededRandom } from './seeded-random.ts';

export const MACHINE_SNAPSHOT_FORMAT = 'uwsgi-lab/machine';
export const MACHINE_SNAPSHOT_VERSION = 1;

export interface MachineSnapshot {
  readonly format: string;
  readonly version: number;
  readonly seed: number;
  readonly hostname: string;
  readonly clock: number;
  readonly nextPid: number;
  readonly random: number;
  readonly ports: number;
  /** `name version architecture` and ` auto` for automatically installed ones. */
  readonly packages: readonly string[];
  readonly processes: readonly ProcessInfo[];
  readonly resume: readonly ResumeDescriptor[];
  readonly fs: VfsSnapshot;
}

/** Starts a saved program again on the restored machine (registered per program name). */
export type ProgramResumer = (machine: Machine, data: unknown) => void;

export interface RestoreOptions {
  readonly resumers?: Readonly<Record<string, ProgramResumer>>;
}

export function snapshotMachine(machine: Machine): MachineSnapshot {
  const processes = machine.processes.toJSON();
  return {
    format: MACHINE_SNAPSHOT_FORMAT,
    version: MACHINE_SNAPSHOT_VERSION,
    seed: machine.seed,
    hostname: machine.hostname,
    clock: machine.clock.now(),
    nextPid: machine.pids.peek(),
    random: machine.random.state,
    ports: machine.ports.state,
    packages: machine.packages
      .list()
      .map((p) => `${p.name} ${p.version} ${p.architecture}${p.automatic ? ' auto' : ''}`),
    processes: processes.processes.map(processJson),
    resume: processes.resume,
    fs: snapshotVfs(machine.fs),
  };
}

/** The machine saved by snapshotMachine (from its JSON value, e.g. JSON.parse of the saved text). */
export function restoreMachine(value: unknown, options: RestoreOptions = {}): Machine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotError('not-a-snapshot', '$', 'expected an object');
  }
  const r = new JsonReader(value, '$');
  if (r.optional('format', (v) => v.string()) !== MACHINE_SNAPSHOT_FORMAT) {
    throw new SnapshotError('not-a-snapshot', '$.format', 'not a saved machine');
  }
  const version = r.field('version').number({ integer: true });
  if (version !== MACHINE_SNAPSHOT_VERSION) {
    throw new SnapshotError('unsupported-version', '$.version', `version ${version}`);
  }
  const packages: InstalledPackage[] = r
    .field('packages')
    .array()
    .map((item: JsonReader): InstalledPackage => {
      const [name, pkgVersion, architecture, auto, ...rest] = item.string().split(' ');
      if (
        name === undefined ||
        pkgVersion === undefined ||
        architecture === undefined ||
        rest.length > 0 ||
        (auto !== undefined && auto !== 'auto')
      ) {
        return item.fail('expected "name version architecture [auto]"');
      }
      return { name, version: pkgVersion, architecture, automatic: auto === 'auto' };
    });
  const processes = r.field('processes').array().map(readProcess);
  const resume = r
    .field('resume')
    .array()
    .map((item) => ({ program: item.field('program').string(), data: item.object()['data'] }));
  const fsValue = r.field('fs').value;
  const machine = new Machine({
    seed: r.field('seed').number({ integer: true }),
    hostname: r.field('hostname').string(),
    clock: new MachineClock(r.field('clock').number()),
    pids: new PidCounter(r.field('nextPid').number({ integer: true, min: 1 })),
    random: new SeededRandom(r.field('random').number({ integer: true, min: 0 })),
    ports: new SeededPorts(r.field('ports').number({ integer: true, min: 0 })),
    packages: new PackageDatabase(packages),
    fs: (clock) => restoreVfs(fsValue, { clock }, '$.fs'),
  });
  machine.processes.restore(processes);
  for (const descriptor of resume)
    options.resumers?.[descriptor.program]?.(machine, descriptor.data);
  return machine;
}

/** A process with its fields in one order, so that saving what was loaded gives the same text. */
function processJson(info: ProcessInfo): ProcessInfo {
  return {
    pid: info.pid,
    ppid: info.ppid,
    uid: info.uid,
    user: info.user,
    command: info.command,
    comm: info.comm,
    startMs: info.startMs,
    state: info.state,
    tty: info.tty,
    vszKiB: info.vszKiB,
    rssKiB: info.rssKiB,
    cpuMs: info.cpuMs,
  };
}

function readProcess(r: JsonReader): ProcessInfo {
  const int = (key: string): number => r.field(key).number({ integer: true, min: 0 });
  return {
    pid: int('pid'),
    ppid: int('ppid'),
    uid: int('uid'),
    user: r.field('user').string(),
    command: r.field('command').string(),
    comm: r.field('comm').string(),
    startMs: r.field('startMs').number(),
    state: r.field('state').string(),
    tty: r.field('tty').string(),
    vszKiB: int('vszKiB'),
    rssKiB: int('rssKiB'),
    cpuMs: int('cpuMs'),
  };
}
