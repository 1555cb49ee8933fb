// GNU nano 7.2 (Debian 12's nano package, /usr/bin/nano; rnano, editor and pico lead to it too):
// the command line as nano's getopt reads it, then the full-screen editor (../editor/nano/) on the
// terminal in raw mode. Simplified: options other than -h, -V and +LINE,COLUMN are accepted and
// change nothing (the settings are Debian's nanorc's); one file is edited (nano opens one buffer
// per file named; the others are left alone); `-` (read standard input) is not supported; rnano is
// not restricted; and started in the background (`nano file &`) it says its input is not a
// terminal and ends, where the real one is stopped by the terminal (SIGTTOU) until `fg`.

import { ROOT_CREDENTIALS, type Credentials } from '../../gateway/fs.ts';
import { MachineEditorFiles } from '../editor/editor-files.ts';
import { hasRawTerminal, runFullScreen, terminalSize } from '../editor/full-screen-program.ts';
import { NANO_OPTIONS, NANO_USAGE, NANO_VERSION } from '../editor/nano/nano-usage.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

type Parsed =
  | {
      readonly kind: 'edit';
      readonly files: readonly { path: string; line?: number; column?: number }[];
    }
  | { readonly kind: 'help' | 'version' }
  | { readonly kind: 'error'; readonly message: string };

/** getopt_long with nano's options, permuting (an option may follow a file name). */
function parseArguments(args: readonly string[]): Parsed {
  const files: { path: string; line?: number; column?: number }[] = [];
  let place: { line?: number; column?: number } = {};
  let help = false;
  let version = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) files.push({ path: rest, ...place });
      break;
    }
    const plus = /^\+(-?\d*)(?:,(-?\d*))?$/.exec(arg);
    if (plus !== null) {
      place = {
        ...(plus[1] ? { line: Number(plus[1]) } : {}),
        ...(plus[2] ? { column: Number(plus[2]) } : {}),
      };
      continue;
    }
    if (arg.startsWith('--')) {
      const [name = '', value] = arg.slice(2).split('=', 2);
      const matches = NANO_OPTIONS.filter((o) => o.long === name || o.long.startsWith(name));
      const option =
        matches.find((o) => o.long === name) ?? (matches.length === 1 ? matches[0] : undefined);
      if (option === undefined || name === '') {
        return { kind: 'error', message: `nano: unrecognized option '${arg}'\n` };
      }
      if (option.argument && value === undefined) {
        if (i + 1 >= args.length) {
          return {
            kind: 'error',
            message: `nano: option '--${option.long}' requires an argument\n`,
          };
        }
        i++;
      }
      if (option.short === 'h') help = true;
      if (option.short === 'V') version = true;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const option = NANO_OPTIONS.find((o) => o.short === letter);
        if (option === undefined)
          return { kind: 'error', message: `nano: invalid option -- '${letter}'\n` };
        if (option.short === 'h') help = true;
        if (option.short === 'V') version = true;
        if (option.argument) {
          if (j + 1 === arg.length) {
            if (i + 1 >= args.length) {
              return {
                kind: 'error',
                message: `nano: option requires an argument -- '${letter}'\n`,
              };
            }
            i++;
          }
          break;
        }
      }
      continue;
    }
    files.push({ path: arg, ...place });
    place = {};
  }
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  return { kind: 'edit', files };
}

/** nano, running as `who` (the machine's user is root; tests give others). */
export function nanoCommand(who: Credentials = ROOT_CREDENTIALS): CommandDefinition {
  return {
    name: 'nano',
    programs: ['/usr/bin/nano'],
    options: NANO_OPTIONS.map((o) => `--${o.long}`),
    run: (context: ProgramContext) => {
      const { argv, stdout, stderr, env, shell, machine, cwd } = context;
      const parsed = parseArguments(argv.slice(1));
      switch (parsed.kind) {
        case 'error':
          stderr.write(parsed.message);
          stdout.write("Type 'nano -h' for a list of available options.\n");
          return 1;
        case 'help':
          stdout.write(NANO_USAGE);
          return 0;
        case 'version':
          stdout.write(NANO_VERSION);
          return 0;
        case 'edit':
          break;
      }
      if (!hasRawTerminal(context)) {
        stderr.write('Standard input is not a terminal\n');
        return 1;
      }
      const first = parsed.files[0];
      const files = new MachineEditorFiles({
        fs: machine.fs,
        who,
        cwd,
        home: env.get('HOME'),
        umask: shell.state.umask,
      });
      // the editor itself loads when nano first opens: the lab's code stays smaller until then
      return import('../editor/nano/nano-editor.ts').then(({ NanoEditor }) => {
        const editor = new NanoEditor({
          files,
          path: first?.path ?? '',
          size: terminalSize(context),
          root: who.uid === 0,
          ...(first?.line === undefined ? {} : { line: first.line }),
          ...(first?.column === undefined ? {} : { column: first.column }),
        });
        return runFullScreen(context, editor);
      });
    },
  };
}

export const nano = nanoCommand();
