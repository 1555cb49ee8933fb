// What the executor asks of the command layer: run one command (argv, environment, standard
// streams, signals) and say how it ended. Commands are text in, text out; they may be async and
// long-running (uWSGI in the foreground, `tail -f`) until a signal ends them.

import type { History } from './history.ts';
import type { JobTable } from './job-table.ts';
import type { ShellState } from './shell-state.ts';
import type { SignalChannel, SignalName } from './signals.ts';

/** A terminal a stream is connected to (isatty(3) is true), with its size now. */
export interface TerminalInfo {
  readonly columns: number;
  /** Its height, when known (full-screen programs need it); absent means 24, a VT100's. */
  readonly rows?: number;
}

/**
 * What a program that puts the terminal in raw mode (termios cfmakeraw: no echo, no line
 * editing, Ctrl-C a key like the others) hears from it: every chunk of key data as it comes, and
 * size changes (SIGWINCH).
 */
export interface RawModeListener {
  keys(data: string): void;
  resize(): void;
}

/** Where a command writes: the terminal, a pipe, a file. Writes after the reader left are dropped. */
export interface OutputSink {
  write(text: string): void;
  /** Set when this is the terminal: `ls` prints columns, curl draws its meter only when not. */
  readonly terminal?: TerminalInfo | undefined;
}

/** Where a command reads from: the terminal, a pipe, a file, a here-document. */
export interface InputSource {
  /** Set when this is the terminal (apt-get asks its question only then). */
  readonly terminal?: TerminalInfo | undefined;
  /** The next chunk; undefined at the end of input. Waits for a pipe's writer or the keyboard. */
  read(): Promise<string | undefined>;
  /**
   * Raw mode, on a terminal only (nano, vi): while a listener is set, keys go to it unechoed and
   * unbuffered, Ctrl-C included; undefined puts the terminal back in canonical mode.
   */
  setRawMode?(listener: RawModeListener | undefined): void;
  /** Everything up to the end of input. */
  readAll(): Promise<string>;
}

/** How a command ended: its exit status, or the signal that killed it. */
export type CommandOutcome = number | { readonly signal: SignalName };

/** What a command may do to the shell that runs it (builtins: cd, source, jobs, history...). */
export interface ShellAccess {
  /**
   * The shell's state: the shell itself for a builtin run in the foreground, a copy for one in a
   * pipeline, in the background or in `$(...)` (a subshell: changes do not come back).
   */
  readonly state: ShellState;
  readonly jobs: JobTable;
  readonly history: History;
  /** Runs shell text in this shell, as `source FILE` and `eval` do; resolves with its status. */
  source(text: string, options: SourceOptions): Promise<number>;
  /** Runs a pipeline's worth of words as a command (for `sudo`, `env`, `command`). */
  run(argv: readonly string[], streams: CommandStreams): Promise<CommandOutcome>;
}

export interface SourceOptions {
  /** How errors name the script: `.venv/bin/activate: line 3: ...`. */
  readonly name: string;
  /** `$1`... while it runs. */
  readonly positional?: readonly string[];
  readonly streams: CommandStreams;
}

export interface CommandStreams {
  readonly stdin: InputSource;
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
}

export interface CommandInvocation extends CommandStreams {
  /** argv[0] as typed after expansion (`uwsgi`, `./app.py`, `/usr/bin/uwsgi`). */
  readonly argv: readonly string[];
  /** The exported variables plus this command's own assignments (`A=b cmd`). */
  readonly env: ReadonlyMap<string, string>;
  /** The working directory (the shell's, or the subshell's). */
  readonly cwd: string;
  /** The pid bash forked for it; undefined for a builtin bash runs in its own process. */
  readonly pid: number | undefined;
  /** Signals for this process: Ctrl-C (SIGINT), `kill` (SIGTERM)... */
  readonly signals: SignalChannel;
  /** Started with `&`. */
  readonly background: boolean;
  readonly shell: ShellAccess;
}

/**
 * The command layer. It finds the command (builtin, or a file on PATH: bash's `command not
 * found` with status 127 is its to print) and runs it. It must not throw; a command that ignores
 * `signals` is killed by their default action (the executor stops waiting for it).
 */
export interface CommandRunner {
  run(invocation: CommandInvocation): CommandOutcome | Promise<CommandOutcome>;
}
