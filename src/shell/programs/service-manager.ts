// systemd 252 as PID 1 of the machine, for the services the course runs: Debian's nginx.service
// (Type=forking: ExecStartPre `nginx -t -q`, ExecStart `nginx`, ExecReload `nginx -s reload`,
// ExecStop `start-stop-daemon --stop --retry QUIT/5`), the unit systemd-sysv-generator makes of
// /etc/init.d/uwsgi, and units the reader writes in /etc/systemd/system (lesson 08's
// uwsgi-helloworld.service: Type=notify, User=, Group=, RuntimeDirectory=, ExecStart=uwsgi …).
// Jobs start, stop, restart and reload them; the units' states, the processes they ran and the
// journal lines are what `systemctl status` shows.
//
// RECONSTRUCTED: the captures were made where systemd was not PID 1 (real-output-shell.md §6.2),
// so every text here — journal messages, job failure messages, `Created symlink …` — comes from
// systemd 252's sources (src/core/job.c, service.c, unit.c; src/systemctl) and Debian's units,
// not from a capture.

import { ROOT_CREDENTIALS, type Credentials } from '../../gateway/fs.ts';
import { credentialsFor } from '../../gateway/users.ts';
import type { SignalName } from '../bash/signals.ts';
import type { Machine } from '../machine/machine.ts';
import { runNginxCli } from './nginx-cli.ts';
import { nginxDaemons, type NginxDaemon } from './nginx-daemon.ts';
import { Journal, readJournal, type JournalEntry } from './systemd-journal.ts';
import {
  parseExec,
  parseUnitFile,
  unitValue,
  unitValues,
  type ExecCommand,
  type UnitFile,
} from './systemd-unit-file.ts';
import { startUwsgiInstance, uwsgiInstances, type UwsgiInstance } from './uwsgi-instance.ts';
import { uwsgiBuildOf } from './uwsgi-binary.ts';

export const SYSTEMD_PROGRAM = 'systemd';

/** Where the units are looked for, in systemd's order (/etc first). */
const UNIT_DIRECTORIES = ['/etc/systemd/system', '/lib/systemd/system'] as const;

/** systemd's DefaultTasksMax: 15% of the kernel's threads-max of the captured machine. */
export const TASKS_LIMIT = 28909;

export type ExecKind = 'ExecStartPre' | 'ExecStart' | 'ExecReload' | 'ExecStop';

export interface ExecRecord {
  readonly kind: ExecKind;
  readonly pid: number;
  readonly shown: string;
  /** `code=exited, status=0/SUCCESS` as systemctl shows it. */
  readonly code: 'exited' | 'killed';
  readonly status: number;
}

export interface UnitRuntime {
  active: 'active' | 'inactive' | 'failed';
  sub: 'running' | 'exited' | 'dead' | 'failed';
  result: 'success' | 'exit-code' | 'signal' | 'timeout';
  /** When it entered its current state. */
  since: number | undefined;
  /** When it last became active (for `Duration:`). */
  activeSince: number | undefined;
  mainPid: number | undefined;
  /** How the main process ended, once it has. */
  mainExit: { readonly code: 'exited' | 'killed'; readonly status: number } | undefined;
  execs: ExecRecord[];
  cpuMs: number;
}

/** A unit as systemd loaded it. */
export interface LoadedUnit {
  readonly name: string;
  /** What `Loaded:` names: the unit file, or the init script it was generated from. */
  readonly path: string;
  readonly generated: boolean;
  readonly file: UnitFile;
  readonly description: string;
}

export type JobOutcome =
  | { readonly ok: true; readonly lines: readonly string[] }
  | { readonly ok: false; readonly lines: readonly string[]; readonly status: number };

interface SavedState {
  readonly units: Readonly<Record<string, UnitRuntime>>;
  readonly journal: readonly JournalEntry[];
  readonly loaded: Readonly<Record<string, string>>;
}

const managers = new WeakMap<Machine, ServiceManager>();

/** The machine's systemd (made on first use, or from its saved state). */
export function serviceManager(machine: Machine): ServiceManager {
  let manager = managers.get(machine);
  if (manager === undefined) {
    manager = new ServiceManager(machine);
    managers.set(machine, manager);
  }
  return manager;
}

/** systemd's state on a loaded machine (before the services' own processes are resumed). */
export function resumeSystemd(machine: Machine, data: unknown): void {
  const manager = new ServiceManager(machine, data);
  managers.set(machine, manager);
}

