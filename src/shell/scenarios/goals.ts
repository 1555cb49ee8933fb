// Every goal by id: a scenario names its own, and a lesson may choose another for its terminal
// (`<Terminal scenario="original" goal="app-on-uwsgi-socket" />`).

import { HELLO_WORLD_GOAL } from './hello-world-goal.ts';
import type { GoalId, ScenarioGoal } from './scenario.ts';
import { APP_ON_UWSGI_SOCKET_GOAL } from './uwsgi-socket-goal.ts';

export const GOALS: Readonly<Record<GoalId, ScenarioGoal>> = {
  'hello-world-through-nginx': HELLO_WORLD_GOAL,
  'app-on-uwsgi-socket': APP_ON_UWSGI_SOCKET_GOAL,
};

export function goalNamed(id: string): ScenarioGoal | undefined {
  return Object.hasOwn(GOALS, id) ? GOALS[id as GoalId] : undefined;
}
