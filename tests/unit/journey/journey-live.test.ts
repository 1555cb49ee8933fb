// The live link: the stepper and the terminal are views of the same page lab. A curl typed in the
// lab's shell is a journey in the lab's log, which the stepper's model draws as it draws its own;
// and a preset run on lab.clone() leaves the reader's machine and journey log as they were.

import { describe, expect, it } from 'vitest';
import { Lab } from '../../../src/lab/lab.ts';
import {
  subscribePageJourneys,
  providePageLab,
  type PageJourneys,
} from '../../../src/lab/page-lab.ts';
import { runScript } from '../../../src/shell/script-runner.ts';
import { SCENARIOS } from '../../../src/shell/scenarios/index.ts';
import { journeyViewModel } from '../../../src/components/journey/journey-view-model.ts';
import { whatIf } from '../../../src/components/journey/journey-what-if.ts';

const sink = (): { write(text: string): void; text: () => string } => {
  let out = '';
  return { write: (text: string) => void (out += text), text: () => out };
};

describe('the live link to the page lab', () => {
  it("a curl in the lab's shell becomes a journey the stepper draws, and the page hears of it", async () => {
    const lab = Lab.open({ scenario: SCENARIOS['nginx-ready'] });
    const heard: PageJourneys[] = [];
    const stop = subscribePageJourneys((journeys) => heard.push(journeys));
    providePageLab(lab);
    const stdout = sink();
    await runScript(lab.shell, 'curl http://localhost:8080/\n', { stdout, stderr: sink() });
    stop();
    expect(stdout.text()).toBe('Hello World!');
    const entry = lab.journeys.at(-1)!;
    expect(entry.origin).toEqual({ kind: 'command', line: 'curl http://localhost:8080/' });
    expect(heard.map((journeys) => journeys.cause)).toEqual(['opened', 'journey']);
    expect(heard.at(-1)?.latest).toBe(entry);
    const model = journeyViewModel(entry.journey);
    expect(model.status).toBe(200);
    expect(model.steps.map((step) => step.kind)).toEqual([
      'client-request',
      'nginx-decision',
      'uwsgi-packet',
      'uwsgi-checks',
      'environ',
      'app-response',
      'uwsgi-response',
      'nginx-response',
    ]);
  });

  it("a preset on lab.clone() changes nothing on the reader's machine", () => {
    const lab = Lab.open({ scenario: SCENARIOS['nginx-ready'] });
    const site = lab.machine.fs.readText('/etc/nginx/sites-available/default');
    const before = lab.journeys.length;
    const result = whatIf(() => lab.clone(), 'no-uwsgi-params');
    expect(result.ok).toBe(true);
    expect(lab.machine.fs.readText('/etc/nginx/sites-available/default')).toBe(site);
    expect(site).toContain('include uwsgi_params;');
    expect(lab.journeys.length).toBe(before);
  });
});