/** `nginx` → `nginx.service`. */
export function unitName(name: string): string {
  return /\.(service|socket|target|timer|mount|path)$/.test(name) ? name : `${name}.service`;
}

export class ServiceManager {
  readonly journal: Journal;
  readonly #machine: Machine;
  readonly #units = new Map<string, UnitRuntime>();
  /** The unit files' texts as last loaded (daemon-reload loads them again). */
  readonly #loaded = new Map<string, string>();
  /** Units a job is stopping: their main process ending is that job's, not news. */
  readonly #stopping = new Set<string>();
  /** Main pids systemd listens to (SIGCHLD). */
  readonly #watched = new Set<number>();

  constructor(machine: Machine, saved?: unknown) {
    this.#machine = machine;
    const state = readSaved(saved);
    this.journal = readJournal(state?.journal);
    for (const [name, runtime] of Object.entries(state?.units ?? {}))
      this.#units.set(name, runtime);
    for (const [name, text] of Object.entries(state?.loaded ?? {})) this.#loaded.set(name, text);
    this.#save();
  }

  // ------------------------------------------------------------------ units

  /** The unit as systemd has it loaded; undefined when there is no such unit. */
  unit(name: string): LoadedUnit | undefined {
    const full = unitName(name);
    const found = this.#find(full);
    if (found === undefined) return undefined;
    const loadedText = this.#loaded.get(full);
    const text = loadedText ?? found.text;
    if (loadedText === undefined) this.#loaded.set(full, found.text);
    const file = parseUnitFile(found.path, text);
    return {
      name: full,
      path: found.path,
      generated: found.generated,
      file,
      description: unitValue(file, 'Unit.Description') ?? full,
    };
  }

  /** The unit file changed on disk since systemd loaded it (systemctl warns). */
  changedOnDisk(name: string): boolean {
    const full = unitName(name);
    const found = this.#find(full);
    const loaded = this.#loaded.get(full);
    return found !== undefined && loaded !== undefined && loaded !== found.text;
  }

  /** `systemctl daemon-reload`: unit files are read again. */
  daemonReload(): void {
    this.#loaded.clear();
    this.#save();
  }

  runtime(name: string): UnitRuntime {
    const full = unitName(name);
    let state = this.#units.get(full);
    if (state === undefined) {
      state = {
        active: 'inactive',
        sub: 'dead',
        result: 'success',
        since: undefined,
        activeSince: undefined,
        mainPid: undefined,
        mainExit: undefined,
        execs: [],
        cpuMs: 0,
      };
      this.#units.set(full, state);
    }
    this.#refresh(full, state);
    return state;
  }

