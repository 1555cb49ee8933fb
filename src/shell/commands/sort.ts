// coreutils' `sort` in C.UTF-8 (code point order): lines of the files or stdin, -r, -n, -u, -f,
// -k FIELD with -t SEP (fields from 1, to the line's end). `sort: cannot read: x: No such file or
// directory`.

import { absolutePath } from '../bash/shell-host.ts';
import { compareCodePoints } from '../bash/pathname-expansion.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition } from '../program.ts';

export const sort: CommandDefinition = {
  name: 'sort',
  options: ['-r', '-n', '-u', '-k', '-t', '-f'],
  run: async ({ argv, stdin, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('sort', argv.slice(1), [
      { id: 'r', short: 'r', long: 'reverse' },
      { id: 'n', short: 'n', long: 'numeric-sort' },
      { id: 'u', short: 'u', long: 'unique' },
      { id: 'f', short: 'f', long: 'ignore-case' },
      { id: 'k', short: 'k', long: 'key', argument: 'required' },
      { id: 't', short: 't', long: 'field-separator', argument: 'required' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('sort')}`);
      return 2;
    }
    const o = parsed.options;
    let text = '';
    for (const file of parsed.operands.length === 0 ? ['-'] : parsed.operands) {
      if (file === '-') {
        text += await stdin.readAll();
        continue;
      }
      const read = attempt(() => machine.fs.readText(absolutePath(cwd, file)));
      if (!read.ok) {
        stderr.write(`sort: cannot read: ${file}: ${errnoText(read.error)}\n`);
        return 2;
      }
      text += read.value.endsWith('\n') || read.value === '' ? read.value : `${read.value}\n`;
    }
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const separator = last(o, 't')?.value;
    const keyField = Number(/^\d+/.exec(last(o, 'k')?.value ?? '')?.[0] ?? 0);
    const key = (line: string): string => {
      if (keyField === 0) return line;
      const fields = separator === undefined ? line.split(/(?=\s+\S)/) : line.split(separator);
      return fields
        .slice(keyField - 1)
        .join(separator ?? '')
        .trimStart();
    };
    const fold = has(o, 'f');
    const numeric = has(o, 'n');
    const compareKeys = (a: string, b: string): number => {
      if (numeric) {
        const x = Number.parseFloat(a) || 0;
        const y = Number.parseFloat(b) || 0;
        if (x !== y) return x - y;
      } else {
        const c = compareCodePoints(fold ? a.toUpperCase() : a, fold ? b.toUpperCase() : b);
        if (c !== 0) return c;
      }
      return 0;
    };
    const sorted = lines
      .map((line, index) => ({ line, index }))
      .sort((a, b) => {
        const c = compareKeys(key(a.line), key(b.line));
        // sort's last resort compares whole lines (unless -u, where equal keys are one line)
        return c !== 0
          ? c
          : has(o, 'u')
            ? 0
            : compareCodePoints(a.line, b.line) || a.index - b.index;
      });
    if (has(o, 'r')) sorted.reverse();
    const out: string[] = [];
    for (const { line } of sorted) {
      if (has(o, 'u') && out.length > 0 && compareKeys(key(out.at(-1)!), key(line)) === 0) continue;
      out.push(line);
    }
    stdout.write(out.map((line) => `${line}\n`).join(''));
    return 0;
  },
};
