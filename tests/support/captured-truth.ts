// What the real programs printed, as the truth lesson quotes are checked against
// (tests/unit/site/lesson-quotes.test.ts): every line, masked (tests/support/output-mask.ts), of
//   - the code blocks of tests/fixtures/reference/*.md (copies of ../shared/reference/),
//   - Debian's files in tests/fixtures/reference/debian-files/, each line as it is and numbered
//     the way `grep -n` prints it (`26:\tinclude …`), for `cat` and `grep` of them,
//   - the transcripts tests/fixtures/captures/lesson-NN.txt (written by capture-lesson-NN.sh):
//     also kept per lesson and command, so a command of lesson NN that its capture ran is held
//     to what that very command printed there,
//   - the logs (`*.log`) of other real runs kept under tests/fixtures/captures/ (such as
//     lessons-06-07/: program output as the programs wrote it).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitConsoleSnippet } from '../../src/markdown/console-snippet.ts';
import { maskLine } from './output-mask.ts';

export const REFERENCE_DIR = 'tests/fixtures/reference';
export const DEBIAN_FILES_DIR = join(REFERENCE_DIR, 'debian-files');
export const CAPTURES_DIR = 'tests/fixtures/captures';
/** Lines of a capture transcript that are the capture script's notes, not a program's output. */
export const CAPTURE_NOTE = '# capture: ';

const FENCE = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1[ \t]*$/gm;

export interface CapturedTruth {
  /** Every masked line of every source. */
  readonly lines: ReadonlySet<string>;
  /** Masked output lines of each command a lesson's capture ran, by `commandKey(NN, command)`. */
  readonly byCommand: ReadonlyMap<string, ReadonlySet<string>>;
  /** The files read, for messages. */
  readonly sources: readonly string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function addAll(set: Set<string>, lines: readonly string[]): void {
  for (const line of lines) set.add(maskLine(line));
}

/** Lines inside the fenced code blocks of a reference document (its prose is ours, not output). */
function referenceLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(FENCE)].flatMap((match) => (match[2] ?? '').split('\n'));
}

/** A Debian file's lines, as `cat` prints them and as `grep -n` numbers them. */
function debianFileLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  return [...lines, ...lines.map((line, index) => `${index + 1}:${line}`)];
}

/** A capture transcript's commands and their output lines (notes left out). */
export function transcriptCommands(text: string): { command: string; output: string[] }[] {
  const withoutNotes = text
    .split('\n')
    .filter((line) => !line.startsWith(CAPTURE_NOTE))
    .join('\n');
  const commands: { command: string; output: string[] }[] = [];
  for (const line of splitConsoleSnippet(withoutNotes).lines) {
    if (line.kind === 'command') commands.push({ command: line.text.slice(2), output: [] });
    else if (line.kind === 'continuation') {
      const current = commands[commands.length - 1];
      if (current) current.command += `\n${line.text}`;
    } else commands[commands.length - 1]?.output.push(line.text);
  }
  return commands;
}

/** The key of a lesson's captured command: the lesson number (`05`) and the command text. */
export function commandKey(lesson: string, command: string): string {
  return `${lesson.slice(0, 2)}\n${command}`;
}

export function loadCapturedTruth(): CapturedTruth {
  const lines = new Set<string>();
  const byCommand = new Map<string, Set<string>>();
  const sources: string[] = [];

  for (const name of readdirSync(REFERENCE_DIR)
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    const path = join(REFERENCE_DIR, name);
    addAll(lines, referenceLines(path));
    sources.push(path);
  }
  for (const path of filesUnder(DEBIAN_FILES_DIR)) {
    addAll(lines, debianFileLines(path));
    sources.push(path);
  }
  const transcripts = readdirSync(CAPTURES_DIR).filter((file) => /^lesson-\d\d\.txt$/.test(file));
  for (const name of transcripts.sort()) {
    const path = join(CAPTURES_DIR, name);
    for (const { command, output } of transcriptCommands(readFileSync(path, 'utf8'))) {
      addAll(lines, output);
      const key = commandKey(name.slice('lesson-'.length), command);
      const own = byCommand.get(key) ?? new Set<string>();
      addAll(own, output);
      byCommand.set(key, own);
    }
    sources.push(path);
  }
  for (const path of filesUnder(CAPTURES_DIR).filter((file) => file.endsWith('.log'))) {
    addAll(lines, readFileSync(path, 'utf8').split('\n'));
    sources.push(path);
  }
  return { lines, byCommand, sources };
}

/** Whether the lesson's capture ran this command (then its quotes are held to that run). */
export function capturedAsSuch(truth: CapturedTruth, lesson: string, command: string): boolean {
  return truth.byCommand.has(commandKey(lesson, command));
}

/**
 * Whether the truth backs `line`, quoted by `lesson` (its file name, `05-nginx.mdx`) after
 * `command`: within what that command printed in the lesson's capture when it ran it, else
 * anywhere in the truth.
 */
export function truthBacks(
  truth: CapturedTruth,
  lesson: string,
  command: string,
  line: string,
): boolean {
  const own = truth.byCommand.get(commandKey(lesson, command));
  return (own ?? truth.lines).has(maskLine(line));
}