  /** Enabled: a link in a .wants folder of /etc/systemd/system points at it. */
  enablement(name: string): 'enabled' | 'disabled' | 'static' | 'generated' {
    const unit = this.unit(name);
    if (unit === undefined) return 'disabled';
    if (unit.generated) return 'generated';
    const wanted = unitValues(unit.file, 'Install.WantedBy');
    if (wanted.length === 0) return 'static';
    for (const target of wanted.flatMap((w) => w.split(/\s+/))) {
      if (this.#machine.fs.lexists(`/etc/systemd/system/${target}.wants/${unit.name}`))
        return 'enabled';
    }
    return 'disabled';
  }

  /** The processes of a unit's control group: its main process and what it started. */
  cgroup(name: string): { pid: number; command: string; comm: string; rssKiB: number }[] {
    const state = this.runtime(name);
    if (state.mainPid === undefined || state.active !== 'active') return [];
    const all = this.#machine.processes.list();
    const members = new Set<number>([state.mainPid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const info of all) {
        if (!members.has(info.pid) && members.has(info.ppid)) {
          members.add(info.pid);
          grew = true;
        }
      }
    }
    return all
      .filter((info) => members.has(info.pid))
      .map((info) => ({
        pid: info.pid,
        command: info.command,
        comm: info.comm,
        rssKiB: info.rssKiB,
      }));
  }

  // ------------------------------------------------------------------ jobs

  start(name: string): JobOutcome {
    const unit = this.unit(name);
    if (unit === undefined) return notFound('start', name);
    const state = this.runtime(unit.name);
    if (state.active === 'active') return { ok: true, lines: [] };
    return this.#start(unit, state);
  }

  stop(name: string): JobOutcome {
    const unit = this.unit(name);
    // a unit that does not exist is not loaded either (systemd 252: `Unit X not loaded.`)
    if (unit === undefined) {
      const full = unitName(name);
      return { ok: false, status: 5, lines: [`Failed to stop ${full}: Unit ${full} not loaded.`] };
    }
    const state = this.runtime(unit.name);
    if (state.active !== 'active') {
      // stopping a failed unit resets it to inactive
      if (state.active === 'failed') {
        state.active = 'inactive';
        state.sub = 'dead';
        this.#save();
      }
      return { ok: true, lines: [] };
    }
    this.#stop(unit, state);
    return { ok: true, lines: [] };
  }

  restart(name: string): JobOutcome {
    const unit = this.unit(name);
    if (unit === undefined) return notFound('restart', name);
    const state = this.runtime(unit.name);
    if (state.active === 'active') this.#stop(unit, state);
    return this.#start(unit, state);
  }

  reload(name: string): JobOutcome {
    const unit = this.unit(name);
    if (unit === undefined) return notFound('reload', name);
    const commands = unitValues(unit.file, 'Service.ExecReload').map(parseExec);
    if (commands.length === 0)
      return {
        ok: false,
        status: 1,
        lines: [
          `Failed to reload ${unit.name}: Job type reload is not applicable for unit ${unit.name}.`,
        ],
      };
    const state = this.runtime(unit.name);
    if (state.active !== 'active')
      return {
        ok: false,
        status: 1,
        lines: [`${unit.name} is not active, cannot reload.`],
      };
    this.#log(unit.name, `Reloading ${this.#described(unit)}...`);
    for (const command of commands) {
      const record = this.#exec(unit, 'ExecReload', command);
      if (record.status !== 0 && !command.ignoreFailure) {
        this.#log(
          unit.name,
          `${unit.name}: Control process exited, code=exited, status=${exitStatusText(record.status)}`,
          4,
        );
        this.#log(unit.name, `Reload failed for ${this.#described(unit)}.`, 3);
        this.#save();
        return {
          ok: false,
          status: 1,
          lines: [
            `Job for ${unit.name} failed.`,
            `See "systemctl status ${unit.name}" and "journalctl -xeu ${unit.name}" for details.`,
          ],
        };
      }
    }
    this.#log(unit.name, `Reloaded ${this.#described(unit)}.`);
    this.#save();
    return { ok: true, lines: [] };
  }

  /** `systemctl enable`: the [Install] links; what systemctl prints. */
  enable(name: string): JobOutcome {
    const unit = this.unit(name);
    if (unit === undefined)
      return {
        ok: false,
        status: 1,
        lines: [`Failed to enable unit: Unit file ${unitName(name)} does not exist.`],
      };
    const lines = this.#sysvSync(unit, 'enable');
    const wanted = unitValues(unit.file, 'Install.WantedBy').flatMap((w) => w.split(/\s+/));
    if (wanted.length === 0 && !unit.generated && lines.length === 0)
      return { ok: true, lines: [...STATIC_NOTICE] };
    const fs = this.#machine.fs;
    for (const target of wanted) {
      const dir = `/etc/systemd/system/${target}.wants`;
      const link = `${dir}/${unit.name}`;
      if (fs.lexists(link)) continue;
      fs.mkdirs(dir);
      fs.symlink(unit.path, link);
      lines.push(`Created symlink ${link} → ${unit.path}.`);
    }
    this.#save();
    return { ok: true, lines };
  }

  disable(name: string): JobOutcome {
    const unit = this.unit(name);
    if (unit === undefined)
      return {
        ok: false,
        status: 1,
        lines: [`Failed to disable unit: Unit file ${unitName(name)} does not exist.`],
      };
    const lines = this.#sysvSync(unit, 'disable');
    const fs = this.#machine.fs;
    for (const target of unitValues(unit.file, 'Install.WantedBy').flatMap((w) => w.split(/\s+/))) {
      const link = `/etc/systemd/system/${target}.wants/${unit.name}`;
      if (!fs.lexists(link)) continue;
      fs.unlink(link);
      lines.push(`Removed "${link}".`);
    }
    return { ok: true, lines };
  }

