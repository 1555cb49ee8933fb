// The course's goal: the tutorial's app answering through nginx, as `curl http://localhost:8080/`
// shows it (real-output-shell.md §8.1: `Hello World!`, no newline).

import type { ScenarioGoal } from './scenario.ts';

export const HELLO_WORLD_GOAL: ScenarioGoal = {
  id: 'hello-world-through-nginx',
  request: { url: 'http://localhost:8080/' },
  expect: { status: 200, body: 'Hello World!' },
};
