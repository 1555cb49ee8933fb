// coreutils' `env`: prints the environment, or runs a command in a changed one (`env -i`, `env -u
// NAME`, `env NAME=value cmd`). A command it cannot find is `env: ‘x’: No such file or directory`,
// status 127.

import { getoptLong, tryHelp } from '../gnu/getopt-long.ts';
import { quote } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const env: CommandDefinition = {
  name: 'env',
  options: ['-i', '-u', '-0', '--ignore-environment', '--unset'],
  run: async (context) => {
    const { argv, stdout, stderr, session } = context;
    const parsed = getoptLong(
      'env',
      argv.slice(1),
      [
        { id: 'i', short: 'i', long: 'ignore-environment' },
        { id: '0', short: '0', long: 'null' },
        { id: 'u', short: 'u', long: 'unset', argument: 'required' },
        { id: 'C', short: 'C', long: 'chdir', argument: 'required' },
      ],
      { stopAtOperand: true },
    );
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('env')}`);
      return 125;
    }
    let operands = [...parsed.operands];
    // a lone `-` is -i, as in POSIX
    if (operands[0] === '-') operands = operands.slice(1);
    const ignore = parsed.options.some((o) => o.id === 'i') || parsed.operands[0] === '-';
    const environment = new Map(ignore ? [] : [...context.env]);
    for (const option of parsed.options) if (option.id === 'u') environment.delete(option.value!);
    while (operands[0] !== undefined && /^[^=]+=/.test(operands[0])) {
      const assignment = operands.shift()!;
      const eq = assignment.indexOf('=');
      environment.set(assignment.slice(0, eq), assignment.slice(eq + 1));
    }
    if (operands.length === 0) {
      const end = parsed.options.some((o) => o.id === '0') ? '\0' : '\n';
      for (const [name, value] of environment) stdout.write(`${name}=${value}${end}`);
      return 0;
    }
    const outcome = await session.runChild(context, operands, { env: environment });
    if (outcome === 'not-found') {
      stderr.write(`env: ${quote(operands[0]!)}: No such file or directory\n`);
      return 127;
    }
    return outcome;
  },
};
