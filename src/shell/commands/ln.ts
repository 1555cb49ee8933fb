// coreutils' `ln`: -s makes a symlink holding the target text as given (it may dangle, like the
// tutorial's `ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi` when pip put uWSGI elsewhere), without
// -s a hard link; -f replaces what is there, -n treats a link to a directory as a file, and a
// directory as the last operand gets the link inside it.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quoteFile, quoteForLs } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const ln: CommandDefinition = {
  name: 'ln',
  options: ['-s', '-f', '-sf', '-n', '-v', '-T', '-r'],
  run: ({ argv, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('ln', argv.slice(1), [
      { id: 's', short: 's', long: 'symbolic' },
      { id: 'f', short: 'f', long: 'force' },
      { id: 'n', short: 'n', long: 'no-dereference' },
      { id: 'n', short: 'h' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'T', short: 'T', long: 'no-target-directory' },
      { id: 't', short: 't', long: 'target-directory', argument: 'required' },
      { id: 'i', short: 'i', long: 'interactive' },
      { id: 'L', short: 'L', long: 'logical' },
      { id: 'P', short: 'P', long: 'physical' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('ln')}`);
      return 1;
    }
    const o = parsed.options;
    const fs = machine.fs;
    const symbolic = has(o, 's');
    let targets = [...parsed.operands];
    let directory = last(o, 't')?.value;
    if (targets.length === 0) {
      stderr.write(`ln: missing file operand\n${tryHelp('ln')}`);
      return 1;
    }
    let linkName: string | undefined;
    if (directory === undefined) {
      if (targets.length === 1) {
        directory = '.';
      } else {
        const lastOperand = targets.at(-1)!;
        const lastPath = absolutePath(cwd, lastOperand);
        const isDirectory = has(o, 'n')
          ? fs.tryLstat(lastPath)?.type === 'directory'
          : fs.tryStat(lastPath)?.type === 'directory';
        if (!has(o, 'T') && isDirectory) {
          directory = lastOperand;
        } else if (targets.length === 2) {
          linkName = lastOperand;
        } else {
          stderr.write(`ln: target ${quoteFile(lastOperand)} is not a directory\n`);
          return 1;
        }
        targets = targets.slice(0, -1);
      }
    }
    let status = 0;
    for (const target of targets) {
      const base = target.replace(/\/+$/, '').split('/').at(-1)!;
      const name =
        linkName ??
        (directory === '.' && targets.length === 1 && parsed.operands.length === 1
          ? base
          : `${directory!.replace(/\/+$/, '')}/${base}`);
      const path = absolutePath(cwd, name);
      if (!symbolic) {
        const source = fs.tryLstat(absolutePath(cwd, target));
        if (source === undefined) {
          const failed = attempt(() => fs.lstat(absolutePath(cwd, target)));
          stderr.write(
            `ln: failed to access ${quoteFile(target)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
          );
          status = 1;
          continue;
        }
        if (source.type === 'directory') {
          stderr.write(`ln: ${quoteForLs(target)}: hard link not allowed for directory\n`);
          status = 1;
          continue;
        }
      }
      const existing = fs.tryLstat(path);
      if (existing !== undefined) {
        if (!has(o, 'f')) {
          stderr.write(
            symbolic
              ? `ln: failed to create symbolic link ${quoteFile(name)}: File exists\n`
              : `ln: failed to create hard link ${quoteFile(name)}: File exists\n`,
          );
          status = 1;
          continue;
        }
        if (existing.type === 'directory') {
          stderr.write(`ln: ${quoteFile(name)}: cannot overwrite directory\n`);
          status = 1;
          continue;
        }
        if (!symbolic && existing.ino === fs.tryLstat(absolutePath(cwd, target))?.ino) {
          stderr.write(`ln: ${quoteFile(target)} and ${quoteFile(name)} are the same file\n`);
          status = 1;
          continue;
        }
        fs.unlink(path);
      }
      const made = attempt(() =>
        symbolic ? fs.symlink(target, path) : fs.link(absolutePath(cwd, target), path),
      );
      if (!made.ok) {
        stderr.write(
          symbolic
            ? `ln: failed to create symbolic link ${quoteFile(name)}: ${errnoText(made.error)}\n`
            : `ln: failed to create hard link ${quoteFile(name)} => ${quoteFile(target)}: ${errnoText(made.error)}\n`,
        );
        status = 1;
        continue;
      }
      if (has(o, 'v'))
        stdout.write(`${quoteFile(name)} ${symbolic ? '->' : '=>'} ${quoteFile(target)}\n`);
    }
    return status;
  },
};
