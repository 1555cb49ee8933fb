// bash's `type`: how the shell would take each name — keyword, function (with its body), builtin,
// hashed path, or a file on PATH; `-t` for the kind's word, `-p`/`-P` for the path, `-a` for every
// way. `bash: type: nope: not found` for the others.

import type { CommandDefinition } from '../program.ts';

export const type: CommandDefinition = {
  name: 'type',
  builtin: true,
  options: ['-a', '-f', '-p', '-P', '-t'],
  run: ({ argv, stdout, stderr, env, shell, session }) => {
    let flags = '';
    let i = 1;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      const bad = [...arg.slice(1)].find((f) => !'afptP'.includes(f));
      if (bad !== undefined) {
        stderr.write(
          `bash: type: -${bad}: invalid option\ntype: usage: type [-afptP] name [name ...]\n`,
        );
        return 2;
      }
      flags += arg.slice(1);
    }
    const all = flags.includes('a');
    const typeOnly = flags.includes('t');
    const pathOnly = flags.includes('p') || flags.includes('P');
    const forcePath = flags.includes('P');
    session.syncHash(shell.state);
    let status = 0;
    for (const name of argv.slice(i)) {
      const lines: string[] = [];
      const hashed = forcePath ? undefined : shell.state.hashed;
      const first = session.lookup(name, env, hashed);
      const kinds = all ? allKinds(name, session, env, hashed) : [first];
      for (const kind of kinds) {
        if (
          forcePath &&
          (kind.kind === 'keyword' || kind.kind === 'function' || kind.kind === 'builtin')
        )
          continue;
        switch (kind.kind) {
          case 'keyword':
            if (!pathOnly) lines.push(typeOnly ? 'keyword' : `${name} is a shell keyword`);
            break;
          case 'function':
            if (!pathOnly)
              lines.push(
                typeOnly ? 'function' : `${name} is a function\n${kind.body.replace(/\n$/, '')}`,
              );
            break;
          case 'builtin':
            if (!pathOnly) lines.push(typeOnly ? 'builtin' : `${name} is a shell builtin`);
            break;
          case 'hashed':
            lines.push(
              typeOnly ? 'file' : pathOnly ? kind.path : `${name} is hashed (${kind.path})`,
            );
            break;
          case 'file':
            lines.push(typeOnly ? 'file' : pathOnly ? kind.path : `${name} is ${kind.path}`);
            break;
          case 'not-found':
            break;
        }
      }
      if (kinds.every((kind) => kind.kind === 'not-found') || (forcePath && lines.length === 0)) {
        if (!typeOnly && !pathOnly) stderr.write(`bash: type: ${name}: not found\n`);
        status = 1;
        continue;
      }
      if (lines.length > 0) stdout.write(`${lines.join('\n')}\n`);
    }
    return status;
  },
};

function allKinds(
  name: string,
  session: Parameters<CommandDefinition['run']>[0]['session'],
  env: ReadonlyMap<string, string>,
  hashed: ReadonlyMap<string, string> | undefined,
): ReturnType<typeof session.lookup>[] {
  const kinds: ReturnType<typeof session.lookup>[] = [];
  const first = session.lookup(name, env, hashed);
  if (first.kind === 'keyword') kinds.push(first);
  const withoutKeyword = session.lookup(name, env, new Map());
  if (withoutKeyword.kind === 'function' || withoutKeyword.kind === 'builtin')
    kinds.push(withoutKeyword);
  if (first.kind === 'builtin' || first.kind === 'function') {
    // a builtin's name can still be a file on PATH (`type -a echo` shows /usr/bin/echo too)
  }
  const remembered = hashed?.get(name);
  if (remembered !== undefined) kinds.push({ kind: 'hashed', path: remembered });
  for (const path of session.searchPath(name, env.get('PATH'))) {
    if (path !== remembered) kinds.push({ kind: 'file', path });
  }
  if (kinds.length === 0) kinds.push({ kind: 'not-found' });
  return kinds;
}
