// `broken-no-app`: the ini names the tutorial's placeholder module (`module=yourapplication`), so
// uWSGI's import fails, it starts without an app (`*** no app loaded. going in full dynamic mode
// ***`) and answers every request with 500 `Internal Server Error` through nginx. The fix:
// module=app, and a restart.
//
// The program layer starts: nginx, then uwsgi uwsgi.ini.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { nginxReadyMachine } from './nginx-ready.ts';
import { pluginIni } from './tutorial-machines.ts';
import { TUTORIAL_UWSGI } from './uwsgi-running.ts';

export const BROKEN_NO_APP: Scenario = {
  name: 'broken-no-app',
  summary: 'uWSGI loads no app (module=yourapplication): 500 through nginx',
  build: (seed) => nginxReadyMachine(seed, pluginIni({ module: 'module=yourapplication' })),
  cwd: TUTORIAL_DIRECTORY,
  programs: [{ program: 'nginx', via: 'systemd' }, TUTORIAL_UWSGI],
  goal: HELLO_WORLD_GOAL,
};
