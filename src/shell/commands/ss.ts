// iproute2 6.1's `ss` for the listening sockets of the machine: -l (listening; -a adds nothing,
// the machine keeps no connections open), -x (unix), -t (TCP), -n (numeric ports), -p (the
// processes holding each socket), -H (no header), -4/-6. Columns are laid out as ss lays them
// out (misc/ss.c render_calc_width): each as wide as its widest cell; on a terminal the spare width
// is shared out among them, right to left. Texts compared with the real ss
// (real-output-shell.md §8.2; tests/fixtures/shell/service-side/).

import type { CommandDefinition, ProgramContext } from '../program.ts';
import { listeningSockets, serviceName, type ListedSocket } from '../programs/socket-listing.ts';

interface ColumnSpec {
  readonly header: string;
  readonly align: 'left' | 'right';
  /** Printed before the cell when it is not the first column of the line. */
  readonly delimiter: string;
}

const COLUMNS: readonly ColumnSpec[] = [
  { header: 'Netid', align: 'left', delimiter: '' },
  { header: 'State', align: 'left', delimiter: ' ' },
  { header: 'Recv-Q', align: 'left', delimiter: ' ' },
  { header: 'Send-Q', align: 'left', delimiter: ' ' },
  { header: 'Local Address:', align: 'right', delimiter: ' ' },
  { header: 'Port', align: 'left', delimiter: '' },
  { header: 'Peer Address:', align: 'right', delimiter: ' ' },
  { header: 'Port', align: 'left', delimiter: '' },
  { header: 'Process', align: 'left', delimiter: '' },
];

interface Flags {
  listening: boolean;
  unix: boolean;
  tcp: boolean;
  numeric: boolean;
  processes: boolean;
  noHeader: boolean;
  v4: boolean;
  v6: boolean;
}

const LETTERS: Readonly<Record<string, keyof Flags | 'all' | 'udp'>> = {
  l: 'listening',
  a: 'all',
  x: 'unix',
  t: 'tcp',
  u: 'udp',
  n: 'numeric',
  p: 'processes',
  H: 'noHeader',
  '4': 'v4',
  '6': 'v6',
};

const LONG: Readonly<Record<string, string>> = {
  listening: 'l',
  all: 'a',
  unix: 'x',
  tcp: 't',
  udp: 'u',
  numeric: 'n',
  processes: 'p',
  'no-header': 'H',
  ipv4: '4',
  ipv6: '6',
};

export const ss: CommandDefinition = {
  name: 'ss',
  options: ['-l', '-x', '-t', '-n', '-p', '-a', '-H', '-4', '-6'],
  run: (context) => {
    const flags: Flags = {
      listening: false,
      unix: false,
      tcp: false,
      numeric: false,
      processes: false,
      noHeader: false,
      v4: false,
      v6: false,
    };
    let all = false;
    let udp = false;
    for (const arg of context.argv.slice(1)) {
      const letters = arg.startsWith('--')
        ? (LONG[arg.slice(2)] ?? null)
        : arg.startsWith('-')
          ? arg.slice(1)
          : null;
      if (letters === null) {
        context.stderr.write(
          `uwsgi-lab: ss ${arg}: the simulated ss knows the options -l -a -x -t -u -n -p -H -4 -6 (no filters)\n`,
        );
        return 1;
      }
      for (const letter of letters) {
        const flag = LETTERS[letter];
        if (flag === undefined) {
          context.stderr.write(`ss: invalid option -- '${letter}'\n`);
          return 1;
        }
        if (flag === 'all') all = true;
        else if (flag === 'udp') udp = true;
        else flags[flag] = true;
      }
    }
    return print(context, flags, all || flags.listening, udp);
  },
};

