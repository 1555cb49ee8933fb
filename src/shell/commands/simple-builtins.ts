// bash's small builtins: `true`, `false` and `:` (their coreutils twins in /usr/bin behave alike),
// and `umask`, which shows or sets the mask new files get (`0022` for Debian's root).

import type { CommandDefinition } from '../program.ts';

export const trueCommand: CommandDefinition = {
  name: 'true',
  builtin: true,
  programs: ['/usr/bin/true'],
  run: () => 0,
};

export const falseCommand: CommandDefinition = {
  name: 'false',
  builtin: true,
  programs: ['/usr/bin/false'],
  run: () => 1,
};

export const colon: CommandDefinition = { name: ':', builtin: true, run: () => 0 };

export const umask: CommandDefinition = {
  name: 'umask',
  builtin: true,
  options: ['-S', '-p'],
  run: ({ argv, shell, stdout, stderr }) => {
    const state = shell.state;
    let symbolic = false;
    let reusable = false;
    const args = argv.slice(1).filter((arg) => {
      if (arg === '-S') symbolic = true;
      else if (arg === '-p') reusable = true;
      else return true;
      return false;
    });
    const value = args[0];
    if (value === undefined) {
      const mask = state.umask;
      if (symbolic) {
        const who = (shift: number, letter: string): string => {
          const allowed = ~(mask >> shift) & 7;
          return `${letter}=${allowed & 4 ? 'r' : ''}${allowed & 2 ? 'w' : ''}${allowed & 1 ? 'x' : ''}`;
        };
        stdout.write(
          `${reusable ? 'umask -S ' : ''}${who(6, 'u')},${who(3, 'g')},${who(0, 'o')}\n`,
        );
      } else {
        stdout.write(`${reusable ? 'umask ' : ''}${mask.toString(8).padStart(4, '0')}\n`);
      }
      return 0;
    }
    if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > 0o777) {
      stderr.write(`bash: umask: ${value}: octal number out of range\n`);
      return 1;
    }
    state.umask = parseInt(value, 8);
    return 0;
  },
};
