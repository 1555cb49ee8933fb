// Reads one shell word into parts, the way bash's read_token_word does (bash 5.2 parse.y): quotes,
// backslash escapes, `$NAME`, `${...}`, `$(...)`, `` `...` ``, `$'...'`, and `~` where bash performs
// tilde expansion. Also reads the inside of double quotes and of a here-document body, which share
// the rules for `\` and `$`. What is open at the end of the input throws IncompleteInput.

import { IncompleteInput } from './incomplete-input.ts';
import { ShellError } from './shell-error.ts';
import { SourceText } from './source-text.ts';
import type {
  CommandSubstitutionPart,
  ExpansionPart,
  ParameterOperation,
  ParameterPart,
  BadSubstitutionPart,
  Program,
  SingleQuotedPart,
  Word,
  WordPart,
} from './syntax-tree.ts';

/** bash's metacharacters: they end a word unless quoted. */
const METACHARACTERS = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Characters that make a tilde-prefix not one (it must be entirely unquoted: bash tilde_expand). */
const NOT_IN_TILDE_PREFIX = new Set(["'", '"', '\\', '$', '`']);

export function isName(text: string): boolean {
  return NAME.test(text);
}

/** The parser, for the programs inside `$(...)` and `` `...` ``. */
export interface NestedParser {
  /** Parses a `$(...)` whose `$(` has been read, up to and including its `)`. */
  commandSubstitution(source: SourceText): Program;
  /** Parses the text of a `` `...` `` (its backslashes already removed). */
  program(text: string, line: number): Program;
}

export type ExpansionMode = 'double-quote' | 'here-document';

export class WordReader {
  readonly #source: SourceText;
  readonly #nested: NestedParser;
  readonly #final: boolean;

  constructor(source: SourceText, nested: NestedParser, final: boolean) {
    this.#source = source;
    this.#nested = nested;
    this.#final = final;
  }

  /**
   * Reads a word from the current position up to an unquoted metacharacter. With `wholeText`
   * (the word of `${NAME:-word}`), metacharacters are ordinary and the word runs to the end.
   */
  readWord(wholeText = false): Word {
    const src = this.#source;
    const start = src.pos;
    const parts: WordPart[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal !== '') parts.push({ type: 'literal', text: literal });
      literal = '';
    };
    let tildeAllowed = true;
    let assignment = false;
    for (;;) {
      const c = src.peek();
      if (c === '' || (!wholeText && METACHARACTERS.has(c))) break;
      if (tildeAllowed && c === '~') {
        const tilde = this.#tilde(assignment, wholeText);
        if (tilde !== undefined) {
          flush();
          parts.push({ type: 'tilde', user: tilde });
          tildeAllowed = false;
          continue;
        }
      }
      tildeAllowed = false;
      if (c === '\\') {
        if (src.peek(1) === '\n') {
          src.next();
          src.next();
          this.#checkContinuation();
          continue;
        }
        src.next();
        // A backslash as the very last character (no newline after it) stays: `bash -c 'echo a\'`
        // prints `a\`.
        if (src.atEnd) {
          literal += '\\';
          continue;
        }
        flush();
        parts.push({ type: 'escaped', text: src.next() });
        continue;
      }
      if (c === "'") {
        flush();
        parts.push(this.#singleQuoted());
        continue;
      }
      if (c === '"') {
        flush();
        src.next();
        parts.push({ type: 'double-quoted', parts: this.#doubleQuotedRest(src.line) });
        continue;
      }
      if (c === '$') {
        const part = this.#dollarInWord();
        if (part === undefined) {
          literal += src.next();
        } else {
          flush();
          parts.push(part);
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.#backquoted(false));
        continue;
      }
      src.next();
      literal += c;
      // bash expands `~` after the `=` of anything that looks like an assignment, even an
      // argument (`echo a=~/x` prints a=/root/x; `--prefix=~/x` is not a name, so it stays), and
      // after each `:` in such a word (PATH-like values).
      if (
        c === '=' &&
        !assignment &&
        parts.length === 0 &&
        /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(literal)
      ) {
        assignment = true;
        tildeAllowed = true;
      } else if (c === ':' && assignment) {
        tildeAllowed = true;
      }
    }
    flush();
    return { parts, raw: withoutLineContinuations(src.slice(start)) };
  }

  /**
   * Reads the inside of double quotes (up to and including the closing `"`) or a whole
   * here-document body: `\` only escapes `$`, `` ` ``, `\`, a newline and (in quotes) `"`.
   */
  readExpansionParts(mode: ExpansionMode): ExpansionPart[] {
    const src = this.#source;
    const startLine = src.line;
    const parts: ExpansionPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ type: 'quoted-text', text });
      text = '';
    };
    for (;;) {
      const c = src.peek();
      if (c === '') {
        if (mode === 'double-quote') {
          throw new IncompleteInput({ kind: 'unmatched', opener: '"', line: startLine });
        }
        break;
      }
      if (mode === 'double-quote' && c === '"') {
        src.next();
        break;
      }
      if (c === '\\') {
        const d = src.peek(1);
        if (d === '\n') {
          src.next();
          src.next();
          continue;
        }
        if (d === '$' || d === '`' || d === '\\' || (mode === 'double-quote' && d === '"')) {
          src.next();
          text += src.next();
          continue;
        }
        text += src.next();
        continue;
      }
      if (c === '$') {
        const part = this.#dollar();
        if (part === undefined) {
          text += src.next();
        } else {
          flush();
          parts.push(part);
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.#backquoted(mode === 'double-quote'));
        continue;
      }
      text += src.next();
    }
    flush();
    return parts;
  }

  #doubleQuotedRest(line: number): ExpansionPart[] {
    try {
      return this.readExpansionParts('double-quote');
    } catch (error) {
      if (error instanceof IncompleteInput && error.reason.kind === 'unmatched') {
        throw new IncompleteInput({ kind: 'unmatched', opener: error.reason.opener, line });
      }
      throw error;
    }
  }

