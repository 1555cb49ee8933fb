// `original`: where the original tutorial starts, on Debian 12 today. Debian's uWSGI is there but
// modular (no Python plugin, so the tutorial's `uwsgi -s … --module …` is refused), pip refuses to
// install outside a venv, and the app and a venv with Flask wait in /home/ubuntu/helloWorld. No
// nginx yet. Nothing runs but the system.

import { TUTORIAL_DIRECTORY } from '../machine/tutorial-files.ts';
import type { Scenario } from './scenario.ts';
import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import { originalMachine } from './tutorial-machines.ts';

export const ORIGINAL: Scenario = {
  name: 'original',
  summary:
    "Debian's packaged uWSGI without its Python plugin, pip and venv, the app and its venv; no nginx",
  build: originalMachine,
  cwd: TUTORIAL_DIRECTORY,
  programs: [],
  goal: HELLO_WORLD_GOAL,
};
