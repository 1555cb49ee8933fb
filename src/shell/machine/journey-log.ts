// The journeys the machine's requests made, newest last: every `curl` typed in the terminal and
// every goal check adds one (the gateway's Journey: hop by hop, bytes as hex). The lab's stepper
// and visualizer subscribe to it; it is plain JSON, capped so a long session stays small.

import type { Journey } from '../../gateway/trace/index.ts';

/** Who sent the request. */
export type JourneyOrigin =
  /** A command the reader typed (`curl -v http://localhost:8080/`). */
  | { readonly kind: 'command'; readonly line: string }
  /** The scenario's goal check (a request the lab made, not the reader). */
  | { readonly kind: 'goal'; readonly goal: string };

export interface JourneyEntry {
  readonly journey: Journey;
  readonly origin: JourneyOrigin;
}

export interface JourneyLogState {
  readonly next: number;
  readonly entries: readonly JourneyEntry[];
}

export type JourneyListener = (entry: JourneyEntry) => void;

/** How many journeys are kept (the oldest go first). Default 50. */
export const JOURNEY_LOG_LIMIT = 50;

export class JourneyLog {
  readonly #entries: JourneyEntry[] = [];
  readonly #listeners = new Set<JourneyListener>();
  readonly #limit: number;
  #next: number;

  constructor(state?: JourneyLogState, limit = JOURNEY_LOG_LIMIT) {
    this.#limit = limit;
    this.#next = state?.next ?? 1;
    if (state !== undefined) this.#entries.push(...state.entries.slice(-limit));
  }

  /** The id the next journey gets (a JourneyRecorder is made with it). */
  nextId(): number {
    return this.#next;
  }

  /** Adds a finished journey and tells the listeners. */
  record(journey: Journey, origin: JourneyOrigin): JourneyEntry {
    const entry: JourneyEntry = { journey, origin };
    this.#next = Math.max(this.#next, journey.id + 1);
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit)
      this.#entries.splice(0, this.#entries.length - this.#limit);
    for (const listener of [...this.#listeners]) listener(entry);
    return entry;
  }

  /** The journeys kept, oldest first. */
  list(): readonly JourneyEntry[] {
    return [...this.#entries];
  }

  /** The newest journey, if any. */
  latest(): JourneyEntry | undefined {
    return this.#entries.at(-1);
  }

  /** Calls `listener` for every journey recorded from now on; returns the unsubscribe. */
  subscribe(listener: JourneyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  toJSON(): JourneyLogState {
    return { next: this.#next, entries: [...this.#entries] };
  }
}
