// The machine's clock: milliseconds since the epoch, moved on by the shell (each command takes a
// moment) or by the lab (following the reader's real time). It never runs by itself, so a
// scenario replayed in a test prints the same times.

import type { Clock } from '../../gateway/machine.ts';

/** 2026-11-26 07:00:00 UTC: the morning the reference captures were made. */
export const CAPTURE_MORNING_MS = Date.UTC(2026, 10, 26, 7, 0, 0);

export class MachineClock implements Clock {
  #ms: number;

  constructor(startMs: number = CAPTURE_MORNING_MS) {
    this.#ms = startMs;
  }

  now(): number {
    return this.#ms;
  }

  /** Moves time on (never back: Linux's realtime clock is not set back here). */
  advance(ms: number): void {
    if (ms > 0) this.#ms += ms;
  }

  /** Moves to `ms` if that is later (the lab following real time). */
  catchUp(ms: number): void {
    if (ms > this.#ms) this.#ms = ms;
  }
}
