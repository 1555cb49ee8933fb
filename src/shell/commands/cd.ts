// bash's `cd`: the logical path (`..` taken off the path typed, symlinks kept in PWD, as `set -o
// physical` is off), `cd` alone to $HOME, `cd -` to $OLDPWD (printing it), and PWD and OLDPWD set
// and exported. Errors as bash words them: `bash: cd: nope: No such file or directory`.

import { normalizePath } from '../../gateway/fs.ts';
import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import type { CommandDefinition } from '../program.ts';

export const cd: CommandDefinition = {
  name: 'cd',
  builtin: true,
  options: ['-L', '-P'],
  run: ({ argv, shell, stdout, stderr, machine }) => {
    const state = shell.state;
    let args = argv.slice(1);
    let physical = false;
    while (args[0] !== undefined && /^-[LPe@]+$/.test(args[0])) {
      if (args[0].includes('P')) physical = true;
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length > 1) {
      stderr.write('bash: cd: too many arguments\n');
      return 1;
    }
    let target = args[0];
    let print = false;
    if (target === undefined) {
      target = state.variables.get('HOME');
      if (target === undefined) {
        stderr.write('bash: cd: HOME not set\n');
        return 1;
      }
      if (target === '') return 0;
    } else if (target === '-') {
      target = state.variables.get('OLDPWD');
      if (target === undefined || target === '') {
        stderr.write('bash: cd: OLDPWD not set\n');
        return 1;
      }
      print = true;
    } else if (target === '') {
      return 0;
    }
    const logical = normalizePath(absolutePath(state.cwd, target));
    const stat = attempt(() =>
      machine.fs.stat(physical ? absolutePath(state.cwd, target) : logical),
    );
    if (!stat.ok) {
      stderr.write(`bash: cd: ${target}: ${errnoText(stat.error)}\n`);
      return 1;
    }
    if (stat.value.type !== 'directory') {
      stderr.write(`bash: cd: ${target}: Not a directory\n`);
      return 1;
    }
    const next = physical ? machine.fs.realpath(absolutePath(state.cwd, target)) : logical;
    const previous = state.variables.get('PWD') ?? state.cwd;
    state.variables.set('OLDPWD', previous);
    state.variables.export('OLDPWD');
    state.cwd = next;
    state.variables.set('PWD', next);
    state.variables.export('PWD');
    if (print) stdout.write(`${next}\n`);
    return 0;
  },
};
