// The machine as a program sees it when its first pids are already chosen: bash forked the
// process (`[1] 10095`) before uWSGI says `pid: 10095`, and a program resumed after a reload keeps
// the pids `ps` showed before. The gateway's models take their pids from `machine.pids`; this
// hands them the given ones first, then the machine's counter.

import type { PidSource } from '../../gateway/machine.ts';
import type { UwsgiMachine } from '../../gateway/uwsgi/index.ts';
import type { Machine } from '../machine/machine.ts';

export function givenPids(first: readonly number[], then: PidSource): PidSource {
  const queue = [...first];
  return { next: () => queue.shift() ?? then.next() };
}

/** `machine` with `pids` handing out `first` before its own counter. */
export function withGivenPids(machine: Machine, first: readonly number[]): UwsgiMachine {
  const pids = givenPids(first, machine.pids);
  return {
    fs: machine.fs,
    users: machine.users,
    net: machine.net,
    clock: machine.clock,
    random: machine.random,
    pids,
    get host() {
      return machine.host;
    },
    get systemPythonModules() {
      return machine.systemPythonModules;
    },
  };
}
