// The fixtures the app models are tested against, written again by the real programs: CPython
// 3.11's errors for broken app.py files (tools/python-errors.py) and Flask 2.2.2's answers
// (tools/flask-responses.py). A difference means the fixtures — and so the models — drifted from
// what Debian's python3 and python3-flask do.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import {
  describeWithPrograms,
  flaskAvailable,
  runProgram,
  SYSTEM_PYTHON,
} from '../support/real-programs.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/uwsgi/', import.meta.url));

describeWithPrograms(
  'python3 and Flask write the fixtures the app models are held to',
  [{ name: 'python3-flask for /usr/bin/python3', available: flaskAvailable }],
  () => {
    it("python3's error messages for the broken app.py files", async () => {
      const out = mkdtempSync(join(tmpdir(), 'uwsgi-lab-pyerr-'));
      try {
        const run = await runProgram(SYSTEM_PYTHON, [`${FIXTURES}tools/python-errors.py`, out]);
        expect(run.status).toBe(0);
        const names = readdirSync(out).sort();
        expect(names).toEqual(readdirSync(`${FIXTURES}python-errors`).sort());
        for (const name of names)
          expect(readFileSync(join(out, name), 'utf8'), name).toBe(
            readFileSync(`${FIXTURES}python-errors/${name}`, 'utf8'),
          );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });

    it("Flask's answers to the requests the models are checked with", async () => {
      const run = await runProgram(SYSTEM_PYTHON, [`${FIXTURES}tools/flask-responses.py`]);
      expect(run.status).toBe(0);
      type Row = { responseHeaders: [string, string][] } & Record<string, unknown>;
      const sortAllow = (rows: Row[]): Row[] =>
        rows.map((row) => ({
          ...row,
          responseHeaders: row.responseHeaders.map(
            ([name, value]) =>
              [name, name === 'Allow' ? value.split(', ').sort().join(', ') : value] as [
                string,
                string,
              ],
          ),
        }));
      const real = JSON.parse(new TextDecoder().decode(run.stdout)) as Row[];
      const committed = JSON.parse(
        readFileSync(`${FIXTURES}flask-responses.json`, 'utf8'),
      ) as Row[];
      expect(sortAllow(real)).toEqual(sortAllow(committed));
    });
  },
);
