// ncurses' `clear` for TERM=xterm-256color: home, erase the screen, and (E3) the scrollback.

import type { CommandDefinition } from '../program.ts';

export const clear: CommandDefinition = {
  name: 'clear',
  options: ['-x', '-V'],
  run: ({ argv, stdout, env, stderr }) => {
    if (argv[1] === '-V') {
      stdout.write('ncurses 6.4.20221231\n');
      return 0;
    }
    const term = env.get('TERM');
    if (term === undefined || term === '') {
      stderr.write('TERM environment variable not set.\n');
      return 1;
    }
    // a terminal without a clear capability (TERM=dumb): nothing to send, status 1
    if (term === 'dumb') return 1;
    stdout.write(argv[1] === '-x' ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
