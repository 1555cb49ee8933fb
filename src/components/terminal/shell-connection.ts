// The lab's shell joined to the xterm.js screen: keys from the screen go to a TerminalSession on
// the lab's shell, its output goes to the screen, the screen's size (columns and rows) goes to the
// session. When the shell ends (`exit`, Ctrl-D) the next key logs in again; after a reset, or when
// the page switches to another scenario's lab, a new session starts on the lab's machine. Terminal text is only ever written to xterm (never HTML).
import type { Lab } from '../../lab/lab.ts';
import { TerminalSession } from '../../shell/terminal-session.ts';
import { CommandTypist } from './command-typist.ts';

/** The part of xterm's Terminal the connection uses. */
export interface Screen {
  readonly cols: number;
  readonly rows: number;
  write(data: string): void;
  reset(): void;
}

export interface ShellConnectionOptions {
  /** Written (on its own line) when the shell has ended. */
  readonly exitedText: string;
  /** After each command's work is done: the island saves the lab. */
  readonly onSettled: () => void;
  /** Everything the shell writes to the screen, as it goes (the island glosses error lines). */
  readonly onOutput?: (data: string) => void;
}

export class ShellConnection {
  readonly typist: CommandTypist;
  #lab: Lab;
  readonly #screen: Screen;
  readonly #options: ShellConnectionOptions;
  #session: TerminalSession;
  #ended = false;

  constructor(lab: Lab, screen: Screen, options: ShellConnectionOptions) {
    this.#lab = lab;
    this.#screen = screen;
    this.#options = options;
    this.#session = this.#newSession();
    this.typist = new CommandTypist(this.#session);
  }

  /** Shows the first prompt. */
  start(): Promise<void> {
    return this.#session.start();
  }

  /** Key data from the screen (xterm's onData, the key row, the touch line). */
  input(data: string): void {
    if (this.#ended) {
      this.#login();
      return;
    }
    this.#session.input(data);
    this.typist.observe(data);
    void this.#session.whenIdle().then(this.#options.onSettled);
  }

  resize(columns: number, rows: number): void {
    this.#session.resize(columns, rows);
  }

  /** A fresh machine (the lab was reset): a clean screen and a new session on its shell. */
  restart(): Promise<void> {
    this.#screen.reset();
    return this.#begin();
  }

  /** The page switched to another lab: a clean screen and a session on its shell. */
  switchLab(lab: Lab): Promise<void> {
    this.#lab = lab;
    return this.restart();
  }

  #login(): void {
    this.#lab.login();
    void this.#begin();
  }

  #begin(): Promise<void> {
    this.#ended = false;
    this.#session = this.#newSession();
    this.typist.retarget(this.#session);
    return this.#session.start();
  }

  #newSession(): TerminalSession {
    const shell = this.#lab.shell;
    return new TerminalSession({
      shell: shell.session,
      completer: shell.completer,
      columns: this.#screen.cols,
      rows: this.#screen.rows,
      write: (data) => {
        this.#screen.write(data);
        this.#options.onOutput?.(data);
      },
      onExit: () => {
        this.#ended = true;
        this.#screen.write(`\r\n${this.#options.exitedText}\r\n`);
        this.#options.onSettled();
      },
    });
  }
}
