// procps-ng 4.0.2's `ps` on the machine's process table: plain `ps` (this terminal's processes),
// BSD `aux`/`ax`/`x`, `-e`/`-A`, `-f` (`ps -ef`), `-o FIELDS` (`ps -eo user,pid,ppid,cmd`, as
// real-output-shell.md §8.2 shows), `-p PID[,PID…]` / `--pid`. Column widths are procps's on a
// machine whose pid_max is 32768 (PID 5 wide, as in the captures); on a terminal lines are cut to
// its width, elsewhere they are whole. %MEM is against the captured machine's 24684092 kB.
// Texts compared with the real ps in tests/fixtures/shell/service-side/.

import { strftime } from '../../gateway/strftime.ts';
import type { ProcessInfo } from '../machine/process-table.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

/** MemTotal of the captured machine (/proc/meminfo): what %MEM divides by. */
const MEM_TOTAL_KIB = 24684092;

const USAGE_TAIL = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  readonly value: (info: ProcessInfo, now: number) => string;
}

const COLUMNS: Readonly<Record<string, Column>> = {
  user: { header: 'USER', width: 8, align: 'left', value: (p) => userName(p.user) },
  uid: { header: 'UID', width: 5, align: 'right', value: (p) => String(p.uid) },
  pid: { header: 'PID', width: 5, align: 'right', value: (p) => String(p.pid) },
  ppid: { header: 'PPID', width: 5, align: 'right', value: (p) => String(p.ppid) },
  stat: { header: 'STAT', width: 4, align: 'left', value: (p) => p.state },
  tty: { header: 'TT', width: 8, align: 'left', value: (p) => p.tty },
  rss: { header: 'RSS', width: 5, align: 'right', value: (p) => String(p.rssKiB) },
  vsz: { header: 'VSZ', width: 6, align: 'right', value: (p) => String(p.vszKiB) },
  '%cpu': { header: '%CPU', width: 4, align: 'right', value: (p, now) => pcpu(p, now) },
  '%mem': { header: '%MEM', width: 4, align: 'right', value: (p) => pmem(p) },
  time: { header: 'TIME', width: 8, align: 'right', value: (p) => clockTime(p.cpuMs) },
  comm: { header: 'COMMAND', width: 15, align: 'left', value: (p) => p.comm.slice(0, 15) },
  cmd: { header: 'CMD', width: 0, align: 'left', value: (p) => p.command },
  args: { header: 'COMMAND', width: 0, align: 'left', value: (p) => p.command },
  command: { header: 'COMMAND', width: 0, align: 'left', value: (p) => p.command },
};

/** `ps aux` (BSD u format with a and x). */
const AUX: readonly Column[] = [
  COLUMNS.user!,
  COLUMNS.pid!,
  COLUMNS['%cpu']!,
  COLUMNS['%mem']!,
  COLUMNS.vsz!,
  COLUMNS.rss!,
  { ...COLUMNS.tty!, header: 'TTY' },
  COLUMNS.stat!,
  { header: 'START', width: 5, align: 'right', value: (p, now) => startTime(p.startMs, now) },
  { header: 'TIME', width: 6, align: 'right', value: (p) => minutesTime(p.cpuMs) },
  COLUMNS.command!,
];

/** `ps x` / `ps ax` (BSD j-less default). */
const BSD_DEFAULT: readonly Column[] = [
  COLUMNS.pid!,
  { ...COLUMNS.tty!, header: 'TTY' },
  COLUMNS.stat!,
  { header: 'TIME', width: 6, align: 'right', value: (p) => minutesTime(p.cpuMs) },
  COLUMNS.command!,
];

/** `ps -f`. */
const FULL: readonly Column[] = [
  { ...COLUMNS.user!, header: 'UID' },
  COLUMNS.pid!,
  COLUMNS.ppid!,
  {
    header: 'C',
    width: 2,
    align: 'right',
    value: (p, now) => String(Math.floor(Number(pcpu(p, now)))),
  },
  { header: 'STIME', width: 5, align: 'left', value: (p, now) => startTime(p.startMs, now) },
  { ...COLUMNS.tty!, header: 'TTY' },
  COLUMNS.time!,
  COLUMNS.cmd!,
];

