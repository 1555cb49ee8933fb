// What the uWSGI model's interop suites share: the requirements (Debian's uwsgi with its python3
// plugin, python3-flask; for whole setups also nginx, systemd-analyze, a private mount namespace and
// venv), and sending a captured packet to a real uWSGI socket.

import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { canUseMountNamespace } from '../support/nginx-oracle.ts';
import {
  findProgram,
  flaskAvailable,
  runProgram,
  SYSTEM_PYTHON,
  type Requirement,
} from '../support/real-programs.ts';

export const UWSGI_REQUIREMENTS: readonly Requirement[] = [
  'uwsgi',
  {
    name: 'uwsgi-plugin-python3 (/usr/lib/uwsgi/plugins/python3_plugin.so)',
    available: () => existsSync('/usr/lib/uwsgi/plugins/python3_plugin.so'),
  },
  { name: 'python3-flask for /usr/bin/python3', available: flaskAvailable },
];

/** Whole setups (the lessons' snippets, the builder's outputs): uWSGI behind nginx, units checked. */
export const SETUP_REQUIREMENTS: readonly Requirement[] = [
  ...UWSGI_REQUIREMENTS,
  'nginx',
  'systemd-analyze',
  {
    name: 'unshare with a private mount namespace (root, util-linux)',
    available: canUseMountNamespace,
  },
  {
    name: 'python3-venv (/usr/bin/python3 -m venv)',
    available: () => findProgram('python3') !== undefined,
  },
];

/**
 * A venv over Debian's python3-flask (`--system-site-packages`, no pip), as the lessons' `.venv`
 * stands in the real setups; its path.
 */
export async function makeFlaskVenv(folder: string): Promise<string> {
  const venv = join(folder, 'venv');
  const made = await runProgram(SYSTEM_PYTHON, [
    '-m',
    'venv',
    '--system-site-packages',
    '--without-pip',
    venv,
  ]);
  if (made.status !== 0) throw new Error(`python3 -m venv failed: ${made.stderr}`);
  return venv;
}

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