function print(context: ProgramContext, flags: Flags, listening: boolean, udp: boolean): number {
  const anyFamily = !flags.unix && !flags.tcp && !udp;
  const wantUnix = (flags.unix || anyFamily) && !flags.v4 && !flags.v6;
  const wantTcp = flags.tcp || anyFamily || flags.v4 || flags.v6;
  const sockets = listening
    ? listeningSockets(context.machine).filter((s) =>
        s.family === 'unix'
          ? wantUnix
          : wantTcp && (!flags.v4 || s.family === 'inet') && (!flags.v6 || s.family === 'inet6'),
      )
    : [];
  // Netid is shown unless one kind of socket was asked for (-t alone)
  const familiesAsked = (flags.unix ? 3 : 0) + (flags.tcp ? 1 : 0) + (udp ? 1 : 0);
  const showNetid = anyFamily || familiesAsked > 1;
  const rows = sockets.map((s) => cells(context, s, flags));
  const enabled = COLUMNS.map((_, i) => (i === 0 ? showNetid : true));
  const header = COLUMNS.map((c) => c.header);
  const table = flags.noHeader ? rows : [header, ...rows];
  const widths = columnWidths([header, ...rows], enabled, context.terminal?.columns);
  let out = '';
  for (const row of table) out += `${renderRow(row, widths, enabled)}\n`;
  context.stdout.write(out);
  return 0;
}

// ss writes the process list with a space before it (` users:((…))`)
function cells(context: ProgramContext, socket: ListedSocket, flags: Flags): string[] {
  const users = flags.processes
    ? socket.holders.length === 0
      ? ''
      : ` users:(${socket.holders.map((h) => `("${h.comm}",pid=${h.pid},fd=${h.fd})`).join(',')})`
    : '';
  if (socket.family === 'unix')
    return [
      'u_str',
      'LISTEN',
      '0',
      String(socket.backlog),
      `${socket.address} `,
      String(socket.inode),
      '* ',
      '0',
      users,
    ];
  const port = flags.numeric
    ? String(socket.port)
    : (serviceName(context.machine, socket.port) ?? String(socket.port));
  const address = socket.family === 'inet6' ? `[${socket.address}]` : socket.address;
  const peer = socket.family === 'inet6' ? '[::]' : '0.0.0.0';
  return [
    'tcp',
    'LISTEN',
    '0',
    String(socket.backlog),
    `${address}:`,
    port,
    `${peer}:`,
    '*',
    users,
  ];
}

// render_calc_width: content widths (plus the delimiter after the first column); on a terminal
// the rest of each screen line is shared among its columns, the last ones getting the remainder
function columnWidths(
  rows: readonly (readonly string[])[],
  enabled: readonly boolean[],
  screen: number | undefined,
): number[] {
  let first = true;
  const widths = COLUMNS.map((column, i) => {
    if (!enabled[i]) return 0;
    const max = Math.max(...rows.map((row) => [...row[i]!].length));
    const width = !first && max > 0 ? max + column.delimiter.length : max;
    if (width > 0) first = false;
    return screen === undefined ? width : Math.min(width, screen);
  });
  if (screen === undefined) return widths;
  let len = 0;
  let lineColumns: number[] = [];
  for (let i = 0; i < widths.length; i++) {
    if (widths[i] === 0) continue;
    lineColumns.push(i);
    len += widths[i]!;
    const last = !widths.slice(i + 1).some((w) => w > 0);
    if (!last && len < screen) continue;
    if (len === screen) {
      len = 0;
      lineColumns = [];
      continue;
    }
    if (len > screen) {
      len -= widths[i]!;
      lineColumns.pop();
      i--;
    }
    const pad = screen - len;
    const spacing = Math.floor(pad / Math.max(1, lineColumns.length));
    let rest = pad % Math.max(1, lineColumns.length);
    for (const at of [...lineColumns].reverse()) {
      widths[at]! += spacing;
      if (rest > 0) {
        widths[at]! += 1;
        rest--;
      }
    }
    len = 0;
    lineColumns = [];
  }
  return widths;
}

function renderRow(
  row: readonly string[],
  widths: readonly number[],
  enabled: readonly boolean[],
): string {
  let out = '';
  let first = true;
  COLUMNS.forEach((column, i) => {
    if (!enabled[i] || widths[i] === 0) return;
    const delimiter = first ? '' : column.delimiter;
    first = false;
    const room = widths[i]! - delimiter.length;
    const text = row[i]!;
    const pad = ' '.repeat(Math.max(0, room - [...text].length));
    out += delimiter + (column.align === 'right' ? pad + text : text + pad);
  });
  return out;
}
