// coreutils' `whoami`: the effective user's name.

import { quote } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const whoami: CommandDefinition = {
  name: 'whoami',
  run: ({ argv, stdout, stderr, machine }) => {
    if (argv.length > 1) {
      stderr.write(
        `whoami: extra operand ${quote(argv[1]!)}\nTry 'whoami --help' for more information.\n`,
      );
      return 1;
    }
    stdout.write(`${machine.users.userById(0)?.name ?? '0'}\n`);
    return 0;
  },
};
