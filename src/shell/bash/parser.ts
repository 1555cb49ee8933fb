// The bash subset's grammar (after bash 5.2 parse.y): lists joined by `;`, `&` and newlines,
// and-or chains, pipelines (`|`, `|&`, a leading `!`), simple commands with assignments, words and
// redirections. SIMPLIFIED: compound commands (`if`, `for`, `{ }`, `( )`...) are refused; the
// words that only close one (`fi`, `done`, `}`) are syntax errors, as in bash.
//
// `parse` either completes, reports that the input is incomplete (the terminal then reads another
// line at the `> ` prompt), or throws ShellError, bash's message for the input.

import {
  hereDocumentDelimiter,
  hereDocumentWarning,
  type PendingHereDocument,
} from './here-document.ts';
import { IncompleteInput, type IncompleteReason } from './incomplete-input.ts';
import { Lexer, tokenText, type Operator, type Token } from './lexer.ts';
import { ShellError } from './shell-error.ts';
import { SourceText } from './source-text.ts';
import type {
  AndOr,
  Assignment,
  ExpansionPart,
  ListItem,
  Pipeline,
  Program,
  Redirection,
  SimpleCommand,
  Word,
} from './syntax-tree.ts';
import { WordReader, type NestedParser } from './word-reader.ts';

export interface ParseOptions {
  /**
   * No more input will come (the end of a script, `bash -c`, Ctrl-D at the `> ` prompt): what is
   * still open becomes bash's end-of-file error instead of "needs more input". Default false.
   */
  readonly final?: boolean;
  /** The line number of the text's first line (bash counts lines across a session). Default 1. */
  readonly firstLine?: number;
}

export type ParseResult =
  | {
      readonly status: 'complete';
      readonly program: Program;
      /** bash's warnings, printed before the command runs (a here-document cut off by EOF). */
      readonly warnings: readonly string[];
    }
  | { readonly status: 'incomplete'; readonly reason: IncompleteReason };

/** Parses `text`; throws ShellError (and only ShellError) for input bash refuses. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const final = options.final ?? false;
  try {
    const parser = new Parser(new SourceText(text, options.firstLine ?? 1), final, false);
    const program = parser.parseProgram();
    return { status: 'complete', program, warnings: parser.warnings() };
  } catch (error) {
    if (error instanceof IncompleteInput) {
      if (!final) return { status: 'incomplete', reason: error.reason };
      throw endOfFileError(error.reason);
    }
    if (error instanceof ShellError) throw error;
    // Anything else is a bug in the parser; keep the promise that only ShellError escapes.
    throw new ShellError('unsupported', `internal parser error: ${String(error)}`);
  }
}

/** The expansions in `text` read as an unquoted here-document body is (prompt strings). */
export function parseExpansions(text: string): ExpansionPart[] {
  const source = new SourceText(text);
  try {
    return new WordReader(source, new Parser(source, true, false), true).readExpansionParts(
      'here-document',
    );
  } catch (error) {
    if (error instanceof IncompleteInput) throw endOfFileError(error.reason);
    throw error;
  }
}

/** What bash says when input ends with something still open. */
export function endOfFileError(reason: IncompleteReason): ShellError {
  switch (reason.kind) {
    case 'unmatched':
      return ShellError.unmatched(reason.opener, reason.line);
    case 'command':
    case 'continuation':
    case 'here-document':
      return ShellError.unexpectedEof(reason.line);
  }
}

/** Words that open a compound command: real bash, not this subset. */
const COMPOUND_OPENERS = new Set([
  'if',
  'while',
  'until',
  'for',
  'case',
  'select',
  'function',
  '{',
  '[[',
  'coproc',
  'time',
]);
/** Reserved words that can only close or continue a compound command: a syntax error alone. */
const COMPOUND_CONTINUATIONS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

const FILE_OPERATORS = new Set<Operator>(['>', '>>', '<', '>|', '<>']);
const REDIRECTION_OPERATORS = new Set<Operator>([
  '>',
  '>>',
  '<',
  '>|',
  '<>',
  '&>',
  '&>>',
  '>&',
  '<&',
  '<<',
  '<<-',
  '<<<',
]);

/** A word typed without any quoting or expansion (how bash recognizes reserved words). */
function plainWord(word: Word): string | undefined {
  if (word.parts.length === 0) return undefined;
  if (word.parts.length === 1 && word.parts[0]!.type === 'literal') return word.parts[0]!.text;
  return undefined;
}

