// Debian's /bin/sh (dash) running a script: `#!/bin/sh` scripts, `sh -c '…'`, `sh FILE`. The text
// runs in a child shell of the bash subset; errors use dash's words (`x.sh: 2: y: not found`),
// syntax errors are reported as bash words them (dash's differ; the course meets none).

import { absolutePath } from '../bash/shell-host.ts';
import type { CommandDefinition } from '../program.ts';

export const dashProgram: CommandDefinition = {
  name: 'dash',
  programs: ['/usr/bin/dash'],
  options: ['-c'],
  run: async (context) => {
    const { argv, stderr, machine, session, stdin } = context;
    const self = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
    const args = argv.slice(1);
    while (args[0] !== undefined && /^-[eux]+$/.test(args[0])) args.shift();
    if (args[0] === '-c') {
      const text = args[1];
      if (text === undefined) {
        stderr.write(`${self}: 0: -c requires an argument\n`);
        return 2;
      }
      return session.runScript(context, {
        name: args[2] ?? self,
        text,
        args: args.slice(3),
        style: 'dash',
        lines: true,
      });
    }
    const file = args[0];
    if (file === undefined) {
      return session.runScript(context, {
        name: self,
        text: await stdin.readAll(),
        args: [],
        style: 'dash',
        lines: true,
      });
    }
    const stat = machine.fs.tryStat(absolutePath(context.cwd, file));
    if (stat === undefined || stat.kind !== 'file') {
      stderr.write(`${self}: 0: cannot open ${file}: No such file\n`);
      return 2;
    }
    const text = machine.fs.readText(absolutePath(context.cwd, file));
    return session.runScript(context, {
      name: file,
      text,
      args: args.slice(1),
      style: 'dash',
      lines: true,
    });
  },
};
