// root's interactive bash on a machine: the bash core (ShellSession) joined to the machine's
// commands, files and processes, with the environment of a root login on Debian 12 — HOME=/root,
// LANG=C.UTF-8, Debian root's PATH, and the prompt Debian's /etc/bash.bashrc sets
// (`root@helloworld:~# `). Time moves on a little before each line, as while a person types. The
// browser terminal, `cli shell` and the tests all run this. Its state (variables, folder, history,
// functions, hash table) is plain data, saved beside the machine's.

import type { CommandStreams } from './bash/command-runner.ts';
import { History, type HistoryState } from './bash/history.ts';
import { ShellSession, type SessionStep } from './bash/shell-session.ts';
import { ShellState, type ShellStateData } from './bash/shell-state.ts';
import { ShellVariables } from './bash/variables.ts';
import { CommandRegistry } from './command-registry.ts';
import { builtinCommands } from './commands/index.ts';
import { MachineCommandRunner } from './machine-command-runner.ts';
import { MachineCompleter } from './machine-completer.ts';
import { MachineHost } from './machine-host.ts';
import type { Machine } from './machine/machine.ts';
import type { ProcessHandle } from './machine/process-table.ts';
import { SessionFunctions } from './shell-functions.ts';
import { deactivateFunction } from './venv-activation.ts';
import { JsonReader, SnapshotError } from './vfs/snapshot-error.ts';

export interface MachineShellOptions {
  /** The first prompt's folder. Default root's home. */
  readonly cwd?: string;
  /** The commands; default the built-in ones (commands/index.ts). */
  readonly registry?: CommandRegistry;
  /** How far the clock moves on before each line, in ms. Default 2000 (0: the lab's own clock). */
  readonly lineTimeMs?: number;
  /** TERM. Default xterm-256color (xterm.js). */
  readonly term?: string;
  /** A session saved with toJSON. */
  readonly saved?: MachineShellState;
}

export interface MachineShellState {
  readonly pid: number;
  readonly state: ShellStateData;
  readonly history: HistoryState;
  readonly functions: readonly string[];
  readonly hashHits: Readonly<Record<string, number>>;
}

/** ShellSession with the machine's clock: each line is typed a moment after the last. */
class MachineShellSession extends ShellSession {
  lineTimeMs = 2000;
  machine: Machine | undefined;

  override submit(line: string, streams: CommandStreams): Promise<SessionStep> {
    this.machine?.clock.advance(this.lineTimeMs);
    return super.submit(line, streams);
  }
}

export class MachineShell {
  readonly machine: Machine;
  readonly session: ShellSession;
  readonly host: MachineHost;
  readonly runner: MachineCommandRunner;
  readonly completer: MachineCompleter;
  readonly registry: CommandRegistry;
  readonly functions: SessionFunctions;
  readonly pid: number;
  readonly #process: ProcessHandle;

  constructor(machine: Machine, options: MachineShellOptions = {}) {
    this.machine = machine;
    this.registry = options.registry ?? new CommandRegistry(builtinCommands());
    this.functions = new SessionFunctions();
    const saved = options.saved;
    this.pid = saved?.pid ?? machine.pids.next();
    this.runner = new MachineCommandRunner({
      machine,
      registry: this.registry,
      functions: this.functions,
      shellPid: this.pid,
    });
    this.host = new MachineHost(machine, this.runner, this.pid);
    this.runner.host = this.host;
    const state =
      saved === undefined
        ? loginState(machine, options.cwd ?? '/root', options.term ?? 'xterm-256color')
        : ShellState.fromJSON(saved.state);
    const history = saved === undefined ? new History() : new History({}, saved.history);
    const session = new MachineShellSession(this.host, state, {
      user: machine.users.userById(0)?.name ?? 'root',
      uid: 0,
      hostname: machine.hostname,
      history,
      now: () => new Date(machine.clock.now()),
    });
    session.machine = machine;
    session.lineTimeMs = options.lineTimeMs ?? 2000;
    this.session = session;
    if (saved !== undefined) {
      for (const name of saved.functions) {
        if (name === 'deactivate') {
          this.functions.define(deactivateFunction(this.functions, this.runner.hashHits));
        }
      }
      for (const [name, hits] of Object.entries(saved.hashHits))
        this.runner.hashHits.set(name, hits);
    }
    this.completer = new MachineCompleter({
      machine,
      registry: this.registry,
      functions: this.functions,
      state: () => this.session.state,
    });
    this.#process = machine.processes.spawn({
      pid: this.pid,
      ppid: 1,
      uid: 0,
      user: 'root',
      command: 'bash',
      comm: 'bash',
      state: 'Ss',
      tty: 'pts/0',
      vszKiB: 7236,
      rssKiB: 4096,
    });
  }

  /** The shell has ended (`exit`): it leaves the process table. */
  close(): void {
    this.#process.exit();
  }

  toJSON(): MachineShellState {
    return {
      pid: this.pid,
      state: this.session.state.toJSON(),
      history: this.session.history.toJSON(),
      functions: this.functions.names(),
      hashHits: Object.fromEntries(this.runner.hashHits),
    };
  }
}

/** Reads a saved session (a SnapshotError when it is not one). */
export function readMachineShellState(value: unknown): MachineShellState {
  const r = new JsonReader(value, '$.shell');
  r.object();
  const state = r.field('state');
  state.object();
  const variables = state.field('variables').object();
  for (const [name, entry] of Object.entries(variables)) {
    const e = new JsonReader(entry, `$.shell.state.variables.${name}`);
    e.object();
    if (e.has('value')) e.field('value').string();
    e.field('exported').boolean();
  }
  const history = r.field('history');
  for (const entry of history.field('entries').array()) entry.string();
  history.field('base').number({ integer: true, min: 1 });
  const hashed = state.optional('hashed', (h) => h.object()) ?? {};
  for (const key of Object.keys(hashed)) state.field('hashed').field(key).string();
  const hashHits = r.field('hashHits').object();
  for (const key of Object.keys(hashHits)) r.field('hashHits').field(key).number({ integer: true });
  const data = {
    pid: r.field('pid').number({ integer: true, min: 1 }),
    state: {
      variables: variables as ShellStateData['variables'],
      cwd: state.field('cwd').string(),
      lastStatus: state.field('lastStatus').number({ integer: true, min: 0 }),
      umask: state.optional('umask', (u) => u.number({ integer: true, min: 0 })) ?? 0o022,
      hashed: hashed as Readonly<Record<string, string>>,
    },
    history: history.value as HistoryState,
    functions: r
      .field('functions')
      .array()
      .map((f) => f.string()),
    hashHits: hashHits as Readonly<Record<string, number>>,
  };
  if (!data.state.cwd.startsWith('/')) {
    throw new SnapshotError('malformed', '$.shell.state.cwd', 'not an absolute path');
  }
  return data;
}

/** The variables of root's interactive shell after an ssh login to Debian 12. */
function loginState(machine: Machine, cwd: string, term: string): ShellState {
  const environment = machine.loginEnvironment(cwd, term);
  return new ShellState({
    variables: new ShellVariables(environment.exported, environment.shell),
    cwd,
  });
}
