// A lesson's terminal exercise works: the commands of its `run` blocks, typed in page order into
// the page's <Terminal> (its scenario, and its `goal` when the tag names one), reach the goal the
// terminal checks. Where the terminal starts short of the goal, the goal is not met before; where
// it starts met (08: a hand-started uWSGI already answers), undoing what the exercise built makes it
// fail, so it is the exercise that meets it. Both languages type the same commands.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitConsoleSnippet } from '../../../src/markdown/console-snippet.ts';
import { MachineShell } from '../../../src/shell/machine-shell.ts';
import type { Machine } from '../../../src/shell/machine/machine.ts';
import {
  goalCheck,
  goalNamed,
  scenario as scenarioNamed,
  startScenarioPrograms,
  type Scenario,
} from '../../../src/shell/scenarios/index.ts';
import type { ScenarioGoal } from '../../../src/shell/scenarios/scenario.ts';
import { runScript } from '../../../src/shell/script-runner.ts';
// the commands' module registers the program layer (starters, goal checks)
import '../../../src/shell/commands/index.ts';
import { lessonParts, terminalAttribute } from '../../support/lesson-source.ts';

interface Exercise {
  readonly lesson: string;
  /** Whether the scenario's machine meets the goal before the reader types anything. */
  readonly metBefore: boolean;
  /** Commands that take away what the exercise built: the goal fails again after them. */
  readonly undo?: readonly string[];
}

const EXERCISES: readonly Exercise[] = [
  { lesson: '03-uwsgi-ini.mdx', metBefore: false },
  { lesson: '05-nginx.mdx', metBefore: false },
  { lesson: '08-production.mdx', metBefore: true, undo: ['systemctl stop uwsgi-helloworld'] },
];

interface PageTerminal {
  readonly scenario: Scenario;
  readonly goal: ScenarioGoal;
  /** What the `run` buttons type, in page order. */
  readonly commands: readonly string[];
}

function pageTerminal(locale: 'ko' | 'en', lesson: string): PageTerminal {
  const source = readFileSync(join('content/lessons', locale, lesson), 'utf8');
  const attribute = (name: string): string | undefined => terminalAttribute(source, name);
  const scenario = scenarioNamed(attribute('scenario') ?? '');
  if (scenario === undefined) throw new Error(`${lesson}: no <Terminal scenario="…"> found`);
  const named = attribute('goal');
  const goal = named === undefined ? scenario.goal : goalNamed(named);
  if (goal === undefined) throw new Error(`${lesson}: the terminal has no goal`);
  const commands = lessonParts(source)
    .blocks.filter(
      (block) => block.language === 'console' && block.meta.split(/\s+/).includes('run'),
    )
    .flatMap((block) => splitConsoleSnippet(block.code).commands);
  return { scenario, goal, commands };
}

async function met(
  machine: Machine,
  goal: ScenarioGoal,
): Promise<{ met: boolean; detail: string }> {
  const check = goalCheck(goal.id);
  if (check === undefined) throw new Error(`no check for goal ${goal.id}`);
  return check(machine, goal);
}

async function type(shell: MachineShell, commands: readonly string[]): Promise<string> {
  let printed = '';
  const sink = { write: (text: string) => void (printed += text) };
  await runScript(shell, `${commands.join('\n')}\n`, { stdout: sink, stderr: sink });
  return printed;
}

describe("the lessons' terminal exercises reach their goal", () => {
  for (const exercise of EXERCISES) {
    it(exercise.lesson, async () => {
      const { scenario, goal, commands } = pageTerminal('ko', exercise.lesson);
      expect(pageTerminal('en', exercise.lesson).commands).toEqual(commands);
      expect(commands.length).toBeGreaterThan(0);

      const machine = scenario.build(1);
      expect(startScenarioPrograms(machine, scenario)).toBe(true);
      const shell = new MachineShell(machine, { cwd: scenario.cwd, term: 'dumb' });
      expect((await met(machine, goal)).met).toBe(exercise.metBefore);

      const printed = await type(shell, commands);
      const after = await met(machine, goal);
      expect(after.met, `${after.detail}\n--- what the commands printed:\n${printed}`).toBe(true);

      if (exercise.undo !== undefined) {
        await type(shell, exercise.undo);
        expect((await met(machine, goal)).met).toBe(false);
      }
    });
  }
});