  /** A signal from outside (`kill`) ended a unit's main process: systemd notices. */
  toJSON(): SavedState {
    return {
      units: Object.fromEntries(this.#units),
      journal: this.journal.toJSON(),
      loaded: Object.fromEntries(this.#loaded),
    };
  }

  // ------------------------------------------------------------------ inside

  #find(name: string): { path: string; text: string; generated: boolean } | undefined {
    const fs = this.#machine.fs;
    for (const dir of UNIT_DIRECTORIES) {
      const path = `${dir}/${name}`;
      const stat = fs.tryStat(path);
      if (stat?.type === 'file') return { path, text: fs.readText(path), generated: false };
    }
    // systemd-sysv-generator: an init script without a native unit becomes one
    const script = `/etc/init.d/${name.replace(/\.service$/, '')}`;
    if (name.endsWith('.service') && fs.tryStat(script)?.type === 'file') {
      const text = fs.readText(script);
      const short = /^# Short-Description:\s*(.*)$/m.exec(text)?.[1]?.trim() ?? '';
      return {
        path: script,
        generated: true,
        text: `[Unit]\nDescription=LSB: ${short}\nSourcePath=${script}\n\n[Service]\nType=forking\nRemainAfterExit=yes\nExecStart=${script} start\nExecStop=${script} stop\nExecReload=${script} reload\n`,
      };
    }
    return undefined;
  }

  #described(unit: LoadedUnit): string {
    return unit.description === unit.name ? unit.name : `${unit.name} - ${unit.description}`;
  }

  #log(unit: string, message: string, priority = 6, ident = 'systemd', pid = 1): void {
    this.journal.add({ ms: this.#machine.clock.now(), unit, ident, pid, message, priority });
  }

  #save(): void {
    this.#machine.processes.setResume(1, { program: SYSTEMD_PROGRAM, data: this.toJSON() });
  }

  // a unit whose main process ended while systemd was not looking (kill, nginx -s stop)
  #refresh(name: string, state: UnitRuntime): void {
    if (state.active !== 'active' || state.sub !== 'running' || state.mainPid === undefined) return;
    if (this.#stopping.has(name)) return;
    if (!this.#mainRunning(state.mainPid)) {
      this.#mainEnded(name, state, { code: 'exited', status: 0 });
      return;
    }
    if (!this.#watched.has(state.mainPid)) this.#watchMain(name, state);
  }

  #mainRunning(pid: number): boolean {
    return this.#machine.processes.byPid(pid) !== undefined;
  }

