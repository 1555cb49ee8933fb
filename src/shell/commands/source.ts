// bash's `source FILE [ARGS]` and `. FILE`: runs the file's commands in this shell. A name without
// a slash is looked for on PATH first, then in the working folder (sourcepath). A venv's
// bin/activate is recognized and done natively (venv-activation.ts): the bash subset has no
// functions or `[`, and the course needs exactly what it does.

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import { activate, readActivateScript } from '../venv-activation.ts';

async function runSource(context: ProgramContext, name: string): Promise<number> {
  const { argv, stderr, shell, machine, session } = context;
  const file = argv[1];
  if (file === undefined) {
    stderr.write(
      `bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`,
    );
    return 2;
  }
  let path = absolutePath(shell.state.cwd, file);
  if (!file.includes('/')) {
    for (const dir of (shell.state.variables.get('PATH') ?? '').split(':')) {
      if (dir === '') continue;
      const candidate = absolutePath(shell.state.cwd, `${dir}/${file}`);
      if (machine.fs.tryStat(candidate)?.kind === 'file') {
        path = candidate;
        break;
      }
    }
  }
  const stat = attempt(() => machine.fs.stat(path));
  if (!stat.ok) {
    stderr.write(`bash: ${file}: ${errnoText(stat.error)}\n`);
    return 1;
  }
  if (stat.value.type === 'directory') {
    stderr.write(`bash: ${name}: ${file}: is a directory\n`);
    return 1;
  }
  const text = attempt(() => machine.fs.readText(path));
  if (!text.ok) {
    stderr.write(`bash: ${file}: ${errnoText(text.error)}\n`);
    return 1;
  }
  const script = readActivateScript(text.value);
  if (script !== undefined) {
    activate(script, {
      state: shell.state,
      functions: session.functions,
      hashHits: session.hashHits,
    });
    return 0;
  }
  return shell.source(text.value, {
    name: file,
    positional: argv.slice(2),
    streams: { stdin: context.stdin, stdout: context.stdout, stderr },
  });
}

export const source: CommandDefinition = {
  name: 'source',
  builtin: true,
  run: (context) => runSource(context, 'source'),
};

export const dot: CommandDefinition = {
  name: '.',
  builtin: true,
  run: (context) => runSource(context, '.'),
};
