// Runs a parsed program as bash 5.2 does: list items one after another (`&` ones as background
// jobs, announced as `[1] 1234`), `&&`/`||` by status, pipelines with every member running at once
// and connected by pipes, redirections in order with bash's error texts, `$?` and `$!`. Commands
// go to the injected CommandRunner; `export`, `unset`, `exit` and assignments happen here.
//
// Ctrl-C (`interrupt`) sends SIGINT to the foreground pipeline. A member that dies of it makes
// bash print a newline and drop the rest of the line; one that handles it and exits (uWSGI exits
// with status 30) lets the line go on, as bash's "wait for the child" rule has it.

import { EXECUTOR_BUILTINS, runExit, runExport, runUnset, SHELL_BUILTINS } from './builtins.ts';
import type {
  CommandOutcome,
  CommandRunner,
  CommandStreams,
  InputSource,
  OutputSink,
  ShellAccess,
  SourceOptions,
} from './command-runner.ts';
import { CommandLineReader } from './command-line-reader.ts';
import type { History } from './history.ts';
import { JobTable, type JobProcess, type SignalTarget } from './job-table.ts';
import { Pipe } from './pipe.ts';
import { printAndOr } from './printer.ts';
import { ShellError } from './shell-error.ts';
import { absolutePath, FILE_ERROR_TEXTS, type ShellHost, type WritableFile } from './shell-host.ts';
import type { ShellState } from './shell-state.ts';
import { SIGNAL_DESCRIPTIONS, SIGNAL_NUMBERS, SignalChannel, type SignalName } from './signals.ts';
import type { AndOr, Pipeline, Program, Redirection, SimpleCommand, Word } from './syntax-tree.ts';
import { TextInput } from './text-input.ts';
import { WordExpander } from './word-expansion.ts';

export interface ExecutorOptions {
  /** An interactive shell announces background jobs and prints `exit`. Default true. */
  readonly interactive?: boolean;
  /** This executor runs a subshell (`$(...)`, a background list): `exit` ends only it. */
  readonly subshell?: boolean;
}

export interface ExecutionResult {
  /** The status of the last command (`$?`). */
  readonly status: number;
  /** `exit` ran: the shell ends with `status`. */
  readonly exit: boolean;
}

/** The exit status bash derives from an outcome: N, or 128 + the signal's number. */
export function exitStatus(outcome: CommandOutcome): number {
  return typeof outcome === 'number' ? outcome : 128 + SIGNAL_NUMBERS[outcome.signal];
}

/** `exit` in the shell itself: unwinds to `run`. */
class ExitRequest {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** The rest of the line is dropped (Ctrl-C killed a command; `${x:?}` or a bad substitution). */
class LineAborted {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

const DISCARD: OutputSink = { write: () => undefined };

/** A process's place in a pipeline: its pid (none for a builtin run by the shell itself). */
interface ProcessSlot {
  pid: number | undefined;
  readonly signals: SignalChannel;
}

interface CommandContext {
  readonly state: ShellState;
  readonly slot: ProcessSlot;
  readonly background: boolean;
  /** A pipeline member, background job or `$(...)`: `exit` ends only it; bash has forked. */
  readonly subshell: boolean;
}

/** One descriptor of a command being set up: what it reads or writes. */
interface Descriptor {
  readonly input?: InputSource;
  readonly output?: OutputSink;
}

export class Executor implements SignalTarget {
  readonly #host: ShellHost;
  readonly #state: ShellState;
  readonly #jobs: JobTable;
  readonly #history: History;
  readonly #interactive: boolean;
  readonly #subshell: boolean;
  /** Who gets Ctrl-C now: the running pipelines' processes and `$(...)` subshells. */
  readonly #foreground = new Set<SignalTarget>();
  #lastSubstitutionStatus: number | undefined;
  /** `exit` ran inside a command (`source` of a script that exits): honoured when it returns. */
  #pendingExit: number | undefined;
  /** Scripts being sourced: bash does not print `exit` for an `exit` in one. */
  #sourcing = 0;

  constructor(
    host: ShellHost,
    state: ShellState,
    jobs: JobTable,
    history: History,
    options: ExecutorOptions = {},
  ) {
    this.#host = host;
    this.#state = state;
    this.#jobs = jobs;
    this.#history = history;
    this.#interactive = options.interactive ?? true;
    this.#subshell = options.subshell ?? false;
  }

  get state(): ShellState {
    return this.#state;
  }

  get jobs(): JobTable {
    return this.#jobs;
  }

