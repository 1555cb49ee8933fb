// Reads a command line by line, as an interactive bash does between prompts: each line gets `!`
// history expansion (not the lines of a here-document body), lines are gathered while the command
// is incomplete (the `> ` prompt), and the whole command goes into the history the way bash 5.2
// with cmdhist joins it (`ls |` + `wc -l` → `ls | wc -l`; inside quotes and here-documents the
// newlines stay; a backslash-newline disappears). Lines with syntax errors are kept in history
// too, as bash keeps them; a failed `!` expansion is not.

import { expandHistory } from './history-expansion.ts';
import type { History } from './history.ts';
import type { IncompleteReason } from './incomplete-input.ts';
import { parse } from './parser.ts';
import { ShellError } from './shell-error.ts';
import type { Program } from './syntax-tree.ts';

export type ReadResult =
  /** The command goes on: show PS2 (`> `) and read another line. */
  | { readonly kind: 'more'; readonly echo?: string }
  /** Nothing to run (an empty line, a comment). */
  | { readonly kind: 'empty'; readonly echo?: string }
  /** End of input with nothing pending. */
  | { readonly kind: 'eof' }
  | {
      readonly kind: 'complete';
      readonly program: Program;
      /** bash's warnings to print before running it. */
      readonly warnings: readonly string[];
      /** Set when `!` expansion changed the line: bash prints it before running. */
      readonly echo?: string;
    }
  | {
      readonly kind: 'error';
      readonly error: ShellError;
      /** The line being read when it failed (a script's error message quotes it). */
      readonly source: string;
      readonly echo?: string;
    };

export interface CommandLineReaderOptions {
  /** Interactive: `!` expansion and history entries. Default true. */
  readonly interactive?: boolean;
  /** The number of the first line (bash counts lines across a session). Default 1. */
  readonly firstLine?: number;
}

export class CommandLineReader {
  readonly #history: History;
  readonly #interactive: boolean;
  #lines: string[] = [];
  #firstLine: number;
  #reason: IncompleteReason | undefined;
  #entry = '';
  #hereDocument = false;

  constructor(history: History, options: CommandLineReaderOptions = {}) {
    this.#history = history;
    this.#interactive = options.interactive ?? true;
    this.#firstLine = options.firstLine ?? 1;
  }

  /** Whether a command is half read (the prompt is PS2). */
  get continuing(): boolean {
    return this.#lines.length > 0;
  }

  /** Why the half-read command is not complete yet (undefined when none is). */
  get pending(): IncompleteReason | undefined {
    return this.#reason;
  }

  /** The line number the next line will have. */
  get lineNumber(): number {
    return this.#firstLine + this.#lines.length;
  }

  /** One line of input, without its newline. */
  read(input: string): ReadResult {
    let line = input;
    let echo: string | undefined;
    const inBody = this.#reason?.kind === 'here-document';
    if (this.#interactive && !inBody) {
      try {
        const expansion = expandHistory(line, this.#history);
        if (expansion.expanded) {
          line = expansion.line;
          echo = line;
        }
      } catch (error) {
        if (!(error instanceof ShellError)) throw error;
        this.#firstLine += this.#lines.length + 1;
        this.#clear();
        return { kind: 'error', error, source: input };
      }
    }
    this.#addToEntry(line);
    this.#lines.push(line);
    const withEcho = <T extends object>(result: T): T & { echo?: string } =>
      echo === undefined ? result : { ...result, echo };
    try {
      const parsed = parse(`${this.#lines.join('\n')}\n`, { firstLine: this.#firstLine });
      if (parsed.status === 'incomplete') {
        this.#reason = parsed.reason;
        if (parsed.reason.kind === 'here-document') this.#hereDocument = true;
        return withEcho({ kind: 'more' as const });
      }
      this.#finish();
      if (parsed.program.items.length === 0) return withEcho({ kind: 'empty' as const });
      return withEcho({
        kind: 'complete' as const,
        program: parsed.program,
        warnings: parsed.warnings,
      });
    } catch (error) {
      if (!(error instanceof ShellError)) throw error;
      this.#finish();
      return withEcho({ kind: 'error' as const, error, source: line });
    }
  }

  /** End of input (Ctrl-D at the `> ` prompt, the end of a script): bash's end-of-file rules. */
  end(): ReadResult {
    if (this.#lines.length === 0) return { kind: 'eof' };
    const source = this.#lines.at(-1)!;
    try {
      const parsed = parse(`${this.#lines.join('\n')}\n`, {
        firstLine: this.#firstLine,
        final: true,
      });
      this.#finish();
      if (parsed.status !== 'complete' || parsed.program.items.length === 0)
        return { kind: 'empty' };
      return { kind: 'complete', program: parsed.program, warnings: parsed.warnings };
    } catch (error) {
      if (!(error instanceof ShellError)) throw error;
      this.#finish();
      return { kind: 'error', error, source };
    }
  }

  /** Ctrl-C at the `> ` prompt: the half-read command is dropped. */
  reset(): void {
    this.#firstLine += this.#lines.length;
    this.#clear();
  }

  /** How bash adds a continuation line to the command's history entry (bash_add_history). */
  #addToEntry(line: string): void {
    if (this.#lines.length === 0) {
      this.#entry = line;
      return;
    }
    const reason = this.#reason;
    if (reason === undefined) return;
    switch (reason.kind) {
      case 'unmatched':
      case 'here-document':
        this.#entry += `\n${line}`;
        return;
      case 'continuation':
        if (line !== '') this.#entry = `${this.#entry.slice(0, -1)}${line}`;
        return;
      case 'command':
        if (line !== '') this.#entry += ` ${line}`;
        return;
    }
  }

  #finish(): void {
    if (this.#interactive) {
      // A here-document's entry ends with a newline in bash's history (`history` shows a blank).
      this.#history.add(this.#hereDocument ? `${this.#entry}\n` : this.#entry);
    }
    this.#firstLine += this.#lines.length;
    this.#clear();
  }

  #clear(): void {
    this.#lines = [];
    this.#reason = undefined;
    this.#entry = '';
    this.#hereDocument = false;
  }
}