  #mainEnded(
    name: string,
    state: UnitRuntime,
    how: { readonly code: 'exited' | 'killed'; readonly status: number },
  ): void {
    state.mainExit = how;
    const clean =
      (how.code === 'exited' && how.status === 0) ||
      (how.code === 'killed' && [1, 2, 13, 15].includes(how.status));
    if (!clean) {
      this.#log(
        name,
        `${name}: Main process exited, code=${how.code}, status=${how.code === 'killed' ? signalStatusText(how.status) : exitStatusText(how.status)}`,
        how.code === 'killed' ? 5 : 4,
      );
      this.#log(
        name,
        `${name}: Failed with result '${how.code === 'killed' ? 'signal' : 'exit-code'}'.`,
        4,
      );
      this.#enter(state, 'failed', 'failed', how.code === 'killed' ? 'signal' : 'exit-code');
    } else {
      // service_enter_running → service_enter_stop: a clean exit still runs ExecStop= (nginx's
      // start-stop-daemon then finds no pid file: status=1/FAILURE, ignored for its `-`)
      const unit = this.unit(name);
      if (unit !== undefined) {
        this.#stopping.add(name);
        try {
          for (const command of unitValues(unit.file, 'Service.ExecStop').map(parseExec))
            this.#exec(unit, 'ExecStop', command);
        } finally {
          this.#stopping.delete(name);
        }
      }
      this.#log(name, `${name}: Deactivated successfully.`);
      this.#enter(state, 'inactive', 'dead', 'success');
    }
    this.#save();
  }

  #enter(
    state: UnitRuntime,
    active: UnitRuntime['active'],
    sub: UnitRuntime['sub'],
    result: UnitRuntime['result'],
  ): void {
    state.active = active;
    state.sub = sub;
    state.result = result;
    state.since = this.#machine.clock.now();
    if (active === 'active') state.activeSince = state.since;
  }

  #start(unit: LoadedUnit, state: UnitRuntime): JobOutcome {
    const name = unit.name;
    state.execs = [];
    state.mainPid = undefined;
    state.mainExit = undefined;
    this.#log(name, `Starting ${this.#described(unit)}...`);
    const fail = (result: UnitRuntime['result']): JobOutcome => {
      this.#log(name, `${name}: Failed with result '${result}'.`, 4);
      this.#log(name, `Failed to start ${this.#described(unit)}.`, 3);
      this.#enter(state, 'failed', 'failed', result);
      this.#save();
      // src/systemctl/systemctl-util.c: the words for the unit's Result (the same whether the
      // control process or the main process failed)
      const why =
        result === 'exit-code'
          ? 'the control process exited with error code'
          : result === 'timeout'
            ? 'a timeout was exceeded'
            : 'a fatal signal was delivered to the control process';
      return {
        ok: false,
        status: 1,
        lines: [
          `Job for ${name} failed because ${why}.`,
          `See "systemctl status ${name}" and "journalctl -xeu ${name}" for details.`,
        ],
      };
    };
    // RuntimeDirectory=: made (owned by User/Group, 0755) before anything runs
    const credentials = this.#credentials(unit);
    for (const dir of unitValues(unit.file, 'Service.RuntimeDirectory').flatMap((v) =>
      v.split(/\s+/),
    )) {
      const path = `/run/${dir}`;
      this.#machine.fs.mkdirs(path, { mode: 0o755 });
      this.#machine.fs.chown(path, credentials.uid, credentials.gid);
    }
    for (const command of unitValues(unit.file, 'Service.ExecStartPre').map(parseExec)) {
      const record = this.#exec(unit, 'ExecStartPre', command);
      if (record.status !== 0 && !command.ignoreFailure) {
        this.#log(
          name,
          `${name}: Control process exited, code=exited, status=${exitStatusText(record.status)}`,
          4,
        );
        return fail('exit-code');
      }
    }
    const type = unitValue(unit.file, 'Service.Type') ?? 'simple';
    const start = unitValues(unit.file, 'Service.ExecStart').map(parseExec)[0];
    if (start === undefined) {
      this.#log(
        name,
        `${name}: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.`,
        3,
      );
      return fail('exit-code');
    }
    const record = this.#exec(unit, 'ExecStart', start);
    if (unit.generated) {
      this.#enter(state, 'active', 'exited', 'success');
      this.#log(name, `Started ${this.#described(unit)}.`);
      this.#save();
      return { ok: true, lines: [] };
    }
    if (type === 'forking') {
      if (record.status !== 0) {
        this.#log(
          name,
          `${name}: Control process exited, code=exited, status=${exitStatusText(record.status)}`,
          4,
        );
        return fail('exit-code');
      }
      state.mainPid = this.#pidFromFile(unit) ?? record.daemonPid;
    } else {
      if (record.mainPid === undefined) {
        // the main process could not start, or exited before it was ready
        state.mainPid = record.pid;
        state.mainExit = { code: 'exited', status: record.status };
        this.#log(
          name,
          `${name}: Main process exited, code=exited, status=${exitStatusText(record.status)}`,
          4,
        );
        return fail('exit-code');
      }
      state.mainPid = record.mainPid;
    }
    this.#enter(state, 'active', 'running', 'success');
    this.#log(name, `Started ${this.#described(unit)}.`);
    this.#watchMain(name, state);
    this.#save();
    return { ok: true, lines: [] };
  }

  #stop(unit: LoadedUnit, state: UnitRuntime): void {
    this.#stopping.add(unit.name);
    try {
      this.#stopUnit(unit, state);
    } finally {
      this.#stopping.delete(unit.name);
    }
  }

  #stopUnit(unit: LoadedUnit, state: UnitRuntime): void {
    const name = unit.name;
    this.#log(name, `Stopping ${this.#described(unit)}...`);
    const main = state.mainPid;
    const stopping = { done: false };
    for (const command of unitValues(unit.file, 'Service.ExecStop').map(parseExec))
      this.#exec(unit, 'ExecStop', command);
    if (unit.generated) {
      this.#enter(state, 'inactive', 'dead', 'success');
      this.#log(name, `${name}: Deactivated successfully.`);
      this.#log(name, `Stopped ${this.#described(unit)}.`);
      this.#save();
      return;
    }
    let how: { code: 'exited' | 'killed'; status: number } = { code: 'exited', status: 0 };
    if (main !== undefined && this.#mainRunning(main)) {
      // KillSignal= (SIGTERM) to the main process
      const killSignal = (unitValue(unit.file, 'Service.KillSignal') ?? 'SIGTERM').replace(
        /^(?!SIG)/,
        'SIG',
      ) as SignalName;
      const exit = this.#signalMain(main, killSignal);
      if (exit !== undefined) how = exit;
      else if (this.#mainRunning(main)) {
        // still there after TimeoutStopSec: SIGKILL
        const timeout = Number(unitValue(unit.file, 'Service.TimeoutStopSec') ?? '90');
        this.#machine.clock.advance((Number.isFinite(timeout) ? timeout : 90) * 1000);
        this.#log(name, `${name}: State 'stop-sigterm' timed out. Killing.`, 4);
        const comm = this.#machine.processes.byPid(main)?.comm ?? 'uwsgi';
        this.#log(name, `${name}: Killing process ${main} (${comm}) with signal SIGKILL.`, 4);
        this.#signalMain(main, 'SIGKILL');
        how = { code: 'killed', status: 9 };
        stopping.done = true;
      }
    }
    state.mainExit = main === undefined ? undefined : how;
    if (stopping.done || (how.code === 'exited' && how.status !== 0)) {
      if (how.code === 'exited')
        this.#log(
          name,
          `${name}: Main process exited, code=exited, status=${exitStatusText(how.status)}`,
          4,
        );
      else
        this.#log(
          name,
          `${name}: Main process exited, code=killed, status=${signalStatusText(how.status)}`,
          5,
        );
      const result = stopping.done ? 'timeout' : 'exit-code';
      this.#log(name, `${name}: Failed with result '${result}'.`, 4);
      this.#log(name, `Stopped ${this.#described(unit)}.`);
      this.#enter(state, 'failed', 'failed', result);
    } else {
      this.#log(name, `${name}: Deactivated successfully.`);
      this.#log(name, `Stopped ${this.#described(unit)}.`);
      this.#enter(state, 'inactive', 'dead', 'success');
    }
    this.#save();
  }

  // a signal to a unit's main process; how it ended, if it did
  #signalMain(
    pid: number,
    signal: SignalName,
  ): { code: 'exited' | 'killed'; status: number } | undefined {
    const uwsgi = uwsgiInstances(this.#machine).find((instance) => instance.pid === pid);
    if (uwsgi !== undefined) {
      uwsgi.signal(signal);
      if (uwsgi.running) return undefined;
      return signal === 'SIGKILL'
        ? { code: 'killed', status: 9 }
        : { code: 'exited', status: uwsgi.exitStatus ?? 0 };
    }
    this.#machine.processes.signal(pid, signal);
    if (this.#mainRunning(pid)) return undefined;
    return signal === 'SIGKILL' ? { code: 'killed', status: 9 } : { code: 'exited', status: 0 };
  }

  #watchMain(name: string, state: UnitRuntime): void {
    const pid = state.mainPid;
    if (pid === undefined || this.#watched.has(pid)) return;
    this.#watched.add(pid);
    const ended = (how: { code: 'exited' | 'killed'; status: number }): void => {
      this.#watched.delete(pid);
      if (state.mainPid !== pid || state.active !== 'active' || this.#stopping.has(name)) return;
      this.#mainEnded(name, state, how);
    };
    const uwsgi: UwsgiInstance | undefined = uwsgiInstances(this.#machine).find(
      (instance) => instance.pid === pid,
    );
    uwsgi?.onExit((status) =>
      ended(status === 137 ? { code: 'killed', status: 9 } : { code: 'exited', status }),
    );
    const nginx: NginxDaemon | undefined = nginxDaemons(this.#machine).find(
      (daemon) => daemon.pid === pid,
    );
    nginx?.onExit(() => ended({ code: 'exited', status: 0 }));
  }

  #pidFromFile(unit: LoadedUnit): number | undefined {
    const file = unitValue(unit.file, 'Service.PIDFile');
    if (file === undefined) return undefined;
    const text =
      this.#machine.fs.tryStat(file) === undefined ? '' : this.#machine.fs.readText(file);
    const pid = Number.parseInt(text, 10);
    return Number.isInteger(pid) ? pid : undefined;
  }

  #credentials(unit: LoadedUnit): Credentials {
    const users = this.#machine.users;
    const userName = unitValue(unit.file, 'Service.User');
    const groupName = unitValue(unit.file, 'Service.Group');
    const user = userName === undefined ? undefined : users.userByName(userName);
    const gid =
      (groupName === undefined ? undefined : users.groupByName(groupName)?.gid) ?? user?.gid ?? 0;
    if (user === undefined) return { ...ROOT_CREDENTIALS, gid, groups: [gid] };
    return credentialsFor(users, user, gid);
  }

  // one command of the unit, run as systemd runs it (its own pid; output to the journal)
  #exec(
    unit: LoadedUnit,
    kind: ExecKind,
    command: ExecCommand,
  ): { status: number; pid: number; mainPid?: number; daemonPid?: number } {
    const machine = this.#machine;
    const pid = machine.pids.next();
    const path = command.argv[0] ?? '';
    const name = unit.name;
    const journal = (ident: string, text: string): void => {
      for (const line of text.split('\n')) if (line !== '') this.#log(name, line, 6, ident, pid);
    };
    const state = this.runtime(name);
    const recordExec = (status: number): void => {
      state.execs.push({ kind, pid, shown: command.shown, code: 'exited', status });
    };
    const stat = machine.fs.tryStat(path);
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (unit.generated) {
      // the LSB script: nginx has its own unit; for uwsgi's, its apps in /etc/uwsgi/apps-enabled
      journal(base, sysvUwsgiMessage(machine, command.argv[1] ?? ''));
      if (kind !== 'ExecStart') recordExec(0);
      return { status: 0, pid };
    }
    if (stat === undefined || stat.type !== 'file') {
      this.#log(name, `${name}: Failed to locate executable ${path}: No such file or directory`, 3);
      this.#log(
        name,
        `${name}: Failed at step EXEC spawning ${path}: No such file or directory`,
        3,
        base,
        pid,
      );
      if (kind !== 'ExecStart') recordExec(203);
      return { status: 203, pid };
    }
    if (stat.program === '/usr/sbin/nginx') {
      const result = runNginxCli(machine, command.argv, pid, name);
      journal('nginx', result.stderr + result.stdout);
      if (kind !== 'ExecStart' || unitValue(unit.file, 'Service.Type') === 'forking')
        recordExec(result.status);
      return {
        status: result.status,
        pid,
        ...(result.daemon === undefined ? {} : { daemonPid: result.daemon.pid }),
      };
    }
    if (base === 'start-stop-daemon') {
      // `--stop --retry QUIT/5 --pidfile FILE`: the first signal of the schedule to the pid in FILE
      const args = command.argv;
      const file = args[args.indexOf('--pidfile') + 1];
      const retry = args[args.indexOf('--retry') + 1] ?? 'TERM';
      const signal = `SIG${retry.split('/')[0] ?? 'TERM'}` as SignalName;
      const target = file === undefined ? undefined : this.#pidOf(file);
      const status =
        target !== undefined && machine.processes.signal(target, signal) === 'delivered' ? 0 : 1;
      recordExec(status);
      return { status, pid };
    }
    const build = uwsgiBuildOf(machine, path);
    if (build !== undefined) {
      const instance = startUwsgiInstance(
        machine,
        {
          argv: command.argv,
          cwd: unitValue(unit.file, 'Service.WorkingDirectory') ?? '/',
          build,
          parentPid: 1,
          tty: '?',
          pids: [pid],
          credentials: this.#credentials(unit),
        },
        undefined,
        name,
      );
      const ident = base;
      for (const line of instance.process.output) this.#log(name, line, 6, ident, pid);
      instance.process.onOutput((line) => this.#log(name, line, 6, ident, pid));
      if (!instance.running) return { status: instance.exitStatus ?? 1, pid };
      return { status: 0, pid, mainPid: instance.pid };
    }
    this.#log(
      name,
      `uwsgi-lab: ${path} is not something the simulated systemd can run (it runs nginx and uWSGI)`,
      3,
      base,
      pid,
    );
    if (kind !== 'ExecStart') recordExec(1);
    return { status: 1, pid };
  }

  #pidOf(file: string): number | undefined {
    const fs = this.#machine.fs;
    if (fs.tryStat(file)?.type !== 'file') return undefined;
    const pid = Number.parseInt(fs.readText(file), 10);
    return Number.isInteger(pid) ? pid : undefined;
  }

  // systemctl enable/disable for a unit with an init script of the same name runs
  // systemd-sysv-install too (Debian's systemctl patch)
  #sysvSync(unit: LoadedUnit, verb: 'enable' | 'disable'): string[] {
    const base = unit.name.replace(/\.service$/, '');
    if (!this.#machine.fs.exists(`/etc/init.d/${base}`)) return [];
    return [
      `Synchronizing state of ${unit.name} with SysV service script with /lib/systemd/systemd-sysv-install.`,
      `Executing: /lib/systemd/systemd-sysv-install ${verb} ${base}`,
    ];
  }
}

