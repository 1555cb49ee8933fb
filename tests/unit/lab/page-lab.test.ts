// The page's lab for other islands: watchers hear of it when the terminal provides it (or at once
// if it is open), journey subscribers get the whole list on open, on each request and on reset,
// one lab per page, and requestPageLab asks the terminal's loader to load.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { JourneyRecorder } from '../../../src/gateway/trace/index.ts';
import { Lab } from '../../../src/lab/lab.ts';
import type * as PageLabModule from '../../../src/lab/page-lab.ts';
import type { PageJourneys } from '../../../src/lab/page-lab.ts';
import { SCENARIOS } from '../../../src/shell/scenarios/index.ts';

let pageLab: typeof PageLabModule;

beforeEach(async () => {
  // Each test gets a page of its own: a fresh module, with no lab yet.
  vi.resetModules();
  pageLab = await import('../../../src/lab/page-lab.ts');
});

const openLab = (): Lab => Lab.open({ scenario: SCENARIOS.original });

function recordJourney(lab: Lab, line: string): void {
  const journey = new JourneyRecorder(lab.machine.journeys.nextId(), 0).journey();
  lab.machine.journeys.record(journey, { kind: 'command', line });
}

describe('watching for the page’s lab', () => {
  it('hears of it when the terminal provides it, and at once when it is already open', () => {
    const seen: Lab[] = [];
    pageLab.watchPageLab((lab) => seen.push(lab));
    expect(pageLab.pageLab()).toBeUndefined();
    const lab = openLab();
    pageLab.providePageLab(lab);
    expect(seen).toEqual([lab]);
    expect(pageLab.pageLab()).toBe(lab);
    const late: Lab[] = [];
    pageLab.watchPageLab((opened) => late.push(opened));
    expect(late).toEqual([lab]);
  });

  it('keeps the first lab: one per page', () => {
    const first = openLab();
    pageLab.providePageLab(first);
    pageLab.providePageLab(openLab());
    expect(pageLab.pageLab()).toBe(first);
  });

  it('stops telling a watcher that unsubscribed', () => {
    const seen: Lab[] = [];
    const stop = pageLab.watchPageLab((lab) => seen.push(lab));
    stop();
    pageLab.providePageLab(openLab());
    expect(seen).toEqual([]);
  });
});

describe('following the page’s journeys', () => {
  it('gets the saved journeys on open, each new one, and the empty list after a reset', () => {
    const lab = openLab();
    recordJourney(lab, 'curl localhost');
    const updates: PageJourneys[] = [];
    const stop = pageLab.subscribePageJourneys((update) => updates.push(update));
    expect(updates).toEqual([]);
    pageLab.providePageLab(lab);
    recordJourney(lab, 'curl -i localhost:8080');
    lab.reset();
    expect(updates.map((u) => [u.cause, u.entries.length, u.scenario])).toEqual([
      ['opened', 1, 'original'],
      ['journey', 2, 'original'],
      ['reset', 0, 'original'],
    ]);
    expect(updates[1]?.latest?.origin).toEqual({ kind: 'command', line: 'curl -i localhost:8080' });
    stop();
    recordJourney(lab, 'curl localhost');
    expect(updates).toHaveLength(3);
  });
});

describe('switching the page to another lab', () => {
  it('tells the watchers, and moves the journey followers to the new lab', () => {
    const first = openLab();
    const seen: Lab[] = [];
    pageLab.watchPageLab((lab) => seen.push(lab));
    const updates: PageJourneys[] = [];
    pageLab.subscribePageJourneys((update) => updates.push(update));
    pageLab.providePageLab(first);
    const second = Lab.open({ scenario: SCENARIOS['broken-no-app'] });
    recordJourney(second, 'curl localhost:8080');
    pageLab.switchPageLab(second);
    expect(pageLab.pageLab()).toBe(second);
    expect(seen).toEqual([first, second]);
    recordJourney(first, 'curl from the old lab');
    recordJourney(second, 'curl -i localhost:8080');
    expect(updates.map((u) => [u.cause, u.entries.length, u.scenario])).toEqual([
      ['opened', 0, 'original'],
      ['switched', 1, 'broken-no-app'],
      ['journey', 2, 'broken-no-app'],
    ]);
    pageLab.switchPageLab(second);
    expect(seen).toHaveLength(2);
  });
});

describe('asking for the lab', () => {
  it('is refused on a page without a terminal, and loads the terminal on a page with one', () => {
    expect(pageLab.requestPageLab()).toBe(false);
    const open = vi.fn();
    pageLab.setPageLabOpener(open);
    expect(pageLab.requestPageLab()).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
    pageLab.providePageLab(openLab());
    expect(pageLab.requestPageLab()).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
  });
});
