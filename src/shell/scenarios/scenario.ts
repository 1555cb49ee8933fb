// A scenario: a named starting machine (built from a seed, so it replays identically), the shell's
// starting folder, the programs that run on it from the start, and optionally a goal. The goal is
// only named here; the program layer registers the check for it, which sends a real request
// through curl → nginx → uWSGI → app and never peeks at files.

import type { Machine } from '../machine/machine.ts';

export type ScenarioName =
  | 'original'
  | 'uwsgi-running'
  | 'nginx-ready'
  | 'broken-502-socket'
  | 'broken-502-permission'
  | 'broken-block-size'
  | 'broken-http-socket'
  | 'broken-no-app';

/**
 * A program that runs on the scenario's machine from the start. Machines are data; the program
 * layer starts these on a fresh machine (and resumes them on a reloaded one).
 */
export type ProgramStart =
  /** nginx as Debian's systemd unit starts it: `/usr/sbin/nginx -g 'daemon on; master_process on;'`. */
  | { readonly program: 'nginx'; readonly via: 'systemd' }
  /**
   * uWSGI started from `cwd` with `argv`, in the background of an earlier login shell: it
   * outlived that shell, so its parent is init and its log went to that shell's terminal.
   */
  | { readonly program: 'uwsgi'; readonly argv: readonly string[]; readonly cwd: string };

/**
 * The goals the scenarios (or a lesson, over its scenario's) name; the program layer registers a
 * check for each.
 */
export type GoalId = 'hello-world-through-nginx' | 'app-on-uwsgi-socket';

export interface GoalRequest {
  /** What curl is asked for. */
  readonly url: string;
  /** Extra request headers (a browser's big cookie, for the block-size scenario). */
  readonly headers?: readonly (readonly [string, string])[];
  /**
   * Send the request to this unix socket as nginx's `uwsgi_pass` would (a uwsgi packet), instead
   * of over HTTP: for a goal about uWSGI alone, before nginx is set up.
   */
  readonly uwsgiSocket?: string;
}

export interface ScenarioGoal {
  readonly id: GoalId;
  readonly request: GoalRequest;
  /** What a working setup answers. */
  readonly expect: { readonly status: number; readonly body: string };
}

export type GoalResult =
  | { readonly met: true; readonly detail: string }
  | { readonly met: false; readonly detail: string };

/** Sends the goal's request on the machine and judges the answer (registered by the program layer). */
export type GoalCheck = (machine: Machine, goal: ScenarioGoal) => GoalResult | Promise<GoalResult>;

export interface Scenario {
  readonly name: ScenarioName;
  /** One line for developers; the page's title comes from the site's i18n files. */
  readonly summary: string;
  readonly build: (seed: number) => Machine;
  /** The shell's working directory at the first prompt. */
  readonly cwd: string;
  readonly programs: readonly ProgramStart[];
  readonly goal?: ScenarioGoal;
}

const goalChecks = new Map<GoalId, GoalCheck>();

/** The program layer's check for a goal. */
export function registerGoalCheck(id: GoalId, check: GoalCheck): void {
  goalChecks.set(id, check);
}

export function goalCheck(id: GoalId): GoalCheck | undefined {
  return goalChecks.get(id);
}

/** Starts a scenario's programs on its machine (registered by the program layer). */
export type ProgramStarter = (machine: Machine, programs: readonly ProgramStart[]) => void;

let programStarter: ProgramStarter | undefined;

export function registerProgramStarter(starter: ProgramStarter): void {
  programStarter = starter;
}

/**
 * Starts what the scenario runs from the start. False when it has programs and nothing can start
 * them yet (no program layer registered).
 */
export function startScenarioPrograms(machine: Machine, scenario: Scenario): boolean {
  if (scenario.programs.length === 0) return true;
  if (programStarter === undefined) return false;
  programStarter(machine, scenario.programs);
  return true;
}
