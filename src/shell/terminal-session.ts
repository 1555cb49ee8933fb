// A shell on a terminal, without the terminal: it joins the line editor and the bash session and
// does what the tty and bash's main loop do between them — job notices and the prompt, the line
// to run, the running command's keyboard input (echoed, a line at a time) and Ctrl-C, `\n` written
// as `\r\n` (the tty's ONLCR), and the end of the shell. The terminal island only connects it to
// xterm.js: `input` gets onData strings, `write` goes to term.write.

import type { CommandStreams, OutputSink } from './bash/command-runner.ts';
import type { ShellSession } from './bash/shell-session.ts';
import type { Completer } from './line-editor-completion.ts';
import { LineEditor, type LineEditorEvent } from './line-editor.ts';
import { TerminalInput } from './terminal-input.ts';

export interface TerminalSessionOptions {
  readonly shell: ShellSession;
  readonly completer?: Completer;
  /** The terminal's width in columns. Default 80. */
  readonly columns?: number;
  /** The terminal's height in rows (full-screen programs use it). Default 24. */
  readonly rows?: number;
  /** Writes to the terminal. */
  readonly write: (data: string) => void;
  /** The shell ended (`exit`, Ctrl-D): the terminal may start a new one. */
  readonly onExit?: (status: number) => void;
}

/** `\n` alone becomes `\r\n`, as the tty's output processing (ONLCR) does. */
export function terminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TerminalSession {
  readonly editor: LineEditor;
  readonly #shell: ShellSession;
  readonly #write: (data: string) => void;
  readonly #onExit: ((status: number) => void) | undefined;
  readonly #output: OutputSink;
  /** What isatty and TIOCGWINSZ tell the commands; resize updates it. */
  readonly #terminal: { columns: number; rows: number };
  #input: TerminalInput;
  #state: 'starting' | 'prompt' | 'running' | 'exited' = 'starting';
  #work: Promise<void> = Promise.resolve();

  constructor(options: TerminalSessionOptions) {
    this.#shell = options.shell;
    this.#write = options.write;
    this.#onExit = options.onExit;
    this.editor = new LineEditor({
      history: options.shell.history,
      ...(options.completer === undefined ? {} : { completer: options.completer }),
      columns: options.columns ?? 80,
    });
    this.#terminal = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
    this.#output = {
      write: (text) => this.#write(terminalNewlines(text)),
      terminal: this.#terminal,
    };
    this.#input = new TerminalInput((text) => this.#write(text), this.#terminal);
  }

  get exited(): boolean {
    return this.#state === 'exited';
  }

  /** Whether a command is running (keys are its input). */
  get running(): boolean {
    return this.#state === 'running';
  }

  /** Shows the first prompt. */
  start(): Promise<void> {
    this.#work = this.#work.then(() => this.#prompt());
    return this.#work;
  }

  /** Resolves when the shell waits at a prompt again (or has ended). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const work = this.#work;
      await work;
      if (work === this.#work) return;
    }
  }

  /** Key data from the terminal (xterm.js onData). */
  input(data: string): void {
    if (this.#state === 'exited') return;
    if (this.#state === 'running') {
      this.#typeWhileRunning(data);
      return;
    }
    if (this.#state === 'starting') {
      this.editor.feed(data);
      return;
    }
    const result = this.editor.feed(data);
    this.#write(result.output);
    this.#handle(result.events);
  }

  /** The terminal's size changed (rows: unchanged when not given). */
  resize(columns: number, rows?: number): void {
    this.#terminal.columns = columns;
    if (rows !== undefined) this.#terminal.rows = rows;
    const result = this.editor.resize(columns);
    if (this.#state === 'running' && this.#input.raw) {
      // A full-screen program redraws itself; the line editor (not reading) has nothing to show.
      this.#input.resized();
      return;
    }
    this.#write(result.output);
  }

  #streams(): CommandStreams {
    return { stdin: this.#input, stdout: this.#output, stderr: this.#output };
  }

  #typeWhileRunning(data: string): void {
    // Raw mode (nano, vi) has no ISIG: Ctrl-C is the program's key like any other.
    if (this.#input.raw) {
      this.#input.type(data);
      return;
    }
    // ISIG: Ctrl-C is echoed as ^C and becomes SIGINT for the foreground command.
    const parts = data.split('\x03');
    parts.forEach((part, i) => {
      if (i > 0) {
        this.#write('^C');
        this.#shell.interrupt();
      }
      if (part !== '') this.#input.type(part);
    });
  }

  #handle(events: readonly LineEditorEvent[]): void {
    for (const event of events) {
      this.#work = this.#work.then(() => this.#run(event));
    }
  }

  async #run(event: LineEditorEvent): Promise<void> {
    const streams = this.#streams();
    if (event.kind === 'interrupt') {
      this.#shell.interrupt();
      await this.#prompt();
      return;
    }
    this.#state = 'running';
    let exit: number | undefined;
    if (event.kind === 'eof') {
      const step = await this.#shell.endOfInput(streams);
      if (step.kind === 'exit') exit = step.status;
    } else {
      for (const line of event.text.split('\n')) {
        const step = await this.#shell.submit(line, streams);
        if (step.kind === 'exit') {
          exit = step.status;
          break;
        }
      }
    }
    if (exit !== undefined) {
      this.#state = 'exited';
      this.#onExit?.(exit);
      return;
    }
    // What was typed while the command ran and not read is typed ahead for the next prompt.
    const unread = this.#input.takeUnread();
    this.#input = new TerminalInput((text) => this.#write(text), this.#terminal);
    if (unread !== '') this.editor.feed(unread);
    await this.#prompt();
  }

  async #prompt(): Promise<void> {
    // Keys that come while the prompt is being made wait for the editor.
    this.#state = 'starting';
    this.#write(terminalNewlines(this.#shell.takeJobNotices()));
    const prompt = await this.#shell.prompt(this.#streams());
    this.#state = 'prompt';
    const result = this.editor.start(prompt);
    this.#write(result.output);
    this.#handle(result.events);
  }
}
