// Every case recorded from the real programs (tests/fixtures/shell/commands-recording.json: bash
// 5.2, coreutils 9.1, grep 3.8, debianutils' which on Debian 12) typed into the simulated machine
// with the same files: the same prompts, output and error texts, byte for byte.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_CASES } from '../../../fixtures/shell/command-cases.ts';
import { comparable, type CommandRecording } from '../../../fixtures/shell/record-commands.ts';
import { runMachineTranscript, transcriptShell, workMachine } from '../machine-transcript.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../../fixtures/shell/commands-recording.json', import.meta.url), 'utf8'),
) as CommandRecording;

describe(`the simulated commands against ${recording.programs['coreutils'] ?? ''} and ${recording.programs['bash'] ?? ''}`, () => {
  for (const recorded of recording.cases) {
    const testCase = COMMAND_CASES.find((c) => c.name === recorded.name);
    it(recorded.name, async () => {
      const output = await runMachineTranscript(transcriptShell(workMachine()), recorded.lines);
      expect(comparable(testCase, output)).toBe(recorded.output);
    });
  }
});