/** Plain `ps` and `ps -p`. */
const SIMPLE: readonly Column[] = [
  COLUMNS.pid!,
  { ...COLUMNS.tty!, header: 'TTY' },
  COLUMNS.time!,
  { ...COLUMNS.comm!, header: 'CMD', width: 0 },
];

interface Selection {
  /** -e / -A: every process. */
  readonly every: boolean;
  /** BSD options given: `a` (every user's), `x` (without a terminal too). */
  readonly bsd: { readonly a: boolean; readonly x: boolean } | undefined;
  readonly pids: readonly number[] | undefined;
  readonly format: readonly Column[];
  /** BSD f / --forest: children under their parent, the command indented with `\_ `. */
  readonly forest: boolean;
}

export const ps: CommandDefinition = {
  name: 'ps',
  options: ['aux', '-ef', '-p', '-o', '-e', '-f'],
  run: async (context) => {
    const parsed = parseArgs(context.argv.slice(1));
    if (typeof parsed === 'string') {
      context.stderr.write(`error: ${parsed}\n${USAGE_TAIL}`);
      return 1;
    }
    // ps reads /proc once bash has forked the whole pipeline (`ps aux | grep x` lists the grep)
    await new Promise((resolve) => setTimeout(resolve, 0));
    return print(context, parsed);
  },
};

function parseArgs(args: readonly string[]): Selection | string {
  let every = false;
  let forest = false;
  let bsdA = false;
  let withoutTty = false;
  let pids: number[] | undefined;
  let bsdU = false;
  let full = false;
  let fields: Column[] | undefined;
  const takePids = (text: string | undefined, letter: string): string | undefined => {
    if (text === undefined) return `List of process IDs must follow ${letter}.`;
    const list = text.split(/[,\s]+/).filter((p) => p !== '');
    if (list.length === 0 || !list.every((p) => /^\d+$/.test(p)))
      return 'process ID list syntax error';
    pids = [...(pids ?? []), ...list.map(Number)];
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--pid') {
      const problem = takePids(args[++i], '--pid');
      if (problem !== undefined) return problem;
      continue;
    }
    if (arg === '--forest') {
      forest = true;
      continue;
    }
    if (arg.startsWith('--')) return 'unknown gnu long option';
    if (arg.startsWith('-')) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (letter === 'e' || letter === 'A') every = true;
        else if (letter === 'f') full = true;
        else if (letter === 'p' || letter === 'o') {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (letter === 'p') {
            const problem = takePids(value, '-p');
            if (problem !== undefined) return problem;
          } else {
            if (value === undefined) return 'improper format list';
            const columns = formatColumns(value);
            if (typeof columns === 'string') return columns;
            fields = [...(fields ?? []), ...columns];
          }
          break;
        } else return 'unsupported SysV option';
      }
      continue;
    }
    // BSD options: letters without a dash
    for (const letter of arg) {
      if (letter === 'a') bsdA = true;
      else if (letter === 'x') withoutTty = true;
      else if (letter === 'u') bsdU = true;
      else if (letter === 'f') forest = true;
      else if (letter === 'e' || letter === 'w') continue;
      else if (/^\d+$/.test(arg)) {
        const problem = takePids(arg, 'p');
        if (problem !== undefined) return problem;
        break;
      } else return `unsupported option (BSD syntax)`;
    }
  }
  const bsd = bsdA || withoutTty || bsdU;
  const format = fields ?? (bsdU ? AUX : full ? FULL : bsd ? BSD_DEFAULT : SIMPLE);
  return { every, bsd: bsd ? { a: bsdA, x: withoutTty } : undefined, pids, format, forest };
}

function formatColumns(text: string): Column[] | string {
  const columns: Column[] = [];
  for (const name of text.split(/[,\s]+/).filter((n) => n !== '')) {
    const [key, header] = name.split('=') as [string, string | undefined];
    const column = COLUMNS[key.toLowerCase()];
    if (column === undefined) return `unknown user-defined format specifier "${key}"`;
    columns.push(header === undefined ? column : { ...column, header });
  }
  return columns;
}

