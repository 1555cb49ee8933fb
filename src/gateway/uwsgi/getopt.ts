// glibc 2.36's getopt_long as uWSGI calls it (core/init.c uwsgi_commandline_config): one option at
// a time, over an option table that may grow between calls (a `--plugin` adds its options before
// the next argument is read). GNU behaviour throughout: arguments that are not options are set
// aside and handed back at the end ("permutation"), `--` ends the options, a long option may be
// abbreviated to any unambiguous prefix, `--name=value` or `--name value` for a required argument
// but only `--name=value` for an optional one; one-letter options cluster (`-Mp2`). The error texts
// are glibc's (posix/getopt.c), prefixed with the program name as typed.

import type { OptionSpec } from './option-specs.ts';

export type GetoptResult =
  | { readonly kind: 'option'; readonly name: string; readonly value: string | undefined }
  /** getopt printed `message` and returned '?' (uWSGI then prints `getopt_long() error`). */
  | { readonly kind: 'error'; readonly message: string }
  /** No more options; `operands` are the other arguments, in order. */
  | { readonly kind: 'end'; readonly operands: readonly string[] };

export class GetoptLong {
  readonly #argv: readonly string[];
  readonly #program: string;
  #index = 1;
  // the rest of a cluster of one-letter options (`-Mp2` after -M: `p2`)
  #cluster = '';
  readonly #operands: string[] = [];

  /** `argv[0]` is the program name as typed (`uwsgi`); getopt's messages start with it. */
  constructor(argv: readonly string[]) {
    this.#argv = argv;
    this.#program = argv[0] ?? 'uwsgi';
  }

  next(table: readonly OptionSpec[]): GetoptResult {
    if (this.#cluster !== '') return this.#short(table);
    for (;;) {
      const arg = this.#argv[this.#index];
      if (arg === undefined) return { kind: 'end', operands: this.#operands };
      if (arg === '--') {
        this.#operands.push(...this.#argv.slice(this.#index + 1));
        this.#index = this.#argv.length;
        return { kind: 'end', operands: this.#operands };
      }
      if (arg.startsWith('--')) {
        this.#index++;
        return this.#long(table, arg.slice(2));
      }
      if (arg.startsWith('-') && arg.length > 1) {
        this.#index++;
        this.#cluster = arg.slice(1);
        return this.#short(table);
      }
      this.#operands.push(arg);
      this.#index++;
    }
  }

  #long(table: readonly OptionSpec[], text: string): GetoptResult {
    const equal = text.indexOf('=');
    const name = equal < 0 ? text : text.slice(0, equal);
    const attached = equal < 0 ? undefined : text.slice(equal + 1);
    let found = table.find((spec) => spec.name === name);
    if (found === undefined) {
      const matches = table.filter((spec) => spec.name.startsWith(name));
      if (matches.length > 1) {
        // every uWSGI option has its own `val` (1000 + position, build_options), so two prefix
        // matches are always ambiguous
        const list = matches.map((spec) => ` '--${spec.name}'`).join('');
        return {
          kind: 'error',
          message: `${this.#program}: option '--${text}' is ambiguous; possibilities:${list}`,
        };
      }
      found = matches[0];
    }
    if (found === undefined)
      return { kind: 'error', message: `${this.#program}: unrecognized option '--${text}'` };
    if (attached !== undefined) {
      if (found.arg === 'none')
        return {
          kind: 'error',
          message: `${this.#program}: option '--${found.name}' doesn't allow an argument`,
        };
      return { kind: 'option', name: found.name, value: attached };
    }
    if (found.arg === 'required') {
      const value = this.#argv[this.#index];
      if (value === undefined)
        return {
          kind: 'error',
          message: `${this.#program}: option '--${found.name}' requires an argument`,
        };
      this.#index++;
      return { kind: 'option', name: found.name, value };
    }
    return { kind: 'option', name: found.name, value: undefined };
  }

  #short(table: readonly OptionSpec[]): GetoptResult {
    const letter = this.#cluster[0]!;
    this.#cluster = this.#cluster.slice(1);
    // the short option string holds each letter once, from the first option that has it
    const spec = table.find((candidate) => candidate.short === letter);
    if (spec === undefined) {
      this.#cluster = '';
      return { kind: 'error', message: `${this.#program}: invalid option -- '${letter}'` };
    }
    if (spec.arg === 'none') return { kind: 'option', name: spec.name, value: undefined };
    if (this.#cluster !== '') {
      const value = this.#cluster;
      this.#cluster = '';
      return { kind: 'option', name: spec.name, value };
    }
    if (spec.arg === 'optional') return { kind: 'option', name: spec.name, value: undefined };
    const value = this.#argv[this.#index];
    if (value === undefined)
      return {
        kind: 'error',
        message: `${this.#program}: option requires an argument -- '${letter}'`,
      };
    this.#index++;
    return { kind: 'option', name: spec.name, value };
  }
}
