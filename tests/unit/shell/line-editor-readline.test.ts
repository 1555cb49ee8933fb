// The line editor against GNU readline: every key sequence of tests/fixtures/bash/readline-cases.ts
// was typed into bash 5.2 on a real pseudo-terminal (record-readline.ts); here the same keys go to
// the simulated terminal, and both outputs are played on the same small terminal emulator. The
// reader must see the same screen, with the cursor in the same place.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ShellSession } from '../../../src/shell/bash/shell-session.ts';
import { TerminalSession } from '../../../src/shell/terminal-session.ts';
import { WORK_DIRECTORY, WORK_FILES } from '../../fixtures/bash/readline-cases.ts';
import type { ReadlineRecording } from '../../fixtures/bash/record-readline.ts';
import { FakeCompleter } from './fake-completer.ts';
import { fakeMachine } from './fake-host.ts';
import { ScreenEmulator } from './screen-emulator.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/bash/readline-8.2-recording.json', import.meta.url), 'utf8'),
) as ReadlineRecording;

function workFiles(): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const [name, content] of Object.entries(WORK_FILES))
    files[`${WORK_DIRECTORY}/${name}`] = content;
  return files;
}

export async function simulate(keys: readonly string[], columns: number): Promise<ScreenEmulator> {
  const machine = fakeMachine({ files: workFiles(), cwd: WORK_DIRECTORY });
  const shell = new ShellSession(machine.host, machine.state, {
    user: 'root',
    uid: 0,
    hostname: 'vm',
  });
  const screen = new ScreenEmulator(columns);
  const terminal = new TerminalSession({
    shell,
    columns,
    completer: new FakeCompleter(machine.files, WORK_DIRECTORY),
    write: (data) => screen.write(data),
  });
  await terminal.start();
  for (const chunk of keys) {
    terminal.input(chunk);
    await terminal.whenIdle();
  }
  return screen;
}

describe(`the line editor against readline (${recording.bash})`, () => {
  for (const recorded of recording.cases) {
    it(recorded.name, async () => {
      const real = new ScreenEmulator(recording.columns);
      real.write(recorded.output);
      const simulated = await simulate(recorded.keys, recording.columns);
      expect(simulated.lines()).toEqual(real.lines());
      expect([simulated.row, simulated.col]).toEqual([real.row, real.col]);
      expect(simulated.bells).toBe(real.bells);
    });
  }
});