  /** A subshell's executor (`$(...)`, a background list): own state copy, own jobs. */
  #child(state: ShellState): Executor {
    return new Executor(this.#host, state, new JobTable(), this.#history, {
      interactive: false,
      subshell: true,
    });
  }

  /** Sends a signal to what runs in the foreground (Ctrl-C: SIGINT). */
  signal(signal: SignalName): void {
    for (const target of [...this.#foreground]) target.signal(signal);
  }

  /** Ctrl-C while a command runs. False when nothing is running. */
  interrupt(): boolean {
    if (this.#foreground.size === 0) return false;
    this.signal('SIGINT');
    return true;
  }

  async run(program: Program, streams: CommandStreams): Promise<ExecutionResult> {
    const state = this.#state;
    try {
      for (const item of program.items) {
        if (item.background) {
          this.#startBackground(item.command, streams);
          state.lastStatus = 0;
        } else {
          await this.#runAndOr(item.command, streams, state);
        }
      }
      return { status: state.lastStatus, exit: false };
    } catch (error) {
      if (error instanceof ExitRequest) {
        state.lastStatus = error.status;
        return { status: error.status, exit: true };
      }
      if (error instanceof LineAborted) {
        state.lastStatus = error.status;
        return { status: error.status, exit: false };
      }
      throw error;
    }
  }

  async #runAndOr(
    command: AndOr,
    streams: CommandStreams,
    state: ShellState,
  ): Promise<CommandOutcome> {
    let outcome = await this.#runForegroundPipeline(command.first, streams, state);
    state.lastStatus = exitStatus(outcome);
    for (const { operator, pipeline } of command.rest) {
      const status = exitStatus(outcome);
      if ((operator === '&&') !== (status === 0)) continue;
      outcome = await this.#runForegroundPipeline(pipeline, streams, state);
      state.lastStatus = exitStatus(outcome);
    }
    return outcome;
  }

  async #runForegroundPipeline(
    pipeline: Pipeline,
    streams: CommandStreams,
    state: ShellState,
  ): Promise<CommandOutcome> {
    const slots: ProcessSlot[] = pipeline.commands.map(() => ({
      pid: undefined,
      signals: new SignalChannel(),
    }));
    const target: SignalTarget = {
      signal: (signal) => {
        for (const slot of slots) slot.signals.send(signal);
      },
    };
    this.#foreground.add(target);
    let outcomes: CommandOutcome[];
    try {
      outcomes = await this.#runPipeline(pipeline, streams, state, slots, false);
    } finally {
      this.#foreground.delete(target);
    }
    const last = outcomes.at(-1)!;
    const interrupted = outcomes.some((o) => typeof o !== 'number' && o.signal === 'SIGINT');
    if (interrupted) {
      // bash prints a newline after the terminal's `^C` and drops the rest of the line.
      if (this.#interactive) streams.stderr.write('\n');
      throw new LineAborted(exitStatus(last));
    }
    if (typeof last !== 'number' && last.signal !== 'SIGPIPE' && this.#interactive) {
      streams.stderr.write(`${SIGNAL_DESCRIPTIONS[last.signal]}\n`);
    }
    return applyNegation(pipeline, last);
  }

  /** Runs every member at once, connected by pipes; resolves with each member's outcome. */
  async #runPipeline(
    pipeline: Pipeline,
    streams: CommandStreams,
    state: ShellState,
    slots: readonly ProcessSlot[],
    background: boolean,
  ): Promise<CommandOutcome[]> {
    const commands = pipeline.commands;
    if (commands.length === 1 && !background) {
      const slot = slots[0]!;
      const context: CommandContext = { state, slot, background, subshell: false };
      return [await this.#runSimple(commands[0]!, streams, context)];
    }
    const pipes = commands.slice(1).map(() => new Pipe());
    const runs = commands.map(async (command, i) => {
      const slot = slots[i]!;
      slot.pid ??= this.#host.nextPid();
      const memberStreams: CommandStreams = {
        stdin: i === 0 ? streams.stdin : pipes[i - 1]!.reader,
        stdout: i === commands.length - 1 ? streams.stdout : pipes[i]!.writer,
        stderr: pipeline.stderrPipes[i] === true ? pipes[i]!.writer : streams.stderr,
      };
      const context: CommandContext = {
        // Every member of a pipeline is a subshell; a background job's state is already one.
        state: commands.length > 1 ? state.subshell() : state,
        slot,
        background,
        subshell: true,
      };
      try {
        return await this.#runSimple(command, memberStreams, context);
      } catch (error) {
        if (error instanceof LineAborted || error instanceof ExitRequest) return error.status;
        throw error;
      } finally {
        if (i < commands.length - 1) pipes[i]!.writer.close();
        if (i > 0) pipes[i - 1]!.reader.close();
      }
    });
    return Promise.all(runs);
  }

  #startBackground(command: AndOr, streams: CommandStreams): void {
    const state = this.#state.subshell();
    // Without job control's terminal ownership, a background job's stdin is /dev/null.
    const jobStreams: CommandStreams = { ...streams, stdin: new TextInput('') };
    let processes: JobProcess[];
    let completion: Promise<CommandOutcome>;
    if (command.rest.length === 0) {
      const pipeline = command.first;
      processes = pipeline.commands.map(() => ({
        pid: this.#host.nextPid(),
        signals: new SignalChannel(),
      }));
      completion = this.#runPipeline(pipeline, jobStreams, state, processes, true).then(
        (outcomes) => applyNegation(pipeline, outcomes.at(-1)!),
      );
    } else {
      // `a && b &`: bash forks one subshell that runs the whole list.
      const process: JobProcess = { pid: this.#host.nextPid(), signals: new SignalChannel() };
      const child = this.#child(state);
      const run = child.run({ items: [{ command, background: false }] }, jobStreams);
      const killed = process.signals.whenKilled().then((signal) => {
        child.signal(signal);
        return { signal };
      });
      completion = Promise.race([run.then((result) => result.status), killed]);
      processes = [process];
    }
    const job = this.#jobs.add(printAndOr(command), processes, completion);
    this.#state.lastBackgroundPid = job.pid;
    if (this.#interactive) streams.stderr.write(`[${job.number}] ${job.pid}\n`);
  }

  /** Expansion in the shell's current state (prompts; `streams` for `$(...)` in them). */
  expander(streams: CommandStreams): WordExpander {
    return this.#expander(this.#state, streams);
  }

  #expander(state: ShellState, streams: CommandStreams): WordExpander {
    return new WordExpander({
      variables: state.variables,
      lastStatus: state.lastStatus,
      lastBackgroundPid: state.lastBackgroundPid,
      shellPid: this.#host.shellPid,
      shellName: state.shellName,
      positional: state.positional,
      cwd: state.cwd,
      homeDirectory: (user) => this.#host.homeDirectory(user),
      listDirectory: this.#host.listDirectory,
      commandSubstitution: (program) => this.#substitute(program, state, streams),
    });
  }

  /** `$(...)`: the program in a subshell, its standard output captured. */
  async #substitute(program: Program, state: ShellState, streams: CommandStreams): Promise<string> {
    const child = this.#child(state.subshell());
    let output = '';
    const capture: OutputSink = { write: (text) => (output += text) };
    this.#foreground.add(child);
    try {
      const result = await child.run(program, { ...streams, stdout: capture });
      this.#lastSubstitutionStatus = result.status;
    } finally {
      this.#foreground.delete(child);
    }
    return output;
  }

