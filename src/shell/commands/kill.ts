// bash 5.2's `kill` builtin: sends a signal (by name — `-HUP`, `-SIGHUP`, `-s HUP` — or number —
// `-9`, `-n 9`; SIGTERM by default) to pids of the machine's process table and to jobs (`%1`,
// `%%`, `%uwsgi`); `kill -l` lists the signals as bash does, `kill -l 15` / `kill -l TERM` / `kill
// -l 143` translate. The processes' own handlers decide what a signal does (nginx reloads on
// HUP, uWSGI on HUP; both stop on TERM, QUIT, INT). Errors in bash's words (captured:
// tests/fixtures/shell/service-side/).
//
// SIMPLIFIED: signals the machine's programs have no use for (SIGWINCH, SIGPWR, the real-time
// ones…) are accepted and change nothing.

import { signalByNumber, type SignalName } from '../bash/signals.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

/** Linux's signal names by number, as `kill -l` prints them (x86-64; 32 and 33 are glibc's). */
const SIGNAL_LIST: readonly (readonly [number, string])[] = [
  ...[
    'HUP',
    'INT',
    'QUIT',
    'ILL',
    'TRAP',
    'ABRT',
    'BUS',
    'FPE',
    'KILL',
    'USR1',
    'SEGV',
    'USR2',
    'PIPE',
    'ALRM',
    'TERM',
    'STKFLT',
    'CHLD',
    'CONT',
    'STOP',
    'TSTP',
    'TTIN',
    'TTOU',
    'URG',
    'XCPU',
    'XFSZ',
    'VTALRM',
    'PROF',
    'WINCH',
    'IO',
    'PWR',
    'SYS',
  ].map((name, i) => [i + 1, `SIG${name}`] as const),
  ...Array.from({ length: 31 }, (_, i) => {
    const n = 34 + i;
    const name =
      i <= 15
        ? i === 0
          ? 'SIGRTMIN'
          : `SIGRTMIN+${i}`
        : i === 30
          ? 'SIGRTMAX'
          : `SIGRTMAX-${30 - i}`;
    return [n, name] as const;
  }),
];

const USAGE =
  'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

export const kill: CommandDefinition = {
  name: 'kill',
  builtin: true,
  options: ['-l', '-s', '-n', '-9', '-HUP', '-TERM', '-KILL', '-QUIT', '-INT'],
  run: (context) => {
    const args = context.argv.slice(1);
    const fail = (text: string, status = 1): number => {
      context.stderr.write(`bash: kill: ${text}\n`);
      return status;
    };
    if (args.length === 0) {
      context.stderr.write(USAGE);
      return 2;
    }
    let signal = 15;
    let i = 0;
    const first = args[0]!;
    if (first === '-l' || first === '-L') return list(context, args.slice(1));
    if (first === '-s' || first === '-n') {
      const spec = args[1];
      if (spec === undefined) return fail(`${first}: option requires an argument`);
      const number = signalNumber(spec);
      if (number === undefined) return fail(`${spec}: invalid signal specification`);
      signal = number;
      i = 2;
    } else if (first.startsWith('-') && first !== '-' && first !== '--') {
      const number = signalNumber(first.slice(1));
      if (number === undefined) return fail(`${first.slice(1)}: invalid signal specification`);
      signal = number;
      i = 1;
    } else if (first === '--') i = 1;
    const targets = args.slice(i);
    if (targets.length === 0) {
      context.stderr.write(USAGE);
      return 2;
    }
    let status = 0;
    for (const target of targets) {
      const problem = send(context, target, signal);
      if (problem !== undefined) status = fail(problem);
    }
    return status;
  },
};

// a name (`TERM`, `SIGTERM`, `term`) or a number, as bash's decode_signal reads it
function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= 64 && (n === 0 || SIGNAL_LIST.some(([k]) => k === n)) ? n : undefined;
  }
  const upper = spec.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return SIGNAL_LIST.find(([, n]) => n === name)?.[0];
}

// one pid or job spec; the error text when it could not be signalled
function send(context: ProgramContext, target: string, signal: number): string | undefined {
  const name: SignalName | undefined = signalByNumber(signal);
  if (target.startsWith('%')) {
    const job = context.shell.jobs.find(target);
    if (job === undefined || !job.running) return `${target}: no such job`;
    if (name !== undefined) job.signal(name);
    return undefined;
  }
  if (!/^-?\d+$/.test(target)) return `${target}: arguments must be process or job IDs`;
  const pid = Number(target);
  const exists = context.machine.processes.byPid(pid) !== undefined;
  if (!exists) return `(${pid}) - No such process`;
  if (signal !== 0 && name !== undefined) context.machine.processes.signal(pid, name);
  return undefined;
}

function list(context: ProgramContext, specs: readonly string[]): number {
  if (specs.length === 0) {
    context.stdout.write(listing());
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    if (/^\d+$/.test(spec)) {
      // an exit status above 128 names the signal that caused it
      const n = Number(spec) > 128 ? Number(spec) - 128 : Number(spec);
      const entry = SIGNAL_LIST.find(([k]) => k === n);
      if (entry === undefined) {
        context.stderr.write(`bash: kill: ${spec}: invalid signal specification\n`);
        status = 1;
      } else context.stdout.write(`${entry[1].slice(3)}\n`);
      continue;
    }
    const n = signalNumber(spec);
    if (n === undefined) {
      context.stderr.write(`bash: kill: ${spec}: invalid signal specification\n`);
      status = 1;
    } else context.stdout.write(`${n}\n`);
  }
  return status;
}

// five to a line, `%2d) %s` and a tab after each; the last line keeps its tab
function listing(): string {
  let out = '';
  SIGNAL_LIST.forEach(([n, name], i) => {
    out += `${String(n).padStart(2)}) ${name}\t`;
    if (i % 5 === 4) out = `${out.slice(0, -1)}\n`;
  });
  return out.endsWith('\n') ? out : `${out}\n`;
}
