// `broken-502-socket`: nginx is ready but uWSGI is not running; the socket file an earlier uWSGI
// left in /tmp (no --vacuum) is stale, so nginx logs `connect() to unix:/tmp/uwsgi.sock failed
// (111: Connection refused)` and answers 502 (real-output-shell.md §4.3). The fix: start uWSGI.
//
// The program layer starts: nginx only.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { nginxReadyMachine } from './nginx-ready.ts';

/** The uWSGI that made it ran this long ago (its socket keeps that time). */
const STOPPED_MINUTES_AGO = 3;

export const BROKEN_502_SOCKET: Scenario = {
  name: 'broken-502-socket',
  summary:
    'uWSGI is not running; a stale /tmp/uwsgi.sock makes nginx answer 502 (111: Connection refused)',
  build: (seed) => {
    const machine = nginxReadyMachine(seed);
    // uWSGI's socket as `chmod-socket=666` left it
    machine.fs.mksocket('/tmp/uwsgi.sock', {
      mode: 0o666,
      mtimeMs: machine.clock.now() - STOPPED_MINUTES_AGO * 60 * 1000,
    });
    return machine;
  },
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }],
  goal: HELLO_WORLD_GOAL,
};
