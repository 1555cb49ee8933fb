// GNU grep 3.8: lines matching basic (default), extended (-E) or fixed (-F) patterns, with -i, -v,
// -n, -c, -l, -L, -o, -q, -s, -w, -x, -h/-H, -e, -r/-R (a folder's files; names sorted here, where
// grep takes the directory's order), -A/-B/-C context and --color. Status 0 when a line was
// selected, 1 when none, 2 on an error.

import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { compilePattern } from '../gnu/posix-regex.ts';
import type { CommandDefinition } from '../program.ts';

const COLOR = {
  match: '\x1b[01;31m\x1b[K',
  file: '\x1b[35m\x1b[K',
  line: '\x1b[32m\x1b[K',
  separator: '\x1b[36m\x1b[K',
  end: '\x1b[m\x1b[K',
};

export const grep: CommandDefinition = {
  name: 'grep',
  options: [
    '-i',
    '-n',
    '-v',
    '-r',
    '-R',
    '-E',
    '-F',
    '-c',
    '-l',
    '-o',
    '-q',
    '-w',
    '-x',
    '-e',
    '-A',
    '-B',
    '-C',
    '--color',
  ],
  run: async ({ argv, stdin, stdout, stderr, machine, resolve, terminal }) => {
    const parsed = getoptLong('grep', argv.slice(1), [
      { id: 'E', short: 'E', long: 'extended-regexp' },
      { id: 'F', short: 'F', long: 'fixed-strings' },
      { id: 'G', short: 'G', long: 'basic-regexp' },
      { id: 'e', short: 'e', long: 'regexp', argument: 'required' },
      { id: 'i', short: 'i', long: 'ignore-case' },
      { id: 'i', short: 'y' },
      { id: 'v', short: 'v', long: 'invert-match' },
      { id: 'w', short: 'w', long: 'word-regexp' },
      { id: 'x', short: 'x', long: 'line-regexp' },
      { id: 'c', short: 'c', long: 'count' },
      { id: 'l', short: 'l', long: 'files-with-matches' },
      { id: 'L', short: 'L', long: 'files-without-match' },
      { id: 'o', short: 'o', long: 'only-matching' },
      { id: 'q', short: 'q', long: 'quiet' },
      { id: 'q', long: 'silent' },
      { id: 's', short: 's', long: 'no-messages' },
      { id: 'n', short: 'n', long: 'line-number' },
      { id: 'h', short: 'h', long: 'no-filename' },
      { id: 'H', short: 'H', long: 'with-filename' },
      { id: 'r', short: 'r', long: 'recursive' },
      { id: 'R', short: 'R', long: 'dereference-recursive' },
      { id: 'A', short: 'A', long: 'after-context', argument: 'required' },
      { id: 'B', short: 'B', long: 'before-context', argument: 'required' },
      { id: 'C', short: 'C', long: 'context', argument: 'required' },
      { id: 'color', long: 'color', argument: 'optional' },
      { id: 'color', long: 'colour', argument: 'optional' },
    ]);
    if (!parsed.ok) {
      stderr.write(
        `${parsed.message}\nUsage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`,
      );
      return 2;
    }
    const o = parsed.options;
    const operands = [...parsed.operands];
    const explicit = o.filter((option) => option.id === 'e').map((option) => option.value!);
    let patterns: string[];
    if (explicit.length > 0) patterns = explicit.flatMap((p) => p.split('\n'));
    else {
      const first = operands.shift();
      if (first === undefined) {
        stderr.write(`Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`);
        return 2;
      }
      patterns = first.split('\n');
    }
    const extended = has(o, 'E');
    const compiled = [];
    for (const pattern of patterns) {
      const result = compilePattern(pattern, {
        extended,
        fixed: has(o, 'F'),
        ignoreCase: has(o, 'i'),
        words: has(o, 'w'),
        lines: has(o, 'x'),
      });
      if (!result.ok) {
        stderr.write(`grep: ${result.message}\n`);
        return 2;
      }
      for (const warning of result.warnings) stderr.write(`grep: warning: ${warning}\n`);
      compiled.push(result.regex);
    }
    const context = (id: string): number | undefined => {
      const value = last(o, id)?.value;
      return value === undefined ? undefined : Number(value);
    };
    for (const id of ['A', 'B', 'C']) {
      const value = last(o, id)?.value;
      if (value !== undefined && !/^\d+$/.test(value)) {
        stderr.write(`grep: ${value}: invalid context length argument\n`);
        return 2;
      }
    }
    const after = context('A') ?? context('C') ?? 0;
    const before = context('B') ?? context('C') ?? 0;
    const colorSetting = last(o, 'color')?.value ?? (has(o, 'color') ? 'auto' : 'never');
    const color = colorSetting === 'always' || (colorSetting === 'auto' && terminal !== undefined);
    const recursive = has(o, 'r') || has(o, 'R');
    const quiet = has(o, 'q');
    const silent = has(o, 's');
    const invert = has(o, 'v');
    const inputs = operands.length === 0 ? [recursive ? '.' : '-'] : operands;
    const implicitDot = operands.length === 0 && recursive;

    // every file to read, with the name grep prints for it
    const files: { name: string; path: string | undefined }[] = [];
    let status = 1;
    let error = false;
    const complain = (text: string): void => {
      error = true;
      if (!silent) stderr.write(`grep: ${text}\n`);
    };
    const walk = (path: string, name: string, top: boolean): void => {
      const stat = top || has(o, 'R') ? machine.fs.tryStat(path) : machine.fs.tryLstat(path);
      if (stat === undefined) {
        const failed = attempt(() => machine.fs.stat(path));
        if (!failed.ok) complain(`${name}: ${errnoText(failed.error)}`);
        return;
      }
      if (stat.kind === 'symlink') return;
      if (stat.type === 'directory') {
        if (!recursive) {
          complain(`${name}: Is a directory`);
          return;
        }
        for (const child of machine.fs.readDir(path).sort()) {
          const childName =
            implicitDot && name === '.' ? child : `${name.replace(/\/$/, '')}/${child}`;
          walk(`${path}/${child}`, childName, false);
        }
        return;
      }
      if (stat.type === 'socket' || stat.kind === 'device') return;
      files.push({ name, path });
    };
    for (const input of inputs) {
      if (input === '-') files.push({ name: '(standard input)', path: undefined });
      else walk(resolve(input), input, true);
    }
    const withNames =
      has(o, 'H') || (!has(o, 'h') && (files.length > 1 || recursive || inputs.length > 1));
    const paint = (code: string, text: string): string =>
      color ? `${code}${text}${COLOR.end}` : text;
    const separator = (c: string): string => paint(COLOR.separator, c);

    for (const file of files) {
      let text: string;
      if (file.path === undefined) text = await stdin.readAll();
      else {
        const read = attempt(() => machine.fs.readText(file.path!));
        if (!read.ok) {
          complain(`${file.name}: ${errnoText(read.error)}`);
          continue;
        }
        text = read.value;
      }
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      let selectedCount = 0;
      let lastPrinted = -1;
      let pendingAfter = 0;
      const out: string[] = [];
      const prefix = (index: number, mark: string): string =>
        (withNames ? paint(COLOR.file, file.name) + separator(mark) : '') +
        (has(o, 'n') ? paint(COLOR.line, String(index + 1)) + separator(mark) : '');
      for (let index = 0; index < lines.length; index++) {
        const line = lines[index]!;
        const matches = compiled.some((regex) => regex.test(line));
        const selected = matches !== invert;
        if (!selected) {
          if (pendingAfter > 0 && !has(o, 'c') && !has(o, 'l') && !has(o, 'L') && !has(o, 'o')) {
            out.push(`${prefix(index, '-')}${line}\n`);
            lastPrinted = index;
            pendingAfter--;
          }
          continue;
        }
        selectedCount++;
        if (quiet || has(o, 'c') || has(o, 'l') || has(o, 'L')) continue;
        if (before > 0 || after > 0) {
          const from = Math.max(lastPrinted + 1, index - before);
          if (lastPrinted >= 0 && from > lastPrinted + 1) out.push(`${separator('--')}\n`);
          for (let j = from; j < index; j++) out.push(`${prefix(j, '-')}${lines[j]!}\n`);
        }
        if (has(o, 'o')) {
          if (!invert) {
            for (const regex of compiled) {
              const global = new RegExp(regex.source, `${regex.flags}g`);
              for (const match of line.matchAll(global)) {
                if (match[0] !== '')
                  out.push(`${prefix(index, ':')}${paint(COLOR.match, match[0])}\n`);
              }
            }
          }
        } else {
          out.push(`${prefix(index, ':')}${color && !invert ? highlight(line, compiled) : line}\n`);
        }
        lastPrinted = index;
        pendingAfter = after;
      }
      if (selectedCount > 0) status = 0;
      if (quiet) {
        if (status === 0) return 0;
        continue;
      }
      if (has(o, 'c'))
        stdout.write(
          `${withNames ? paint(COLOR.file, file.name) + separator(':') : ''}${selectedCount}\n`,
        );
      else if (has(o, 'l')) {
        if (selectedCount > 0) stdout.write(`${paint(COLOR.file, file.name)}\n`);
      } else if (has(o, 'L')) {
        if (selectedCount === 0) stdout.write(`${paint(COLOR.file, file.name)}\n`);
      } else stdout.write(out.join(''));
    }
    if (has(o, 'L')) status = files.length > 0 ? 0 : 1;
    return error && !(quiet && status === 0) ? 2 : status;
  },
};

function highlight(line: string, patterns: readonly RegExp[]): string {
  const global = patterns.map((regex) => new RegExp(regex.source, `${regex.flags}g`));
  let out = '';
  let at = 0;
  while (at <= line.length) {
    let best: RegExpExecArray | undefined;
    for (const regex of global) {
      regex.lastIndex = at;
      const match = regex.exec(line);
      if (match !== null && match[0] !== '' && (best === undefined || match.index < best.index))
        best = match;
    }
    if (best === undefined) break;
    out += line.slice(at, best.index) + COLOR.match + best[0] + COLOR.end;
    at = best.index + best[0].length;
  }
  return out + line.slice(at);
}
