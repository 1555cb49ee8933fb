// coreutils' `basename` and `dirname`: the last part of a path (less a suffix), and the rest.

import { quote } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

function base(path: string, suffix: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '' : '/';
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix !== '' && name !== suffix && name.endsWith(suffix)
    ? name.slice(0, -suffix.length)
    : name;
}

export const basename: CommandDefinition = {
  name: 'basename',
  options: ['-a', '-s'],
  run: ({ argv, stdout, stderr }) => {
    const args = argv.slice(1);
    if (args.length === 0) {
      stderr.write("basename: missing operand\nTry 'basename --help' for more information.\n");
      return 1;
    }
    if (args[0] === '-a' || args[0] === '-s') {
      const suffix = args[0] === '-s' ? (args[1] ?? '') : '';
      for (const name of args.slice(args[0] === '-s' ? 2 : 1))
        stdout.write(`${base(name, suffix)}\n`);
      return 0;
    }
    if (args.length > 2) {
      stderr.write(
        `basename: extra operand ${quote(args[2]!)}\nTry 'basename --help' for more information.\n`,
      );
      return 1;
    }
    stdout.write(`${base(args[0]!, args[1] ?? '')}\n`);
    return 0;
  },
};

export const dirname: CommandDefinition = {
  name: 'dirname',
  run: ({ argv, stdout, stderr }) => {
    const args = argv.slice(1);
    if (args.length === 0) {
      stderr.write("dirname: missing operand\nTry 'dirname --help' for more information.\n");
      return 1;
    }
    for (const path of args) {
      const trimmed = path.replace(/\/+$/, '');
      const cut = trimmed.lastIndexOf('/');
      const dir = cut < 0 ? '.' : trimmed.slice(0, cut).replace(/\/+$/, '') || '/';
      stdout.write(`${path.startsWith('/') && trimmed === '' ? '/' : dir}\n`);
    }
    return 0;
  },
};
