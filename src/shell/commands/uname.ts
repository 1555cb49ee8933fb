// coreutils' `uname`: the kernel the course's server runs (the capture machine's, named as this
// one): -s, -n, -r, -v, -m, -o and -a in uname's order.

import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { quote } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const uname: CommandDefinition = {
  name: 'uname',
  options: ['-a', '-r', '-n', '-m', '-s', '-o', '-v'],
  run: ({ argv, stdout, stderr, machine }) => {
    const parsed = getoptLong('uname', argv.slice(1), [
      { id: 'a', short: 'a', long: 'all' },
      { id: 's', short: 's', long: 'kernel-name' },
      { id: 'n', short: 'n', long: 'nodename' },
      { id: 'r', short: 'r', long: 'kernel-release' },
      { id: 'v', short: 'v', long: 'kernel-version' },
      { id: 'm', short: 'm', long: 'machine' },
      { id: 'p', short: 'p', long: 'processor' },
      { id: 'i', short: 'i', long: 'hardware-platform' },
      { id: 'o', short: 'o', long: 'operating-system' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('uname')}`);
      return 1;
    }
    if (parsed.operands.length > 0) {
      stderr.write(`uname: extra operand ${quote(parsed.operands[0]!)}\n${tryHelp('uname')}`);
      return 1;
    }
    const host = machine.host;
    // HostFacts.os is uWSGI's `sysname-release version`
    const [sysname = 'Linux', ...rest] = host.os.split('-');
    const releaseAndVersion = rest.join('-');
    const cut = releaseAndVersion.indexOf(' ');
    const release = releaseAndVersion.slice(0, cut);
    const version = releaseAndVersion.slice(cut + 1);
    const o = parsed.options;
    const all = has(o, 'a');
    const fields: string[] = [];
    if (all || has(o, 's') || o.length === 0) fields.push(sysname);
    if (all || has(o, 'n')) fields.push(machine.hostname);
    if (all || has(o, 'r')) fields.push(release);
    if (all || has(o, 'v')) fields.push(version);
    if (all || has(o, 'm')) fields.push(host.machine);
    if (has(o, 'p')) fields.push('unknown');
    if (has(o, 'i')) fields.push('unknown');
    if (all || has(o, 'o')) fields.push('GNU/Linux');
    stdout.write(`${fields.join(' ')}\n`);
    return 0;
  },
};
