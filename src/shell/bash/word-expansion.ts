// Word expansion in bash's order (bash 5.2 subst.c): tilde, parameters, command substitution, word
// splitting of unquoted results, pathname expansion, quote removal. Brace expansion and arithmetic
// are not in the subset. An unset `$uri` is empty, as in bash; `${a b}` is a bad substitution.

import { DEFAULT_IFS, splitFields, type Segment } from './field-splitting.ts';
import { expandPathname, type ListDirectory } from './pathname-expansion.ts';
import { GlobPattern, hasGlobCharacters, type PatternChar } from './pattern.ts';
import { ShellError } from './shell-error.ts';
import type {
  ExpansionPart,
  ParameterOperation,
  ParameterPart,
  Program,
  Word,
  WordPart,
} from './syntax-tree.ts';
import type { ShellVariables } from './variables.ts';

/** What expansion reads from the shell and the machine. */
export interface ExpansionContext {
  readonly variables: ShellVariables;
  /** `$?` */
  readonly lastStatus: number;
  /** `$!`: empty until a job has been started in the background. */
  readonly lastBackgroundPid: number | undefined;
  /** `$$` */
  readonly shellPid: number;
  /** `$0` (`-bash` for a login shell, `bash` otherwise). */
  readonly shellName: string;
  /** `$1`...: empty in an interactive shell; a sourced script's arguments. */
  readonly positional: readonly string[];
  /** The working directory, for relative patterns. */
  readonly cwd: string;
  /** `~user`: the home directory from the passwd database, undefined for an unknown user. */
  homeDirectory(user: string): string | undefined;
  readonly listDirectory: ListDirectory;
  /** Runs `$(...)` in a subshell and gives its standard output. */
  commandSubstitution(program: Program): Promise<string>;
}

export class WordExpander {
  readonly #context: ExpansionContext;

  constructor(context: ExpansionContext) {
    this.#context = context;
  }

  /** Command words: every expansion, splitting and globbing; words may vanish or multiply. */
  async expandWords(words: readonly Word[]): Promise<string[]> {
    const fields: string[] = [];
    for (const word of words) fields.push(...(await this.expandWord(word)));
    return fields;
  }

