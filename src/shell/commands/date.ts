// coreutils' `date` in the machine's zone (UTC) and the C locale: the default
// `Thu Nov 26 07:24:46 UTC 2026`, +FORMAT with strftime's common codes, -u, -R, -I, -d DATE.

import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quote } from '../gnu/quoting.ts';
import { strftime } from '../../gateway/strftime.ts';
import type { CommandDefinition } from '../program.ts';

export const date: CommandDefinition = {
  name: 'date',
  options: ['-u', '-R', '-I', '-d'],
  run: ({ argv, stdout, stderr, machine }) => {
    const parsed = getoptLong('date', argv.slice(1), [
      { id: 'u', short: 'u', long: 'utc' },
      { id: 'R', short: 'R', long: 'rfc-email' },
      { id: 'I', short: 'I', long: 'iso-8601', argument: 'optional' },
      { id: 'd', short: 'd', long: 'date', argument: 'required' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('date')}`);
      return 1;
    }
    let ms = machine.clock.now();
    const given = last(parsed.options, 'd')?.value;
    if (given !== undefined) {
      const epoch = /^@(-?\d+)$/.exec(given.trim());
      const parsedDate =
        epoch !== null
          ? Number(epoch[1]) * 1000
          : Date.parse(
              /[zZ]|[+-]\d\d:?\d\d$/.test(given) ? given : `${given.trim().replace(' ', 'T')}Z`,
            );
      if (Number.isNaN(parsedDate)) {
        stderr.write(`date: invalid date ${quote(given)}\n`);
        return 1;
      }
      ms = parsedDate;
    }
    const format = parsed.operands.find((operand) => operand.startsWith('+'));
    const extra = parsed.operands.find((operand) => !operand.startsWith('+'));
    if (extra !== undefined) {
      stderr.write(`date: invalid date ${quote(extra)}\n`);
      return 1;
    }
    let text: string;
    if (format !== undefined) text = strftime(format.slice(1), ms);
    else if (has(parsed.options, 'R')) text = strftime('%a, %d %b %Y %H:%M:%S +0000', ms);
    else if (has(parsed.options, 'I')) {
      const unit = last(parsed.options, 'I')?.value ?? 'date';
      text =
        unit === 'seconds'
          ? strftime('%Y-%m-%dT%H:%M:%S+00:00', ms)
          : unit === 'minutes'
            ? strftime('%Y-%m-%dT%H:%M+00:00', ms)
            : unit === 'hours'
              ? strftime('%Y-%m-%dT%H+00:00', ms)
              : strftime('%Y-%m-%d', ms);
    } else text = strftime('%a %b %e %H:%M:%S %Z %Y', ms);
    stdout.write(`${text}\n`);
    return 0;
  },
};
