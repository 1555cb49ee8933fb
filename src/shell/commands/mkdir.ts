// coreutils' `mkdir`: each directory (0777 less the umask, or -m MODE), -p for the missing parents
// and no complaint about existing ones, -v to say so. `mkdir: cannot create directory ‘x’: File
// exists` (mkdir quotes with the locale's marks).

import { dirname, normalizePath } from '../../gateway/fs.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { parseModeChange } from '../gnu/file-mode.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quote, quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const mkdir: CommandDefinition = {
  name: 'mkdir',
  options: ['-p', '-m', '-v', '--parents'],
  run: ({ argv, stdout, stderr, machine, resolve, shell }) => {
    const parsed = getoptLong('mkdir', argv.slice(1), [
      { id: 'p', short: 'p', long: 'parents' },
      { id: 'm', short: 'm', long: 'mode', argument: 'required' },
      { id: 'v', short: 'v', long: 'verbose' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('mkdir')}`);
      return 1;
    }
    const o = parsed.options;
    if (parsed.operands.length === 0) {
      stderr.write(`mkdir: missing operand\n${tryHelp('mkdir')}`);
      return 1;
    }
    const umask = shell.state.umask;
    const modeText = last(o, 'm')?.value;
    let mode = 0o777 & ~umask;
    if (modeText !== undefined) {
      const change = parseModeChange(modeText, umask);
      if (change === undefined) {
        stderr.write(`mkdir: invalid mode ${quote(modeText)}\n`);
        return 1;
      }
      mode = change(0o777, true);
    }
    const fs = machine.fs;
    let status = 0;
    for (const operand of parsed.operands) {
      const path = resolve(operand);
      if (has(o, 'p')) {
        // each missing parent is made with u+wx added, as mkdir -p does
        const parts = normalizePath(path)
          .split('/')
          .filter((p) => p !== '');
        let at = '';
        let failed = false;
        for (const [i, part] of parts.entries()) {
          at += `/${part}`;
          const stat = fs.tryStat(at);
          if (stat !== undefined) {
            if (stat.type !== 'directory') {
              stderr.write(
                `mkdir: cannot create directory ${quote(shownPrefix(operand, parts.length - i - 1))}: Not a directory\n`,
              );
              failed = true;
              break;
            }
            continue;
          }
          const last = i === parts.length - 1;
          const made = attempt(() =>
            fs.mkdir(at, { mode: last ? mode : (0o777 & ~umask) | 0o300 }),
          );
          if (!made.ok) {
            stderr.write(
              `mkdir: cannot create directory ${quote(shownPrefix(operand, parts.length - i - 1))}: ${errnoText(made.error)}\n`,
            );
            failed = true;
            break;
          }
          if (last && modeText !== undefined) fs.chmod(at, mode);
          if (has(o, 'v'))
            stdout.write(
              `mkdir: created directory ${quoteFile(shownPrefix(operand, parts.length - i - 1))}\n`,
            );
        }
        if (failed) status = 1;
        continue;
      }
      const made = attempt(() => {
        if (fs.tryStat(dirname(path)) === undefined && fs.tryLstat(path) === undefined)
          fs.stat(dirname(path));
        fs.mkdir(path, { mode });
      });
      if (!made.ok) {
        stderr.write(
          `mkdir: cannot create directory ${quote(operand)}: ${errnoText(made.error)}\n`,
        );
        status = 1;
        continue;
      }
      if (modeText !== undefined) fs.chmod(path, mode);
      if (has(o, 'v')) stdout.write(`mkdir: created directory ${quoteFile(operand)}\n`);
    }
    return status;
  },
};

/** The operand without its last `drop` components (what mkdir -p names when a parent fails). */
function shownPrefix(operand: string, drop: number): string {
  let text = operand.replace(/\/+$/, '');
  for (let i = 0; i < drop; i++) text = text.slice(0, Math.max(0, text.lastIndexOf('/')));
  return text === '' ? '/' : text;
}
