// How bash 5.2 finds and starts a command on the machine: a shell function, a builtin, a name it
// remembered in its hash table (used without checking, so after `mv /usr/bin/uwsgi …` it says
// `bash: /usr/bin/uwsgi: No such file or directory` until `hash -r` — real-output-shell.md §1.8),
// else the first executable on PATH (a non-executable one is kept as a last resort and fails with
// `Permission denied`). Then execve(2): a missing file, a directory, no x bit; a binary runs the
// program its file names; a `#!` script runs its interpreter; anything else bash reads as a shell
// script. Every command that is not a builtin is a process in the machine's table while it runs.

import { FsError } from '../gateway/fs.ts';
import type { CommandInvocation, CommandOutcome, CommandRunner } from './bash/command-runner.ts';
import { CommandLineReader } from './bash/command-line-reader.ts';
import { Executor } from './bash/executor.ts';
import { JobTable } from './bash/job-table.ts';
import { absolutePath, type ShellHost } from './bash/shell-host.ts';
import type { ShellState } from './bash/shell-state.ts';
import type { CommandRegistry } from './command-registry.ts';
import type { Machine } from './machine/machine.ts';
import type { ProcessHandle } from './machine/process-table.ts';
import type {
  ChildOptions,
  CommandDefinition,
  CommandKind,
  ProgramContext,
  SessionServices,
  ShellFunctions,
} from './program.ts';
import type { VfsStat } from './vfs/vfs.ts';

/** bash's reserved words (`type if` says `if is a shell keyword`). */
export const SHELL_KEYWORDS: ReadonlySet<string> = new Set([
  '!',
  '[[',
  ']]',
  'case',
  'coproc',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'function',
  'if',
  'in',
  'select',
  'then',
  'time',
  'until',
  'while',
  '{',
  '}',
]);

/** Linux's limit on nested `#!` interpreters (BINPRM_MAX_RECURSION). */
const MAX_INTERPRETER_DEPTH = 4;

type Resolution =
  | { readonly kind: 'builtin'; readonly definition: CommandDefinition }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'not-found' };

export interface MachineRunnerOptions {
  readonly machine: Machine;
  readonly registry: CommandRegistry;
  readonly functions: ShellFunctions;
  /** The interactive shell's pid (the parent of what it runs). */
  readonly shellPid: number;
}

export class MachineCommandRunner implements CommandRunner, SessionServices {
  readonly hashHits = new Map<string, number>();
  readonly functions: ShellFunctions;
  readonly #machine: Machine;
  readonly #registry: CommandRegistry;
  readonly #shellPid: number;
  /** The host this runner belongs to (set once the host exists): scripts run in child shells. */
  host: ShellHost | undefined;
  /** The PATH each shell's hash table was filled under (bash empties it when PATH is set). */
  readonly #hashedUnder = new WeakMap<ShellState, string | undefined>();
  /** The script being read and its line, for bash's `./x: line 3: …` messages. */
  #script: ScriptPosition | undefined;

  constructor(options: MachineRunnerOptions) {
    this.#machine = options.machine;
    this.#registry = options.registry;
    this.functions = options.functions;
    this.#shellPid = options.shellPid;
  }

  get definitions(): readonly CommandDefinition[] {
    return this.#registry.definitions;
  }

