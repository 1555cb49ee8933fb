// `include /etc/nginx/sites-enabled/*;`: nginx expands a pattern with glob(3) (ngx_open_glob in
// src/os/unix/ngx_files.c, flags 0), so names are sorted in the C locale (byte order), `*` and `?`
// do not match a leading dot, `[...]` is a character class, and no match at all is not an error.

import { FsError, type MachineFs } from '../fs.ts';

/** Whether nginx treats the path as a pattern (it looks for any of `*?[`). */
export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/** The paths matching an absolute pattern, sorted as glob(3) sorts them. */
export function expandGlob(fs: MachineFs, pattern: string): string[] {
  const parts = pattern.split('/').slice(1);
  let found: string[] = [''];
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const next: string[] = [];
    for (const base of found) {
      if (!hasGlob(part)) {
        const path = `${base}/${part}`;
        if (exists(fs, path, !last)) next.push(path);
        continue;
      }
      let names: string[];
      try {
        names = fs.readDir(base === '' ? '/' : base);
      } catch (error) {
        if (error instanceof FsError) continue;
        throw error;
      }
      const matcher = globMatcher(part);
      for (const name of names.sort(byteOrder)) {
        const path = `${base}/${name}`;
        if (matcher(name) && exists(fs, path, !last)) next.push(path);
      }
    }
    found = next;
  }
  return found.sort(byteOrder);
}

function exists(fs: MachineFs, path: string, mustBeDirectory: boolean): boolean {
  try {
    const stat = fs.stat(path);
    return !mustBeDirectory || stat.type === 'directory';
  } catch (error) {
    if (error instanceof FsError) {
      // a dangling symlink still matches a pattern (glob lists names, it does not open them)
      if (!mustBeDirectory) {
        try {
          fs.lstat(path);
          return true;
        } catch {
          return false;
        }
      }
      return false;
    }
    throw error;
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fnmatch(3) for one path component, without FNM_PERIOD exceptions beyond the leading dot. */
function globMatcher(pattern: string): (name: string) => boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegex(pattern[++i]!);
    } else source += escapeRegex(ch);
  }
  const regex = new RegExp(`${source}$`, 's');
  const leadingDotAllowed = pattern.startsWith('.');
  return (name) => (leadingDotAllowed || !name.startsWith('.')) && regex.test(name);
}

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}
