// bash run as a program (`bash script.sh`, `bash -c '…'`, a `#!/bin/bash` script): the text runs
// in a child shell with its own variables; errors are named after the script with bash's line
// numbers (`script.sh: line 2: x: command not found`), or `bash: ` for -c.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import type { CommandDefinition } from '../program.ts';

const VERSION = `GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

export const bashProgram: CommandDefinition = {
  name: 'bash',
  programs: ['/usr/bin/bash', '/usr/bin/rbash'],
  options: ['-c', '--version'],
  run: async (context) => {
    const { argv, stdout, stderr, machine, session, stdin } = context;
    const args = argv.slice(1);
    if (args[0] === '--version') {
      stdout.write(VERSION);
      return 0;
    }
    while (args[0] !== undefined && /^-[eux]+$/.test(args[0])) args.shift();
    if (args[0] === '-c') {
      const text = args[1];
      if (text === undefined) {
        stderr.write('bash: -c: option requires an argument\n');
        return 2;
      }
      return session.runScript(context, {
        name: args[2] ?? 'bash',
        text,
        args: args.slice(3),
        style: 'bash',
        lines: false,
      });
    }
    const file = args[0];
    if (file === undefined) {
      // no script: the commands come from stdin
      return session.runScript(context, {
        name: 'bash',
        text: await stdin.readAll(),
        args: [],
        style: 'bash',
        lines: true,
      });
    }
    const read = attempt(() => machine.fs.readText(absolutePath(context.cwd, file)));
    if (!read.ok) {
      stderr.write(`bash: ${file}: ${errnoText(read.error)}\n`);
      return 127;
    }
    return session.runScript(context, {
      name: file,
      text: read.value,
      args: args.slice(1),
      style: 'bash',
      lines: true,
    });
  },
};
