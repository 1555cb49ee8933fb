// Process ids as Linux hands them out: one after another, never reused while the machine runs.
// Debian 12's systemd raises pid_max to 4194304 (50-pid-max.conf), so they do not wrap here.

import type { PidSource } from '../../gateway/machine.ts';

export const PID_MAX = 4194304;

export class PidCounter implements PidSource {
  #next: number;

  constructor(first: number) {
    this.#next = first;
  }

  next(): number {
    const pid = this.#next;
    this.#next = pid + 1 >= PID_MAX ? 300 : pid + 1;
    return pid;
  }

  /** The pid the next process will get. */
  peek(): number {
    return this.#next;
  }
}
