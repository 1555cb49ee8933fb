// debianutils' `which` (a /bin/sh script, Debian's /usr/bin/which through its alternative): each
// name that is a regular executable file on PATH, the first (or with -a every) match, printed as
// PATH named it; nothing for a name not found, and status 1. It knows nothing of builtins, aliases
// or bash's hash table.

import { absolutePath } from '../bash/shell-host.ts';
import type { CommandDefinition } from '../program.ts';

export const which: CommandDefinition = {
  name: 'which',
  programs: ['/usr/bin/which.debianutils'],
  options: ['-a'],
  run: ({ argv, stdout, stderr, env, cwd, machine, executable }) => {
    let all = false;
    let i = 1;
    // dash's getopts: options until the first operand or `--`
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      for (const flag of arg.slice(1)) {
        if (flag !== 'a') {
          stderr.write(`Illegal option -${flag}\n`);
          stdout.write(`Usage: ${executable ?? argv[0]!} [-a] args\n`);
          return 2;
        }
        all = true;
      }
    }
    const names = argv.slice(i);
    let status = names.length === 0 ? 1 : 0;
    let path = env.get('PATH') ?? '';
    if (/[^:]:$/.test(path)) path += ':';
    const isExecutableFile = (candidate: string): boolean => {
      const stat = machine.fs.tryStat(absolutePath(cwd, candidate));
      return stat?.kind === 'file' && (stat.mode & 0o111) !== 0;
    };
    for (const name of names) {
      let found = false;
      if (name.includes('/')) {
        if (isExecutableFile(name)) {
          stdout.write(`${name}\n`);
          found = true;
        }
      } else {
        for (const element of path === '' ? [] : path.split(':')) {
          const candidate = `${element === '' ? '.' : element}/${name}`;
          if (!isExecutableFile(candidate)) continue;
          stdout.write(`${candidate}\n`);
          found = true;
          if (!all) break;
        }
      }
      if (!found) status = 1;
    }
    return status;
  },
};
