// coreutils' `cp`: a file's content to a new file (its mode less the umask) or over an existing
// one (which keeps its mode), into a directory when the last operand is one; -r/-R copies
// directories (symlinks inside stay symlinks), -a/-p keep modes and times, -f, -n, -i, -v.
// A binary stand-in copies as the same program.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';
import type { Vfs, VfsStat } from '../vfs/vfs.ts';

export const cp: CommandDefinition = {
  name: 'cp',
  options: ['-r', '-R', '-a', '-p', '-f', '-n', '-i', '-v', '-T', '-t'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd, shell }) => {
    const parsed = getoptLong('cp', argv.slice(1), [
      { id: 'r', short: 'r', long: 'recursive' },
      { id: 'r', short: 'R' },
      { id: 'a', short: 'a', long: 'archive' },
      { id: 'p', short: 'p' },
      { id: 'f', short: 'f', long: 'force' },
      { id: 'n', short: 'n', long: 'no-clobber' },
      { id: 'i', short: 'i', long: 'interactive' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'T', short: 'T', long: 'no-target-directory' },
      { id: 't', short: 't', long: 'target-directory', argument: 'required' },
      { id: 'L', short: 'L', long: 'dereference' },
      { id: 'P', short: 'P', long: 'no-dereference' },
      { id: 'd', short: 'd' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('cp')}`);
      return 1;
    }
    const o = parsed.options;
    const archive = has(o, 'a');
    const recursive = has(o, 'r') || archive;
    const preserve = has(o, 'p') || archive;
    // with -R (or -a, -d, -P) symlinks are copied as symlinks; otherwise followed
    const keepLinks = (recursive || has(o, 'd') || has(o, 'P')) && !has(o, 'L');
    const fs = machine.fs;
    const umask = shell.state.umask;
    const sources = [...parsed.operands];
    let target = last(o, 't')?.value;
    if (target === undefined) {
      if (sources.length === 0) {
        stderr.write(`cp: missing file operand\n${tryHelp('cp')}`);
        return 1;
      }
      if (sources.length === 1) {
        stderr.write(
          `cp: missing destination file operand after ${quoteFile(sources[0]!)}\n${tryHelp('cp')}`,
        );
        return 1;
      }
      target = sources.pop()!;
    }
    const targetIsDirectory =
      !has(o, 'T') && fs.tryStat(absolutePath(cwd, target))?.type === 'directory';
    if (sources.length > 1 && !targetIsDirectory) {
      const there = fs.tryStat(absolutePath(cwd, target)) !== undefined;
      stderr.write(
        `cp: target ${quoteFile(target)}${there ? ' is not a directory' : ': No such file or directory'}\n`,
      );
      return 1;
    }
    let status = 0;
    const copyOne = async (source: string, destination: string, top: boolean): Promise<void> => {
      const from = absolutePath(cwd, source);
      const to = absolutePath(cwd, destination);
      const stat = keepLinks && !(top && has(o, 'H')) ? fs.tryLstat(from) : fs.tryStat(from);
      if (stat === undefined) {
        const failed = attempt(() => (keepLinks ? fs.lstat(from) : fs.stat(from)));
        stderr.write(
          `cp: cannot stat ${quoteFile(source)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
        );
        status = 1;
        return;
      }
      const existing = fs.tryStat(to);
      if (existing !== undefined && existing.ino === stat.ino && stat.kind !== 'symlink') {
        stderr.write(`cp: ${quoteFile(source)} and ${quoteFile(destination)} are the same file\n`);
        status = 1;
        return;
      }
      if (stat.type === 'directory') {
        if (!recursive) {
          stderr.write(`cp: -r not specified; omitting directory ${quoteFile(source)}\n`);
          status = 1;
          return;
        }
        const real = fs.realpath(from);
        const into = fs.canonicalParent(to) ?? to;
        if (into === real || into.startsWith(real === '/' ? '/' : `${real}/`)) {
          stderr.write(
            `cp: cannot copy a directory, ${quoteFile(source)}, into itself, ${quoteFile(destination)}\n`,
          );
          status = 1;
          return;
        }
        if (existing === undefined) {
          const made = attempt(() =>
            fs.mkdir(to, { mode: preserve ? stat.mode : stat.mode & ~umask }),
          );
          if (!made.ok) {
            stderr.write(
              `cp: cannot create directory ${quoteFile(destination)}: ${errnoText(made.error)}\n`,
            );
            status = 1;
            return;
          }
          if (has(o, 'v')) stdout.write(`${quoteFile(source)} -> ${quoteFile(destination)}\n`);
        } else if (existing.type !== 'directory') {
          stderr.write(
            `cp: cannot overwrite non-directory ${quoteFile(destination)} with directory ${quoteFile(source)}\n`,
          );
          status = 1;
          return;
        }
        for (const name of fs.readDir(from)) {
          await copyOne(
            `${source.replace(/\/+$/, '')}/${name}`,
            `${destination.replace(/\/+$/, '')}/${name}`,
            false,
          );
        }
        if (preserve) finishTimes(fs, to, stat);
        return;
      }
      if (existing !== undefined) {
        if (has(o, 'n')) return;
        if (has(o, 'i')) {
          stderr.write(`cp: overwrite ${quoteFile(destination)}? `);
          if (!/^[yY]/.test((await stdin.read()) ?? '')) return;
        }
        if (existing.type === 'directory') {
          stderr.write(
            `cp: cannot overwrite directory ${quoteFile(destination)} with non-directory\n`,
          );
          status = 1;
          return;
        }
      }
      const copied = attempt(() =>
        copyNode(fs, from, to, stat, {
          preserve,
          umask,
          replace: existing !== undefined || fs.lexists(to),
        }),
      );
      if (!copied.ok) {
        const reading = copied.error.code === 'ENXIO' || copied.error.path === from;
        stderr.write(
          reading
            ? `cp: cannot open ${quoteFile(source)} for reading: ${errnoText(copied.error)}\n`
            : `cp: cannot create regular file ${quoteFile(destination)}: ${errnoText(copied.error)}\n`,
        );
        status = 1;
        return;
      }
      if (has(o, 'v')) stdout.write(`${quoteFile(source)} -> ${quoteFile(destination)}\n`);
    };
    for (const source of sources) {
      const base = source.replace(/\/+$/, '').split('/').at(-1)!;
      await copyOne(
        source,
        targetIsDirectory ? `${target.replace(/\/+$/, '')}/${base}` : target,
        true,
      );
    }
    return status;
  },
};

