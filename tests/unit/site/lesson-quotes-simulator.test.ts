// The lessons' quoted output, held to the simulator (lesson-quotes.test.ts holds the same lines to
// the real programs' captures): what a lesson has the reader type into its terminal — the commands
// of its `run` blocks, in page order, on the machine of the page's <Terminal> — must print in the
// simulated shell every line the lesson quotes after them, times and pids masked on both sides as
// in the captures' check. A command that holds the terminal (uWSGI in the foreground, `python3
// app.py`) gets Ctrl-C when it has printed what it prints at once, as the reader would press it.
// Blocks marked `reconstructed` run but are not compared.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { MachineShell } from '../../../src/shell/machine-shell.ts';
import {
  scenario as scenarioNamed,
  startScenarioPrograms,
} from '../../../src/shell/scenarios/index.ts';
// the commands' module registers the program layer (starters, resumers)
import '../../../src/shell/commands/index.ts';
import {
  LESSONS_DIR,
  LOCALES,
  lessonConsoleQuotes,
  lessonFiles,
  quoteLocation,
  type Locale,
} from '../../support/lesson-quotes.ts';
import { maskLine } from '../../support/output-mask.ts';

/** How long a command may run before it gets Ctrl-C (real time; the machine's time is its own). */
const HOLD_MS = 500;

/** SGR sequences: pip and curl colour their output on a terminal. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const comparable = (line: string): string => maskLine(line.replace(COLOUR, '')).trim();

/** The scenario of the lesson's terminal, or undefined for a lesson without one. */
function terminalScenario(locale: Locale, lesson: string): string | undefined {
  const source = readFileSync(join(LESSONS_DIR, locale, lesson), 'utf8');
  const tag = /<Terminal\s([^>]*)\/>/.exec(source)?.[1];
  return tag === undefined ? undefined : /\bscenario="([^"]*)"/.exec(tag)?.[1];
}

/** Runs one command line as typed at the prompt; what it printed, stdout and stderr together. */
async function typed(shell: MachineShell, command: string): Promise<string> {
  let printed = '';
  const screen = { write: (text: string) => void (printed += text), terminal: { columns: 80 } };
  let done = false;
  const step = shell.session
    .submit(command, { stdin: new TextInput(''), stdout: screen, stderr: screen })
    .then(() => {
      done = true;
    });
  for (let waited = 0; waited < HOLD_MS && !done; waited += 25)
    await new Promise((resolve) => setTimeout(resolve, 25));
  if (!done) shell.session.interrupt();
  await step;
  return printed;
}

for (const locale of LOCALES) {
  describe(`${locale}: what the lessons quote after their terminal commands, in the simulator`, () => {
    for (const lesson of lessonFiles(locale)) {
      const name = terminalScenario(locale, lesson);
      if (name === undefined) continue;
      it(lesson, async () => {
        const scenario = scenarioNamed(name);
        if (scenario === undefined) throw new Error(`${lesson}: no scenario ${name}`);
        const machine = scenario.build(1);
        startScenarioPrograms(machine, scenario);
        const shell = new MachineShell(machine, { cwd: scenario.cwd, term: 'dumb' });
        let checked = 0;
        const missing: string[] = [];
        for (const quote of lessonConsoleQuotes(locale, lesson)) {
          if (!quote.meta.includes('run')) continue;
          for (const { command, output } of quote.commands) {
            const printed = new Set((await typed(shell, command)).split('\n').map(comparable));
            if (quote.reconstructed) continue;
            for (const line of output) {
              checked++;
              if (!printed.has(comparable(line.text)))
                missing.push(
                  `${quoteLocation(quote, line)} after \`${command.split('\n')[0]}\`: ${line.text}`,
                );
            }
          }
        }
        console.log(
          `${locale}/${lesson} (${name}): ${checked} quoted lines printed by the simulator`,
        );
        expect(missing).toEqual([]);
      });
    }
  });
}
