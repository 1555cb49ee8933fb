// What the uWSGI model's interop suites share: the requirements (Debian's uwsgi with its python3
// plugin, python3-flask), and sending a captured packet to a real uWSGI socket.

import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { flaskAvailable, type Requirement } from '../support/real-programs.ts';

export const UWSGI_REQUIREMENTS: readonly Requirement[] = [
  'uwsgi',
  {
    name: 'uwsgi-plugin-python3 (/usr/lib/uwsgi/plugins/python3_plugin.so)',
    available: () => existsSync('/usr/lib/uwsgi/plugins/python3_plugin.so'),
  },
  { name: 'python3-flask for /usr/bin/python3', available: flaskAvailable },
];

/** Sends `bytes` on a new connection to a unix socket and reads until the server closes. */
export function sendPacket(
  path: string,
  bytes: Uint8Array,
): Promise<{ readonly bytes: Uint8Array; readonly end: 'close' | 'reset' }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path });
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET')
        resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), end: 'reset' });
      else reject(error);
    });
    socket.on('end', () => resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), end: 'close' }));
    socket.on('connect', () => socket.write(bytes));
  });
}
