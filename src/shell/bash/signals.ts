// Signals as the shell sees them: Linux numbers (`kill -l`, exit status 128+N), the words bash
// prints for a job a signal ended (glibc's strsignal: `Terminated`, `Killed`), and a channel that
// delivers signals to a running command. A command that subscribes handles them itself (uWSGI
// reloading on SIGTERM); one that does not gets the default action: it dies at once.

/** x86-64 Linux signal numbers (signal(7)). */
export const SIGNAL_NUMBERS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
} as const;

export type SignalName = keyof typeof SIGNAL_NUMBERS;

/** glibc's strsignal texts, which bash prints in job notifications (`[1]+  Terminated  ...`). */
export const SIGNAL_DESCRIPTIONS: Readonly<Record<SignalName, string>> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGILL: 'Illegal instruction',
  SIGTRAP: 'Trace/breakpoint trap',
  SIGABRT: 'Aborted',
  SIGBUS: 'Bus error',
  SIGFPE: 'Floating point exception',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGSEGV: 'Segmentation fault',
  SIGUSR2: 'User defined signal 2',
  SIGPIPE: 'Broken pipe',
  SIGALRM: 'Alarm clock',
  SIGTERM: 'Terminated',
  SIGCHLD: 'Child exited',
  SIGCONT: 'Continued',
  SIGSTOP: 'Stopped (signal)',
  SIGTSTP: 'Stopped',
};

/** Signals whose default action is not to end the process (they are ignored here). */
const HARMLESS = new Set<SignalName>(['SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP']);

export function signalByNumber(n: number): SignalName | undefined {
  return (Object.keys(SIGNAL_NUMBERS) as SignalName[]).find((name) => SIGNAL_NUMBERS[name] === n);
}

export type SignalHandler = (signal: SignalName) => void;

/** The signals sent to one process. */
export class SignalChannel {
  readonly #handlers = new Set<SignalHandler>();
  readonly #received: SignalName[] = [];
  readonly #fatal: ((signal: SignalName) => void)[] = [];
  #killedBy: SignalName | undefined;

  /** Signals received so far, oldest first. */
  get received(): readonly SignalName[] {
    return this.#received;
  }

  /** The signal that ended the process by its default action, if one did. */
  get killedBy(): SignalName | undefined {
    return this.#killedBy;
  }

  /**
   * Handles signals from now on (returns the unsubscribe function). While a handler is
   * subscribed, signals other than SIGKILL no longer end the process by themselves.
   */
  subscribe(handler: SignalHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Resolves with the signal when the default action ends the process (used by the executor). */
  whenKilled(): Promise<SignalName> {
    if (this.#killedBy !== undefined) return Promise.resolve(this.#killedBy);
    return new Promise((resolve) => this.#fatal.push(resolve));
  }

  send(signal: SignalName): void {
    if (this.#killedBy !== undefined) return;
    this.#received.push(signal);
    if (signal !== 'SIGKILL' && this.#handlers.size > 0) {
      for (const handler of [...this.#handlers]) handler(signal);
      return;
    }
    if (HARMLESS.has(signal)) return;
    this.#killedBy = signal;
    for (const resolve of this.#fatal.splice(0)) resolve(signal);
  }
}
