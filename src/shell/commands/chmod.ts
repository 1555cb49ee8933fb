// coreutils' `chmod`: octal (`755`) or symbolic (`u+x`, `go-w`, `a=r`, `+x`) modes on files, a
// symlink's target (never the link), -R through folders (not following links in them), -v and -c
// to report. `chmod: invalid mode: ‘zz’`, `chmod: cannot access 'x': No such file or directory`.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { modeString, parseModeChange, type ModeChange } from '../gnu/file-mode.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { quote, quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const chmod: CommandDefinition = {
  name: 'chmod',
  options: ['-R', '-v', '-c', '--reference'],
  run: ({ argv, stdout, stderr, machine, cwd, shell }) => {
    // a mode such as `-w` or `-x` looks like an option: chmod takes it as the mode
    const args = argv.slice(1);
    let modeArg: string | undefined;
    const rest: string[] = [];
    for (const arg of args) {
      if (
        modeArg === undefined &&
        /^[-+=][rwxXstugo]*$/.test(arg) &&
        arg.startsWith('-') &&
        !rest.includes('--')
      ) {
        modeArg = arg;
        continue;
      }
      rest.push(arg);
    }
    const parsed = getoptLong('chmod', rest, [
      { id: 'R', short: 'R', long: 'recursive' },
      { id: 'v', short: 'v', long: 'verbose' },
      { id: 'c', short: 'c', long: 'changes' },
      { id: 'f', short: 'f', long: 'silent' },
      { id: 'reference', long: 'reference', argument: 'required' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('chmod')}`);
      return 1;
    }
    const o = parsed.options;
    const operands = [...parsed.operands];
    const fs = machine.fs;
    let change: ModeChange | undefined;
    const reference = o.find((x) => x.id === 'reference')?.value;
    if (reference !== undefined) {
      const ref = attempt(() => fs.stat(absolutePath(cwd, reference)));
      if (!ref.ok) {
        stderr.write(
          `chmod: failed to get attributes of ${quoteFile(reference)}: ${errnoText(ref.error)}\n`,
        );
        return 1;
      }
      const mode = ref.value.mode;
      change = () => mode;
    } else {
      modeArg ??= operands.shift();
      if (modeArg === undefined) {
        stderr.write(`chmod: missing operand\n${tryHelp('chmod')}`);
        return 1;
      }
      change = parseModeChange(modeArg, shell.state.umask);
      if (change === undefined) {
        if (operands.length === 0) {
          stderr.write(`chmod: missing operand after ${quote(modeArg)}\n${tryHelp('chmod')}`);
          return 1;
        }
        stderr.write(`chmod: invalid mode: ${quote(modeArg)}\n${tryHelp('chmod')}`);
        return 1;
      }
    }
    if (operands.length === 0) {
      stderr.write(`chmod: missing operand after ${quote(modeArg ?? '')}\n${tryHelp('chmod')}`);
      return 1;
    }
    let status = 0;
    const apply = (path: string, shown: string, top: boolean): void => {
      const lstat = fs.tryLstat(path);
      if (lstat === undefined) {
        const failed = attempt(() => fs.lstat(path));
        if (!has(o, 'f'))
          stderr.write(
            `chmod: cannot access ${quoteFile(shown)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
          );
        status = 1;
        return;
      }
      if (lstat.kind === 'symlink') {
        // inside -R a symlink is skipped; on the command line its target changes
        if (!top) return;
        const target = fs.tryStat(path);
        if (target === undefined) {
          if (!has(o, 'f'))
            stderr.write(`chmod: cannot operate on dangling symlink ${quoteFile(shown)}\n`);
          status = 1;
          return;
        }
      }
      const stat = fs.stat(path);
      const next = change(stat.mode, stat.type === 'directory');
      fs.chmod(path, next);
      const changed = next !== stat.mode;
      if (has(o, 'v') || (has(o, 'c') && changed)) {
        const kind =
          stat.kind === 'directory' ? 'directory' : stat.kind === 'socket' ? 'socket' : 'file';
        const from = `${stat.mode.toString(8).padStart(4, '0')} (${modeString(kind, stat.mode).slice(1)})`;
        const to = `${next.toString(8).padStart(4, '0')} (${modeString(kind, next).slice(1)})`;
        stdout.write(
          changed
            ? `mode of ${quoteFile(shown)} changed from ${from} to ${to}\n`
            : `mode of ${quoteFile(shown)} retained as ${from}\n`,
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
