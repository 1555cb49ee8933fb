// `broken-502-permission`: uWSGI runs with an ini that lost its `chmod-socket=666` line, so its
// socket is srwxr-xr-x root root; nginx's workers run as www-data and get `(13: Permission
// denied)` — 502 (real-output-shell.md §5). The fix: chmod-socket back, restart uWSGI.
//
// The program layer starts: nginx, then uwsgi uwsgi.ini.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { nginxReadyMachine } from './nginx-ready.ts';
import { pluginIni } from './tutorial-machines.ts';
import { TUTORIAL_UWSGI } from './uwsgi-running.ts';

export const BROKEN_502_PERMISSION: Scenario = {
  name: 'broken-502-permission',
  summary: 'uWSGI without chmod-socket: nginx (www-data) gets 13: Permission denied, 502',
  build: (seed) => nginxReadyMachine(seed, pluginIni({ 'chmod-socket': null })),
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }, TUTORIAL_UWSGI],
  goal: HELLO_WORLD_GOAL,
};
