// coreutils' `id`: `uid=0(root) gid=0(root) groups=0(root)` for the shell's user or a named one
// (the primary group first, then the groups that list the user), and -u, -g, -G with -n and -r.

import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { quote } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const id: CommandDefinition = {
  name: 'id',
  options: ['-u', '-g', '-G', '-n', '-r', '-a'],
  run: ({ argv, stdout, stderr, machine }) => {
    const parsed = getoptLong('id', argv.slice(1), [
      { id: 'a', short: 'a' },
      { id: 'u', short: 'u', long: 'user' },
      { id: 'g', short: 'g', long: 'group' },
      { id: 'G', short: 'G', long: 'groups' },
      { id: 'n', short: 'n', long: 'name' },
      { id: 'r', short: 'r', long: 'real' },
      { id: 'z', short: 'z', long: 'zero' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('id')}`);
      return 1;
    }
    const { options, operands } = parsed;
    const users = machine.users;
    if (operands.length > 1) {
      stderr.write(`id: extra operand ${quote(operands[1]!)}\n${tryHelp('id')}`);
      return 1;
    }
    const who = operands[0];
    const user =
      who === undefined
        ? users.userById(0)
        : (users.userByName(who) ?? (/^\d+$/.test(who) ? users.userById(Number(who)) : undefined));
    if (user === undefined) {
      stderr.write(`id: ${quote(who ?? '0')}: no such user\n`);
      return 1;
    }
    const groups = [
      user.gid,
      ...users
        .groupsWithMember(user.name)
        .map((g) => g.gid)
        .filter((gid) => gid !== user.gid),
    ];
    const groupName = (gid: number): string => users.groupById(gid)?.name ?? String(gid);
    const names = has(options, 'n');
    const single = ['u', 'g', 'G'].filter((flag) => has(options, flag));
    if (single.length > 1) {
      stderr.write('id: cannot print "only" of more than one choice\n');
      return 1;
    }
    if (names && single.length === 0) {
      stderr.write('id: cannot print only names or real IDs in default format\n');
      return 1;
    }
    if (has(options, 'u')) {
      stdout.write(`${names ? user.name : user.uid}\n`);
      return 0;
    }
    if (has(options, 'g')) {
      stdout.write(`${names ? groupName(user.gid) : user.gid}\n`);
      return 0;
    }
    if (has(options, 'G')) {
      stdout.write(`${groups.map((gid) => (names ? groupName(gid) : String(gid))).join(' ')}\n`);
      return 0;
    }
    const list = groups.map((gid) => `${gid}(${groupName(gid)})`).join(',');
    stdout.write(
      `uid=${user.uid}(${user.name}) gid=${user.gid}(${groupName(user.gid)}) groups=${list}\n`,
    );
    return 0;
  },
};