/** What systemctl says when a unit with no [Install] section is enabled (systemd 252). */
const STATIC_NOTICE = [
  'The unit files have no installation config (WantedBy=, RequiredBy=, Also=,',
  'Alias= settings in the [Install] section, and DefaultInstance= for template',
  'units). This means they are not meant to be enabled or disabled using systemctl.',
  ' ',
  'Possible reasons for having this kind of units are:',
  "• A unit may be statically enabled by being symlinked from another unit's",
  '  .wants/ or .requires/ directory.',
  "• A unit's purpose may be to act as a helper for some other unit which has",
  '  a requirement dependency on it.',
  '• A unit may be started when needed via activation (socket, path, timer,',
  '  D-Bus, udev, scripted systemctl call, ...).',
  '• In case of template units, the unit is meant to be enabled with some',
  '  instance name specified.',
];

function notFound(verb: string, name: string): JobOutcome {
  const full = unitName(name);
  return {
    ok: false,
    status: 5,
    lines: [`Failed to ${verb} ${full}: Unit ${full} not found.`],
  };
}

/** systemd's names for exit statuses (src/basic/exit-status.c): `1/FAILURE`, `30/n/a`. */
export function exitStatusText(status: number): string {
  const names: Readonly<Record<number, string>> = {
    0: 'SUCCESS',
    1: 'FAILURE',
    2: 'INVALIDARGUMENT',
    3: 'NOTIMPLEMENTED',
    4: 'NOPERMISSION',
    5: 'NOTINSTALLED',
    6: 'NOTCONFIGURED',
    7: 'NOTRUNNING',
    200: 'CHDIR',
    203: 'EXEC',
    217: 'USER',
  };
  return `${status}/${names[status] ?? 'n/a'}`;
}

