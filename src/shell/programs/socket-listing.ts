// The machine's listening sockets as `ss` and `netstat` list them: the socket table's listeners
// with what the kernel would add — the socket's inode number, its accept backlog, and every
// process holding it (a uWSGI master and the workers it forked, nginx's master and workers), each
// with the descriptor number it has the socket on (fd 3 for uWSGI's first socket, fd 5 for
// nginx's first listen, as real-output-shell.md §8.2 shows). Port names come from /etc/services
// when it is there.
//
// SIMPLIFIED: a socket's inode number (sockfs) is made up from the machine's seed and the
// listener, not taken from a kernel; the queues are empty (Recv-Q 0).

import { FsError } from '../../gateway/fs.ts';
import type { Listener } from '../../gateway/net/index.ts';
import type { Machine } from '../machine/machine.ts';

export interface SocketHolder {
  readonly comm: string;
  readonly pid: number;
  readonly fd: number;
}

export interface ListedSocket {
  readonly family: 'unix' | 'inet' | 'inet6';
  /** The path (unix) or the address (`0.0.0.0`, `::`). */
  readonly address: string;
  /** The port (0 for unix sockets). */
  readonly port: number;
  readonly backlog: number;
  readonly inode: number;
  /** Newest process first, as `ss -p` prints them. */
  readonly holders: readonly SocketHolder[];
}

/** The first descriptor a program has its listening sockets on. */
const FIRST_FD: Readonly<Record<string, number>> = { uwsgi: 3, nginx: 5 };

export function listeningSockets(machine: Machine): ListedSocket[] {
  const listeners = machine.net.listeners();
  return listeners.map((listener) => {
    const address = listener.address;
    const family = address.kind === 'unix' ? 'unix' : address.host.includes(':') ? 'inet6' : 'inet';
    return {
      family,
      address: address.kind === 'unix' ? address.path : address.host,
      port: address.kind === 'unix' ? 0 : address.port,
      backlog: listener.backlog,
      inode: inodeOf(machine, listener),
      holders: holders(machine, listener, listeners),
    };
  });
}

// the owner and its children that are the same program (forked after the socket was opened)
function holders(machine: Machine, listener: Listener, all: readonly Listener[]): SocketHolder[] {
  const owner = listener.owner;
  const processes = machine.processes.list();
  const comm = processes.find((p) => p.pid === owner.pid)?.comm ?? owner.command;
  const mine = all.filter((other) => other.owner.pid === owner.pid);
  const fd = (FIRST_FD[comm] ?? 3) + Math.max(0, mine.indexOf(listener));
  const pids = [
    owner.pid,
    ...processes.filter((p) => p.ppid === owner.pid && p.comm === comm).map((p) => p.pid),
  ];
  if (!processes.some((p) => p.pid === owner.pid)) return [];
  return pids.sort((a, b) => b - a).map((pid) => ({ comm, pid, fd }));
}

function inodeOf(machine: Machine, listener: Listener): number {
  return 100000 + ((machine.seed * 7919 + listener.id * 4253) % 20000);
}

/** /etc/services' name for a TCP port, when the file is there and names it. */
export function serviceName(machine: Machine, port: number): string | undefined {
  let text: string;
  try {
    text = machine.fs.readText('/etc/services');
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [name, spec] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (name !== undefined && spec === `${port}/tcp`) return name;
  }
  return undefined;
}
