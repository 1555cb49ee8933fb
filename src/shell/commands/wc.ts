// coreutils' `wc`: lines, words and bytes (-l, -w, -c, -m characters), each right-aligned to the
// width the total size of the files needs (7 when one input is not a regular file; 1 for a single
// count of a single input), a `total` line for several files.

import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { quoteForLs } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  longest: number;
}

export const wc: CommandDefinition = {
  name: 'wc',
  options: ['-l', '-w', '-c', '-m', '-L'],
  run: async ({ argv, stdin, stdout, stderr, machine, resolve }) => {
    const parsed = getoptLong('wc', argv.slice(1), [
      { id: 'c', short: 'c', long: 'bytes' },
      { id: 'm', short: 'm', long: 'chars' },
      { id: 'l', short: 'l', long: 'lines' },
      { id: 'w', short: 'w', long: 'words' },
      { id: 'L', short: 'L', long: 'max-line-length' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('wc')}`);
      return 1;
    }
    const o = parsed.options;
    let show = { l: has(o, 'l'), w: has(o, 'w'), m: has(o, 'm'), c: has(o, 'c'), L: has(o, 'L') };
    if (!show.l && !show.w && !show.m && !show.c && !show.L)
      show = { l: true, w: true, m: false, c: true, L: false };
    const selected = Object.values(show).filter(Boolean).length;
    const files = parsed.operands.length === 0 ? ['-'] : parsed.operands;
    const results: {
      name: string | undefined;
      counts: Counts | undefined;
      regularSize: number | undefined;
    }[] = [];
    for (const file of files) {
      if (file === '-') {
        results.push({
          name: parsed.operands.length === 0 ? undefined : '-',
          counts: count(await stdin.readAll()),
          regularSize: undefined,
        });
        continue;
      }
      const path = resolve(file);
      const read = attempt(() => machine.fs.readFile(path));
      if (!read.ok) {
        stderr.write(`wc: ${quoteForLs(file)}: ${errnoText(read.error)}\n`);
        results.push({ name: file, counts: undefined, regularSize: undefined });
        continue;
      }
      results.push({
        name: file,
        counts: count(new TextDecoder().decode(read.value), read.value.length),
        regularSize: read.value.length,
      });
    }
    let width = 1;
    if (!(files.length === 1 && selected === 1) && results[0]?.counts !== undefined) {
      let minimum = 1;
      let total = 0;
      for (const result of results) {
        if (result.counts === undefined) continue;
        if (result.regularSize === undefined) minimum = 7;
        else total += result.regularSize;
      }
      width = Math.max(String(total).length, minimum);
    }
    const line = (counts: Counts, name: string | undefined): string => {
      const fields: number[] = [];
      if (show.l) fields.push(counts.lines);
      if (show.w) fields.push(counts.words);
      if (show.m) fields.push(counts.chars);
      if (show.c) fields.push(counts.bytes);
      if (show.L) fields.push(counts.longest);
      const text = fields.map((n) => String(n).padStart(width)).join(' ');
      return name === undefined ? `${text}\n` : `${text} ${name}\n`;
    };
    const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
    let status = 0;
    for (const result of results) {
      if (result.counts === undefined) {
        status = 1;
        continue;
      }
      stdout.write(line(result.counts, result.name));
      total.lines += result.counts.lines;
      total.words += result.counts.words;
      total.chars += result.counts.chars;
      total.bytes += result.counts.bytes;
      total.longest = Math.max(total.longest, result.counts.longest);
    }
    if (files.length > 1) stdout.write(line(total, 'total'));
    return status;
  },
};

function count(text: string, byteLength?: number): Counts {
  const lines = text.split('\n');
  return {
    lines: lines.length - 1,
    words: text.split(/[\s]+/u).filter((word) => word !== '').length,
    chars: Array.from(text).length,
    bytes: byteLength ?? new TextEncoder().encode(text).length,
    longest: Math.max(0, ...lines.map((l) => Array.from(l.replaceAll('\t', '        ')).length)),
  };
}
