// `uwsgi-running`: the first half done the way that works today — uwsgi-plugin-python3 installed,
// the tutorial's ini with `plugin = python3`, and `uwsgi uwsgi.ini` running in the background,
// serving the app on /tmp/uwsgi.sock (mode 666). nginx is not installed yet.
//
// The program layer starts: uwsgi uwsgi.ini (cwd /home/ubuntu/helloWorld, parent init).

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { ProgramStart, Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { originalMachine, withPythonPlugin } from './tutorial-machines.ts';

export const TUTORIAL_UWSGI: ProgramStart = {
  program: 'uwsgi',
  argv: ['uwsgi', 'uwsgi.ini'],
  cwd: TUTORIAL_DIRECTORY,
};

export const UWSGI_RUNNING: Scenario = {
  name: 'uwsgi-running',
  summary: 'uWSGI with its Python plugin serving the app on /tmp/uwsgi.sock; no nginx yet',
  build: (seed) => withPythonPlugin(originalMachine(seed)),
  cwd: TUTORIAL_DIRECTORY,
  programs: [TUTORIAL_UWSGI],
  goal: HELLO_WORLD_GOAL,
};
