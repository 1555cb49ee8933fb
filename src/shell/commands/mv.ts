// coreutils' `mv`: rename(2) of a file, directory or symlink (the link itself moves, still pointing
// where it pointed — so `mv /usr/bin/uwsgi /usr/bin/uwsgi-old` keeps Debian's alternatives link
// working under the new name), into a directory when the last operand is one.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const mv: CommandDefinition = {
  name: 'mv',
  options: ['-f', '-i', '-n', '-v', '-T', '-t'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('mv', argv.slice(1), [
      { id: 'f', short: 'f', long: 'force' },
      { id: 'i', short: 'i', long: 'interactive' },
      { id: 'n', short: 'n', long: 'no-clobber' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'T', short: 'T', long: 'no-target-directory' },
      { id: 't', short: 't', long: 'target-directory', argument: 'required' },
      { id: 'u', short: 'u', long: 'update' },
      { id: 'b', short: 'b' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('mv')}`);
      return 1;
    }
    const o = parsed.options;
    const fs = machine.fs;
    const sources = [...parsed.operands];
    let target = last(o, 't')?.value;
    if (target === undefined) {
      if (sources.length === 0) {
        stderr.write(`mv: missing file operand\n${tryHelp('mv')}`);
        return 1;
      }
      if (sources.length === 1) {
        stderr.write(
          `mv: missing destination file operand after ${quoteFile(sources[0]!)}\n${tryHelp('mv')}`,
        );
        return 1;
      }
      target = sources.pop()!;
    }
    const targetPath = absolutePath(cwd, target);
    const targetIsDirectory = !has(o, 'T') && fs.tryStat(targetPath)?.type === 'directory';
    if (sources.length > 1 && !targetIsDirectory) {
      const there = fs.tryStat(absolutePath(cwd, target)) !== undefined;
      stderr.write(
        `mv: target ${quoteFile(target)}${there ? ' is not a directory' : ': No such file or directory'}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const source of sources) {
      const from = absolutePath(cwd, source);
      const base = source.replace(/\/+$/, '').split('/').at(-1)!;
      const destination = targetIsDirectory ? `${target.replace(/\/+$/, '')}/${base}` : target;
      const to = absolutePath(cwd, destination);
      const stat = fs.tryLstat(from);
      if (stat === undefined) {
        const failed = attempt(() => fs.lstat(from));
        stderr.write(
          `mv: cannot stat ${quoteFile(source)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
        );
        status = 1;
        continue;
      }
      const existing = fs.tryLstat(to);
      if (existing !== undefined) {
        if (existing.ino === stat.ino) {
          stderr.write(
            `mv: ${quoteFile(source)} and ${quoteFile(destination)} are the same file\n`,
          );
          status = 1;
          continue;
        }
        if (has(o, 'n')) continue;
        if (has(o, 'i')) {
          stderr.write(`mv: overwrite ${quoteFile(destination)}? `);
          if (!/^[yY]/.test((await stdin.read()) ?? '')) continue;
        }
        if (existing.type === 'directory' && stat.type !== 'directory') {
          stderr.write(
            `mv: cannot overwrite directory ${quoteFile(destination)} with non-directory\n`,
          );
          status = 1;
          continue;
        }
        if (existing.type !== 'directory' && stat.type === 'directory') {
          stderr.write(
            `mv: cannot overwrite non-directory ${quoteFile(destination)} with directory ${quoteFile(source)}\n`,
          );
          status = 1;
          continue;
        }
      }
      if (stat.type === 'directory') {
        const real = fs.realpath(from);
        const into = fs.canonicalParent(to) ?? to;
        if (into === real || into.startsWith(real === '/' ? '/' : `${real}/`)) {
          stderr.write(
            `mv: cannot move ${quoteFile(source)} to a subdirectory of itself, ${quoteFile(destination)}\n`,
          );
          status = 1;
          continue;
        }
      }
      const moved = attempt(() => fs.rename(from, to));
      if (!moved.ok) {
        const verb =
          moved.error.code === 'ENOTEMPTY' || moved.error.code === 'EEXIST'
            ? 'cannot move'
            : 'cannot move';
        stderr.write(
          `mv: ${verb} ${quoteFile(source)} to ${quoteFile(destination)}: ${errnoText(moved.error)}\n`,
        );
        status = 1;
        continue;
      }
      if (has(o, 'v')) stdout.write(`renamed ${quoteFile(source)} -> ${quoteFile(destination)}\n`);
    }
    return status;
  },
};
