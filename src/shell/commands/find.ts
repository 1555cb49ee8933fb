// GNU findutils 4.9.0's `find`, the part the course uses: starting points (default `.`), the
// global options -maxdepth/-mindepth, the tests -name/-iname (fnmatch on the base name, a leading
// dot matched like any character), -path, -type (f d l s p c b, or a comma list), the actions
// -print, and `!`/-not, -a/-and, -o/-or. Symlinks are not followed (-P), except a starting point
// written with a trailing slash. Directory entries come in the order the file system keeps them,
// as readdir gives them. Messages are 4.9.0's in C.UTF-8 (‘’ around names, `' around options).

import { patternChars, GlobPattern } from '../bash/pattern.ts';
import { FsError } from '../../gateway/fs.ts';
import { errnoText } from '../gnu/errno-text.ts';
import type { VfsStat } from '../vfs/vfs.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

type Test =
  | { readonly kind: 'name'; readonly pattern: GlobPattern; readonly fold: boolean }
  | { readonly kind: 'path'; readonly pattern: GlobPattern }
  | { readonly kind: 'type'; readonly letters: string }
  | { readonly kind: 'true' }
  | { readonly kind: 'not'; readonly test: Test }
  | { readonly kind: 'and'; readonly left: Test; readonly right: Test }
  | { readonly kind: 'or'; readonly left: Test; readonly right: Test };

interface Plan {
  readonly starts: readonly string[];
  readonly test: Test;
  readonly maxDepth: number;
  readonly minDepth: number;
}

class FindError extends Error {}

const TYPE_LETTERS = 'fdlspcb';

export const find: CommandDefinition = {
  name: 'find',
  options: ['-name', '-iname', '-type', '-maxdepth', '-mindepth', '-path', '-print'],
  run: (context) => {
    let plan: Plan;
    try {
      plan = readPlan(context.argv.slice(1));
    } catch (error) {
      if (!(error instanceof FindError)) throw error;
      context.stderr.write(`find: ${error.message}\n`);
      return 1;
    }
    let status = 0;
    for (const start of plan.starts) {
      if (!walkStart(context, plan, start)) status = 1;
    }
    return status;
  },
};

function readPlan(args: readonly string[]): Plan {
  let i = 0;
  const starts: string[] = [];
  while (i < args.length && !isExpressionStart(args[i]!)) starts.push(args[i++]!);
  let maxDepth = Number.POSITIVE_INFINITY;
  let minDepth = 0;
  const rest = args.slice(i);
  let at = 0;
  const next = (): string | undefined => rest[at];
  const argument = (option: string): string => {
    const value = rest[at + 1];
    if (value === undefined) throw new FindError(`missing argument to \`${option}'`);
    at += 2;
    return value;
  };
  const depth = (option: string): number => {
    const value = argument(option);
    if (!/^[0-9]+$/.test(value))
      throw new FindError(
        `Expected a positive decimal integer argument to ${option}, but got ‘${value}’`,
      );
    return Number(value);
  };
  const primary = (): Test => {
    const word = next();
    if (word === undefined) throw new FindError('expected an expression after the operator');
    if (word === '!' || word === '-not') {
      at++;
      return { kind: 'not', test: primary() };
    }
    switch (word) {
      case '-name':
      case '-iname': {
        const fold = word === '-iname';
        const text = argument(word);
        return {
          kind: 'name',
          pattern: new GlobPattern(patternChars(fold ? text.toLowerCase() : text)),
          fold,
        };
      }
      case '-path':
      case '-wholename':
        return { kind: 'path', pattern: new GlobPattern(patternChars(argument(word))) };
      case '-type': {
        const letters = argument(word);
        const parts = letters.split(',');
        if (parts.some((p) => p.length !== 1 || !TYPE_LETTERS.includes(p)))
          throw new FindError(`Unknown argument to -type: ${letters}`);
        return { kind: 'type', letters: parts.join('') };
      }
      case '-maxdepth':
        maxDepth = depth(word);
        return { kind: 'true' };
      case '-mindepth':
        minDepth = depth(word);
        return { kind: 'true' };
      case '-print':
        at++;
        return { kind: 'true' };
      default:
        throw new FindError(
          word.startsWith('-')
            ? `unknown predicate \`${word}'`
            : `paths must precede expression: \`${word}'`,
        );
    }
  };
  const conjunction = (): Test => {
    let left = primary();
    for (;;) {
      const word = next();
      if (word === undefined || word === '-o' || word === '-or') return left;
      if (word === '-a' || word === '-and') at++;
      left = { kind: 'and', left, right: primary() };
    }
  };
  let test = rest.length === 0 ? ({ kind: 'true' } as Test) : conjunction();
  while (next() === '-o' || next() === '-or') {
    at++;
    test = { kind: 'or', left: test, right: conjunction() };
  }
  return { starts: starts.length === 0 ? ['.'] : starts, test, maxDepth, minDepth };
}

