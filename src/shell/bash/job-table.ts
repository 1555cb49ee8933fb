// bash's jobs: what `cmd &` starts, what `jobs` lists, what `fg`, `kill %1` and `wait` find, and
// the notices bash prints before a prompt when a job has ended. Texts as bash 5.2 prints them
// (jobs.c pretty_print_job): `[1]+  Running                 uwsgi uwsgi.ini &`,
// `[1]+  Exit 30                 uwsgi uwsgi.ini`, `[2]-  Terminated              sleep 41`.
// Numbers: one more than the highest in use; `+` marks the current job, `-` the previous one.

import type { CommandOutcome } from './command-runner.ts';
import { SIGNAL_DESCRIPTIONS, type SignalChannel, type SignalName } from './signals.ts';

export type JobStatus =
  | { readonly kind: 'running' }
  | { readonly kind: 'exited'; readonly status: number }
  | { readonly kind: 'signalled'; readonly signal: SignalName };

export interface JobProcess {
  readonly pid: number;
  readonly signals: SignalChannel;
}

/** Something Ctrl-C can be sent to: the pipeline running in the foreground. */
export interface SignalTarget {
  signal(signal: SignalName): void;
}

/** bash's width for the status column of `jobs` (jobs.c: STATUS_WIDTH-ish `%-22s` plus spaces). */
const STATUS_COLUMN = 24;

export class Job implements SignalTarget {
  readonly number: number;
  /** The command as bash prints it (printer.ts printAndOr). */
  readonly command: string;
  readonly processes: readonly JobProcess[];
  readonly completion: Promise<CommandOutcome>;
  #status: JobStatus = { kind: 'running' };
  /** Brought to the foreground with `fg`: its end is not announced. */
  foreground = false;

  constructor(
    number: number,
    command: string,
    processes: readonly JobProcess[],
    completion: Promise<CommandOutcome>,
  ) {
    this.number = number;
    this.command = command;
    this.processes = processes;
    this.completion = completion.then((outcome) => {
      this.#status =
        typeof outcome === 'number'
          ? { kind: 'exited', status: outcome }
          : { kind: 'signalled', signal: outcome.signal };
      return outcome;
    });
  }

  get status(): JobStatus {
    return this.#status;
  }

  get running(): boolean {
    return this.#status.kind === 'running';
  }

  /** The pid `$!` gives and `[1] 1234` shows: the pipeline's last process. */
  get pid(): number {
    return this.processes.at(-1)!.pid;
  }

  /** `kill %1`: the signal goes to every process of the job. */
  signal(signal: SignalName): void {
    for (const process of this.processes) process.signals.send(signal);
  }
}

export function jobStatusText(status: JobStatus): string {
  switch (status.kind) {
    case 'running':
      return 'Running';
    case 'exited':
      return status.status === 0 ? 'Done' : `Exit ${status.status}`;
    case 'signalled':
      return SIGNAL_DESCRIPTIONS[status.signal];
  }
}

export class JobTable {
  readonly #jobs = new Map<number, Job>();
  /** Job numbers in the order they became current; the last is `+`, the one before `-`. */
  #recency: number[] = [];
  #foreground: SignalTarget | undefined;

  /** Starts tracking a background job and makes it the current job. */
  add(command: string, processes: readonly JobProcess[], completion: Promise<CommandOutcome>): Job {
    const number = Math.max(0, ...this.#jobs.keys()) + 1;
    const job = new Job(number, command, processes, completion);
    this.#jobs.set(number, job);
    this.#recency.push(number);
    return job;
  }

  /** The jobs, by number. */
  list(): Job[] {
    return [...this.#jobs.values()].sort((a, b) => a.number - b.number);
  }

  get size(): number {
    return this.#jobs.size;
  }

  /** `+` for the current job, `-` for the previous one, ' ' for the others. */
  marker(job: Job): '+' | '-' | ' ' {
    const order = this.#recency.filter((n) => this.#jobs.has(n));
    if (order.at(-1) === job.number) return '+';
    if (order.at(-2) === job.number) return '-';
    return ' ';
  }

  /**
   * A job spec as `fg`, `kill` and `wait` take it: `%1`, `%%`, `%+`, `%-`, `%name` (a command
   * starting with name), `%?text` (containing text). Undefined: bash's `no such job`.
   */
  find(spec: string): Job | undefined {
    const order = this.#recency.filter((n) => this.#jobs.has(n));
    if (spec === '%%' || spec === '%+' || spec === '%' || spec === '') {
      const current = order.at(-1);
      return current === undefined ? undefined : this.#jobs.get(current);
    }
    if (spec === '%-') {
      const previous = order.at(-2) ?? order.at(-1);
      return previous === undefined ? undefined : this.#jobs.get(previous);
    }
    const body = spec.startsWith('%') ? spec.slice(1) : spec;
    if (/^\d+$/.test(body)) return this.#jobs.get(Number(body));
    const jobs = [...order].reverse().map((n) => this.#jobs.get(n)!);
    if (body.startsWith('?')) return jobs.find((job) => job.command.includes(body.slice(1)));
    return jobs.find((job) => job.command.startsWith(body));
  }

  /** The line `jobs` prints for a job (`jobs -l` adds the pid). */
  format(job: Job, withPid = false): string {
    const status = jobStatusText(job.status).padEnd(STATUS_COLUMN);
    const command = job.running ? `${job.command} &` : job.command;
    const marker = this.marker(job);
    return withPid
      ? `[${job.number}]${marker} ${job.processes[0]!.pid} ${status}${command}`
      : `[${job.number}]${marker}  ${status}${command}`;
  }

  /** What `jobs` prints; jobs that have ended are shown once more and then forgotten. */
  formatJobs(withPid = false): string {
    const lines = this.list().map((job) => `${this.format(job, withPid)}\n`);
    this.#removeFinished();
    return lines.join('');
  }

  /** The notices bash prints before the next prompt for jobs that have ended since. */
  takeNotifications(): string {
    const lines = this.list()
      .filter((job) => !job.running && !job.foreground)
      .map((job) => `${this.format(job)}\n`);
    this.#removeFinished();
    return lines.join('');
  }

  /** Removes a job (`fg` ran it to its end, `disown`). */
  remove(job: Job): void {
    this.#jobs.delete(job.number);
  }

  /** What Ctrl-C interrupts while a command runs (the executor's pipeline, or a job `fg` took). */
  set foreground(target: SignalTarget | undefined) {
    this.#foreground = target;
  }

  get foreground(): SignalTarget | undefined {
    return this.#foreground;
  }

  /** Ctrl-C: SIGINT to the foreground; false when nothing is running there. */
  interrupt(): boolean {
    if (this.#foreground === undefined) return false;
    this.#foreground.signal('SIGINT');
    return true;
  }

  #removeFinished(): void {
    for (const job of this.list()) if (!job.running) this.#jobs.delete(job.number);
    this.#recency = this.#recency.filter((n) => this.#jobs.has(n));
  }
}
