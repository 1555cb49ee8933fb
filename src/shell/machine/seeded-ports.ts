// Ephemeral ports for clients (curl's, nginx's upstream side): Linux's default range 32768–60999
// (ip_local_port_range), picked by the gateway's seeded LCG, with its state kept for saving.

import {
  EPHEMERAL_PORT_HIGH,
  EPHEMERAL_PORT_LOW,
  type PortSource,
} from '../../gateway/net/index.ts';

export class SeededPorts implements PortSource {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0 || 1;
  }

  get state(): number {
    return this.#state;
  }

  next(): number {
    const span = EPHEMERAL_PORT_HIGH - EPHEMERAL_PORT_LOW + 1;
    this.#state = (Math.imul(this.#state, 1103515245) + 12345) >>> 0;
    return EPHEMERAL_PORT_LOW + ((this.#state >>> 8) % span);
  }
}
