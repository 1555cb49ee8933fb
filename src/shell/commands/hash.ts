// bash's `hash`: the table of where commands were found. Without arguments it lists them (`hits`
// and `command`, in the order of bash's hash buckets: FNV-1 of the name in 256 buckets, the newest
// first in each); `-r` forgets them all, `-d` one, `-p PATH NAME` sets one, `-t` prints, `-l`
// prints as commands, and a name looks it up on PATH now.

import type { CommandDefinition } from '../program.ts';

/** bash 5.2's hashcmd.h */
const FILENAME_HASH_BUCKETS = 256;

/** bash's hash_string (hashlib.c): FNV-1, 32 bits. */
export function bashHashString(text: string): number {
  let i = 2166136261;
  for (const byte of new TextEncoder().encode(text)) {
    i = Math.imul(i, 16777619) >>> 0;
    i = (i ^ byte) >>> 0;
  }
  return i;
}

export const hash: CommandDefinition = {
  name: 'hash',
  builtin: true,
  options: ['-r', '-d', '-l', '-p', '-t'],
  run: ({ argv, stdout, stderr, shell, session, env }) => {
    session.syncHash(shell.state);
    const table = shell.state.hashed;
    const hits = session.hashHits;
    let flags = '';
    let i = 1;
    let given: string | undefined;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      for (let j = 1; j < arg.length; j++) {
        const f = arg[j]!;
        if (!'rdlpt'.includes(f)) {
          stderr.write(
            `bash: hash: -${f}: invalid option\nhash: usage: hash [-lr] [-p pathname] [-dt] [name ...]\n`,
          );
          return 2;
        }
        flags += f;
        if (f === 'p') {
          given = arg.slice(j + 1) || argv[++i];
          if (given === undefined) {
            stderr.write(
              'bash: hash: -p: option requires an argument\nhash: usage: hash [-lr] [-p pathname] [-dt] [name ...]\n',
            );
            return 2;
          }
          break;
        }
      }
    }
    const names = argv.slice(i);
    if (flags.includes('r')) {
      table.clear();
      hits.clear();
    }
    if (names.length === 0) {
      if (flags.includes('r')) return 0;
      if (table.size === 0) {
        stdout.write('hash: hash table empty\n');
        return 0;
      }
      const order = bucketOrder([...table.keys()]);
      if (flags.includes('l')) {
        for (const name of order) stdout.write(`builtin hash -p ${table.get(name)!} ${name}\n`);
        return 0;
      }
      stdout.write('hits\tcommand\n');
      for (const name of order) {
        stdout.write(`${String(hits.get(name) ?? 0).padStart(4)}\t${table.get(name)!}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const name of names) {
      if (flags.includes('d')) {
        if (!table.delete(name)) {
          stderr.write(`bash: hash: ${name}: not found\n`);
          status = 1;
        }
        hits.delete(name);
        continue;
      }
      if (flags.includes('t')) {
        const path = table.get(name);
        if (path === undefined) {
          stderr.write(`bash: hash: ${name}: not found\n`);
          status = 1;
        } else stdout.write(names.length > 1 ? `${name}\t${path}\n` : `${path}\n`);
        continue;
      }
      if (given !== undefined) {
        table.set(name, given);
        hits.set(name, 0);
        continue;
      }
      if (name.includes('/')) continue;
      const kind = session.lookup(name, env, new Map());
      if (kind.kind === 'builtin' || kind.kind === 'function') continue;
      if (kind.kind !== 'file') {
        stderr.write(`bash: hash: ${name}: not found\n`);
        status = 1;
        continue;
      }
      table.set(name, kind.path);
      hits.set(name, 0);
    }
    return status;
  },
};

/** The table's names in the order bash prints them. */
function bucketOrder(names: readonly string[]): string[] {
  // within a bucket the newest entry is first; Map order is insertion order, oldest first
  const indexed = names.map((name, at) => ({
    name,
    at,
    bucket: bashHashString(name) & (FILENAME_HASH_BUCKETS - 1),
  }));
  return indexed.sort((a, b) => a.bucket - b.bucket || b.at - a.at).map((entry) => entry.name);
}