export function signalStatusText(signal: number): string {
  const names: Readonly<Record<number, string>> = {
    1: 'HUP',
    2: 'INT',
    3: 'QUIT',
    6: 'ABRT',
    9: 'KILL',
    15: 'TERM',
  };
  return `${signal}/${names[signal] ?? 'n/a'}`;
}

// /etc/init.d/uwsgi start|stop under systemd: with no file in /etc/uwsgi/apps-enabled it starts
// nothing (the init script's own words, from Debian's /usr/share/uwsgi/init/do_command)
function sysvUwsgiMessage(machine: Machine, verb: string): string {
  const fs = machine.fs;
  const enabled =
    fs.tryStat('/etc/uwsgi/apps-enabled')?.type === 'directory'
      ? fs
          .readDir('/etc/uwsgi/apps-enabled')
          .filter((name) => /\.(ini|xml|yaml|yml|json)$/i.test(name))
      : [];
  const what = verb === 'stop' ? 'Stopping' : verb === 'reload' ? 'Reloading' : 'Starting';
  if (enabled.length === 0)
    return `${what} app server(s): uwsgi (omitted; missing conffile(s) in /etc/uwsgi/apps-enabled).`;
  return `uwsgi-lab: the init script's instances from /etc/uwsgi/apps-enabled (${enabled.join(', ')}) are not simulated`;
}