function print(context: ProgramContext, selection: Selection): number {
  const now = context.machine.clock.now();
  const processes = context.machine.processes.list();
  const ownTty = context.machine.processes.byPid(context.pid ?? -1)?.tty ?? 'pts/0';
  const bsd = selection.bsd;
  const chosen = processes.filter((p) => {
    if (selection.pids !== undefined) return selection.pids.includes(p.pid);
    if (selection.every) return true;
    // BSD: `a` lifts "only mine", `x` lifts "only with a terminal" (the reader is root)
    if (bsd !== undefined) return (bsd.a || p.uid === 0) && (bsd.x || p.tty !== '?');
    return p.tty === ownTty;
  });
  const rows = selection.forest ? forestOrder(chosen) : chosen.map((info) => ({ info, depth: 0 }));
  const width = context.terminal?.columns;
  const line = (cells: readonly string[]): string => {
    const text = cells.join(' ').trimEnd();
    return width === undefined ? text : [...text].slice(0, width).join('');
  };
  const header = selection.format.map((column, i) =>
    cell(column, column.header, i === selection.format.length - 1),
  );
  let out = `${line(header)}\n`;
  for (const { info, depth } of rows) {
    const cells = selection.format.map((column, i) => {
      const value = column.value(info, now);
      const shown = isCommand(column) && depth > 0 ? `${forestPrefix(depth)}${value}` : value;
      return cell(column, shown, i === selection.format.length - 1);
    });
    out += `${line(cells)}\n`;
  }
  context.stdout.write(out);
  return chosen.length === 0 ? 1 : 0;
}

// the forest: init's children (and what has no parent listed) at the top, each child under its
// parent, by pid
function forestOrder(processes: readonly ProcessInfo[]): { info: ProcessInfo; depth: number }[] {
  const listed = new Set(processes.map((p) => p.pid));
  const out: { info: ProcessInfo; depth: number }[] = [];
  const visit = (info: ProcessInfo, depth: number): void => {
    out.push({ info, depth });
    for (const child of processes)
      if (child.ppid === info.pid && child.pid !== info.pid && info.pid !== 1)
        visit(child, depth + 1);
  };
  for (const info of processes) if (info.ppid <= 1 || !listed.has(info.ppid)) visit(info, 0);
  return out;
}

// ` \_ ` one level down, four more spaces for each level below
function forestPrefix(depth: number): string {
  return `${' '.repeat(1 + 4 * (depth - 1))}\\_ `;
}

// the forest's indent goes into the command column (args, cmd, comm), whatever it is called
function isCommand(column: Column): boolean {
  return column.header === 'COMMAND' || column.header === 'CMD';
}

function cell(column: Column, text: string, lastColumn: boolean): string {
  if (lastColumn && column.align === 'left') return text;
  return column.align === 'left' ? text.padEnd(column.width) : text.padStart(column.width);
}

// a name longer than the column is cut to 7 characters and a `+` (`systemd+`)
function userName(name: string): string {
  return name.length > 8 ? `${name.slice(0, 7)}+` : name;
}

// ps's %CPU: CPU time over the time since the process started, in tenths
function pcpu(info: ProcessInfo, now: number): string {
  const elapsed = now - info.startMs;
  if (elapsed <= 0) return '0.0';
  const tenths = Math.floor((info.cpuMs * 1000) / elapsed);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function pmem(info: ProcessInfo): string {
  const tenths = Math.floor((info.rssKiB * 1000) / MEM_TOTAL_KIB);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

// START: the time of day within the last 24 hours, else the month and day (`Nov25`)
function startTime(startMs: number, now: number): string {
  return strftime(now - startMs < 24 * 3600 * 1000 ? '%H:%M' : '%b%d', startMs);
}

function minutesTime(cpuMs: number): string {
  const seconds = Math.floor(cpuMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function clockTime(cpuMs: number): string {
  const seconds = Math.floor(cpuMs / 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}