  async expandWord(word: Word): Promise<string[]> {
    const segments = await this.#segments(word.parts, false);
    const ifs = this.#context.variables.get('IFS') ?? DEFAULT_IFS;
    const result: string[] = [];
    for (const field of splitFields(segments, ifs)) {
      const chars = patternCharsOf(field);
      const matches = hasGlobCharacters(chars)
        ? expandPathname(chars, this.#context.cwd, this.#context.listDirectory)
        : [];
      if (matches.length > 0) result.push(...matches);
      else result.push(GlobPattern.text(chars));
    }
    return result;
  }

  /** Assignment values, here-strings: expanded, never split or globbed. */
  async expandString(word: Word): Promise<string> {
    const segments = await this.#segments(word.parts, false);
    return segments.map((s) => s.text).join('');
  }

  /** A redirection's file name: it must expand to exactly one word (`$x: ambiguous redirect`). */
  async expandRedirectionTarget(word: Word): Promise<string> {
    const fields = await this.expandWord(word);
    if (fields.length !== 1) {
      throw new ShellError('ambiguous-redirect', `${word.raw}: ambiguous redirect`);
    }
    return fields[0]!;
  }

  /** An unquoted here-document's body (`$uri` with uri unset is empty, as in nginx examples). */
  async expandHereDocument(parts: readonly ExpansionPart[]): Promise<string> {
    const segments = await this.#segments(parts, true);
    return segments.map((s) => s.text).join('');
  }

  async #segments(
    parts: readonly (WordPart | ExpansionPart)[],
    quoted: boolean,
  ): Promise<Segment[]> {
    const segments: Segment[] = [];
    for (const part of parts) {
      switch (part.type) {
        case 'literal':
          segments.push({ text: part.text, quoted: false, splittable: false });
          break;
        case 'escaped':
        case 'single-quoted':
        case 'quoted-text':
          segments.push({ text: part.text, quoted: true, splittable: false });
          break;
        case 'double-quoted':
          // Even `""` leaves a (quoted, empty) mark: it makes an empty argument.
          segments.push({ text: '', quoted: true, splittable: false });
          segments.push(...(await this.#segments(part.parts, true)));
          break;
        case 'tilde':
          segments.push(this.#tilde(part.user));
          break;
        case 'parameter':
          segments.push(...(await this.#parameter(part, quoted)));
          break;
        case 'bad-substitution':
          if (part.unsupported) {
            throw ShellError.unsupported(part.text, 'these parameter expansions');
          }
          throw new ShellError('bad-substitution', `${part.text}: bad substitution`);
        case 'command-substitution': {
          // bash removes the trailing newlines of the output.
          const output = (await this.#context.commandSubstitution(part.program)).replace(
            /\n+$/,
            '',
          );
          segments.push({ text: output, quoted, splittable: !quoted });
          break;
        }
      }
    }
    return segments;
  }

  #tilde(user: string): Segment {
    const variables = this.#context.variables;
    let home: string | undefined;
    if (user === '') home = variables.get('HOME') ?? this.#context.homeDirectory('');
    else if (user === '+') home = variables.get('PWD');
    else if (user === '-') home = variables.get('OLDPWD');
    else home = this.#context.homeDirectory(user);
    // An unknown user leaves the word as typed (`~nouser` stays).
    if (home === undefined) return { text: `~${user}`, quoted: false, splittable: false };
    return { text: home, quoted: true, splittable: false };
  }

  /** A parameter's value, undefined when unset. */
  #value(name: string): string | undefined {
    const context = this.#context;
    switch (name) {
      case '?':
        return String(context.lastStatus);
      case '!':
        return context.lastBackgroundPid === undefined
          ? undefined
          : String(context.lastBackgroundPid);
      case '$':
        return String(context.shellPid);
      case '0':
        return context.shellName;
      case '#':
        return String(context.positional.length);
      case '@':
      case '*':
        return context.positional.join(' ');
      case '-':
        // An interactive bash's flags (himBHs): hashall, interactive, monitor, braceexpand,
        // histexpand, stdin.
        return 'himBHs';
      default:
        if (/^\d+$/.test(name)) return context.positional[Number(name) - 1];
        return context.variables.get(name);
    }
  }

  async #parameter(part: ParameterPart, quoted: boolean): Promise<Segment[]> {
    const value = this.#value(part.name);
    const plain = (text: string): Segment[] => [{ text, quoted, splittable: !quoted }];
    const operation = part.operation;
    if (operation === undefined) return plain(value ?? '');
    switch (operation.kind) {
      case 'length':
        return plain(String(Array.from(value ?? '').length));
      case 'remove-prefix':
      case 'remove-suffix':
        return plain(await this.#removePattern(value ?? '', operation));
      default:
        break;
    }
    const missing = value === undefined || (operation.colon && value === '');
    switch (operation.kind) {
      case 'default':
        return missing ? this.#operationWord(operation.word, quoted) : plain(value);
      case 'alternative':
        return missing ? [] : this.#operationWord(operation.word, quoted);
      case 'assign': {
        if (!missing) return plain(value);
        if (!/^[A-Za-z_]/.test(part.name)) {
          throw new ShellError('bad-substitution', `$${part.name}: cannot assign in this way`);
        }
        const segments = await this.#operationWord(operation.word, quoted);
        const text = segments.map((s) => s.text).join('');
        this.#context.variables.set(part.name, text);
        return plain(text);
      }
      case 'error': {
        if (!missing) return plain(value);
        const message = await this.expandString(operation.word);
        const fallback = operation.colon ? 'parameter null or not set' : 'parameter not set';
        throw new ShellError(
          'parameter-unset',
          `${part.name}: ${message === '' ? fallback : message}`,
        );
      }
    }
  }

  /** The word of `${x:-word}`: unquoted, its text is split like any expansion's result. */
  async #operationWord(word: Word, quoted: boolean): Promise<Segment[]> {
    const segments = await this.#segments(word.parts, quoted);
    return segments.map((s) => (s.quoted || quoted ? s : { ...s, splittable: true }));
  }

  async #removePattern(
    value: string,
    operation: Extract<ParameterOperation, { kind: 'remove-prefix' | 'remove-suffix' }>,
  ): Promise<string> {
    const segments = await this.#segments(operation.pattern.parts, false);
    const pattern = new GlobPattern(patternCharsOf(segments));
    const chars = Array.from(value);
    const candidates: number[] = [];
    for (let n = 0; n <= chars.length; n++) candidates.push(n);
    // Shortest match first for `#`/`%`, longest for `##`/`%%`.
    if (operation.longest) candidates.reverse();
    for (const n of candidates) {
      if (operation.kind === 'remove-prefix') {
        if (pattern.matches(chars.slice(0, n).join(''))) return chars.slice(n).join('');
      } else if (pattern.matches(chars.slice(chars.length - n).join(''))) {
        return chars.slice(0, chars.length - n).join('');
      }
    }
    return value;
  }
}

function patternCharsOf(segments: readonly Segment[]): PatternChar[] {
  const chars: PatternChar[] = [];
  for (const segment of segments) {
    for (const char of segment.text) chars.push({ char, quoted: segment.quoted });
  }
  return chars;
}
