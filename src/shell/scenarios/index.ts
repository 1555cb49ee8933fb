// The scenarios by name: what the lab and `cli shell --scenario NAME` start from.

import { BROKEN_502_PERMISSION } from './broken-502-permission.ts';
import { BROKEN_502_SOCKET } from './broken-502-socket.ts';
import { BROKEN_BLOCK_SIZE } from './broken-block-size.ts';
import { BROKEN_HTTP_SOCKET } from './broken-http-socket.ts';
import { BROKEN_NO_APP } from './broken-no-app.ts';
import { NGINX_READY } from './nginx-ready.ts';
import { ORIGINAL } from './original.ts';
import type { Scenario, ScenarioName } from './scenario.ts';
import { UWSGI_RUNNING } from './uwsgi-running.ts';

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  original: ORIGINAL,
  'uwsgi-running': UWSGI_RUNNING,
  'nginx-ready': NGINX_READY,
  'broken-502-socket': BROKEN_502_SOCKET,
  'broken-502-permission': BROKEN_502_PERMISSION,
  'broken-block-size': BROKEN_BLOCK_SIZE,
  'broken-http-socket': BROKEN_HTTP_SOCKET,
  'broken-no-app': BROKEN_NO_APP,
};

export function scenario(name: string): Scenario | undefined {
  return Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name as ScenarioName] : undefined;
}

export { GOALS, goalNamed } from './goals.ts';
export type {
  GoalCheck,
  GoalId,
  GoalRequest,
  GoalResult,
  ProgramStart,
  Scenario,
  ScenarioGoal,
  ScenarioName,
} from './scenario.ts';
export {
  goalCheck,
  registerGoalCheck,
  registerProgramStarter,
  startScenarioPrograms,
} from './scenario.ts';
export type { ProgramStarter } from './scenario.ts';
