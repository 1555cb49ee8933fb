// coreutils' `rm`: files and symlinks (a symlink itself, never its target), -r for directories
// with everything in them, -f for no complaints about missing files, -d for empty directories,
// -i to ask, -v to say. `/` is refused without --no-preserve-root, `.` and `..` always.

import { normalizePath } from '../../gateway/fs.ts';
import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';
import type { Vfs } from '../vfs/vfs.ts';

export const rm: CommandDefinition = {
  name: 'rm',
  options: ['-r', '-f', '-rf', '-i', '-d', '-v', '--recursive', '--force'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('rm', argv.slice(1), [
      { id: 'f', short: 'f', long: 'force' },
      { id: 'i', short: 'i' },
      { id: 'I', short: 'I' },
      { id: 'r', short: 'r', long: 'recursive' },
      { id: 'r', short: 'R' },
      { id: 'd', short: 'd', long: 'dir' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'no-preserve-root', long: 'no-preserve-root' },
      { id: 'preserve-root', long: 'preserve-root' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('rm')}`);
      return 1;
    }
    const o = parsed.options;
    // the later of -f and -i wins
    const lastForce = o.findLastIndex((x) => x.id === 'f');
    const lastAsk = o.findLastIndex((x) => x.id === 'i');
    const force = lastForce > lastAsk;
    const ask = lastAsk > lastForce;
    const recursive = has(o, 'r');
    const verbose = has(o, 'v');
    if (parsed.operands.length === 0) {
      if (force) return 0;
      stderr.write(`rm: missing operand\n${tryHelp('rm')}`);
      return 1;
    }
    const fs = machine.fs;
    let status = 0;
    const confirm = async (question: string): Promise<boolean> => {
      stderr.write(question);
      const answer = (await stdin.read()) ?? '';
      return /^[yY]/.test(answer);
    };
    for (const operand of parsed.operands) {
      const base = operand.replace(/\/+$/, '').split('/').at(-1);
      if (base === '.' || base === '..') {
        stderr.write(
          `rm: refusing to remove '.' or '..' directory: skipping ${quoteFile(operand)}\n`,
        );
        status = 1;
        continue;
      }
      const path = absolutePath(cwd, operand);
      if (recursive && normalizePath(path) === '/' && !has(o, 'no-preserve-root')) {
        stderr.write(
          `rm: it is dangerous to operate recursively on ${quoteFile(operand)}\nrm: use --no-preserve-root to override this failsafe\n`,
        );
        status = 1;
        continue;
      }
      const stat = fs.tryLstat(path);
      if (stat === undefined) {
        if (force) continue;
        const failed = attempt(() => fs.lstat(path));
        stderr.write(
          `rm: cannot remove ${quoteFile(operand)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
        );
        status = 1;
        continue;
      }
      if (stat.type === 'directory') {
        if (!recursive && !has(o, 'd')) {
          stderr.write(`rm: cannot remove ${quoteFile(operand)}: Is a directory\n`);
          status = 1;
          continue;
        }
        if (!recursive) {
          if (ask && !(await confirm(`rm: remove directory ${quoteFile(operand)}? `))) continue;
          const removed = attempt(() => fs.rmdir(path));
          if (!removed.ok) {
            stderr.write(`rm: cannot remove ${quoteFile(operand)}: ${errnoText(removed.error)}\n`);
            status = 1;
          } else if (verbose) stdout.write(`removed directory ${quoteFile(operand)}\n`);
          continue;
        }
        if (ask && !(await confirm(`rm: descend into directory ${quoteFile(operand)}? `))) continue;
        if (!removeTree(fs, path, operand, verbose, stdout, stderr)) status = 1;
        continue;
      }
      if (ask) {
        const kind =
          stat.type === 'symlink'
            ? 'symbolic link'
            : stat.type === 'socket'
              ? 'socket'
              : stat.size === 0
                ? 'regular empty file'
                : 'regular file';
        if (!(await confirm(`rm: remove ${kind} ${quoteFile(operand)}? `))) continue;
      }
      const removed = attempt(() => fs.unlink(path));
      if (!removed.ok) {
        stderr.write(`rm: cannot remove ${quoteFile(operand)}: ${errnoText(removed.error)}\n`);
        status = 1;
      } else if (verbose) stdout.write(`removed ${quoteFile(operand)}\n`);
    }
    return status;
  },
};

function removeTree(
  fs: Vfs,
  path: string,
  shown: string,
  verbose: boolean,
  stdout: { write(text: string): void },
  stderr: { write(text: string): void },
): boolean {
  let ok = true;
  for (const name of fs.readDir(path)) {
    const child = `${path}/${name}`;
    const childShown = `${shown.replace(/\/+$/, '')}/${name}`;
    const stat = fs.lstat(child);
    if (stat.type === 'directory') {
      if (!removeTree(fs, child, childShown, verbose, stdout, stderr)) ok = false;
      continue;
    }
    fs.unlink(child);
    if (verbose) stdout.write(`removed ${quoteFile(childShown)}\n`);
  }
  const removed = attempt(() => fs.rmdir(path));
  if (!removed.ok) {
    stderr.write(`rm: cannot remove ${quoteFile(shown)}: ${errnoText(removed.error)}\n`);
    return false;
  }
  if (verbose) stdout.write(`removed directory ${quoteFile(shown)}\n`);
  return ok;
}
