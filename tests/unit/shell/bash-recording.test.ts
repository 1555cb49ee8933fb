// Every case recorded from the real bash 5.2 (tests/fixtures/bash/bash-5.2-recording.json) typed
// into the simulated shell: the same prompts, output and error texts, byte for byte.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORK_DIRECTORY, WORK_FILES } from '../../fixtures/bash/bash-cases.ts';
import type { Recording } from '../../fixtures/bash/record-bash.ts';
import { fakeMachine } from './fake-host.ts';
import { runTranscript } from './transcript.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/bash/bash-5.2-recording.json', import.meta.url), 'utf8'),
) as Recording;

function workFiles(): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const [name, content] of Object.entries(WORK_FILES))
    files[`${WORK_DIRECTORY}/${name}`] = content;
  return files;
}

describe(`the simulated shell against ${recording.bash}`, () => {
  for (const recorded of recording.cases) {
    it(recorded.name, async () => {
      const machine = fakeMachine({ files: workFiles(), cwd: WORK_DIRECTORY });
      expect(await runTranscript(machine, recorded.lines)).toBe(recorded.output);
    });
  }
});
