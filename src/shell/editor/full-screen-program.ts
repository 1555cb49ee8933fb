// Runs a full-screen program (nano, vi) on the terminal: raw mode on the way in (keys come
// unechoed, Ctrl-C included), the alternate screen, a redraw after every chunk of keys and after a
// resize, and everything put back on the way out — also when the program is killed — so the shell's
// screen and line discipline are as they were.

import type { CommandOutcome } from '../bash/command-runner.ts';
import type { ProgramContext } from '../program.ts';
import type { Frame, ScreenSize } from './screen-frame.ts';
import { ScreenRenderer } from './screen-renderer.ts';

/** A program that draws frames and takes keys, without the terminal. */
export interface FullScreenEditor {
  /** Key data as the terminal sent it. */
  input(data: string): void;
  resize(size: ScreenSize): void;
  frame(): Frame;
  /** Whether it asked for the whole screen to be drawn again (Ctrl-L); asking clears it. */
  takeRedraw(): boolean;
  /** Undefined while it runs; its exit status once it has ended. */
  readonly exitStatus: number | undefined;
}

/** The terminal's size as the program sees it (TIOCGWINSZ); 80×24 when unknown. */
export function terminalSize(context: ProgramContext): ScreenSize {
  const terminal = context.stdout.terminal;
  return { columns: terminal?.columns ?? 80, rows: terminal?.rows ?? 24 };
}

/** Whether stdin is a terminal that can go raw (a pipe or a file cannot). */
export function hasRawTerminal(context: ProgramContext): boolean {
  return context.stdin.setRawMode !== undefined && context.stdin.terminal !== undefined;
}

type Event = { readonly kind: 'keys'; readonly data: string } | { readonly kind: 'resize' };

/** Shows `editor` until it ends; its status, or the signal that killed it. */
export async function runFullScreen(
  context: ProgramContext,
  editor: FullScreenEditor,
): Promise<CommandOutcome> {
  const { stdin, stdout, signals } = context;
  const queue: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (event: Event): void => {
    queue.push(event);
    wake?.();
    wake = undefined;
  };
  let killed: CommandOutcome | undefined;
  void signals.whenKilled().then((signal) => {
    killed = { signal };
    wake?.();
    wake = undefined;
  });
  const renderer = new ScreenRenderer(terminalSize(context));
  stdin.setRawMode?.({
    keys: (data) => push({ kind: 'keys', data }),
    resize: () => push({ kind: 'resize' }),
  });
  stdout.write(renderer.enter() + renderer.draw(editor.frame()));
  try {
    while (editor.exitStatus === undefined && killed === undefined) {
      const event = queue.shift();
      if (event === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (event.kind === 'resize') {
        const size = terminalSize(context);
        editor.resize(size);
        renderer.resize(size);
      } else {
        editor.input(event.data);
        if (editor.takeRedraw()) renderer.invalidate();
      }
      if (editor.exitStatus === undefined) stdout.write(renderer.draw(editor.frame()));
    }
  } finally {
    stdin.setRawMode?.(undefined);
    stdout.write(renderer.leave());
  }
  return killed ?? editor.exitStatus ?? 0;
}
