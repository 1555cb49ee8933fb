// Pathname expansion ("globbing", bash 5.2 with its defaults: no nullglob, no dotglob, globskipdots
// on): a word with an unquoted `*`, `?` or `[` becomes the sorted names that match it, directory by
// directory, through the machine's `listDirectory`; with no match the word stays as it is
// (`rm /tmp/*.sock` with no socket left tells rm about a file literally named `*.sock`).

import { GlobPattern, hasGlobCharacters, type PatternChar } from './pattern.ts';

/** Reads a directory for globbing: its entries' names (no `.`/`..`), or undefined if it is not a
 * directory the shell may read. Paths are absolute. */
export type ListDirectory = (path: string) => readonly string[] | undefined;

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** The names matching `pattern`, sorted; [] when nothing matches (the caller keeps the word). */
export function expandPathname(
  pattern: readonly PatternChar[],
  cwd: string,
  listDirectory: ListDirectory,
): string[] {
  if (!hasGlobCharacters(pattern)) return [];
  const components: PatternChar[][] = [[]];
  for (const c of pattern) {
    if (c.char === '/') components.push([]);
    else components.at(-1)!.push(c);
  }
  const absolute = pattern[0]?.char === '/';
  // Each candidate: the text as it will be printed, and the absolute path to list.
  let candidates: { text: string; path: string }[] = [
    absolute ? { text: '/', path: '/' } : { text: '', path: cwd },
  ];
  const start = absolute ? 1 : 0;
  for (let i = start; i < components.length; i++) {
    const component = components[i]!;
    const last = i === components.length - 1;
    const next: { text: string; path: string }[] = [];
    for (const candidate of candidates) {
      if (component.length === 0) {
        // A trailing slash (`s*/`) keeps only directories; `a//b` is `a/b`.
        if (last && listDirectory(candidate.path) === undefined) continue;
        if (last || i > start) next.push({ text: `${candidate.text}/`, path: candidate.path });
        else next.push(candidate);
        continue;
      }
      const glob = new GlobPattern(component);
      const separator = candidate.text === '' || candidate.text.endsWith('/') ? '' : '/';
      if (!glob.hasWildcards) {
        const name = GlobPattern.text(component);
        const path = joinPath(candidate.path, name);
        // A literal last component must exist; a literal middle one must be a directory to list.
        if (last) {
          const entries = listDirectory(candidate.path);
          if (entries === undefined || !entries.includes(name)) continue;
        }
        next.push({ text: `${candidate.text}${separator}${name}`, path });
        continue;
      }
      const entries = listDirectory(candidate.path);
      if (entries === undefined) continue;
      for (const name of entries) {
        if (name === '.' || name === '..') continue;
        if (name.startsWith('.') && !glob.startsWithDot) continue;
        if (!glob.matches(name)) continue;
        next.push({
          text: `${candidate.text}${separator}${name}`,
          path: joinPath(candidate.path, name),
        });
      }
    }
    candidates = next;
    if (candidates.length === 0) return [];
  }
  // bash sorts with strcoll; in C.UTF-8 that is code point order.
  return candidates.map((c) => c.text).sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
