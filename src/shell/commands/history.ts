// bash's `history`: the numbered list (`    1  ls -l`), the last N, `-c` to clear it, `-d N` to drop
// an entry. Debian root's defaults: no HISTCONTROL, HISTSIZE 500.

import type { CommandDefinition } from '../program.ts';

export const history: CommandDefinition = {
  name: 'history',
  builtin: true,
  options: ['-c', '-d'],
  run: ({ argv, stdout, stderr, shell }) => {
    const list = shell.history;
    const args = argv.slice(1);
    if (args[0] === '-c') {
      list.clear();
      return 0;
    }
    if (args[0] === '-d') {
      const offset = args[1];
      if (offset === undefined) {
        stderr.write(
          'bash: history: -d: option requires an argument\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n',
        );
        return 2;
      }
      const n = Number(offset);
      if (!/^-?\d+$/.test(offset) || list.byNumber(n < 0 ? list.nextNumber + n : n) === undefined) {
        stderr.write(`bash: history: ${offset}: history position out of range\n`);
        return 1;
      }
      // the History class keeps no deletion; an entry dropped is a rare use: rebuild it
      const position = n < 0 ? list.nextNumber + n : n;
      const state = list.toJSON();
      const entries = state.entries.filter((_, i) => state.base + i !== position);
      list.clear();
      for (const entry of entries) list.add(entry);
      return 0;
    }
    if (args[0] !== undefined && args[0].startsWith('-') && args[0] !== '-') {
      stderr.write(
        `bash: history: ${args[0].slice(0, 2)}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`,
      );
      return 2;
    }
    if (args.length > 1) {
      stderr.write('bash: history: too many arguments\n');
      return 1;
    }
    if (args[0] !== undefined) {
      if (!/^\d+$/.test(args[0])) {
        stderr.write(`bash: history: ${args[0]}: numeric argument required\n`);
        return 1;
      }
      stdout.write(list.format(Number(args[0])));
      return 0;
    }
    stdout.write(list.format());
    return 0;
  },
};
