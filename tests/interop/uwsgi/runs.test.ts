// Runs real uWSGI 2.0.21 again for some of the recorded scenarios (tools/capture-uwsgi-runs, which
// needs root and a private mount namespace) and checks the committed records still hold — the
// records the model is replayed against in tests/unit/gateway/uwsgi/captured-runs.test.ts.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithPrograms, findProgram, runProgram } from '../support/real-programs.ts';
import { UWSGI_REQUIREMENTS } from './uwsgi-support.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/uwsgi/', import.meta.url));
const SCENARIOS = [
  'cli-module',
  'cli-master-vacuum',
  'cli-noapp-file',
  'cli-syntax-module',
  'ini-tutorial-plugin',
  'cli-chmod-bare',
  'cli-plain-http-to-uwsgi',
];

// what differs from run to run
function masked(text: string): string {
  return text
    .replace(/\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\]/g, '[DATE]')
    .replace(/0x[0-9a-f]{8,16}\b/g, 'ADDR')
    .replace(/pid: \d+/g, 'pid: N')
    .replace(/ready in \d+ seconds/g, 'ready in N seconds')
    .replace(/in \d+ msecs/g, 'in N msecs')
    .replace(/\(\d+ switches/g, '(N switches');
}

const requirements = [
  ...UWSGI_REQUIREMENTS,
  'unshare',
  { name: 'root (for a private mount namespace)', available: () => process.getuid?.() === 0 },
];

describeWithPrograms('real uWSGI runs still match their records', requirements, () => {
  it(`${SCENARIOS.join(', ')}`, async () => {
    // not under /tmp or /home: the script mounts fresh ones in its namespace
    const base = fileURLToPath(new URL('../../.output/', import.meta.url));
    mkdirSync(base, { recursive: true });
    const out = mkdtempSync(join(base, 'uwsgi-runs-'));
    try {
      const run = await runProgram(
        findProgram('bash') ?? '/bin/bash',
        [`${FIXTURES}tools/capture-uwsgi-runs`, out, ...SCENARIOS],
        { timeoutMs: 120_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      for (const name of SCENARIOS) {
        expect(masked(readFileSync(join(out, `${name}.txt`), 'utf8')), name).toBe(
          masked(readFileSync(`${FIXTURES}runs/${name}.txt`, 'utf8')),
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
