// coreutils' `tail`: the last 10 lines (-n N, -N, +N from line N, -c BYTES), headers for several
// files, and -f: after that it follows the file it opened, printing what other processes append
// (nginx's access.log, uWSGI's --logto file) until Ctrl-C; a file cut short says
// `tail: x: file truncated`. -F follows the name instead.

import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { quote, quoteFile, quoteForLs } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';
import { Vfs } from '../vfs/vfs.ts';

export const tail: CommandDefinition = {
  name: 'tail',
  options: ['-n', '-c', '-f', '-F', '-q', '-v', '--follow'],
  run: async ({ argv, stdin, stdout, stderr, machine, resolve, signals }) => {
    const parsed = getoptLong(
      'tail',
      argv.slice(1),
      [
        { id: 'n', short: 'n', long: 'lines', argument: 'required' },
        { id: 'c', short: 'c', long: 'bytes', argument: 'required' },
        { id: 'f', short: 'f', long: 'follow', argument: 'optional' },
        { id: 'F', short: 'F' },
        { id: 'q', short: 'q', long: 'quiet' },
        { id: 'v', short: 'v', long: 'verbose' },
        { id: 's', short: 's', long: 'sleep-interval', argument: 'required' },
      ],
      { numberOption: true },
    );
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('tail')}`);
      return 1;
    }
    const o = parsed.options;
    const count = last(o, 'n') ?? last(o, '#') ?? last(o, 'c');
    const bytes = count?.id === 'c';
    let n = 10;
    let fromStart = false;
    if (count !== undefined) {
      const match = /^([+-]?)(\d+)$/.exec(count.value!.trim());
      if (match === null) {
        stderr.write(
          `tail: invalid number of ${bytes ? 'bytes' : 'lines'}: ${quote(count.value!)}\n`,
        );
        return 1;
      }
      fromStart = match[1] === '+';
      n = Number(match[2]);
    }
    const follow = has(o, 'f') || has(o, 'F');
    const files = parsed.operands.length === 0 ? ['-'] : parsed.operands;
    const headers = has(o, 'v') || (files.length > 1 && !has(o, 'q'));
    let status = 0;
    let first = true;
    const followed: { name: string; path: string; offset: number }[] = [];
    for (const file of files) {
      let text: string;
      if (file === '-') text = await stdin.readAll();
      else {
        const path = resolve(file);
        const read = attempt(() => machine.fs.readText(path));
        if (!read.ok) {
          stderr.write(
            `tail: cannot open ${quoteFile(file)} for reading: ${errnoText(read.error)}\n`,
          );
          status = 1;
          continue;
        }
        text = read.value;
        if (follow)
          followed.push({ name: file, path, offset: new TextEncoder().encode(text).length });
      }
      if (headers)
        stdout.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
      first = false;
      stdout.write(bytes ? lastBytes(text, n, fromStart) : lastLines(text, n, fromStart));
    }
    if (!follow || followed.length === 0) {
      if (follow && files.length > 0 && status !== 0) stderr.write('tail: no files remaining\n');
      return status;
    }
    // -f: follow the inodes opened above until a signal ends tail
    let lastShown = followed.length > 1 ? followed.at(-1)!.name : undefined;
    const unsubscribe: (() => void)[] = [];
    for (const entry of followed) {
      const node = machine.fs.node(entry.path);
      unsubscribe.push(
        machine.fs.watch(entry.path, () => {
          const content = Vfs.contentOf(node);
          if (content.length < entry.offset) {
            stderr.write(`tail: ${quoteForLs(entry.name)}: file truncated\n`);
            entry.offset = 0;
          }
          if (content.length === entry.offset) return;
          if (followed.length > 1 && lastShown !== entry.name) {
            stdout.write(`\n==> ${entry.name} <==\n`);
            lastShown = entry.name;
          }
          stdout.write(new TextDecoder().decode(content.subarray(entry.offset)));
          entry.offset = content.length;
        }),
      );
    }
    try {
      return { signal: await signals.whenKilled() };
    } finally {
      for (const stop of unsubscribe) stop();
    }
  },
};

function lastLines(text: string, n: number, fromStart: boolean): string {
  const lines = text.split(/(?<=\n)/).filter((line) => line !== '');
  if (fromStart) return lines.slice(Math.max(0, n - 1)).join('');
  return n === 0 ? '' : lines.slice(-n).join('');
}

function lastBytes(text: string, n: number, fromStart: boolean): string {
  const bytes = new TextEncoder().encode(text);
  const part = fromStart
    ? bytes.subarray(Math.max(0, n - 1))
    : bytes.subarray(Math.max(0, bytes.length - n));
  return new TextDecoder().decode(part);
}
