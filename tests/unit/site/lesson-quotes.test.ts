// Every claim backed (issue 8, item 4, against the real programs): each output line a lesson
// quotes in a `console` block must be something the real program printed — found, with clock
// times, pids and the like masked (tests/support/output-mask.ts), in the captured truth
// (tests/support/captured-truth.ts: the references, Debian's files, and the transcripts of
// tests/fixtures/captures/capture-lesson-NN.sh; a command the lesson's own capture ran is held
// to what it printed there). Blocks marked `reconstructed` are left out (the lesson says so in
// its prose). Lines quoted after our own CLI (`npm run -s cli -- …`) are checked against a run of
// that very command line instead. Every lesson in content/lessons is picked up; the number of
// lines checked is printed per lesson.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capturedAsSuch, loadCapturedTruth, truthBacks } from '../../support/captured-truth.ts';
import {
  LOCALES,
  lessonConsoleQuotes,
  lessonFiles,
  quoteLocation,
  type ConsoleQuote,
  type Locale,
  type QuotedCommand,
} from '../../support/lesson-quotes.ts';
import { maskLine } from '../../support/output-mask.ts';

const truth = loadCapturedTruth();

/** Commands that run this project's CLI: backed by running them, not by the references. */
const OUR_CLI = /^npm run -s cli -- /;

const cliRuns = new Map<string, Set<string>>();

/**
 * What a command line of our CLI prints (stdout and stderr, masked), run by bash in the project
 * root; each command line once (both languages quote the same ones).
 */
function runOurCli(command: string): Set<string> {
  const known = cliRuns.get(command);
  if (known) return known;
  const run = spawnSync('bash', ['-c', command], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  const printed = new Set(`${run.stdout}\n${run.stderr}`.split('\n').map(maskLine));
  cliRuns.set(command, printed);
  return printed;
}

interface LessonCheck {
  checked: number;
  againstOwnCapture: number;
  againstCli: number;
  reconstructedBlocks: number;
  failures: string[];
}

function checkCommand(quote: ConsoleQuote, step: QuotedCommand, result: LessonCheck): void {
  if (step.output.length === 0) return;
  const ours = OUR_CLI.test(step.command) ? runOurCli(step.command) : undefined;
  const own = ours === undefined && capturedAsSuch(truth, quote.lesson, step.command);
  const against = ours
    ? 'what our CLI prints'
    : own
      ? "this command's output in the lesson's capture"
      : 'the captured truth';
  for (const line of step.output) {
    result.checked++;
    if (ours) result.againstCli++;
    if (own) result.againstOwnCapture++;
    const backed = ours
      ? ours.has(maskLine(line.text))
      : truthBacks(truth, quote.lesson, step.command, line.text);
    if (!backed) {
      result.failures.push(
        `${quoteLocation(quote, line)}: not in ${against}\n` +
          `    $ ${step.command.split('\n')[0]}\n    ${JSON.stringify(line.text)}`,
      );
    }
  }
}

function checkLesson(locale: Locale, lesson: string): LessonCheck {
  const result: LessonCheck = {
    checked: 0,
    againstOwnCapture: 0,
    againstCli: 0,
    reconstructedBlocks: 0,
    failures: [],
  };
  for (const quote of lessonConsoleQuotes(locale, lesson)) {
    if (quote.reconstructed) {
      result.reconstructedBlocks++;
      continue;
    }
    for (const step of quote.commands) checkCommand(quote, step, result);
  }
  return result;
}

describe('lesson quotes are what the real programs print', () => {
  it('reads the captured truth', () => {
    expect(truth.sources.some((source) => source.endsWith('real-output.md'))).toBe(true);
    expect(truth.sources.some((source) => source.endsWith('real-output-shell.md'))).toBe(true);
    expect(truth.lines.size).toBeGreaterThan(1000);
  });

  it('tells a changed byte count, line number or answer from the real one', () => {
    // The masks hide times and pids only: real lines, then the same with one thing off.
    const slow = 'curl -i http://localhost:8080/slow/70';
    expect(truthBacks(truth, '08-production.mdx', slow, 'Content-Length: 167')).toBe(true);
    expect(truthBacks(truth, '08-production.mdx', slow, 'Content-Length: 168')).toBe(false);
    const emerg =
      '2026/11/26 09:56:02 [emerg] 5711#5711: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:12';
    expect(truthBacks(truth, '05-nginx.mdx', 'nginx -t', emerg)).toBe(true);
    expect(truthBacks(truth, '05-nginx.mdx', 'nginx -t', emerg.replace(':12', ':13'))).toBe(false);
    // Held to the command's own output: `root` is real output, but not of this request.
    const root = 'curl -s http://localhost:8080/';
    expect(truthBacks(truth, '05-nginx.mdx', root, 'exact')).toBe(true);
    expect(truthBacks(truth, '05-nginx.mdx', root, 'root')).toBe(false);
  });

  it("holds our CLI's quotes to what it prints", { timeout: 60_000 }, () => {
    const printed = runOurCli('npm run -s cli -- decode tests/fixtures/vectors/get-root.hex');
    expect(printed.has('  "datasize": 363,')).toBe(true);
    expect(printed.has('  "datasize": 364,')).toBe(false);
  });

  // The same quotes in both languages: each language is checked, and they must not differ.
  for (const lesson of lessonFiles('ko')) {
    it(`${lesson} quotes the same console blocks in Korean and English`, () => {
      const blocks = (locale: Locale): unknown[] =>
        lessonConsoleQuotes(locale, lesson).map(({ meta, commands }) => ({ meta, commands }));
      expect(blocks('en')).toEqual(blocks('ko'));
    });
  }

  for (const locale of LOCALES) {
    for (const lesson of lessonFiles(locale)) {
      it(`${locale}/${lesson}`, { timeout: 120_000 }, () => {
        const result = checkLesson(locale, lesson);
        console.log(
          `${locale}/${lesson}: ${result.checked} quoted output lines checked` +
            ` (${result.againstOwnCapture} against the same command in the lesson's capture,` +
            ` ${result.againstCli} against our CLI, the rest against all captured output);` +
            ` ${result.reconstructedBlocks} reconstructed block(s) left out`,
        );
        expect(result.failures, result.failures.join('\n')).toEqual([]);
      });
    }
  }
});
