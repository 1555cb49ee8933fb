// vim.tiny, Debian 12's vim-tiny package (/usr/bin/vim.tiny): what a fresh Debian 12 runs for `vi`,
// `view` and `ex`, through the alternatives (/usr/bin/vi → /etc/alternatives/vi → vim.tiny).
// `vim` itself is not there until the `vim` package is installed (bash: vim: command not found),
// and `editor` leads to nano, whose alternative has the higher priority (40 against 15).
// Started as `vi` it reads Debian's /etc/vim/vimrc.tiny ('compatible': long messages, no mode
// line, no ruler); by any other name /etc/vim/vimrc ('nocompatible'); `view` and -R are readonly.
//
// Simplified: one file is edited (vim's "N files to edit" and :next are left out); Ex mode (`ex`,
// -e, -E) and the options that run commands or scripts (-c, --cmd, -S, -s) say they are not part
// of the simulation; with input that is not a terminal the keys are read from it and no screen is
// drawn (vim draws one anyway), which is also what happens to `vi file &` (the real one is stopped
// by the terminal, SIGTTOU, until `fg`).

import { ROOT_CREDENTIALS, type Credentials } from '../../gateway/fs.ts';
import { MachineEditorFiles } from '../editor/editor-files.ts';
import { hasRawTerminal, runFullScreen, terminalSize } from '../editor/full-screen-program.ts';
// the editor itself loads when vi first opens a file: the lab's code stays smaller until then
import type { ViEditor } from '../editor/vi/vi-editor.ts';
import { VIM_USAGE, VIM_VERSION, vimCommandLineError } from '../editor/vi/vi-usage.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

interface EditRequest {
  readonly path: string;
  /** `+N` (1-based); 0 for `+` alone (the last line). */
  readonly line: number | undefined;
  readonly readonly: boolean;
  /** -C / -N, when given. */
  readonly compatible: boolean | undefined;
}

type Parsed =
  | ({ readonly kind: 'edit' } & EditRequest)
  | { readonly kind: 'help' | 'version' }
  | { readonly kind: 'error'; readonly message: string };

/** Options that take the next word (or the rest of this one) as their argument. */
const WITH_ARGUMENT = new Set(['-T', '-u', '-U', '-i', '-w', '-W']);
/** Options that change nothing the simulation shows. */
const IGNORED = new Set(['-n', '-v', '-X', '-f', '--not-a-term', '--ttyfail', '--noplugin']);
/** Options vim.tiny has that the simulation leaves out (-q, -D, --remote… it has not: unknown). */
const LEFT_OUT = new Set(
  ['-e', '-E', '-s', '-y', '-Z', '-m', '-M', '-b', '-l', '-d', '-r', '-L', '-t', '-c', '-S'].concat(
    ['--cmd', '-o', '-O', '-p', '--startuptime'],
  ),
);

function notSimulated(option: string): Parsed {
  const message = `vim: ${option}: not part of the simulation (uwsgi-lab)\n`;
  return { kind: 'error', message };
}

/** main.c command_line_scan(), for the options a reader is likely to type. */
function parseArguments(args: readonly string[], name: string): Parsed {
  const files: string[] = [];
  let line: number | undefined;
  let readonly = name === 'view' || name === 'rview';
  let compatible: boolean | undefined;
  let clean = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '+' || /^\+\d+$/.test(arg)) {
      line = arg === '+' ? 0 : Number(arg.slice(1));
      continue;
    }
    if (arg.startsWith('+')) return notSimulated(arg);
    if (arg === '-' || !arg.startsWith('-')) {
      if (arg === '-') return notSimulated('-');
      files.push(arg);
      continue;
    }
    const option = /^(-[A-Za-z]|--[a-z-]+)/.exec(arg)?.[1] ?? arg;
    if (arg === '-R') readonly = true;
    else if (arg === '-C') compatible = true;
    else if (arg === '-N') compatible = false;
    else if (arg === '--clean') clean = true;
    else if (IGNORED.has(arg)) continue;
    else if (WITH_ARGUMENT.has(option)) {
      if (arg === option && ++i >= args.length) {
        const message = vimCommandLineError(`Argument missing after: "${arg}"`);
        return { kind: 'error', message };
      }
    } else if (LEFT_OUT.has(option) || /^-V\d*/.test(arg)) return notSimulated(option);
    else
      return { kind: 'error', message: vimCommandLineError(`Unknown option argument: "${arg}"`) };
  }
  return {
    kind: 'edit',
    path: files[0] ?? '',
    line,
    readonly,
    compatible: compatible ?? (clean ? false : undefined),
  };
}

/** The editor, or its end when the input is not a terminal (keys read from it, no screen). */
async function edit(context: ProgramContext, editor: ViEditor): Promise<number> {
  const { stdin, stderr } = context;
  for (let chunk = await stdin.read(); chunk !== undefined; chunk = await stdin.read()) {
    editor.input(chunk);
    if (editor.exitStatus !== undefined) return editor.exitStatus;
  }
  stderr.write('Vim: Error reading input, exiting...\nVim: Finished.\n');
  return 1;
}

/** vim.tiny, running as `who` (the machine's user is root; tests give others). */
export function viCommand(who: Credentials = ROOT_CREDENTIALS): CommandDefinition {
  return {
    name: 'vi',
    programs: ['/usr/bin/vim.tiny'],
    options: ['--help', '--version', '--clean', '--noplugin', '--not-a-term'],
    run: (context: ProgramContext) => {
      const { argv, stdout, stderr, env, shell, machine, cwd } = context;
      const invokedAs = (argv[0] ?? 'vi').slice((argv[0] ?? '').lastIndexOf('/') + 1);
      if (invokedAs === 'ex') return notSimulatedRun(context, 'ex');
      const parsed = parseArguments(argv.slice(1), invokedAs);
      switch (parsed.kind) {
        case 'error':
          stderr.write(parsed.message);
          return 1;
        case 'help':
          stdout.write(VIM_USAGE);
          return 0;
        case 'version':
          stdout.write(VIM_VERSION);
          return 0;
        case 'edit':
          break;
      }
      const files = new MachineEditorFiles({
        fs: machine.fs,
        who,
        cwd,
        home: env.get('HOME'),
        umask: shell.state.umask,
      });
      return import('../editor/vi/vi-editor.ts').then(({ ViEditor }) => {
        const editor = new ViEditor({
          files,
          path: parsed.path,
          size: terminalSize(context),
          manner: { compatible: parsed.compatible ?? invokedAs === 'vi' },
          readonly: parsed.readonly,
          now: () => machine.clock.now(),
          ...(parsed.line === undefined ? {} : { line: parsed.line }),
        });
        if (hasRawTerminal(context) && stdout.terminal !== undefined) {
          return runFullScreen(context, editor);
        }
        // main.c check_tty(): vim warns, waits a moment, and goes on.
        if (stdout.terminal === undefined)
          stderr.write('Vim: Warning: Output is not to a terminal\n');
        if (!hasRawTerminal(context)) stderr.write('Vim: Warning: Input is not from a terminal\n');
        return edit(context, editor);
      });
    },
  };
}

function notSimulatedRun(context: ProgramContext, what: string): number {
  context.stderr.write(`${what}: Ex mode is not part of the simulation (uwsgi-lab)\n`);
  return 1;
}

export const vi = viCommand();
