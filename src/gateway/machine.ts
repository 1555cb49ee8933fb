// What the gateway's programs (nginx, uWSGI) need from the machine they run on: its files, users
// and socket table, and the sources the shell seeds so a scenario replays identically — the clock
// and the process ids. Both models take this shape; the shell's machine provides it.

import type { MachineFs } from './fs.ts';
import type { SocketTable } from './net/socket-table.ts';
import type { MachineUsers } from './users.ts';

/** Milliseconds since the epoch; the shell advances it. */
export interface Clock {
  now(): number;
}

/** The next process id (the shell hands them out in order). */
export interface PidSource {
  next(): number;
}

export interface GatewayMachine {
  readonly fs: MachineFs;
  readonly users: MachineUsers;
  readonly net: SocketTable;
  readonly clock: Clock;
  readonly pids: PidSource;
}

/** One line of `ps -eo user,pid,ppid,cmd` for a program's process. */
export interface PsEntry {
  readonly user: string;
  readonly pid: number;
  readonly ppid: number;
  /** The command line `ps` shows (nginx and uWSGI rewrite theirs: `nginx: worker process`, `uwsgi`). */
  readonly command: string;
  readonly role: 'master' | 'worker' | 'http';
}