class Parser implements NestedParser {
  readonly #lexer: Lexer;
  readonly #final: boolean;
  readonly #nested: boolean;
  readonly #hereDocuments: PendingHereDocument[] = [];
  #lookahead: Token | undefined;

  constructor(source: SourceText, final: boolean, nested: boolean) {
    this.#final = final;
    this.#nested = nested;
    this.#lexer = new Lexer(source, this, final);
  }

  warnings(): string[] {
    return this.#hereDocuments
      .filter((doc) => !doc.body.terminated)
      .map((doc) => hereDocumentWarning(doc.line, doc.delimiter));
  }

  parseProgram(): Program {
    const items: ListItem[] = [];
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token.kind === 'eof') break;
      this.#parseList(items);
    }
    // The input ended on the command's own line (no newline): the bodies are still to come.
    if (this.#lexer.pendingHereDocuments.length > 0) this.#lexer.readPendingHereDocuments();
    return { items };
  }

  commandSubstitution(source: SourceText): Program {
    const line = source.line;
    const parser = new Parser(source, this.#final, true);
    try {
      const program = parser.#parseNested();
      this.#hereDocuments.push(...parser.#hereDocuments);
      return program;
    } catch (error) {
      if (error instanceof IncompleteInput && error.reason.kind !== 'unmatched') {
        throw new IncompleteInput({ kind: 'unmatched', opener: ')', line });
      }
      throw error;
    }
  }

  program(text: string, line: number): Program {
    const parser = new Parser(new SourceText(text, line), true, false);
    try {
      return parser.parseProgram();
    } catch (error) {
      if (error instanceof IncompleteInput) throw endOfFileError(error.reason);
      throw error;
    }
  }

  #parseNested(): Program {
    const items: ListItem[] = [];
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token.kind === 'operator' && token.operator === ')') {
        this.#take();
        return { items };
      }
      if (token.kind === 'eof') {
        throw new IncompleteInput({ kind: 'unmatched', opener: ')', line: token.line });
      }
      this.#parseList(items);
    }
  }

  #peek(): Token {
    this.#lookahead ??= this.#lexer.next();
    return this.#lookahead;
  }

  #take(): Token {
    const token = this.#peek();
    this.#lookahead = undefined;
    return token;
  }

  #skipNewlines(): void {
    while (this.#peek().kind === 'newline') this.#take();
  }

  #isListEnd(token: Token): boolean {
    return (
      token.kind === 'newline' ||
      token.kind === 'eof' ||
      (this.#nested && token.kind === 'operator' && token.operator === ')')
    );
  }

  /** and-or chains separated by `;` and `&`, up to a newline (or `)` inside `$(...)`). */
  #parseList(items: ListItem[]): void {
    for (;;) {
      const command = this.#parseAndOr();
      const separator = this.#peek();
      if (
        separator.kind === 'operator' &&
        (separator.operator === ';' || separator.operator === '&')
      ) {
        this.#take();
        items.push({ command, background: separator.operator === '&' });
        if (this.#isListEnd(this.#peek())) return;
        continue;
      }
      if (this.#isListEnd(separator)) {
        items.push({ command, background: false });
        return;
      }
      throw ShellError.unexpectedToken(tokenText(separator), separator.line);
    }
  }

  #parseAndOr(): AndOr {
    const first = this.#parsePipeline();
    const rest: { operator: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind !== 'operator' || (token.operator !== '&&' && token.operator !== '||')) break;
      this.#take();
      this.#skipNewlines();
      rest.push({ operator: token.operator, pipeline: this.#parsePipeline() });
    }
    return { type: 'and-or', first, rest };
  }

  #parsePipeline(): Pipeline {
    let negated = false;
    const first = this.#peek();
    if (first.kind === 'word' && plainWord(first.word) === '!') {
      this.#take();
      negated = true;
    }
    const commands = [this.#parseCommand()];
    const stderrPipes: boolean[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind !== 'operator' || (token.operator !== '|' && token.operator !== '|&')) break;
      this.#take();
      stderrPipes.push(token.operator === '|&');
      this.#skipNewlines();
      commands.push(this.#parseCommand());
    }
    return { type: 'pipeline', negated, commands, stderrPipes };
  }

  #parseCommand(): SimpleCommand {
    const start = this.#peek();
    if (start.kind === 'eof') throw new IncompleteInput({ kind: 'command', line: start.line });
    if (start.kind === 'newline') throw ShellError.unexpectedToken('newline', start.line);
    if (start.kind === 'operator') {
      if (start.operator === '(') throw ShellError.unsupported('(', 'subshells', start.line);
      if (!REDIRECTION_OPERATORS.has(start.operator)) {
        throw ShellError.unexpectedToken(start.operator, start.line);
      }
    }
    if (start.kind === 'word') {
      const plain = plainWord(start.word);
      if (plain !== undefined && COMPOUND_CONTINUATIONS.has(plain)) {
        throw ShellError.unexpectedToken(plain, start.line);
      }
      if (plain !== undefined && COMPOUND_OPENERS.has(plain)) {
        throw ShellError.unsupported(plain, 'compound commands', start.line);
      }
    }
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirections: Redirection[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind === 'word') {
        this.#take();
        const assignment = words.length === 0 ? asAssignment(token.word) : undefined;
        if (assignment !== undefined) assignments.push(assignment);
        else words.push(token.word);
      } else if (token.kind === 'io-number') {
        this.#take();
        redirections.push(this.#parseRedirection(token.fd, token.text));
      } else if (token.kind === 'operator' && REDIRECTION_OPERATORS.has(token.operator)) {
        redirections.push(this.#parseRedirection(undefined, ''));
      } else if (token.kind === 'operator' && token.operator === '(') {
        // `name ()` starts a function definition in bash.
        if (words.length === 1 && assignments.length === 0 && redirections.length === 0) {
          throw ShellError.unsupported(`${words[0]!.raw} ()`, 'function definitions', token.line);
        }
        throw ShellError.unexpectedToken('(', token.line);
      } else {
        break;
      }
    }
    return { type: 'simple', assignments, words, redirections, line: start.line };
  }

  #parseRedirection(fd: number | undefined, fdText: string): Redirection {
    const operatorToken = this.#take();
    if (operatorToken.kind !== 'operator') {
      throw ShellError.unexpectedToken(tokenText(operatorToken), operatorToken.line);
    }
    const operator = operatorToken.operator;
    const targetToken = this.#peek();
    if (targetToken.kind !== 'word') {
      throw ShellError.unexpectedToken(tokenText(targetToken), targetToken.line);
    }
    this.#take();
    const target = targetToken.word;
    if (FILE_OPERATORS.has(operator)) {
      const defaultFd = operator === '<' || operator === '<>' ? 0 : 1;
      return {
        type: 'file',
        fd: fd ?? defaultFd,
        operator: operator as '>' | '>>' | '<' | '>|' | '<>',
        target,
        fdText,
      };
    }
    switch (operator) {
      case '&>':
      case '&>>':
        return { type: 'both', operator, target };
      case '>&':
      case '<&': {
        // `>&word` with a word that is not a number or `-` means `&>word` (bash's redir_open).
        const text = plainWord(target);
        const numeric = text !== undefined && /^(\d+|-)$/.test(text);
        if (operator === '>&' && fd === undefined && !numeric) {
          return { type: 'both', operator: '&>', target };
        }
        return {
          type: 'duplicate',
          fd: fd ?? (operator === '<&' ? 0 : 1),
          operator,
          target,
          fdText,
        };
      }
      case '<<':
      case '<<-': {
        const { delimiter, quoted } = hereDocumentDelimiter(target.raw);
        const doc: PendingHereDocument = {
          delimiter,
          quoted,
          stripTabs: operator === '<<-',
          body: { text: '', parts: [], terminated: false },
          line: operatorToken.line,
        };
        this.#lexer.addHereDocument(doc);
        this.#hereDocuments.push(doc);
        return {
          type: 'here-document',
          fd: fd ?? 0,
          fdText,
          delimiter,
          delimiterRaw: target.raw,
          quoted,
          stripTabs: doc.stripTabs,
          body: doc.body,
          line: doc.line,
        };
      }
      case '<<<':
        return { type: 'here-string', fd: fd ?? 0, fdText, word: target };
      default:
        throw ShellError.unexpectedToken(operator, operatorToken.line);
    }
  }
}

/** `NAME=value` / `NAME+=value` with NAME unquoted: an assignment word (bash's ASSIGNMENT_WORD). */
function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.type !== 'literal') return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
  if (match === null) return undefined;
  const rest = first.text.slice(match[0].length);
  const valueParts =
    rest === ''
      ? word.parts.slice(1)
      : [{ type: 'literal' as const, text: rest }, ...word.parts.slice(1)];
  return {
    name: match[1]!,
    append: match[2] === '+',
    value: { parts: valueParts, raw: word.raw.slice(match[0].length) },
    raw: word.raw,
  };
}
