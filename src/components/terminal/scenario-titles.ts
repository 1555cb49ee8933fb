// The words a page shows for a scenario and its goal: i18n keys by scenario name and goal id
// (the scenarios themselves carry only a one-line summary for developers).
import type { UiKey } from '../../i18n/index.ts';
import type { GoalId, ScenarioName } from '../../shell/scenarios/index.ts';

export const SCENARIO_TITLES: Readonly<Record<ScenarioName, UiKey>> = {
  original: 'terminal.scenario.original',
  'uwsgi-running': 'terminal.scenario.uwsgi-running',
  'nginx-ready': 'terminal.scenario.nginx-ready',
  'broken-502-socket': 'terminal.scenario.broken-502-socket',
  'broken-502-permission': 'terminal.scenario.broken-502-permission',
  'broken-block-size': 'terminal.scenario.broken-block-size',
  'broken-http-socket': 'terminal.scenario.broken-http-socket',
  'broken-no-app': 'terminal.scenario.broken-no-app',
};

export const GOAL_TEXTS: Readonly<Record<GoalId, UiKey>> = {
  'hello-world-through-nginx': 'terminal.goal.hello-world-through-nginx',
  'app-on-uwsgi-socket': 'terminal.goal.app-on-uwsgi-socket',
};
