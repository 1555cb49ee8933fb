// bash's `pwd`: the logical working directory (with the symlinks it was reached through), or with
// -P the physical one.

import { attempt, errnoText } from '../gnu/errno-text.ts';
import type { CommandDefinition } from '../program.ts';

export const pwd: CommandDefinition = {
  name: 'pwd',
  builtin: true,
  programs: ['/usr/bin/pwd'],
  options: ['-L', '-P'],
  run: ({ argv, shell, stdout, stderr, machine }) => {
    let physical = false;
    for (const arg of argv.slice(1)) {
      if (arg === '-P') physical = true;
      else if (arg === '-L') physical = false;
      else if (arg.startsWith('-') && arg !== '-') {
        stderr.write(`bash: pwd: ${arg.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`);
        return 2;
      }
    }
    const cwd = shell.state.cwd;
    if (!physical) {
      stdout.write(`${cwd}\n`);
      return 0;
    }
    const real = attempt(() => machine.fs.realpath(cwd));
    if (!real.ok) {
      stderr.write(`bash: pwd: ${errnoText(real.error)}\n`);
      return 1;
    }
    stdout.write(`${real.value}\n`);
    return 0;
  },
};
