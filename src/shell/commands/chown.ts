// coreutils' `chown`: OWNER, OWNER:GROUP, OWNER: (the user's login group), :GROUP, names or
// numbers; a symlink's target unless -h; -R through folders; -v and -c to report.
// `chown: invalid user: ‘nope’`, `chown: invalid group: ‘nobody:nobody’` (Debian has nogroup).

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { quote, quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const chown: CommandDefinition = {
  name: 'chown',
  options: ['-R', '-h', '-v', '-c'],
  run: ({ argv, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('chown', argv.slice(1), [
      { id: 'R', short: 'R', long: 'recursive' },
      { id: 'h', short: 'h', long: 'no-dereference' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'c', short: 'c', long: 'changes' },
      { id: 'f', short: 'f', long: 'silent' },
      { id: 'dereference', long: 'dereference' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('chown')}`);
      return 1;
    }
    const o = parsed.options;
    const operands = [...parsed.operands];
    const spec = operands.shift();
    if (spec === undefined) {
      stderr.write(`chown: missing operand\n${tryHelp('chown')}`);
      return 1;
    }
    if (operands.length === 0) {
      stderr.write(`chown: missing operand after ${quote(spec)}\n${tryHelp('chown')}`);
      return 1;
    }
    const users = machine.users;
    const cut = spec.search(/[:.]/);
    const userPart = cut < 0 ? spec : spec.slice(0, cut);
    const groupPart = cut < 0 ? undefined : spec.slice(cut + 1);
    let uid: number | undefined;
    let gid: number | undefined;
    if (userPart !== '') {
      const user =
        users.userByName(userPart) ??
        (/^\d+$/.test(userPart) ? { uid: Number(userPart), gid: undefined } : undefined);
      if (user === undefined) {
        stderr.write(`chown: invalid user: ${quote(spec)}\n`);
        return 1;
      }
      uid = user.uid;
      if (groupPart === '') {
        if (user.gid === undefined) {
          stderr.write(`chown: invalid spec: ${quote(spec)}\n`);
          return 1;
        }
        gid = user.gid;
      }
    }
    if (groupPart !== undefined && groupPart !== '') {
      const group =
        users.groupByName(groupPart) ??
        (/^\d+$/.test(groupPart) ? { gid: Number(groupPart) } : undefined);
      if (group === undefined) {
        stderr.write(`chown: invalid group: ${quote(spec)}\n`);
        return 1;
      }
      gid = group.gid;
    }
    const fs = machine.fs;
    const noDereference = has(o, 'h');
    let status = 0;
    const nameOf = (id: number, byUser: boolean): string =>
      (byUser ? users.userById(id)?.name : users.groupById(id)?.name) ?? String(id);
    const apply = (path: string, shown: string, top: boolean): void => {
      const lstat = fs.tryLstat(path);
      if (lstat === undefined) {
        const failed = attempt(() => fs.lstat(path));
        if (!has(o, 'f'))
          stderr.write(
            `chown: cannot access ${quoteFile(shown)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
          );
        status = 1;
        return;
      }
      const follow = !noDereference && (top || !has(o, 'R')) && lstat.kind === 'symlink';
      const stat = follow ? fs.tryStat(path) : lstat;
      if (stat === undefined) {
        if (!has(o, 'f'))
          stderr.write(
            `chown: cannot dereference ${quoteFile(shown)}: No such file or directory\n`,
          );
        status = 1;
        return;
      }
      const newUid = uid ?? stat.uid;
      const newGid = gid ?? stat.gid;
      if (follow) fs.chown(path, newUid, newGid);
      else fs.lchown(path, newUid, newGid);
      const changed = newUid !== stat.uid || newGid !== stat.gid;
      if (has(o, 'v') || (has(o, 'c') && changed)) {
        const before = `${nameOf(stat.uid, true)}:${nameOf(stat.gid, false)}`;
        const after = `${nameOf(newUid, true)}:${nameOf(newGid, false)}`;
        stdout.write(
          changed
            ? `changed ownership of ${quoteFile(shown)} from ${before} to ${after}\n`
            : `ownership of ${quoteFile(shown)} retained as ${after}\n`,
        );
      }
      if (has(o, 'R') && lstat.type === 'directory') {
        for (const name of fs.readDir(path))
          apply(`${path}/${name}`, `${shown.replace(/\/+$/, '')}/${name}`, false);
      }
    };
    for (const operand of operands) apply(absolutePath(cwd, operand), operand, true);
    return status;
  },
};
