// The command outputs each lesson quotes: every `console` code block of every lesson, split the way
// the site splits it (src/markdown/console-snippet.ts) into commands and the lines the programs
// printed. Shared by the checkers that back those quotes: against the real programs' captured
// output (tests/unit/site/lesson-quotes.test.ts) and, later, against the simulator.
//
// A quoted output line is one the lesson claims a program printed: not a command, not a
// continuation or here-document line, not blank, not the elision mark `…`.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitConsoleSnippet } from '../../src/markdown/console-snippet.ts';
import { lessonParts } from './lesson-source.ts';

export const LESSONS_DIR = 'content/lessons';
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The mark a lesson puts where it leaves lines out of a program's output. */
export const ELISION = '…';

export interface QuotedLine {
  readonly text: string;
  /** 1-based line number inside the code block. */
  readonly line: number;
}

export interface QuotedCommand {
  /** What the reader types, without the prompt (continuation and here-document lines included). */
  readonly command: string;
  /** The output lines the lesson quotes after it, up to the next command. */
  readonly output: readonly QuotedLine[];
}

export interface ConsoleQuote {
  readonly locale: Locale;
  /** The lesson's file name, e.g. `05-nginx.mdx`. */
  readonly lesson: string;
  /** 1-based position of the block among all the lesson's code blocks. */
  readonly block: number;
  readonly meta: readonly string[];
  /** Marked `reconstructed`: not captured, following from the programs' sources. */
  readonly reconstructed: boolean;
  readonly commands: readonly QuotedCommand[];
}

/** The lesson files of a language, sorted: every lesson present now is picked up. */
export function lessonFiles(locale: Locale): string[] {
  return readdirSync(join(LESSONS_DIR, locale))
    .filter((file) => file.endsWith('.mdx'))
    .sort();
}

/** Whether a line of output is a quoted claim (blank lines and the elision mark are not). */
function isQuotedOutput(text: string): boolean {
  return text.trim() !== '' && text.trim() !== ELISION;
}

/** Splits one console block into its commands and their quoted output lines. */
export function quotedCommands(code: string): QuotedCommand[] {
  const commands: { command: string; output: QuotedLine[] }[] = [];
  splitConsoleSnippet(code).lines.forEach((line, index) => {
    if (line.kind === 'command') {
      commands.push({ command: line.text.replace(/^\$ ?/, ''), output: [] });
    } else if (line.kind === 'continuation') {
      const current = commands[commands.length - 1];
      if (current) current.command += `\n${line.text}`;
    } else if (isQuotedOutput(line.text)) {
      if (commands.length === 0) commands.push({ command: '', output: [] });
      commands[commands.length - 1]?.output.push({ text: line.text, line: index + 1 });
    }
  });
  return commands;
}

/** Every console block of one lesson in one language. */
export function lessonConsoleQuotes(locale: Locale, lesson: string): ConsoleQuote[] {
  const source = readFileSync(join(LESSONS_DIR, locale, lesson), 'utf8');
  const quotes: ConsoleQuote[] = [];
  lessonParts(source).blocks.forEach((block, index) => {
    if (block.language !== 'console') return;
    const meta = block.meta.split(/\s+/).filter((word) => word !== '');
    quotes.push({
      locale,
      lesson,
      block: index + 1,
      meta,
      reconstructed: meta.includes('reconstructed'),
      commands: quotedCommands(block.code),
    });
  });
  return quotes;
}

/** Where a quoted line is, for messages: `ko/05-nginx.mdx block 8 line 2`. */
export function quoteLocation(quote: ConsoleQuote, line: QuotedLine): string {
  return `${quote.locale}/${quote.lesson} block ${quote.block} line ${line.line}`;
}
