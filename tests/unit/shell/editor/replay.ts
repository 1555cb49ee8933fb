// Replays a key sequence of tests/fixtures/editor/capture-editors.sh on the simulated machine and
// compares each screen (text and cursor) with what tmux captured of the real program at the same
// point. The files edited are the fixtures', under the same folder as in the capture.

import { expect } from 'vitest';
import type { Credentials } from '../../../../src/gateway/fs.ts';
import { nanoCommand } from '../../../../src/shell/commands/nano.ts';
import { viCommand } from '../../../../src/shell/commands/vi.ts';
import {
  capturedCursor,
  capturedScreen,
  editorTerminal,
  fixture,
  type EditorTerminal,
} from './editor-terminal.ts';

export const WORK = '/tmp/editor-capture';

/** The user the capture script runs nano as with setpriv (nobody). */
export const NOBODY: Credentials = { uid: 65534, gid: 65534, groups: [] };

export interface Step {
  /** Chunks typed, one onData call each. */
  readonly keys?: readonly string[];
  /** The terminal changes size first. */
  readonly resize?: { readonly columns: number; readonly rows: number };
  /** The captured screen to compare with after the step. */
  readonly shot?: string;
  /**
   * What may differ between runs of the real program, made alike in both screens (vim's "1 second
   * ago" depends on when the capture's clock ticked over).
   */
  readonly varies?: RegExp;
}

export interface ReplayOptions {
  readonly columns?: number;
  readonly rows?: number;
  /** Modes for the fixture files (the capture's chmod). */
  readonly mode?: Readonly<Record<string, number>>;
  /** Who the editors run as (root unless given). */
  readonly user?: Credentials;
}

export async function replay(
  command: string,
  steps: readonly Step[],
  options: ReplayOptions = {},
): Promise<EditorTerminal> {
  const t = await editorTerminal({
    columns: options.columns ?? 80,
    rows: options.rows ?? 24,
    files: {
      [`${WORK}/default.conf`]: fixture('default.conf'),
      [`${WORK}/site.conf`]: fixture('site.conf'),
    },
    ...(options.user === undefined
      ? {}
      : { commands: [nanoCommand(options.user), viCommand(options.user)] }),
  });
  t.machine.fs.mkdir(`${WORK}/dir`);
  // The capture's folders are writable by everyone (chmod 1777), for nano's lock file.
  t.machine.fs.chmod(WORK, 0o1777);
  for (const [name, mode] of Object.entries(options.mode ?? {})) {
    t.machine.fs.chmod(`${WORK}/${name}`, mode);
  }
  await t.run(command);
  for (const step of steps) {
    if (step.resize !== undefined) await t.resize(step.resize.columns, step.resize.rows);
    await t.type(...(step.keys ?? []));
    if (step.shot === undefined) continue;
    const alike = (lines: string[]): string[] =>
      step.varies === undefined ? lines : lines.map((line) => line.replace(step.varies!, '…'));
    expect(alike(t.screen.lines()), step.shot).toEqual(
      alike(capturedScreen(step.shot, t.screen.height)),
    );
    expect(t.screen.cursor, `${step.shot} cursor`).toEqual(capturedCursor(step.shot));
  }
  return t;
}
