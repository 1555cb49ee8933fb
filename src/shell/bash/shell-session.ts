// One interactive bash on a terminal, without the terminal: it takes the lines the line editor
// (or a script's stdin) hands over, says which prompt comes next, runs complete commands and
// prints what bash prints around them — job notices before PS1, the `!!`-expanded line, syntax
// errors, here-document warnings, `exit` on Ctrl-D. Ctrl-C goes to the running command.

import { CommandLineReader } from './command-line-reader.ts';
import type { CommandStreams } from './command-runner.ts';
import { Executor } from './executor.ts';
import { History } from './history.ts';
import { JobTable } from './job-table.ts';
import { expandPrompt, type PromptFacts } from './prompt.ts';
import type { ShellHost } from './shell-host.ts';
import type { ShellState } from './shell-state.ts';
import type { Program } from './syntax-tree.ts';

export interface ShellSessionOptions {
  /** `\u` in prompts: the user the shell runs as. */
  readonly user: string;
  readonly uid: number;
  /** `\h`/`\H`. */
  readonly hostname: string;
  /** The history to continue (restored from a save); a new empty one by default. */
  readonly history?: History;
  /** The machine's clock, for time escapes in prompts. Default: the real clock. */
  readonly now?: () => Date;
  /** `\l`. Default `0` (/dev/pts/0). */
  readonly terminal?: string;
}

export type SessionStep =
  /** The command goes on: show the continuation prompt. */
  | { readonly kind: 'more' }
  /** Back at the prompt; `status` is `$?`. */
  | { readonly kind: 'done'; readonly status: number }
  /** The shell has ended (`exit`, Ctrl-D): the terminal closes or starts a new login. */
  | { readonly kind: 'exit'; readonly status: number };

export class ShellSession {
  readonly state: ShellState;
  readonly history: History;
  readonly jobs: JobTable;
  readonly executor: Executor;
  readonly #reader: CommandLineReader;
  readonly #options: ShellSessionOptions;
  #commandNumber = 1;
  #running = false;
  /** bash shows PS2 once more after an open quote ran into end of input. */
  #secondaryPromptOnce = false;

  constructor(host: ShellHost, state: ShellState, options: ShellSessionOptions) {
    this.state = state;
    this.#options = options;
    this.history = options.history ?? new History();
    this.jobs = new JobTable();
    this.executor = new Executor(host, state, this.jobs, this.history, { interactive: true });
    this.#reader = new CommandLineReader(this.history);
  }

  /** Whether a command is half read (the next prompt is PS2). */
  get continuing(): boolean {
    return this.#reader.continuing;
  }

  /** Whether a command is running (Ctrl-C goes to it, typed lines are its input). */
  get running(): boolean {
    return this.#running;
  }

  /** The notices for jobs that ended, which bash prints before PS1 (not before PS2). */
  takeJobNotices(): string {
    return this.continuing ? '' : this.jobs.takeNotifications();
  }

  /** The prompt to show: PS1, or PS2 while a command is half read. */
  async prompt(streams: CommandStreams): Promise<string> {
    const variables = this.state.variables;
    const secondary = this.continuing || this.#secondaryPromptOnce;
    const ps = secondary ? (variables.get('PS2') ?? '> ') : (variables.get('PS1') ?? '');
    const facts: PromptFacts = {
      user: this.#options.user,
      uid: this.#options.uid,
      hostname: this.#options.hostname,
      cwd: this.state.cwd,
      home: variables.get('HOME'),
      historyNumber: this.history.nextNumber,
      commandNumber: this.#commandNumber,
      jobCount: this.jobs.size,
      terminal: this.#options.terminal ?? '0',
      now: this.#options.now?.() ?? new Date(),
    };
    return expandPrompt(ps, facts, this.executor.expander(streams));
  }

  /** A line typed at the prompt (without its newline). */
  async submit(line: string, streams: CommandStreams): Promise<SessionStep> {
    this.#secondaryPromptOnce = false;
    const result = this.#reader.read(line);
    if ('echo' in result && result.echo !== undefined) streams.stderr.write(`${result.echo}\n`);
    switch (result.kind) {
      case 'more':
        return { kind: 'more' };
      case 'empty':
      case 'eof':
        return this.#done();
      case 'error':
        streams.stderr.write(`${result.error.message}\n`);
        // A failed `!` expansion leaves $? alone; a syntax error sets it to 2.
        if (result.error.kind !== 'event-not-found' && result.error.kind !== 'bad-word-specifier') {
          this.state.lastStatus = 2;
        }
        return this.#done();
      case 'complete':
        for (const warning of result.warnings) streams.stderr.write(`${warning}\n`);
        this.#commandNumber++;
        return this.#run(result.program, streams);
    }
  }

  /**
   * Ctrl-D on an empty line. At PS1 bash prints `exit` and ends. At PS2 the input ends there:
   * a here-document is cut off with a warning and runs; anything else is bash's end-of-file
   * error, after which bash ends too.
   */
  async endOfInput(streams: CommandStreams): Promise<SessionStep> {
    if (!this.continuing) {
      this.#secondaryPromptOnce = false;
      streams.stderr.write('exit\n');
      return { kind: 'exit', status: this.state.lastStatus };
    }
    const reason = this.#reader.pending;
    // A backslash-newline then the end: bash prompts once more, runs the line and ends without
    // saying `exit` (recorded).
    const again = reason?.kind === 'continuation' ? await this.prompt(streams) : '';
    const result = this.#reader.end();
    if (result.kind === 'error') {
      streams.stderr.write(`${result.error.message}\n`);
      // After an open quote or `${` bash prompts with PS2 once more before it sees the end
      // again; after `|`, `&&` or `$(` it ends at once (bash 5.2, recorded).
      if (reason?.kind === 'unmatched' && reason.opener !== ')') {
        this.#secondaryPromptOnce = true;
        this.state.lastStatus = 2;
        return this.#done();
      }
      streams.stderr.write('exit\n');
      return { kind: 'exit', status: 2 };
    }
    if (result.kind !== 'complete') return this.#done();
    streams.stderr.write(again);
    for (const warning of result.warnings) streams.stderr.write(`${warning}\n`);
    const step = await this.#run(result.program, streams);
    if (reason?.kind === 'continuation' && step.kind !== 'exit') {
      return { kind: 'exit', status: this.state.lastStatus };
    }
    return step;
  }

  async #run(program: Program, streams: CommandStreams): Promise<SessionStep> {
    this.#running = true;
    this.jobs.foreground = this.executor;
    try {
      const outcome = await this.executor.run(program, streams);
      if (outcome.exit) return { kind: 'exit', status: outcome.status };
    } finally {
      this.#running = false;
      this.jobs.foreground = undefined;
    }
    return this.#done();
  }

  /**
   * Ctrl-C. While a command runs: SIGINT to the foreground (true). At a prompt: the half-typed
   * command is dropped and `$?` becomes 130, as in bash 5.2 (false: the editor shows `^C`).
   */
  interrupt(): boolean {
    if (this.#running && this.jobs.interrupt()) return true;
    this.#reader.reset();
    this.state.lastStatus = 130;
    return false;
  }

  #done(): SessionStep {
    return { kind: 'done', status: this.state.lastStatus };
  }
}
