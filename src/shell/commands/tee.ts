// coreutils' `tee`: stdin to stdout and to each file as it comes (-a appends).

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition } from '../program.ts';

export const tee: CommandDefinition = {
  name: 'tee',
  options: ['-a'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd, shell }) => {
    const parsed = getoptLong('tee', argv.slice(1), [
      { id: 'a', short: 'a', long: 'append' },
      { id: 'i', short: 'i', long: 'ignore-interrupts' },
      { id: 'p', short: 'p' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('tee')}`);
      return 1;
    }
    const fs = machine.fs;
    let status = 0;
    const files: string[] = [];
    for (const operand of parsed.operands) {
      const path = absolutePath(cwd, operand);
      const opened = attempt(() => {
        if (fs.tryStat(path) === undefined)
          fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~shell.state.umask });
        else if (!has(parsed.options, 'a')) fs.writeFile(path, new Uint8Array(0));
        if (fs.stat(path).type === 'directory') fs.readFile(path);
      });
      if (!opened.ok) {
        stderr.write(`tee: ${operand}: ${errnoText(opened.error)}\n`);
        status = 1;
        continue;
      }
      files.push(path);
    }
    const encoder = new TextEncoder();
    for (let chunk = await stdin.read(); chunk !== undefined; chunk = await stdin.read()) {
      stdout.write(chunk);
      for (const path of files) fs.appendFile(path, encoder.encode(chunk));
    }
    return status;
  },
};
