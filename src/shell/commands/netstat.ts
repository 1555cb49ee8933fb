// net-tools 2.10's `netstat` for the machine's listening sockets: -l (servers only; -a adds
// nothing, no connections stay open), -x (unix), -t (TCP), -n (numeric), -p (PID/Program name).
// Debian 12 does not install it: it runs once the net-tools package is on the machine. Texts
// compared with the real netstat (tests/fixtures/shell/service-side/).

import type { CommandDefinition, ProgramContext } from '../program.ts';
import { listeningSockets, serviceName, type ListedSocket } from '../programs/socket-listing.ts';

interface Flags {
  listening: boolean;
  all: boolean;
  unix: boolean;
  tcp: boolean;
  numeric: boolean;
  processes: boolean;
}

const LETTERS: Readonly<Record<string, keyof Flags>> = {
  l: 'listening',
  a: 'all',
  x: 'unix',
  t: 'tcp',
  n: 'numeric',
  p: 'processes',
};

export const netstat: CommandDefinition = {
  name: 'netstat',
  programs: ['/usr/bin/netstat', '/bin/netstat'],
  options: ['-l', '-x', '-t', '-n', '-p', '-a'],
  run: (context) => {
    const flags: Flags = {
      listening: false,
      all: false,
      unix: false,
      tcp: false,
      numeric: false,
      processes: false,
    };
    for (const arg of context.argv.slice(1)) {
      if (!arg.startsWith('-') || arg.startsWith('--')) {
        context.stderr.write(
          `uwsgi-lab: netstat ${arg}: the simulated netstat knows the options -l -a -x -t -n -p\n`,
        );
        return 1;
      }
      for (const letter of arg.slice(1)) {
        const flag = LETTERS[letter];
        if (flag === undefined) {
          context.stderr.write(`netstat: invalid option -- '${letter}'\n`);
          return 1;
        }
        flags[flag] = true;
      }
    }
    const both = !flags.unix && !flags.tcp;
    const servers = flags.listening || flags.all;
    const sockets = servers ? listeningSockets(context.machine) : [];
    const which = flags.all
      ? 'servers and established'
      : flags.listening
        ? 'only servers'
        : 'w/o servers';
    let out = '';
    if (flags.tcp || both) {
      out += `Active Internet connections (${which})\n`;
      out += inetLine(
        ['Proto', 'Recv-Q', 'Send-Q', 'Local Address', 'Foreign Address', 'State'],
        flags,
        'PID/Program name',
      );
      for (const s of sockets.filter((x) => x.family !== 'unix')) out += inetRow(context, s, flags);
    }
    if (flags.unix || both) {
      out += `Active UNIX domain sockets (${which})\n`;
      out += unixHeader(flags);
      for (const s of sockets.filter((x) => x.family === 'unix')) out += unixRow(s, flags);
    }
    context.stdout.write(out);
    return 0;
  },
};

// "%-5s %6s %6s %-23s %-23s %-11s" and, with -p, "%-20s"
function inetLine(cells: readonly string[], flags: Flags, program: string): string {
  const [proto, recv, send, local, foreign, state] = cells as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const recvCell = recv === 'Recv-Q' ? recv : recv.padStart(6);
  const sendCell = send === 'Send-Q' ? send : send.padStart(6);
  let line = `${proto.padEnd(5)} ${recvCell} ${sendCell} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)}`;
  if (flags.processes) line += ` ${program.padEnd(20)}`;
  return `${line}\n`;
}

function inetRow(context: ProgramContext, socket: ListedSocket, flags: Flags): string {
  const v6 = socket.family === 'inet6';
  const host = flags.numeric ? socket.address : hostName(context, socket.address);
  const port = flags.numeric
    ? String(socket.port)
    : (serviceName(context.machine, socket.port) ?? String(socket.port));
  const owner = socket.holders.at(-1);
  return inetLine(
    [v6 ? 'tcp6' : 'tcp', '0', '0', `${host}:${port}`, v6 ? ':::*' : '0.0.0.0:*', 'LISTEN'],
    flags,
    owner === undefined ? '-' : `${owner.pid}/${owner.comm}`,
  );
}

// netstat names addresses from /etc/hosts unless -n (0.0.0.0 and :: stay as they are)
function hostName(context: ProgramContext, address: string): string {
  if (address === '0.0.0.0' || address === '::') return address;
  const text =
    context.machine.fs.tryStat('/etc/hosts') === undefined
      ? ''
      : context.machine.fs.readText('/etc/hosts');
  for (const line of text.split('\n')) {
    const [ip, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip === address && name !== undefined) return name;
  }
  return address;
}

function unixHeader(flags: Flags): string {
  return flags.processes
    ? 'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n'
    : 'Proto RefCnt Flags       Type       State         I-Node   Path\n';
}

// "%-5s %-6ld %-11s %-10s %-13s %-8lu " then, with -p, "%-20s "
function unixRow(socket: ListedSocket, flags: Flags): string {
  const owner = socket.holders.at(-1);
  const program = flags.processes
    ? `${(owner === undefined ? '-' : `${owner.pid}/${owner.comm}`).padEnd(20)} `
    : '';
  return `unix  2      [ ACC ]     STREAM     LISTENING     ${String(socket.inode).padEnd(8)} ${program}${socket.address}\n`;
}
