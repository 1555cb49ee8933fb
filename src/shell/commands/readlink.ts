// coreutils' `readlink`: a symlink's text (nothing and status 1 for anything else), or with -f,
// -e, -m the canonical path (every component but the last, every one, or none must exist).

import { absolutePath } from '../bash/shell-host.ts';
import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

/** realpath(3)'s canonical form with `missing` components allowed at the end (-e 0, -f 1, -m ∞). */
export function canonicalize(
  context: ProgramContext,
  path: string,
  missing: number,
  depth = 0,
): string | undefined {
  const fs = context.machine.fs;
  const absolute = absolutePath(context.cwd, path);
  try {
    return fs.realpath(absolute);
  } catch {
    // walk back to the longest existing prefix
  }
  // a dangling link at the end: its target, which may be the missing part
  const link = fs.tryLstat(absolute);
  if (link?.kind === 'symlink' && depth < 40) {
    const folder = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    return canonicalize(
      { ...context, cwd: fs.tryStat(folder) === undefined ? folder : fs.realpath(folder) },
      fs.readLink(absolute),
      missing,
      depth + 1,
    );
  }
  const parts = absolute.split('/').filter((p) => p !== '');
  for (let keep = parts.length - 1; keep >= 0 && parts.length - keep <= missing; keep--) {
    const head = `/${parts.slice(0, keep).join('/')}`;
    const stat = fs.tryStat(head);
    if (stat === undefined) continue;
    if (stat.type !== 'directory') return undefined;
    const tail = parts.slice(keep);
    const out: string[] = fs
      .realpath(head)
      .split('/')
      .filter((p) => p !== '');
    for (const part of tail) {
      if (part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return `/${out.join('/')}`;
  }
  return undefined;
}

export const readlink: CommandDefinition = {
  name: 'readlink',
  options: ['-f', '-e', '-m', '-n'],
  run: (context) => {
    const { argv, stdout, stderr, machine } = context;
    const parsed = getoptLong('readlink', argv.slice(1), [
      { id: 'f', short: 'f', long: 'canonicalize' },
      { id: 'e', short: 'e', long: 'canonicalize-existing' },
      { id: 'm', short: 'm', long: 'canonicalize-missing' },
      { id: 'n', short: 'n', long: 'no-newline' },
      { id: 'q', short: 'q', long: 'quiet' },
      { id: 'v', short: 'v', long: 'verbose' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('readlink')}`);
      return 1;
    }
    if (parsed.operands.length === 0) {
      stderr.write(`readlink: missing operand\n${tryHelp('readlink')}`);
      return 1;
    }
    const o = parsed.options;
    const end = has(o, 'n') && parsed.operands.length === 1 ? '' : '\n';
    let status = 0;
    for (const operand of parsed.operands) {
      let text: string | undefined;
      if (has(o, 'f') || has(o, 'e') || has(o, 'm')) {
        text = canonicalize(context, operand, has(o, 'm') ? Infinity : has(o, 'e') ? 0 : 1);
      } else {
        const stat = machine.fs.tryLstat(absolutePath(context.cwd, operand));
        text =
          stat?.kind === 'symlink'
            ? machine.fs.readLink(absolutePath(context.cwd, operand))
            : undefined;
      }
      if (text === undefined) status = 1;
      else stdout.write(text + end);
    }
    return status;
  },
};
