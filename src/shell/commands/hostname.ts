// `hostname` (Debian's hostname package): the kernel's host name; root may set it. -f and -s
// answer from it too (/etc/hosts names no domain for the course's server).

import type { CommandDefinition } from '../program.ts';

export const hostname: CommandDefinition = {
  name: 'hostname',
  options: ['-f', '-s', '-I'],
  run: ({ argv, stdout, stderr, machine }) => {
    const args = argv.slice(1);
    const name = args.find((arg) => !arg.startsWith('-'));
    if (name !== undefined) {
      machine.hostname = name;
      return 0;
    }
    if (args.includes('-I') || args.includes('-i')) {
      stdout.write(args.includes('-I') ? '10.0.2.15 \n' : '127.0.1.1\n');
      return 0;
    }
    const bad = args.find(
      (arg) => !['-f', '-s', '--fqdn', '--short', '--long', '-A'].includes(arg),
    );
    if (bad !== undefined) {
      stderr.write(`hostname: invalid option -- '${bad.replace(/^-+/, '').slice(0, 1)}'\n`);
      return 1;
    }
    stdout.write(`${machine.hostname.split('.')[0]!}\n`);
    return 0;
  },
};
