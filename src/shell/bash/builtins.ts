// The builtins the executor runs itself because they change the shell's own variables or end it:
// `export`, `unset`, `exit`. The other builtins (cd, echo, jobs, kill, history, source, type...)
// belong to the command layer; SHELL_BUILTINS tells which names bash runs without forking.

import type { OutputSink } from './command-runner.ts';
import type { ShellState } from './shell-state.ts';
import { isName } from './word-reader.ts';

/** bash 5.2's builtins (`enable -a`): run inside the shell, so they get no pid of their own. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  '.',
  ':',
  '[',
  'alias',
  'bg',
  'bind',
  'break',
  'builtin',
  'caller',
  'cd',
  'command',
  'compgen',
  'complete',
  'compopt',
  'continue',
  'declare',
  'dirs',
  'disown',
  'echo',
  'enable',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fc',
  'fg',
  'getopts',
  'hash',
  'help',
  'history',
  'jobs',
  'kill',
  'let',
  'local',
  'logout',
  'mapfile',
  'popd',
  'printf',
  'pushd',
  'pwd',
  'read',
  'readarray',
  'readonly',
  'return',
  'set',
  'shift',
  'shopt',
  'source',
  'suspend',
  'test',
  'times',
  'trap',
  'true',
  'type',
  'typeset',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
]);

/** The builtins implemented here. */
export const EXECUTOR_BUILTINS: ReadonlySet<string> = new Set(['export', 'unset', 'exit']);

export interface BuiltinStreams {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
}

/** `export [-n] [-p] [NAME[=value] ...]` */
export function runExport(args: readonly string[], state: ShellState, io: BuiltinStreams): number {
  let unexport = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (const flag of arg.slice(1)) {
      if (flag === 'n') unexport = true;
      else if (flag !== 'p' && flag !== 'f') {
        io.stderr.write(
          `bash: export: -${flag}: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n`,
        );
        return 2;
      }
    }
  }
  const names = args.slice(i);
  if (names.length === 0) {
    io.stdout.write(state.variables.formatExports());
    return 0;
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!isName(name)) {
      io.stderr.write(`bash: export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (unexport) {
      if (eq !== -1) state.variables.set(name, arg.slice(eq + 1));
      state.variables.unexport(name);
    } else {
      state.variables.export(name, eq === -1 ? undefined : arg.slice(eq + 1));
    }
  }
  return status;
}

/**
 * `unset [-v] [-f] [-n] NAME ...` (functions do not exist in this subset: -f does nothing). bash
 * 5.2 ignores names that are not identifiers without a word (`unset 1a` prints nothing, status 0).
 */
export function runUnset(args: readonly string[], state: ShellState, io: BuiltinStreams): number {
  let functions = false;
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') {
      options = false;
      continue;
    }
    if (options && arg.startsWith('-') && arg !== '-') {
      const bad = [...arg.slice(1)].find((flag) => !'vfn'.includes(flag));
      if (bad !== undefined) {
        io.stderr.write(
          `bash: unset: -${bad}: invalid option\nunset: usage: unset [-f] [-v] [-n] [name ...]\n`,
        );
        return 2;
      }
      functions = arg.includes('f');
      continue;
    }
    options = false;
    if (!functions && isName(arg)) state.variables.unset(arg);
  }
  return 0;
}

export type ExitDecision =
  | { readonly exit: true; readonly status: number }
  | { readonly exit: false; readonly status: number };

/**
 * `exit [n]`: the status is n modulo 256 (default `$?`). A non-number still exits, with status 2;
 * two arguments do not exit. An interactive shell prints `exit` first (bash's exit_builtin).
 */
export function runExit(
  args: readonly string[],
  state: ShellState,
  io: BuiltinStreams,
  interactive: boolean,
): ExitDecision {
  if (interactive) io.stderr.write('exit\n');
  const [arg] = args;
  if (arg === undefined) return { exit: true, status: state.lastStatus };
  if (!/^[+-]?\d+$/.test(arg.trim())) {
    io.stderr.write(`bash: exit: ${arg}: numeric argument required\n`);
    return { exit: true, status: 2 };
  }
  if (args.length > 1) {
    io.stderr.write('bash: exit: too many arguments\n');
    return { exit: false, status: 1 };
  }
  const n = Number(BigInt(arg.trim()) % 256n);
  return { exit: true, status: (n + 256) % 256 };
}