  #checkContinuation(): void {
    if (this.#source.atEnd && !this.#final) {
      throw new IncompleteInput({ kind: 'continuation', line: this.#source.line });
    }
  }

  /** A tilde-prefix at the position of `~`, or undefined when bash would not expand it. */
  #tilde(assignment: boolean, wholeText: boolean): string | undefined {
    const src = this.#source;
    const text = src.text;
    let end = src.pos + 1;
    for (; end < text.length; end++) {
      const c = text[end]!;
      if (c === '/' || (!wholeText && METACHARACTERS.has(c)) || (assignment && c === ':')) break;
      if (wholeText && c === '}') break;
      if (NOT_IN_TILDE_PREFIX.has(c)) return undefined;
    }
    const user = text.slice(src.pos + 1, end);
    src.pos = end;
    return user;
  }

  #singleQuoted(): SingleQuotedPart {
    const src = this.#source;
    const line = src.line;
    src.next();
    let text = '';
    for (;;) {
      if (src.atEnd) throw new IncompleteInput({ kind: 'unmatched', opener: "'", line });
      const c = src.next();
      if (c === "'") break;
      text += c;
    }
    return { type: 'single-quoted', text, ansiC: false };
  }

  /** `$'...'`: bash's ANSI-C quoting (the escapes of `echo -e` plus `\'`). */
  #ansiCQuoted(): SingleQuotedPart {
    const src = this.#source;
    const line = src.line;
    src.next();
    src.next();
    let text = '';
    for (;;) {
      if (src.atEnd) throw new IncompleteInput({ kind: 'unmatched', opener: "'", line });
      const c = src.next();
      if (c === "'") break;
      if (c !== '\\') {
        text += c;
        continue;
      }
      if (src.atEnd) throw new IncompleteInput({ kind: 'unmatched', opener: "'", line });
      text += this.#ansiCEscape();
    }
    return { type: 'single-quoted', text, ansiC: true };
  }

  #ansiCEscape(): string {
    const src = this.#source;
    const c = src.next();
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '?': '?',
    };
    const known = simple[c];
    if (known !== undefined) return known;
    const digits = (pattern: RegExp, max: number): string => {
      let s = '';
      while (s.length < max && pattern.test(src.peek())) s += src.next();
      return s;
    };
    if (/[0-7]/.test(c)) {
      const octal = c + digits(/[0-7]/, 2);
      return String.fromCodePoint(Number.parseInt(octal, 8) & 0xff);
    }
    if (c === 'x' || c === 'u' || c === 'U') {
      const hex = digits(/[0-9A-Fa-f]/, c === 'x' ? 2 : c === 'u' ? 4 : 8);
      if (hex === '') return `\\${c}`;
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    if (c === 'c') {
      const d = src.next();
      return String.fromCharCode(d.toUpperCase().charCodeAt(0) & 0x1f);
    }
    return `\\${c}`;
  }

  /** What follows a `$` in a word; undefined when it is just a dollar sign. */
  #dollarInWord(): WordPart | undefined {
    const src = this.#source;
    const c = src.peek(1);
    if (c === "'") return this.#ansiCQuoted();
    if (c === '"') {
      // $"..." is a translatable string; without a message catalog it is "...".
      const line = src.line;
      src.next();
      src.next();
      return { type: 'double-quoted', parts: this.#doubleQuotedRest(line) };
    }
    return this.#dollar();
  }

  /** What follows a `$` (also inside quotes); undefined when it is just a dollar sign. */
  #dollar(): ParameterPart | BadSubstitutionPart | CommandSubstitutionPart | undefined {
    const src = this.#source;
    const c = src.peek(1);
    if (c === '{') return this.#braced();
    if (c === '(') {
      if (src.peek(2) === '(')
        throw ShellError.unsupported('$((', 'arithmetic expansions', src.line);
      src.next();
      src.next();
      const program = this.#nested.commandSubstitution(src);
      return { type: 'command-substitution', program, backquoted: false };
    }
    if (NAME_START.test(c)) {
      src.next();
      let name = '';
      while (NAME_CHAR.test(src.peek()) && src.peek() !== '') name += src.next();
      return { type: 'parameter', name, braced: false, operation: undefined };
    }
    if (c !== '' && '0123456789?!$#@*-'.includes(c)) {
      src.next();
      src.next();
      return { type: 'parameter', name: c, braced: false, operation: undefined };
    }
    return undefined;
  }

  /** `${...}`: finds the closing brace (nested `${}`, quotes and escapes skipped), then parses it. */
  #braced(): ParameterPart | BadSubstitutionPart | CommandSubstitutionPart {
    const src = this.#source;
    const start = src.pos;
    const line = src.line;
    src.next();
    src.next();
    let depth = 1;
    let quote = '';
    for (;;) {
      if (src.atEnd) throw new IncompleteInput({ kind: 'unmatched', opener: '}', line });
      const c = src.next();
      if (quote !== '') {
        if (c === '\\' && quote === '"') src.next();
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '\\') src.next();
      else if (c === "'" || c === '"') quote = c;
      else if (c === '$' && src.peek() === '{') {
        src.next();
        depth++;
      } else if (c === '}') {
        depth--;
        if (depth === 0) break;
      }
    }
    const whole = src.slice(start);
    return this.#parameterExpression(whole.slice(2, -1), whole, line);
  }

  #parameterExpression(
    inside: string,
    whole: string,
    line: number,
  ): ParameterPart | BadSubstitutionPart {
    const bad = (unsupported = false): BadSubstitutionPart => ({
      type: 'bad-substitution',
      text: whole,
      unsupported,
    });
    const parameter = (operation?: ParameterOperation): ParameterPart => ({
      type: 'parameter',
      name,
      braced: true,
      operation,
    });
    // `${#}` is the number of positional parameters; `${#NAME}` the length of NAME.
    if (inside === '#') return { type: 'parameter', name: '#', braced: true, operation: undefined };
    if (inside.startsWith('#')) {
      const target = inside.slice(1);
      if (isName(target) || /^(\d+|[?!$#@*-])$/.test(target)) {
        return { type: 'parameter', name: target, braced: true, operation: { kind: 'length' } };
      }
      return bad();
    }
    const match = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?!$#@*-])([\s\S]*)$/.exec(inside);
    if (match === null) return bad();
    const name = match[1]!;
    const rest = match[2]!;
    if (rest === '') return parameter();
    const operator = /^(:?[-=+?]|##?|%%?)/.exec(rest)?.[1];
    if (operator === undefined) {
      // Substrings, replacement and case changes are real bash, not this subset.
      return /^[:/^,@]/.test(rest) ? bad(true) : bad();
    }
    const word = this.#operationWord(rest.slice(operator.length), line);
    switch (operator) {
      case '#':
      case '##':
        return parameter({ kind: 'remove-prefix', longest: operator === '##', pattern: word });
      case '%':
      case '%%':
        return parameter({ kind: 'remove-suffix', longest: operator === '%%', pattern: word });
      default: {
        const colon = operator.startsWith(':');
        const symbol = operator.slice(colon ? 1 : 0);
        const kind =
          symbol === '-'
            ? 'default'
            : symbol === '='
              ? 'assign'
              : symbol === '+'
                ? 'alternative'
                : 'error';
        return parameter({ kind, colon, word });
      }
    }
  }

  #operationWord(text: string, line: number): Word {
    const reader = new WordReader(new SourceText(text, line), this.#nested, true);
    return reader.readWord(true);
  }

  /** `` `...` ``: inside, `\` keeps its meaning except before `$`, `` ` `` and `\`. */
  #backquoted(inDoubleQuotes: boolean): CommandSubstitutionPart {
    const src = this.#source;
    const line = src.line;
    src.next();
    let text = '';
    for (;;) {
      if (src.atEnd) throw new IncompleteInput({ kind: 'unmatched', opener: '`', line });
      const c = src.next();
      if (c === '`') break;
      if (c === '\\') {
        const d = src.peek();
        if (d === '$' || d === '`' || d === '\\' || (inDoubleQuotes && d === '"')) {
          text += src.next();
          continue;
        }
      }
      text += c;
    }
    return {
      type: 'command-substitution',
      program: this.#nested.program(text, line),
      backquoted: true,
    };
  }
}

/**
 * A word's source without its line continuations (an unquoted or double-quoted `\` before a
 * newline), as bash prints a command; `\\` before a newline, and anything in single quotes, stay.
 */
function withoutLineContinuations(source: string): string {
  let out = '';
  let quote: "'" | '"' | "$'" | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      out += c;
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1];
      if (next === '\n' && quote !== "$'") {
        i++;
        continue;
      }
      out += next === undefined ? c : c + next;
      i++;
      continue;
    }
    if (quote === undefined && c === '$' && source[i + 1] === "'") {
      quote = "$'";
      out += "$'";
      i++;
      continue;
    }
    if (c === "'" && quote === undefined) quote = "'";
    else if (c === "'" && quote === "$'") quote = undefined;
    else if (c === '"') quote = quote === '"' ? undefined : quote === undefined ? '"' : quote;
    out += c;
  }
  return out;
}
