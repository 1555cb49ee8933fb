// A Debian 12 machine with both programs of the course installed — Debian's nginx files with a site
// in /etc/nginx/sites-available/default (enabled by Debian's symlink) and Debian's uWSGI with an
// app in /home/ubuntu/helloWorld — plus a client port source the test can steer, so a request
// leaves from the port a captured vector names (its REMOTE_PORT).

import { installDebianNginx } from '../../../../src/gateway/nginx/debian-files.ts';
import { TUTORIAL_SITE } from '../../../../src/gateway/nginx/debian-machine.ts';
import {
  seededPorts,
  SocketTable,
  type PortSource,
} from '../../../../src/gateway/net/socket-table.ts';
import { APP_DIR, HELLO_APP, testMachine, type TestMachine } from '../uwsgi/test-machine.ts';

/** Ports handed out in the order queued, then from a seeded source. */
export class QueuedPorts implements PortSource {
  readonly #queue: number[] = [];
  readonly #fallback = seededPorts(11);

  queue(...ports: number[]): this {
    this.#queue.push(...ports);
    return this;
  }

  next(): number {
    return this.#queue.shift() ?? this.#fallback.next();
  }
}

export interface ServingMachine extends TestMachine {
  readonly ports: QueuedPorts;
}

export function servingMachine(
  options: { readonly site?: string; readonly app?: string } = {},
): ServingMachine {
  const base = testMachine();
  const fs = base.fs;
  installDebianNginx(fs);
  fs.put('/etc/nginx/sites-available/default', options.site ?? TUTORIAL_SITE);
  fs.put(`${APP_DIR}/app.py`, options.app ?? HELLO_APP);
  const ports = new QueuedPorts();
  return { ...base, net: new SocketTable({ fs, ports }), ports };
}