  async #runSimple(
    command: SimpleCommand,
    streams: CommandStreams,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const { state } = context;
    const expander = this.#expander(state, streams);
    this.#lastSubstitutionStatus = undefined;
    let argv: string[];
    try {
      argv = await expander.expandWords(command.words);
    } catch (error) {
      throw this.#expansionFailure(error, streams.stderr);
    }
    const descriptors = new Map<number, Descriptor>([
      [0, { input: streams.stdin }],
      [1, { output: streams.stdout }],
      [2, { output: streams.stderr }],
    ]);
    const opened: WritableFile[] = [];
    try {
      for (const redirection of command.redirections) {
        let error: string | undefined;
        try {
          error = await this.#redirect(redirection, descriptors, expander, state, opened);
        } catch (failure) {
          // A bad substitution in a here-document or here-string ends the line, as in a word.
          throw this.#expansionFailure(failure, streams.stderr);
        }
        if (error !== undefined) {
          (descriptors.get(2)?.output ?? DISCARD).write(`bash: ${error}\n`);
          return 1;
        }
      }
      const assigned = new Map<string, string>();
      try {
        for (const assignment of command.assignments) {
          const value = await expander.expandString(assignment.value);
          const previous =
            assigned.get(assignment.name) ?? state.variables.get(assignment.name) ?? '';
          assigned.set(assignment.name, assignment.append ? previous + value : value);
        }
      } catch (error) {
        throw this.#expansionFailure(error, streams.stderr);
      }
      const stdin = descriptors.get(0)?.input ?? new TextInput('');
      const stdout = descriptors.get(1)?.output ?? DISCARD;
      const stderr = descriptors.get(2)?.output ?? DISCARD;
      const [name] = argv;
      if (name === undefined) {
        // Assignments alone set shell variables; the status is that of the last `$(...)`.
        for (const [variable, value] of assigned) state.variables.set(variable, value);
        return this.#lastSubstitutionStatus ?? 0;
      }
      if (EXECUTOR_BUILTINS.has(name)) {
        return this.#runBuiltin(name, argv.slice(1), state, { stdout, stderr }, context.subshell);
      }
      const slot = context.slot;
      if (slot.pid === undefined && !SHELL_BUILTINS.has(name)) slot.pid = this.#host.nextPid();
      const env = state.variables.environment();
      for (const [variable, value] of assigned) env.set(variable, value);
      const outcome = await this.#invoke(argv, env, { stdin, stdout, stderr }, context);
      const exit = this.#pendingExit;
      if (exit !== undefined) {
        this.#pendingExit = undefined;
        if (!context.subshell) throw new ExitRequest(exit);
        return exit;
      }
      return outcome;
    } finally {
      for (const file of opened) file.close();
    }
  }

  #expansionFailure(error: unknown, stderr: OutputSink): LineAborted {
    if (!(error instanceof ShellError)) throw error;
    stderr.write(`${error.message}\n`);
    // bash jumps back to the top level after a bad substitution or `${x:?}`: the rest of the line
    // is dropped. (An ambiguous redirect only fails its command: see #redirect.)
    return new LineAborted(1);
  }

  #runBuiltin(
    name: string,
    args: readonly string[],
    state: ShellState,
    io: { stdout: OutputSink; stderr: OutputSink },
    subshell: boolean,
  ): number {
    switch (name) {
      case 'export':
        return runExport(args, state, io);
      case 'unset':
        return runUnset(args, state, io);
      default: {
        const announce = this.#interactive && !subshell && !this.#subshell && this.#sourcing === 0;
        const decision = runExit(args, state, io, announce);
        if (!decision.exit) return decision.status;
        if (subshell) return decision.status;
        throw new ExitRequest(decision.status);
      }
    }
  }

  async #invoke(
    argv: readonly string[],
    env: Map<string, string>,
    streams: CommandStreams,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const { slot } = context;
    // Once a signal's default action has ended the process, whatever it still writes is lost.
    let alive = true;
    const gate = (sink: OutputSink): OutputSink => ({
      write: (text) => {
        if (alive) sink.write(text);
      },
      // isatty(1) still answers for the terminal behind the gate
      ...(sink.terminal === undefined ? {} : { terminal: sink.terminal }),
    });
    const killed = slot.signals.whenKilled().then((signal) => {
      alive = false;
      return { signal } as const;
    });
    const runner: CommandRunner = this.#host.runner;
    const run = (async (): Promise<CommandOutcome> =>
      runner.run({
        argv,
        env,
        cwd: context.state.cwd,
        stdin: streams.stdin,
        stdout: gate(streams.stdout),
        stderr: gate(streams.stderr),
        pid: slot.pid,
        signals: slot.signals,
        background: context.background,
        shell: this.#access(context.state, context.subshell),
      }))();
    try {
      return await Promise.race([run, killed]);
    } catch (error) {
      // The runner must not throw; if it does, the command fails instead of the shell.
      streams.stderr.write(`bash: ${argv[0] ?? ''}: ${String(error)}\n`);
      return 1;
    }
  }

  /** What a command may do to this shell (or, in a subshell, to its copy). */
  #access(state: ShellState, subshell: boolean): ShellAccess {
    const executor = subshell ? this.#child(state) : this;
    return {
      state,
      jobs: this.#jobs,
      history: this.#history,
      source: (text, options) => executor.source(text, options),
      run: async (argv, streams) => {
        const slot: ProcessSlot = { pid: this.#host.nextPid(), signals: new SignalChannel() };
        const context: CommandContext = { state, slot, background: false, subshell };
        const target: SignalTarget = { signal: (s) => slot.signals.send(s) };
        this.#foreground.add(target);
        try {
          return await this.#invoke(argv, state.variables.environment(), streams, context);
        } finally {
          this.#foreground.delete(target);
        }
      },
    };
  }

  /**
   * `source FILE` / `. FILE`: reads and runs the text one command at a time, as bash does for a
   * script (a syntax error on line 5 does not undo lines 1-4); errors are named after the file.
   */
  async source(text: string, options: SourceOptions): Promise<number> {
    const state = this.#state;
    const savedPositional = state.positional;
    if (options.positional !== undefined) state.positional = options.positional;
    const reader = new CommandLineReader(this.#history, { interactive: false });
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    let status = 0;
    this.#sourcing++;
    try {
      for (let i = 0; i <= lines.length; i++) {
        const result = i < lines.length ? reader.read(lines[i]!) : reader.end();
        if (result.kind === 'more' || result.kind === 'empty' || result.kind === 'eof') continue;
        if (result.kind === 'error') {
          options.streams.stderr.write(
            `${result.error.scriptMessage(options.name, result.source)}\n`,
          );
          status = 2;
          state.lastStatus = status;
          continue;
        }
        for (const warning of result.warnings) options.streams.stderr.write(`${warning}\n`);
        const outcome = await this.run(result.program, options.streams);
        status = outcome.status;
        if (outcome.exit) {
          // The command that called `source` returns first; then the shell exits.
          this.#pendingExit = outcome.status;
          break;
        }
      }
    } finally {
      this.#sourcing--;
      state.positional = savedPositional;
    }
    return status;
  }

  /** Sets up one redirection; returns bash's error text (after `bash: `) when it fails. */
  async #redirect(
    redirection: Redirection,
    descriptors: Map<number, Descriptor>,
    expander: WordExpander,
    state: ShellState,
    opened: WritableFile[],
  ): Promise<string | undefined> {
    const target = async (word: Word): Promise<string> => {
      try {
        return await expander.expandRedirectionTarget(word);
      } catch (error) {
        if (error instanceof ShellError && error.kind === 'ambiguous-redirect') {
          throw new RedirectFailure(error.detail);
        }
        throw error;
      }
    };
    try {
      switch (redirection.type) {
        case 'file':
        case 'both': {
          const path = await target(redirection.target);
          if (
            redirection.type === 'file' &&
            (redirection.operator === '<' || redirection.operator === '<>')
          ) {
            const input = this.#openInput(path, state.cwd);
            if (typeof input === 'string') return input;
            descriptors.set(redirection.fd, { input });
            return undefined;
          }
          const append = redirection.operator === '>>' || redirection.operator === '&>>';
          const output = this.#openOutput(path, state, append, opened);
          if (typeof output === 'string') return output;
          if (redirection.type === 'both') {
            descriptors.set(1, { output });
            descriptors.set(2, { output });
          } else {
            descriptors.set(redirection.fd, { output });
          }
          return undefined;
        }
        case 'duplicate': {
          const word = await target(redirection.target);
          if (word === '-') {
            descriptors.delete(redirection.fd);
            return undefined;
          }
          if (!/^\d+$/.test(word)) return `${word}: ambiguous redirect`;
          const source = descriptors.get(Number(word));
          if (source === undefined) return `${word}: Bad file descriptor`;
          descriptors.set(redirection.fd, source);
          return undefined;
        }
        case 'here-document': {
          const body = redirection.quoted
            ? redirection.body.text
            : await expander.expandHereDocument(redirection.body.parts);
          descriptors.set(redirection.fd, { input: new TextInput(body) });
          return undefined;
        }
        case 'here-string': {
          const text = await expander.expandString(redirection.word);
          descriptors.set(redirection.fd, { input: new TextInput(`${text}\n`) });
          return undefined;
        }
      }
    } catch (error) {
      if (error instanceof RedirectFailure) return error.text;
      throw error;
    }
  }

  #openInput(path: string, cwd: string): InputSource | string {
    // The machine has no device files; bash itself emulates /dev/stdin (redir.c).
    if (path === '/dev/null') return new TextInput('');
    const result = this.#host.files.readText(absolutePath(cwd, path));
    if (!result.ok) return `${path}: ${FILE_ERROR_TEXTS[result.error]}`;
    return new TextInput(result.value);
  }

  #openOutput(
    path: string,
    state: ShellState,
    append: boolean,
    opened: WritableFile[],
  ): OutputSink | string {
    if (path === '/dev/null') return DISCARD;
    const result = this.#host.files.openForWriting(
      absolutePath(state.cwd, path),
      append ? 'append' : 'truncate',
      { umask: state.umask },
    );
    if (!result.ok) return `${path}: ${FILE_ERROR_TEXTS[result.error]}`;
    opened.push(result.value);
    return result.value;
  }
}

class RedirectFailure {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

function applyNegation(pipeline: Pipeline, outcome: CommandOutcome): CommandOutcome {
  if (!pipeline.negated) return outcome;
  return exitStatus(outcome) === 0 ? 1 : 0;
}