function isExpressionStart(word: string): boolean {
  return (word.startsWith('-') && word !== '-') || word === '!' || word === '(';
}

/** Walks one starting point; false when something could not be read. */
function walkStart(context: ProgramContext, plan: Plan, start: string): boolean {
  const fs = context.machine.fs;
  const path = context.resolve(start);
  let stat: VfsStat;
  try {
    stat = start.endsWith('/') ? fs.stat(path) : fs.lstat(path);
    if (start.endsWith('/') && stat.kind !== 'directory') throw new FsError('ENOTDIR', path);
  } catch (error) {
    context.stderr.write(`find: ‘${start}’: ${errnoText(error)}\n`);
    return false;
  }
  return visit(context, plan, { shown: start, path, stat, depth: 0 });
}

interface Visit {
  readonly shown: string;
  readonly path: string;
  readonly stat: VfsStat;
  readonly depth: number;
}

function visit(context: ProgramContext, plan: Plan, entry: Visit): boolean {
  if (entry.depth >= plan.minDepth && matches(plan.test, entry))
    context.stdout.write(`${entry.shown}\n`);
  if (entry.stat.kind !== 'directory' || entry.depth >= plan.maxDepth) return true;
  const fs = context.machine.fs;
  let names: string[];
  try {
    names = fs.readDir(entry.path);
  } catch (error) {
    context.stderr.write(`find: ‘${entry.shown}’: ${errnoText(error)}\n`);
    return false;
  }
  let ok = true;
  for (const name of names) {
    const path = entry.path === '/' ? `/${name}` : `${entry.path}/${name}`;
    const stat = fs.tryLstat(path);
    if (stat === undefined) continue;
    const shown = entry.shown.endsWith('/') ? `${entry.shown}${name}` : `${entry.shown}/${name}`;
    if (!visit(context, plan, { shown, path, stat, depth: entry.depth + 1 })) ok = false;
  }
  return ok;
}

function matches(test: Test, entry: Visit): boolean {
  switch (test.kind) {
    case 'true':
      return true;
    case 'name': {
      const base = baseName(entry.shown);
      return test.pattern.matches(test.fold ? base.toLowerCase() : base);
    }
    case 'path':
      return test.pattern.matches(entry.shown);
    case 'type':
      return test.letters.includes(typeLetter(entry.stat));
    case 'not':
      return !matches(test.test, entry);
    case 'and':
      return matches(test.left, entry) && matches(test.right, entry);
    case 'or':
      return matches(test.left, entry) || matches(test.right, entry);
  }
}

function typeLetter(stat: VfsStat): string {
  switch (stat.kind) {
    case 'file':
      return 'f';
    case 'directory':
      return 'd';
    case 'symlink':
      return 'l';
    case 'socket':
      return 's';
    case 'device':
      return 'c';
  }
}

/** find's base name: `.` stays `.`, trailing slashes are not part of it. */
function baseName(shown: string): string {
  const trimmed = shown.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
