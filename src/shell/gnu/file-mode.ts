// File modes as GNU coreutils shows and changes them: the ten-letter string `ls -l` and `stat`
// print (gnulib filemode.c), and chmod's modes — octal, or symbolic clauses like `u+x`, `go-w`,
// `a=r`, `+x` (which, with no "who", leaves the umask's bits alone) — as modechange.c applies them.

export type ModeFileKind = 'file' | 'directory' | 'symlink' | 'socket' | 'device';

const TYPE_LETTER: Readonly<Record<ModeFileKind, string>> = {
  file: '-',
  directory: 'd',
  symlink: 'l',
  socket: 's',
  device: 'c',
};

/** `drwxr-xr-x`, `srw-rw-rw-`, `-rwsr-xr-x`, `drwxrwxrwt`. */
export function modeString(kind: ModeFileKind, mode: number): string {
  const bit = (mask: number, letter: string): string => ((mode & mask) !== 0 ? letter : '-');
  const special = (x: number, s: number, set: string): string => {
    const hasX = (mode & x) !== 0;
    if ((mode & s) === 0) return hasX ? 'x' : '-';
    return hasX ? set : set.toUpperCase();
  };
  return (
    TYPE_LETTER[kind] +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's') +
    bit(0o40, 'r') +
    bit(0o20, 'w') +
    special(0o10, 0o2000, 's') +
    bit(0o4, 'r') +
    bit(0o2, 'w') +
    special(0o1, 0o1000, 't')
  );
}

/** A parsed chmod mode: applied to a file's current mode. */
export type ModeChange = (current: number, isDirectory: boolean) => number;

/**
 * chmod's MODE argument. Undefined when it is not a mode (`chmod: invalid mode: ‘zz’`). `umask`
 * is what `+x` without a "who" respects.
 */
export function parseModeChange(text: string, umask: number): ModeChange | undefined {
  if (/^[0-7]+$/.test(text)) {
    if (text.length > 4 && !/^0+/.test(text.slice(0, text.length - 4))) return undefined;
    const value = parseInt(text, 8);
    if (value > 0o7777) return undefined;
    // a directory keeps its set-user/group-ID bits unless five digits say otherwise
    return (current, isDirectory) =>
      isDirectory && text.length < 5 ? value | (current & 0o6000) : value;
  }
  const clauses = text.split(',');
  const steps: ModeChange[] = [];
  for (const clause of clauses) {
    const match = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (match === null) return undefined;
    const who = match[1]!;
    const actions = [...match[2]!.matchAll(/([-+=])([ugo]|[rwxXst]*)/g)];
    const whoMask = who === '' ? 0o7777 : maskFor(who);
    const masked = who === '' ? ~umask & 0o7777 : 0o7777;
    for (const [, op, perms] of actions) {
      steps.push((current, isDirectory) => {
        let bits = 0;
        if (perms === 'u' || perms === 'g' || perms === 'o') {
          const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
          const triple = (current >> shift) & 7;
          bits = triple * 0o111;
        } else {
          for (const p of perms!) {
            if (p === 'r') bits |= 0o444;
            if (p === 'w') bits |= 0o222;
            if (p === 'x') bits |= 0o111;
            if (p === 'X' && (isDirectory || (current & 0o111) !== 0)) bits |= 0o111;
            if (p === 's') bits |= 0o6000;
            if (p === 't') bits |= 0o1000;
          }
        }
        const affected = bits & whoMask & (op === '=' ? 0o7777 : masked);
        switch (op) {
          case '+':
            return current | affected;
          case '-':
            return current & ~affected;
          default: {
            // `=` clears the who's bits (but a directory's set-ID bits only when named)
            const clear = whoMask & ~(isDirectory ? 0o6000 & ~bits : 0);
            return (current & ~clear) | (bits & whoMask & masked);
          }
        }
      });
    }
  }
  return (current, isDirectory) =>
    steps.reduce((mode, step) => step(mode, isDirectory), current) & 0o7777;
}

function maskFor(who: string): number {
  let mask = 0;
  for (const w of who) {
    if (w === 'u') mask |= 0o4700;
    if (w === 'g') mask |= 0o2070;
    if (w === 'o') mask |= 0o1007;
    if (w === 'a') mask |= 0o7777;
  }
  return mask;
}
