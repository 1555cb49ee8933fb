// What a command of the simulated machine is and what it gets when it runs. A command is either a
// bash builtin (cd, echo, type…: found by name before PATH) or a program (ls, uwsgi, nginx…:
// found as an executable file whose `program` names it — the path its package installs it at).
// It runs with the machine, its argv, environment, working directory, standard streams and
// signals, and returns its exit status (or the signal that ended it).
//
// Adding a program (python3, pip, apt-get, uwsgi, nginx, curl, ps…): one file in commands/ that
// exports a CommandDefinition whose `programs` are the executables that are it (e.g.
// ['/usr/bin/uwsgi-core'] — every link to them, /usr/bin/uwsgi through the alternatives, runs
// it; a pip-installed binary gets its own id, e.g. `fs.writeFile(…, { program: 'pip:uwsgi' })`);
// register it in commands/index.ts (or pass a CommandRegistry to MachineShell). `run` gets a
// ProgramContext: `machine` (fs, users, net, clock, pids, processes, packages), `argv`, `env`,
// `cwd`, `stdin`/`stdout`/`stderr` (write as it goes: a foreground program streams its log; stdout
// has `terminal` when it is one), `signals` (subscribe to handle SIGINT/SIGTERM yourself; without
// a handler the default action ends the program), `pid` (already in machine.processes while it
// runs; a daemon that outlives it registers its own processes with processes.attach or spawn and
// a ResumeDescriptor), `session` (lookups, runChild, runScript) and `shell` (the shell's state).
// A program that runs until stopped returns `{ signal: await signals.whenKilled() }` or a status.
import type {
  CommandInvocation,
  CommandOutcome,
  InputSource,
  OutputSink,
  ShellAccess,
} from './bash/command-runner.ts';
import type { ShellState } from './bash/shell-state.ts';
import type { SignalChannel } from './bash/signals.ts';
import type { Machine } from './machine/machine.ts';
import type { ProcessHandle } from './machine/process-table.ts';

export interface ProgramContext {
  readonly machine: Machine;
  readonly argv: readonly string[];
  /** The environment (exported variables and `A=b cmd` assignments). */
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly stdin: InputSource;
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  readonly signals: SignalChannel;
  /** Its pid; undefined for a builtin run inside the shell's own process. */
  readonly pid: number | undefined;
  readonly background: boolean;
  /** The shell that runs it (its state is the shell's for builtins). */
  readonly shell: ShellAccess;
  /** The file executed (after PATH search), undefined for a builtin. */
  readonly executable: string | undefined;
  /** The shell's services beyond ShellAccess: command lookup, hash hits, functions, children. */
  readonly session: SessionServices;
  /** `path` made absolute against the working directory. */
  resolve(path: string): string;
  /** isatty(1): stdout is the terminal; its width for column output. */
  readonly terminal: { readonly columns: number } | undefined;
  /**
   * Its own entry in machine.processes (undefined for a builtin): a program that changes what
   * `ps` shows of it (uWSGI sleeping in accept(), a rewritten command line) updates it.
   */
  readonly process: ProcessHandle | undefined;
}

export type ProgramRun = (context: ProgramContext) => CommandOutcome | Promise<CommandOutcome>;

export interface CommandDefinition {
  /** The name it is typed as (`ls`, `source`). */
  readonly name: string;
  /** A bash builtin: runs in the shell, found before PATH, no pid of its own. */
  readonly builtin?: boolean;
  /**
   * The executables that are this program (their files' `program`): by default
   * `/usr/bin/NAME`. Several for one program (`/usr/bin/which.debianutils`, `/usr/bin/pip3`…).
   */
  readonly programs?: readonly string[];
  /** Options Tab completes after `-` (common ones, as bash-completion would offer). */
  readonly options?: readonly string[];
  readonly run: ProgramRun;
}

/** What `type` and `command -v` know of a name, in bash's order of lookup. */
export type CommandKind =
  | { readonly kind: 'keyword' }
  | { readonly kind: 'function'; readonly body: string }
  | { readonly kind: 'builtin' }
  | { readonly kind: 'hashed'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'not-found' };

/** How a child command ended, for sudo and env. */
export interface ChildOptions {
  readonly env?: ReadonlyMap<string, string>;
  readonly streams?: Pick<CommandInvocation, 'stdin' | 'stdout' | 'stderr'>;
}

export interface SessionServices {
  /** bash's lookup of a command name (`type`), with PATH from `env`. */
  lookup(
    name: string,
    env: ReadonlyMap<string, string>,
    hashed?: ReadonlyMap<string, string>,
  ): CommandKind;
  /** Every executable named `name` on PATH, in order (`which -a`, `type -a`). */
  searchPath(name: string, path: string | undefined, cwd?: string): string[];
  /** Empties bash's hash table if PATH changed since it was filled (call before reading it). */
  syncHash(state: ShellState): void;
  /** The hash table's hit counts (`hash`). */
  readonly hashHits: Map<string, number>;
  /** The shell functions defined (`deactivate` after a venv's activate). */
  readonly functions: ShellFunctions;
  /**
   * Runs argv as a child process of the caller (sudo, env): PATH lookup (from the child's
   * environment) without the hash; 'not-found' when no executable has that name (the caller
   * words its own error).
   */
  runChild(
    parent: ProgramContext,
    argv: readonly string[],
    options?: ChildOptions,
  ): Promise<CommandOutcome | 'not-found'>;
  /** Runs shell text in a child shell (`bash FILE`, `sh -c TEXT`); resolves with its status. */
  runScript(
    parent: ProgramContext,
    script: {
      readonly name: string;
      readonly text: string;
      readonly args: readonly string[];
      readonly style: 'bash' | 'dash';
      readonly lines: boolean;
    },
  ): Promise<number>;
  /** Every command the registry knows (help, man, completion). */
  readonly definitions: readonly CommandDefinition[];
}

export interface ShellFunction {
  readonly name: string;
  /** `type NAME` prints this after `NAME is a function`. */
  readonly text: string;
  readonly run: ProgramRun;
}

export interface ShellFunctions {
  get(name: string): ShellFunction | undefined;
  define(fn: ShellFunction): void;
  /** `unset -f NAME`. */
  remove(name: string): void;
  names(): string[];
}
