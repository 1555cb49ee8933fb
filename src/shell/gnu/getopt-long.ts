// Command-line options as glibc's getopt_long reads them for GNU programs: short options bundled
// (`-la`), an argument attached or next (`-n5`, `-n 5`), long options with `=` or next and any
// unambiguous prefix (`--all`, `--al`), `--` ending options, and — GNU's permutation — options
// after operands too (`ls /tmp -l`), unless POSIXLY_CORRECT. Its error texts are glibc 2.36's.

export type ArgumentKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  /** The key the option is reported under. */
  readonly id: string;
  readonly short?: string;
  readonly long?: string;
  readonly argument?: ArgumentKind;
}

export interface ParsedOption {
  readonly id: string;
  readonly value: string | undefined;
  /** How it was written (`-n`, `--lines`), for messages. */
  readonly written: string;
}

export type GetoptResult =
  | {
      readonly ok: true;
      readonly options: readonly ParsedOption[];
      readonly operands: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

export interface GetoptOptions {
  /** Stop at the first operand (POSIX; `env` and `sudo` stop there to find their command). */
  readonly stopAtOperand?: boolean;
  /** A lone number option such as head's `-5` is handed back as an operand-like option `#`. */
  readonly numberOption?: boolean;
}

export function getoptLong(
  program: string,
  args: readonly string[],
  specs: readonly OptionSpec[],
  options: GetoptOptions = {},
): GetoptResult {
  const parsed: ParsedOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const exact = specs.find((spec) => spec.long === name);
      const matches =
        exact !== undefined
          ? [exact]
          : specs.filter((spec) => spec.long?.startsWith(name) === true);
      const distinct = [...new Set(matches.map((spec) => spec.id))];
      if (matches.length === 0) return fail(`${program}: unrecognized option '${arg}'`);
      if (distinct.length > 1) {
        const possibilities = matches.map((spec) => `'--${spec.long!}'`).join(' ');
        return fail(
          `${program}: option '${arg.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities: ${possibilities}`,
        );
      }
      const spec = matches[0]!;
      const written = `--${spec.long!}`;
      const kind = spec.argument ?? 'none';
      if (eq >= 0) {
        if (kind === 'none')
          return fail(`${program}: option '${written}' doesn't allow an argument`);
        parsed.push({ id: spec.id, value: arg.slice(eq + 1), written });
      } else if (kind === 'required') {
        if (i + 1 >= args.length)
          return fail(`${program}: option '${written}' requires an argument`);
        parsed.push({ id: spec.id, value: args[++i]!, written });
      } else {
        parsed.push({ id: spec.id, value: undefined, written });
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      if (options.numberOption === true && /^-\d+$/.test(arg)) {
        parsed.push({ id: '#', value: arg.slice(1), written: arg });
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = specs.find((candidate) => candidate.short === letter);
        if (spec === undefined) return fail(`${program}: invalid option -- '${letter}'`);
        const kind = spec.argument ?? 'none';
        if (kind === 'none') {
          parsed.push({ id: spec.id, value: undefined, written: `-${letter}` });
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') {
          parsed.push({ id: spec.id, value: rest, written: `-${letter}` });
        } else if (kind === 'required') {
          if (i + 1 >= args.length)
            return fail(`${program}: option requires an argument -- '${letter}'`);
          parsed.push({ id: spec.id, value: args[++i]!, written: `-${letter}` });
        } else {
          parsed.push({ id: spec.id, value: undefined, written: `-${letter}` });
        }
        break;
      }
      continue;
    }
    if (options.stopAtOperand === true) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { ok: true, options: parsed, operands };
}

function fail(message: string): GetoptResult {
  return { ok: false, message };
}

/** coreutils' emit_try_help. */
export function tryHelp(program: string): string {
  return `Try '${program} --help' for more information.\n`;
}

/** Whether an option was given. */
export function has(options: readonly ParsedOption[], id: string): boolean {
  return options.some((option) => option.id === id);
}

/** The value of the last occurrence of an option. */
export function last(options: readonly ParsedOption[], id: string): ParsedOption | undefined {
  return options.filter((option) => option.id === id).at(-1);
}
