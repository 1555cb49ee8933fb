// coreutils' `head`: the first 10 lines (-n N, -N, -c BYTES; a negative N for all but the last),
// with `==> name <==` headers when there are several files. Errors: `head: cannot open 'x' for
// reading: No such file or directory`, `head: invalid number of lines: ‘x’`.

import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { quote, quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const head: CommandDefinition = {
  name: 'head',
  options: ['-n', '-c', '-q', '-v'],
  run: async ({ argv, stdin, stdout, stderr, machine, resolve }) => {
    const parsed = getoptLong(
      'head',
      argv.slice(1),
      [
        { id: 'n', short: 'n', long: 'lines', argument: 'required' },
        { id: 'c', short: 'c', long: 'bytes', argument: 'required' },
        { id: 'q', short: 'q', long: 'quiet' },
        { id: 'v', short: 'v', long: 'verbose' },
      ],
      { numberOption: true },
    );
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('head')}`);
      return 1;
    }
    const o = parsed.options;
    const count = last(o, 'n') ?? last(o, '#') ?? last(o, 'c');
    const bytes = count?.id === 'c';
    let n = 10;
    let allBut = false;
    if (count !== undefined) {
      const value = count.value!;
      const match = /^(-?)(\d+)$/.exec(value.trim());
      if (match === null) {
        stderr.write(`head: invalid number of ${bytes ? 'bytes' : 'lines'}: ${quote(value)}\n`);
        return 1;
      }
      allBut = match[1] === '-';
      n = Number(match[2]);
    }
    const files = parsed.operands.length === 0 ? ['-'] : parsed.operands;
    const headers = has(o, 'v') || (files.length > 1 && !has(o, 'q'));
    let status = 0;
    let first = true;
    for (const file of files) {
      let text: string;
      if (file === '-') text = await stdin.readAll();
      else {
        const read = attempt(() => machine.fs.readText(resolve(file)));
        if (!read.ok) {
          stderr.write(
            `head: cannot open ${quoteFile(file)} for reading: ${errnoText(read.error)}\n`,
          );
          status = 1;
          continue;
        }
        text = read.value;
      }
      if (headers)
        stdout.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
      first = false;
      stdout.write(bytes ? takeBytes(text, n, allBut) : takeLines(text, n, allBut));
    }
    return status;
  },
};

function takeLines(text: string, n: number, allBut: boolean): string {
  const lines = text.split(/(?<=\n)/);
  return (allBut ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n)).join('');
}

function takeBytes(text: string, n: number, allBut: boolean): string {
  const bytes = new TextEncoder().encode(text);
  const part = allBut ? bytes.subarray(0, Math.max(0, bytes.length - n)) : bytes.subarray(0, n);
  return new TextDecoder().decode(part);
}