  async run(invocation: CommandInvocation): Promise<CommandOutcome> {
    const name = invocation.argv[0] ?? '';
    const resolution = this.#resolve(name, invocation);
    switch (resolution.kind) {
      case 'not-found':
        invocation.stderr.write(this.#notFound(name));
        return 127;
      case 'function':
        return this.functions.get(resolution.name)!.run(this.#context(invocation, undefined));
      case 'builtin':
        return resolution.definition.run(this.#context(invocation, undefined));
      case 'path':
        return this.#execute(resolution.path, invocation.argv, invocation, 0);
    }
  }

  /** What `type NAME` reports, in the order bash looks (no hashing happens). */
  lookup(
    name: string,
    env: ReadonlyMap<string, string>,
    hashed?: ReadonlyMap<string, string>,
  ): CommandKind {
    if (SHELL_KEYWORDS.has(name)) return { kind: 'keyword' };
    const fn = this.functions.get(name);
    if (fn !== undefined) return { kind: 'function', body: fn.text };
    if (this.#registry.builtin(name) !== undefined) return { kind: 'builtin' };
    if (name.includes('/'))
      return this.#executable(name) ? { kind: 'file', path: name } : { kind: 'not-found' };
    const remembered = hashed?.get(name);
    if (remembered !== undefined) return { kind: 'hashed', path: remembered };
    const found = this.#findInPath(name, env.get('PATH'), '/');
    return found === undefined ? { kind: 'not-found' } : { kind: 'file', path: found };
  }

  /** Every executable called `name` in the PATH's folders (`which -a`). */
  searchPath(name: string, path: string | undefined, cwd = '/'): string[] {
    const found: string[] = [];
    for (const dir of (path ?? '').split(':')) {
      const candidate = `${dir === '' ? '.' : dir}/${name}`.replace(/^\/\//, '/');
      if (this.#executable(absolutePath(cwd, candidate))) found.push(candidate);
    }
    return found;
  }

  async runChild(
    parent: ProgramContext,
    argv: readonly string[],
    options: ChildOptions = {},
  ): Promise<CommandOutcome | 'not-found'> {
    const env = options.env ?? parent.env;
    const name = argv[0] ?? '';
    const streams = options.streams ?? parent;
    const invocation: CommandInvocation = {
      argv,
      env: new Map(env),
      cwd: parent.cwd,
      stdin: streams.stdin,
      stdout: streams.stdout,
      stderr: streams.stderr,
      pid: this.#machine.pids.next(),
      signals: parent.signals,
      background: parent.background,
      shell: parent.shell,
    };
    let path: string | undefined = name;
    if (!name.includes('/')) {
      // execvp(3) without PATH searches glibc's default, /bin:/usr/bin
      path = this.#findInPath(name, env.get('PATH') ?? '/bin:/usr/bin', parent.cwd);
      if (path === undefined) return 'not-found';
    }
    return this.#execute(path, argv, invocation, 0, parent.pid);
  }

  #prefix(): string {
    const script = this.#script;
    if (script === undefined) return 'bash: ';
    if (script.style === 'dash') return `${script.name}: ${script.line}: `;
    return script.lines ? `${script.name}: line ${script.line}: ` : `${script.name}: `;
  }

  #notFound(name: string): string {
    return this.#script?.style === 'dash'
      ? `${this.#prefix()}${name}: not found\n`
      : `${this.#prefix()}${name}: command not found\n`;
  }

  #resolve(name: string, invocation: CommandInvocation): Resolution {
    if (name.includes('/')) return { kind: 'path', path: name };
    if (this.functions.get(name) !== undefined) return { kind: 'function', name };
    const builtin = this.#registry.builtin(name);
    if (builtin !== undefined) return { kind: 'builtin', definition: builtin };
    if (name === '') return { kind: 'not-found' };
    const state = invocation.shell.state;
    this.syncHash(state);
    const hashed = state.hashed.get(name);
    if (hashed !== undefined) {
      // bash trusts its table (checkhash is off by default)
      this.hashHits.set(name, (this.hashHits.get(name) ?? 0) + 1);
      return { kind: 'path', path: hashed };
    }
    const path = invocation.env.get('PATH') ?? state.variables.get('PATH');
    const found = this.#findInPath(name, path, invocation.cwd);
    if (found === undefined) return { kind: 'not-found' };
    // a PATH given only to this command (`PATH=… cmd`) is not remembered
    const temporary = invocation.env.get('PATH') !== state.variables.get('PATH');
    if (!temporary && found.startsWith('/')) {
      state.hashed.set(name, found);
      this.hashHits.set(name, 1);
    }
    return { kind: 'path', path: found };
  }

  /**
   * bash empties its hash table when PATH is assigned (sv_path). The assignment is seen here as a
   * changed value: `PATH=$PATH`, which bash also counts, keeps the table in the simulation.
   */
  syncHash(state: ShellState): void {
    const path = state.variables.get('PATH');
    if (!this.#hashedUnder.has(state)) {
      this.#hashedUnder.set(state, path);
      return;
    }
    if (this.#hashedUnder.get(state) === path) return;
    this.#hashedUnder.set(state, path);
    state.hashed.clear();
    this.hashHits.clear();
  }

  /** bash's find_user_command: the first executable; else the first file that is there. */
  #findInPath(name: string, path: string | undefined, cwd: string): string | undefined {
    let lastResort: string | undefined;
    for (const dir of (path ?? '').split(':')) {
      const candidate =
        dir === '' || dir === '.' ? `./${name}` : `${dir.replace(/\/+$/, '')}/${name}`;
      const stat = this.#machine.fs.tryStat(absolutePath(cwd, candidate));
      if (stat === undefined || stat.type === 'directory') continue;
      if (isExecutable(stat)) return candidate;
      lastResort ??= candidate;
    }
    return lastResort;
  }

  #executable(path: string): boolean {
    const stat = this.#machine.fs.tryStat(path);
    return stat !== undefined && stat.type !== 'directory' && isExecutable(stat);
  }

  /** execve(2) of `path` as bash reports its failures. */
  async #execute(
    path: string,
    argv: readonly string[],
    invocation: CommandInvocation,
    depth: number,
    parentPid: number = this.#shellPid,
  ): Promise<CommandOutcome> {
    const fs = this.#machine.fs;
    const absolute = absolutePath(invocation.cwd, path);
    const fail = (text: string, status: number): number => {
      invocation.stderr.write(`${this.#prefix()}${path}: ${text}\n`);
      return status;
    };
    let stat: VfsStat;
    try {
      stat = fs.stat(absolute);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      const texts: Partial<Record<string, string>> = {
        ENOTDIR: 'Not a directory',
        ELOOP: 'Too many levels of symbolic links',
      };
      return fail(
        texts[error.code] ?? 'No such file or directory',
        error.code === 'ENOENT' ? 127 : 126,
      );
    }
    if (stat.type === 'directory') return fail('Is a directory', 126);
    if (stat.kind !== 'file' || !isExecutable(stat)) return fail('Permission denied', 126);
    const program = stat.program === undefined ? undefined : this.#registry.program(stat.program);
    if (program !== undefined) {
      return this.#runProgram(program, absolute, argv, invocation, parentPid, path);
    }
    if (stat.program !== undefined) {
      const name = argv[0] ?? path;
      invocation.stderr.write(
        `${name.slice(name.lastIndexOf('/') + 1)}: this program is on the machine but not part of the simulation (uwsgi-lab)\n`,
      );
      return 126;
    }
    const text = fs.readText(absolute);
    if (text.startsWith('#!')) {
      const line = text.slice(2).split('\n')[0]!.trim();
      const cut = line.search(/[ \t]/);
      const interpreter = cut < 0 ? line : line.slice(0, cut);
      const argument = cut < 0 ? '' : line.slice(cut).trim();
      const interpreterStat = fs.tryStat(absolutePath(invocation.cwd, interpreter));
      if (interpreterStat === undefined || depth >= MAX_INTERPRETER_DEPTH) {
        // bash 5.2's words for ENOENT from execve when the file itself is there
        return fail('cannot execute: required file not found', 127);
      }
      const args = [interpreter, ...(argument === '' ? [] : [argument]), path, ...argv.slice(1)];
      return this.#execute(interpreter, args, invocation, depth + 1, parentPid);
    }
    // ENOEXEC: bash reads the file as a shell script in a child shell
    return this.#runScript(invocation, {
      name: path,
      text,
      args: argv.slice(1),
      style: 'bash',
      lines: true,
    });
  }

  /** Runs shell text in a child shell (bash FILE, sh -c, a script without `#!`). */
  runScript(parent: ProgramContext, script: ScriptRun): Promise<number> {
    const invocation: CommandInvocation = {
      argv: parent.argv,
      env: parent.env,
      cwd: parent.cwd,
      stdin: parent.stdin,
      stdout: parent.stdout,
      stderr: parent.stderr,
      pid: parent.pid,
      signals: parent.signals,
      background: parent.background,
      shell: parent.shell,
    };
    return this.#runScript(invocation, script);
  }

  async #runProgram(
    definition: CommandDefinition,
    executable: string,
    argv: readonly string[],
    invocation: CommandInvocation,
    parentPid: number,
    shownPath: string,
  ): Promise<CommandOutcome> {
    const pid = invocation.pid ?? this.#machine.pids.next();
    const env = new Map(invocation.env);
    // bash puts the command's full path in `_` (`env` shows `_=/usr/bin/env`); a program that
    // execs another (env, sudo) does not
    if (parentPid === this.#shellPid) {
      env.set('_', shownPath.startsWith('/') ? shownPath : absolutePath(invocation.cwd, shownPath));
    }
    const handle = this.#machine.processes.spawn({
      pid,
      ppid: parentPid,
      uid: 0,
      user: 'root',
      command: argv.join(' '),
      comm: executable.slice(executable.lastIndexOf('/') + 1).slice(0, 15),
      state: invocation.background ? 'R' : 'R+',
      tty: 'pts/0',
      vszKiB: 6000 + (argv.join(' ').length % 97) * 16,
      rssKiB: 2000 + (argv.join(' ').length % 89) * 8,
      onSignal: (signal) => invocation.signals.send(signal),
    });
    try {
      return await definition.run(
        this.#context({ ...invocation, env, pid }, executable, argv, handle),
      );
    } finally {
      handle.exit();
    }
  }

  /** Shell text run in a child shell: its own copy of the variables, its own line numbers. */
  async #runScript(invocation: CommandInvocation, script: ScriptRun): Promise<number> {
    const host = this.host;
    if (host === undefined) return 126;
    const { name: path, text } = script;
    const state = invocation.shell.state.subshell();
    state.positional = script.args;
    state.shellName = path;
    // the environment it was started with (sudo's, env's) is its variables
    for (const [variable, value] of invocation.env) {
      if (state.variables.get(variable) !== value) state.variables.export(variable, value);
    }
    const child = new Executor(host, state, new JobTable(), invocation.shell.history, {
      interactive: false,
      subshell: true,
    });
    const reader = new CommandLineReader(invocation.shell.history, { interactive: false });
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const streams = {
      stdin: invocation.stdin,
      stdout: invocation.stdout,
      stderr: invocation.stderr,
    };
    const outer = this.#script;
    let status = 0;
    let start = 1;
    try {
      for (let i = 0; i <= lines.length; i++) {
        const result = i < lines.length ? reader.read(lines[i]!) : reader.end();
        if (result.kind === 'more') continue;
        const line = start;
        start = i + 2;
        if (result.kind === 'empty' || result.kind === 'eof') continue;
        if (result.kind === 'error') {
          invocation.stderr.write(`${result.error.scriptMessage(path, result.source)}\n`);
          // a syntax error ends a script bash runs (unlike one sourced interactively)
          return 2;
        }
        this.#script = { name: path, line, style: script.style, lines: script.lines };
        const outcome = await child.run(result.program, streams);
        status = outcome.status;
        if (outcome.exit) break;
      }
    } finally {
      this.#script = outer;
    }
    return status;
  }

  #context(
    invocation: CommandInvocation,
    executable: string | undefined,
    argv = invocation.argv,
    process?: ProcessHandle,
  ): ProgramContext {
    const cwd = invocation.cwd;
    return {
      machine: this.#machine,
      argv,
      env: invocation.env,
      cwd,
      stdin: invocation.stdin,
      stdout: invocation.stdout,
      stderr: invocation.stderr,
      signals: invocation.signals,
      pid: invocation.pid,
      background: invocation.background,
      shell: invocation.shell,
      executable,
      session: this,
      resolve: (path) => absolutePath(cwd, path),
      terminal: invocation.stdout.terminal,
      process,
    };
  }
}

/** Where a running script is, for error messages. */
interface ScriptPosition {
  readonly name: string;
  readonly line: number;
  readonly style: 'bash' | 'dash';
  /** bash says `line N:` for a script file, not for `bash -c`. */
  readonly lines: boolean;
}

export interface ScriptRun {
  /** $0, and the name errors start with. */
  readonly name: string;
  readonly text: string;
  /** $1… */
  readonly args: readonly string[];
  /** Whose error words: bash's (`x: line 2: y: command not found`) or dash's (`x: 2: y: not found`). */
  readonly style: 'bash' | 'dash';
  readonly lines: boolean;
}

/** X_OK as root sees it: any x bit on a regular file. */
function isExecutable(stat: VfsStat): boolean {
  return stat.kind === 'file' && (stat.mode & 0o111) !== 0;
}
