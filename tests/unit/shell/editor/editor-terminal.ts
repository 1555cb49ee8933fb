// The editors as a reader meets them: a Debian 12 machine, root's bash on a terminal session of a
// given size, keys typed as xterm.js sends them, and the screen they see (EditorScreen).

import { readFileSync } from 'node:fs';
import { CommandRegistry } from '../../../../src/shell/command-registry.ts';
import { builtinCommands } from '../../../../src/shell/commands/index.ts';
import type { CommandDefinition } from '../../../../src/shell/program.ts';
import type { Machine } from '../../../../src/shell/machine/machine.ts';
import { MachineShell } from '../../../../src/shell/machine-shell.ts';
import { TerminalSession } from '../../../../src/shell/terminal-session.ts';
import { freshDebian } from '../machine-transcript.ts';
import { EditorScreen } from './editor-screen.ts';

export const FIXTURES = new URL('../../../fixtures/editor/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** A captured screen, `height` rows (tmux leaves trailing empty rows out). */
export function capturedScreen(name: string, height = 24): string[] {
  const lines = fixture(`${name}.screen`).replace(/\n$/, '').split('\n');
  return Array.from({ length: height }, (_, i) => lines[i] ?? '');
}

/** Where the cursor was in a captured screen (cursors.txt). */
export function capturedCursor(name: string): { row: number; col: number } {
  const line = fixture('cursors.txt')
    .split('\n')
    .find((l) => l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no cursor for ${name}`);
  const [, col, row] = line.split(' ').map(Number);
  return { row: row!, col: col! };
}

async function ticks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Lets the shell and the editor run until they wait for keys again: a command still running
 * without the alternate screen may be an editor being loaded (vi imports its editor on first
 * use), so that is waited for, two seconds at most.
 */
async function settle(session: TerminalSession, screen: () => EditorScreen): Promise<void> {
  await ticks();
  const deadline = Date.now() + 2000;
  while (session.running && !screen().alternate && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await ticks();
}

export interface EditorTerminal {
  readonly machine: Machine;
  /** What the reader sees now (a new one after a resize: xterm.js redraws at the new size). */
  readonly screen: EditorScreen;
  readonly session: TerminalSession;
  /** The terminal changes size (xterm.js's fit addon after the window changed). */
  resize(columns: number, rows: number): Promise<void>;
  /** Types `data` (one onData chunk) and waits for the screen to settle. */
  type(...chunks: string[]): Promise<void>;
  /** Types a command line and Enter at the prompt. */
  run(line: string): Promise<void>;
  /** Everything written to the terminal so far. */
  output(): string;
}

export interface EditorTerminalOptions {
  readonly columns?: number;
  readonly rows?: number;
  /** Files to put on the machine first: path → text (mode 0644). */
  readonly files?: Readonly<Record<string, string>>;
  /** Commands replacing the built-in ones with the same executable (a nano for www-data…). */
  readonly commands?: readonly CommandDefinition[];
  readonly cwd?: string;
}

export async function editorTerminal(options: EditorTerminalOptions = {}): Promise<EditorTerminal> {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const machine = freshDebian();
  for (const [path, text] of Object.entries(options.files ?? {})) machine.fs.put(path, text);
  const registry = new CommandRegistry([...builtinCommands(), ...(options.commands ?? [])]);
  const shell = new MachineShell(machine, { cwd: options.cwd ?? '/root', registry });
  let screen = new EditorScreen(columns, rows);
  let written = '';
  const session = new TerminalSession({
    shell: shell.session,
    completer: shell.completer,
    columns,
    rows,
    write: (data) => {
      written += data;
      screen.write(data);
    },
  });
  await session.start();
  await ticks();
  const type = async (...chunks: string[]): Promise<void> => {
    for (const chunk of chunks) {
      session.input(chunk);
      await settle(session, () => screen);
    }
  };
  return {
    machine,
    get screen() {
      return screen;
    },
    session,
    resize: async (newColumns, newRows) => {
      const alternate = screen.alternate;
      screen = new EditorScreen(newColumns, newRows);
      screen.alternate = alternate;
      session.resize(newColumns, newRows);
      await settle(session, () => screen);
    },
    type,
    run: (line) => type(`${line}\r`),
    output: () => written,
  };
}
