// coreutils' `uniq`: adjacent repeated lines once (-c counts them, -d only repeated, -u only
// unique, -i ignoring case).

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition } from '../program.ts';

export const uniq: CommandDefinition = {
  name: 'uniq',
  options: ['-c', '-d', '-u', '-i'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('uniq', argv.slice(1), [
      { id: 'c', short: 'c', long: 'count' },
      { id: 'd', short: 'd', long: 'repeated' },
      { id: 'u', short: 'u', long: 'unique' },
      { id: 'i', short: 'i', long: 'ignore-case' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('uniq')}`);
      return 1;
    }
    const o = parsed.options;
    const input = parsed.operands[0];
    let text: string;
    if (input === undefined || input === '-') text = await stdin.readAll();
    else {
      const read = attempt(() => machine.fs.readText(absolutePath(cwd, input)));
      if (!read.ok) {
        stderr.write(`uniq: ${input}: ${errnoText(read.error)}\n`);
        return 1;
      }
      text = read.value;
    }
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const same = (a: string, b: string): boolean =>
      has(o, 'i') ? a.toLowerCase() === b.toLowerCase() : a === b;
    let out = '';
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && same(lines[j]!, lines[i]!)) j++;
      const count = j - i;
      if (!(has(o, 'd') && count === 1) && !(has(o, 'u') && count > 1)) {
        out += `${has(o, 'c') ? `${String(count).padStart(7)} ` : ''}${lines[i]!}\n`;
      }
      i = j;
    }
    stdout.write(out);
    return 0;
  },
};
