// `nginx-ready`: the whole tutorial done the way that works today — uWSGI as in `uwsgi-running`,
// nginx-full installed with the tutorial's server block as the default site, nginx running. A
// `curl http://localhost:8080/` answers `Hello World!`: the machine to explore, and the one the
// broken scenarios each break one thing of.
//
// The program layer starts: nginx (as systemd does), then uwsgi uwsgi.ini.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Machine } from '../machine/machine.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { originalMachine, pluginIni, withNginx, withPythonPlugin } from './tutorial-machines.ts';
import { TUTORIAL_UWSGI } from './uwsgi-running.ts';

/** nginx-ready's machine with another uwsgi.ini (the broken scenarios change one line). */
export function nginxReadyMachine(seed: number, ini: string = pluginIni()): Machine {
  return withNginx(withPythonPlugin(originalMachine(seed), ini));
}

export const NGINX_READY: Scenario = {
  name: 'nginx-ready',
  summary:
    "nginx with the tutorial's site in front of uWSGI: curl localhost:8080 says Hello World!",
  build: (seed) => nginxReadyMachine(seed),
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }, TUTORIAL_UWSGI],
  goal: HELLO_WORLD_GOAL,
};
