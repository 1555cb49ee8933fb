// `broken-block-size`: everything runs, but the goal's request carries a browser's big cookie, so
// the packet nginx sends is larger than uWSGI's default buffer-size (4096): uWSGI logs `invalid
// request block size: N (max 4096)...skip` and resets the connection, nginx answers 502. The fix:
// `buffer-size = 32768` in the ini, and a restart.
//
// The program layer starts: nginx, then uwsgi uwsgi.ini.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { nginxReadyMachine } from './nginx-ready.ts';
import { TUTORIAL_UWSGI } from './uwsgi-running.ts';

/** A session cookie of the size analytics and consent cookies add up to (5000 bytes of value). */
export const BIG_COOKIE = `session=${'x'.repeat(5000)}`;

export const BROKEN_BLOCK_SIZE: Scenario = {
  name: 'broken-block-size',
  summary:
    "a request with a 5 kB cookie is over uWSGI's 4096-byte buffer: invalid request block size, 502",
  build: (seed) => nginxReadyMachine(seed),
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }, TUTORIAL_UWSGI],
  goal: {
    ...HELLO_WORLD_GOAL,
    request: { ...HELLO_WORLD_GOAL.request, headers: [['Cookie', BIG_COOKIE]] },
  },
};
