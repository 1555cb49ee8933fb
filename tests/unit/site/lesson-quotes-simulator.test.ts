// The lessons' quoted output, held to the simulator (lesson-quotes.test.ts holds the same lines to
// the real programs' captures). Two replays of each lesson, in the simulated shell that `cli
// shell` and the browser terminal run (tests/support/lesson-replay.ts):
//
// - the reader's path: the commands of its `run` blocks, in page order, on the machine of the
//   page's <Terminal>, exactly as the buttons type them;
// - every console block: the others too, in page order, each on the machine that
//   tests/support/lesson-replay-plan.ts gives it (the page's by default).
//
// Every line a block quotes after a command must be among the lines the simulator printed for it,
// times and pids masked on both sides as in the captures' check. Blocks marked `reconstructed`
// run but are not compared; blocks marked `real-only` hold output the simulator does not model
// (the page says so) and are not replayed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineShell } from '../../../src/shell/machine-shell.ts';
import {
  LESSONS_DIR,
  LOCALES,
  lessonConsoleQuotes,
  lessonFiles,
  quoteLocation,
  type ConsoleQuote,
  type Locale,
} from '../../support/lesson-quotes.ts';
import { comparable, scenarioShell, typed } from '../../support/lesson-replay.ts';
import { REPLAY_PLAN, type BlockReplay, type SetupStep } from '../../support/lesson-replay-plan.ts';
import { lessonParts, terminalAttribute, type CodeBlockInfo } from '../../support/lesson-source.ts';

/** The scenario of the lesson's terminal, or undefined for a lesson without one. */
function terminalScenario(locale: Locale, lesson: string): string | undefined {
  return terminalAttribute(readFileSync(join(LESSONS_DIR, locale, lesson), 'utf8'), 'scenario');
}

/** The commands of the lesson's console blocks `from`…`to` (code-block numbers), in order. */
function blockCommands(quotes: readonly ConsoleQuote[], from: number, to: number): string[] {
  return quotes
    .filter((quote) => quote.block >= from && quote.block <= to)
    .flatMap((quote) => quote.commands.map((command) => command.command));
}

/**
 * Does one setup step on the machine: typed commands, or a file the lesson shows saved as an editor
 * saves it (straight to the machine's files: a here-document typed at an interactive prompt would
 * meet history expansion at a `!`, as in real bash).
 */
async function setUp(
  shell: MachineShell,
  step: SetupStep,
  blocks: readonly CodeBlockInfo[],
  quotes: readonly ConsoleQuote[],
): Promise<void> {
  if (typeof step === 'string' || 'blocks' in step) {
    const commands = typeof step === 'string' ? [step] : blockCommands(quotes, ...step.blocks);
    for (const command of commands) await typed(shell, command);
    return;
  }
  const code = blocks[step.block - 1]?.code;
  if (code === undefined) throw new Error(`no code block ${step.block}`);
  if (step.replace !== undefined && !code.includes(step.replace[0]))
    throw new Error(`code block ${step.block} has no ${step.replace[0]}`);
  const text = step.replace === undefined ? code : code.replace(...step.replace);
  shell.machine.fs.writeText(step.file, `${text}\n`);
}

/** Runs a block's commands; the quoted lines the simulator did not print, located. */
async function replayBlock(shell: MachineShell, quote: ConsoleQuote): Promise<string[]> {
  const missing: string[] = [];
  for (const { command, output } of quote.commands) {
    const printed = new Set((await typed(shell, command)).split('\n').map(comparable));
    if (quote.reconstructed) continue;
    for (const line of output)
      if (!printed.has(comparable(line.text)))
        missing.push(
          `${quoteLocation(quote, line)} after \`${command.split('\n')[0]}\`: ${line.text}`,
        );
  }
  return missing;
}

const quotedLines = (quote: ConsoleQuote): number =>
  quote.reconstructed ? 0 : quote.commands.reduce((sum, command) => sum + command.output.length, 0);

for (const locale of LOCALES) {
  describe(`${locale}: what the lessons quote after their terminal commands, in the simulator`, () => {
    for (const lesson of lessonFiles(locale)) {
      const name = terminalScenario(locale, lesson);
      if (name === undefined) continue;
      it(lesson, async () => {
        const shell = scenarioShell(name);
        let checked = 0;
        const missing: string[] = [];
        for (const quote of lessonConsoleQuotes(locale, lesson)) {
          if (!quote.meta.includes('run')) continue;
          missing.push(...(await replayBlock(shell, quote)));
          checked += quotedLines(quote);
        }
        console.log(
          `${locale}/${lesson} (${name}): ${checked} quoted lines printed by the simulator`,
        );
        expect(missing).toEqual([]);
      });
    }
  });

  describe(`${locale}: what every console block of the lessons quotes, in the simulator`, () => {
    for (const lesson of lessonFiles(locale)) {
      it(lesson, async () => {
        const blocks = lessonParts(readFileSync(join(LESSONS_DIR, locale, lesson), 'utf8')).blocks;
        const quotes = lessonConsoleQuotes(locale, lesson);
        const plan = new Map(
          REPLAY_PLAN.filter((entry) => entry.lesson === lesson).map((entry) => [
            entry.block,
            entry,
          ]),
        );
        const pageScenario = terminalScenario(locale, lesson) ?? 'original';
        const machines = new Map<string, MachineShell>([['page', scenarioShell(pageScenario)]]);
        const machineFor = async (entry: BlockReplay | undefined): Promise<MachineShell> => {
          const label = entry?.machine ?? 'page';
          const shell = machines.get(label) ?? scenarioShell(entry?.scenario ?? pageScenario);
          machines.set(label, shell);
          for (const step of entry?.setup ?? []) await setUp(shell, step, blocks, quotes);
          return shell;
        };
        const counts = { checked: 0, realOnly: 0, skipped: 0 };
        const missing: string[] = [];
        for (const quote of quotes) {
          const entry = plan.get(quote.block);
          plan.delete(quote.block);
          if (entry !== undefined) {
            expect(quote.commands[0]?.command, `${lesson} block ${quote.block}`).toBe(
              entry.command,
            );
          }
          if (quote.meta.includes('real-only')) {
            counts.realOnly += quotedLines(quote);
            continue;
          }
          if (entry?.skip !== undefined) {
            counts.skipped += quotedLines(quote);
            continue;
          }
          missing.push(...(await replayBlock(await machineFor(entry), quote)));
          counts.checked += quotedLines(quote);
        }
        const stale = [...plan.values()].map((entry) => `plan entry for block ${entry.block}`);
        console.log(
          `${locale}/${lesson}: ${counts.checked} quoted lines printed by the simulator, ` +
            `${counts.realOnly} real-only, ${counts.skipped} in blocks not replayed`,
        );
        const problems = [...stale, ...missing];
        if (problems.length > 0) console.log(problems.join('\n'));
        expect(problems).toEqual([]);
      });
    }
  });
}

// The plan names blocks by number in both languages: their console blocks must be the same.
describe('the lessons pair their console blocks', () => {
  for (const lesson of lessonFiles('ko')) {
    it(lesson, () => {
      const code = (locale: Locale): string[] =>
        lessonParts(readFileSync(join(LESSONS_DIR, locale, lesson), 'utf8'))
          .blocks.filter((block) => block.language === 'console')
          .map((block) => `${block.meta}\n${block.code}`);
      expect(code('en')).toEqual(code('ko'));
    });
  }
});
