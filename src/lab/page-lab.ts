// The page's one lab, for every island on the page: the terminal provides it when it opens, and
// other views (the journey stepper) watch for it and follow its journeys. Only types are imported,
// so a view can import this without pulling in the machine; the lab itself loads with the
// terminal, on the reader's first interaction. `requestPageLab` asks the page's terminal to load.
// A terminal that offers several scenarios switches the page to another lab (`switchPageLab`):
// watchers hear of each lab the page holds, and journey followers move to the new one.

import type { JourneyEntry } from '../shell/machine/journey-log.ts';
import type { Lab } from './lab.ts';

/** What a journey watcher gets: all the lab's journeys, oldest first, whenever they change. */
export interface PageJourneys {
  /** The scenario the page's lab runs. */
  readonly scenario: string;
  readonly entries: readonly JourneyEntry[];
  /**
   * Why this update: the lab opened (saved journeys included), a request was made, a reset, or the
   * page switched to another scenario's lab (its saved journeys included).
   */
  readonly cause: 'opened' | 'journey' | 'reset' | 'switched';
  /** The journey just recorded (cause "journey"). */
  readonly latest?: JourneyEntry;
}

export type PageLabWatcher = (lab: Lab) => void;
export type PageJourneysListener = (journeys: PageJourneys) => void;

let current: Lab | undefined;
let opener: (() => void) | undefined;
const watchers = new Set<PageLabWatcher>();

/** The page's lab, once the terminal has opened it. */
export function pageLab(): Lab | undefined {
  return current;
}

/** The terminal hands its lab over; every watcher hears of it. One lab per page: later calls are ignored. */
export function providePageLab(lab: Lab): void {
  if (current !== undefined) return;
  current = lab;
  for (const watcher of [...watchers]) watcher(lab);
}

/**
 * The page moves to another lab (the reader chose another scenario): every watcher hears of it.
 * The lab that was the page's is the caller's to save and close.
 */
export function switchPageLab(lab: Lab): void {
  if (current === lab) return;
  current = lab;
  for (const watcher of [...watchers]) watcher(lab);
}

/**
 * Calls `watcher` with the page's lab: now if it is open, else when it opens, and again whenever
 * the page switches to another. Returns the unsubscribe.
 */
export function watchPageLab(watcher: PageLabWatcher): () => void {
  watchers.add(watcher);
  if (current !== undefined) watcher(current);
  return () => void watchers.delete(watcher);
}

/** Follows the page's journeys: the whole list when the lab opens, after each request and reset. */
export function subscribePageJourneys(listener: PageJourneysListener): () => void {
  let unsubscribe: (() => void) | undefined;
  let opened = false;
  const stopWatching = watchPageLab((lab) => {
    unsubscribe?.();
    const tell = (cause: PageJourneys['cause'], latest?: JourneyEntry): void =>
      listener({
        scenario: lab.scenario.name,
        entries: lab.journeys,
        cause,
        ...(latest === undefined ? {} : { latest }),
      });
    unsubscribe = lab.subscribe((event) => {
      if (event.kind === 'journey') tell('journey', event.entry);
      else if (event.kind === 'reset') tell('reset');
    });
    tell(opened ? 'switched' : 'opened');
    opened = true;
  });
  return () => {
    stopWatching();
    unsubscribe?.();
  };
}

/** The terminal's loader says how to load it (a page without a terminal has no opener). */
export function setPageLabOpener(open: () => void): void {
  opener = open;
}

/** Asks the page's terminal to load (and so open the lab); false when the page has no terminal. */
export function requestPageLab(): boolean {
  if (current !== undefined) return true;
  if (opener === undefined) return false;
  opener();
  return true;
}
