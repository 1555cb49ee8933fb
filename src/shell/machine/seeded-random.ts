// The machine's random numbers (addresses uWSGI prints, pip's temporary names): xorshift32, the
// gateway's generator, with its state kept so that a saved machine goes on with the same numbers.

import type { RandomSource } from '../../gateway/uwsgi/uwsgi-machine.ts';

export class SeededRandom implements RandomSource {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }

  get state(): number {
    return this.#state;
  }

  next(): number {
    let state = this.#state;
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    this.#state = state;
    return state;
  }
}
