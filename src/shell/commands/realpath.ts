// coreutils' `realpath`: each path with symlinks, `.` and `..` resolved; every component but the
// last must exist (`realpath: /nope/x: No such file or directory`), -e all, -m none.

import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition } from '../program.ts';
import { canonicalize } from './readlink.ts';

export const realpath: CommandDefinition = {
  name: 'realpath',
  options: ['-e', '-m', '-s'],
  run: (context) => {
    const { argv, stdout, stderr } = context;
    const parsed = getoptLong('realpath', argv.slice(1), [
      { id: 'e', short: 'e', long: 'canonicalize-existing' },
      { id: 'm', short: 'm', long: 'canonicalize-missing' },
      { id: 'q', short: 'q', long: 'quiet' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('realpath')}`);
      return 1;
    }
    if (parsed.operands.length === 0) {
      stderr.write(`realpath: missing operand\n${tryHelp('realpath')}`);
      return 1;
    }
    const o = parsed.options;
    let status = 0;
    for (const operand of parsed.operands) {
      const text = canonicalize(context, operand, has(o, 'm') ? Infinity : has(o, 'e') ? 0 : 1);
      if (text === undefined) {
        if (!has(o, 'q')) stderr.write(`realpath: ${operand}: No such file or directory\n`);
        status = 1;
      } else stdout.write(`${text}\n`);
    }
    return status;
  },
};