function copyNode(
  fs: Vfs,
  from: string,
  to: string,
  stat: VfsStat,
  options: { preserve: boolean; umask: number; replace: boolean },
): void {
  if (stat.kind === 'symlink') {
    if (options.replace && fs.tryLstat(to)?.type !== 'directory') fs.unlink(to);
    fs.symlink(fs.readLink(from), to);
    if (options.preserve) fs.setTimes(to, stat.atimeMs, stat.mtimeMs, false);
    return;
  }
  if (stat.kind === 'socket' && options.preserve) {
    if (options.replace) fs.unlink(to);
    fs.mksocket(to, { mode: stat.mode });
    return;
  }
  const bytes = fs.readFile(from);
  const mode = options.preserve ? stat.mode : stat.mode & ~options.umask;
  const existed = fs.tryStat(to) !== undefined;
  fs.writeFile(to, bytes, {
    ...(existed ? {} : { mode }),
    ...(stat.program === undefined ? {} : { program: stat.program }),
    ...(stat.standIn ? { standInSize: stat.size } : {}),
  });
  if (options.preserve) {
    fs.chmod(to, stat.mode);
    finishTimes(fs, to, stat);
  }
}

function finishTimes(fs: Vfs, path: string, stat: VfsStat): void {
  fs.setTimes(path, stat.atimeMs, stat.mtimeMs);
}
