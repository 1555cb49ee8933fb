// A few of the recorded readline key sequences (tests/fixtures/bash/readline-8.2-recording.json)
// typed again into the real bash on a pseudo-terminal: the screen they leave must still be the
// recorded one (the unit tests hold the simulated line editor to the recording).

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  canRecordReadline,
  recordKeys,
  type ReadlineRecording,
} from '../../fixtures/bash/record-readline.ts';
import { ScreenEmulator } from '../../unit/shell/screen-emulator.ts';
import { describeWithPrograms } from '../support/real-programs.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/bash/readline-8.2-recording.json', import.meta.url), 'utf8'),
) as ReadlineRecording;

const SAMPLE = [
  'ambiguous: common prefix, bell, bell, list',
  'Korean text: arrows, backspace, insert, delete',
  'a wrapped line with wide characters',
];

function screen(output: string): { lines: string[]; cursor: [number, number] } {
  const emulator = new ScreenEmulator(recording.columns);
  emulator.write(output);
  return { lines: emulator.lines(), cursor: [emulator.row, emulator.col] };
}

describeWithPrograms(
  'readline still draws what the recording shows',
  [{ name: 'bash 5.2 at /bin/bash and script(1)', available: canRecordReadline }],
  () => {
    const cases = recording.cases.filter((c) => SAMPLE.includes(c.name));
    it.each(cases.map((c) => [c.name, c] as const))(
      '%s',
      { timeout: 20_000 },
      async (_, recorded) => {
        expect(screen(await recordKeys(recorded))).toEqual(screen(recorded.output));
      },
    );
  },
);
