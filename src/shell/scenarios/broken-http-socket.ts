// `broken-http-socket`: the ini says `http-socket=/tmp/uwsgi.sock` where nginx's `uwsgi_pass`
// expects the uwsgi protocol: uWSGI reads nginx's binary packet as HTTP and answers nonsense, and
// nginx answers 502. The fix: `socket=` (or `proxy_pass` on the nginx side).
//
// The program layer starts: nginx, then uwsgi uwsgi.ini.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { nginxReadyMachine } from './nginx-ready.ts';
import { pluginIni } from './tutorial-machines.ts';
import { TUTORIAL_UWSGI } from './uwsgi-running.ts';

export const BROKEN_HTTP_SOCKET: Scenario = {
  name: 'broken-http-socket',
  summary: 'uWSGI speaks HTTP on /tmp/uwsgi.sock where nginx speaks uwsgi: 502',
  build: (seed) => nginxReadyMachine(seed, pluginIni({ socket: 'http-socket=/tmp/uwsgi.sock' })),
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }, TUTORIAL_UWSGI],
  goal: HELLO_WORLD_GOAL,
};