function readSaved(value: unknown): SavedState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Record<keyof SavedState, unknown>>;
  const units: Record<string, UnitRuntime> = {};
  if (typeof v.units === 'object' && v.units !== null) {
    for (const [name, raw] of Object.entries(v.units as Record<string, unknown>)) {
      if (typeof raw !== 'object' || raw === null) continue;
      const r = raw as Partial<UnitRuntime>;
      if (r.active !== 'active' && r.active !== 'inactive' && r.active !== 'failed') continue;
      units[name] = {
        active: r.active,
        sub: r.sub ?? 'dead',
        result: r.result ?? 'success',
        since: typeof r.since === 'number' ? r.since : undefined,
        activeSince: typeof r.activeSince === 'number' ? r.activeSince : undefined,
        mainPid: typeof r.mainPid === 'number' ? r.mainPid : undefined,
        mainExit: r.mainExit,
        execs: Array.isArray(r.execs) ? r.execs : [],
        cpuMs: typeof r.cpuMs === 'number' ? r.cpuMs : 0,
      };
    }
  }
  const loaded: Record<string, string> = {};
  if (typeof v.loaded === 'object' && v.loaded !== null)
    for (const [name, text] of Object.entries(v.loaded as Record<string, unknown>))
      if (typeof text === 'string') loaded[name] = text;
  return { units, journal: Array.isArray(v.journal) ? v.journal : [], loaded };
}
