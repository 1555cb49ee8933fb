// The recording of bash, coreutils, grep and debianutils' which that the simulated commands are
// tested against (tests/fixtures/shell/commands-recording.json), re-checked against the real
// programs on this machine: if Debian's words ever change, this fails before the simulation drifts.
// The programs' versions must be those recorded (bash 5.2, coreutils 9.1, grep 3.8).

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { COMMAND_CASES } from '../../fixtures/shell/command-cases.ts';
import {
  programVersions,
  recordCommandCase,
  type CommandRecording,
} from '../../fixtures/shell/record-commands.ts';
import { describeWithPrograms } from '../support/real-programs.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/shell/commands-recording.json', import.meta.url), 'utf8'),
) as CommandRecording;

describeWithPrograms(
  'bash 5.2 and coreutils 9.1 still print what the recording says',
  [
    'python3',
    {
      name: 'bash 5.2, coreutils 9.1 and grep 3.8 (Debian 12)',
      available: () => {
        const versions = programVersions();
        return (
          versions['bash'] === recording.programs['bash'] &&
          versions['coreutils'] === recording.programs['coreutils'] &&
          versions['grep'] === recording.programs['grep']
        );
      },
    },
  ],
  () => {
    it.each(recording.cases.map((c) => [c.name, c] as const))('%s', (_, recorded) => {
      const testCase = COMMAND_CASES.find((c) => c.name === recorded.name);
      expect(testCase, 'the case is still in command-cases.ts').toBeDefined();
      expect(recordCommandCase(testCase!)).toBe(recorded.output);
    });
  },
);
