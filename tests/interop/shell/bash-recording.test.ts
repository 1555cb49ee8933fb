// The recording of bash 5.2 that the simulated shell is tested against
// (tests/fixtures/bash/bash-5.2-recording.json), re-checked against the real /bin/bash: if Debian's
// bash ever words something differently, this fails before the simulation drifts from it.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { bashVersion, recordCase, type Recording } from '../../fixtures/bash/record-bash.ts';
import { describeWithPrograms } from '../support/real-programs.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/bash/bash-5.2-recording.json', import.meta.url), 'utf8'),
) as Recording;

describeWithPrograms(
  'bash 5.2 still says what the recording says',
  [
    {
      name: 'bash 5.2 at /bin/bash',
      available: () => bashVersion()?.includes('version 5.2.') === true,
    },
  ],
  () => {
    it.each(recording.cases.map((c) => [c.name, c] as const))('%s', (_, recorded) => {
      expect(recordCase(recorded)).toBe(recorded.output);
    });
  },
);
