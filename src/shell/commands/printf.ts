// bash's `printf` builtin: the format reused until the arguments are used up, conversions %s %b %c
// %d %i %o %u %x %X %e %f %g %q %% with flags, width and precision (`*` too), backslash escapes,
// and `-v VAR`. A bad number is reported (`bash: printf: abc: invalid number`) and taken as 0.

import type { CommandDefinition } from '../program.ts';
import { expandEscapes } from './echo.ts';

export const printf: CommandDefinition = {
  name: 'printf',
  builtin: true,
  programs: ['/usr/bin/printf'],
  options: ['-v'],
  run: ({ argv, stdout, stderr, shell }) => {
    let args = argv.slice(1);
    let variable: string | undefined;
    if (args[0] === '-v') {
      variable = args[1];
      if (variable === undefined) {
        stderr.write(
          'bash: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n',
        );
        return 2;
      }
      args = args.slice(2);
    } else if (args[0] === '--') {
      args = args.slice(1);
    } else if (args[0] !== undefined && /^-./.test(args[0])) {
      stderr.write(
        `bash: printf: ${args[0].slice(0, 2)}: invalid option\nprintf: usage: printf [-v var] format [arguments]\n`,
      );
      return 2;
    }
    const format = args[0];
    if (format === undefined) {
      stderr.write('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const result = formatAll(format, args.slice(1));
    for (const problem of result.problems) stderr.write(`bash: printf: ${problem}\n`);
    if (variable !== undefined) shell.state.variables.set(variable, result.text);
    else stdout.write(result.text);
    return result.problems.length > 0 ? 1 : 0;
  },
};

interface Formatted {
  readonly text: string;
  readonly problems: string[];
}

export function formatAll(format: string, args: readonly string[]): Formatted {
  const problems: string[] = [];
  let out = '';
  let next = 0;
  const take = (): string | undefined => (next < args.length ? args[next++] : undefined);
  do {
    const start = next;
    const pass = formatOnce(format, take, problems);
    out += pass.text;
    if (pass.stop || next === start) break;
  } while (next < args.length);
  return { text: out, problems };
}

function number(text: string | undefined, problems: string[]): number {
  if (text === undefined || text === '') return 0;
  if (/^['"]/.test(text)) return text.codePointAt(1) ?? 0;
  const trimmed = text.trim();
  const value = /^[+-]?0[xX][0-9a-fA-F]+$/.test(trimmed)
    ? parseInt(trimmed, 16)
    : /^[+-]?0[0-7]+$/.test(trimmed)
      ? parseInt(trimmed, 8)
      : /^[+-]?\d+$/.test(trimmed)
        ? parseInt(trimmed, 10)
        : Number.NaN;
  if (Number.isNaN(value)) {
    problems.push(`${text}: invalid number`);
    const lead = /^[+-]?\d+/.exec(trimmed);
    return lead === null ? 0 : parseInt(lead[0], 10);
  }
  return value;
}

function formatOnce(
  format: string,
  take: () => string | undefined,
  problems: string[],
): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '\\') {
      const rest = format.slice(i);
      const octal = /^\\([0-7]{1,3})/.exec(rest);
      if (octal !== null) {
        out += String.fromCharCode(parseInt(octal[1]!, 8));
        i += octal[0].length - 1;
        continue;
      }
      const escaped = expandEscapes(rest.slice(0, 2));
      if (rest[1] === 'c') return { text: out, stop: true };
      out += escaped.text;
      i++;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])?/.exec(format.slice(i))!;
    i += spec[0].length - 1;
    const flags = spec[1]!;
    const width =
      spec[2] === '*'
        ? number(take(), problems)
        : spec[2] === undefined
          ? undefined
          : Number(spec[2]);
    const precision =
      spec[3] === '*'
        ? number(take(), problems)
        : spec[3] === undefined
          ? undefined
          : Number(spec[3] || '0');
    const conversion = spec[4];
    if (conversion === undefined) {
      problems.push(`${spec[0]}: invalid format character`);
      return { text: out, stop: true };
    }
    let text: string;
    switch (conversion) {
      case '%':
        out += '%';
        continue;
      case 's':
        text = take() ?? '';
        if (precision !== undefined) text = text.slice(0, precision);
        break;
      case 'b': {
        const expanded = expandEscapes(take() ?? '');
        text = expanded.text;
        if (expanded.stop) return { text: out + pad(text, width, flags), stop: true };
        break;
      }
      case 'q':
        text = shellQuote(take() ?? '');
        break;
      case 'c':
        text = Array.from(take() ?? '')[0] ?? '';
        break;
      case 'd':
      case 'i':
      case 'u': {
        let n = number(take(), problems);
        if (conversion === 'u' && n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
        text = integerText(n, flags, precision);
        break;
      }
      case 'o':
      case 'x':
      case 'X': {
        const n = number(take(), problems);
        const base = conversion === 'o' ? 8 : 16;
        let digits = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(base);
        if (conversion === 'X') digits = digits.toUpperCase();
        if (precision !== undefined) digits = digits.padStart(precision, '0');
        if (flags.includes('#') && n !== 0)
          digits = (conversion === 'o' ? '0' : conversion === 'x' ? '0x' : '0X') + digits;
        text = digits;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const raw = take();
        const value = raw === undefined || raw === '' ? 0 : Number(raw);
        if (raw !== undefined && raw !== '' && Number.isNaN(value))
          problems.push(`${raw}: invalid number`);
        const n = Number.isNaN(value) ? 0 : value;
        const p = precision ?? 6;
        const lower = conversion.toLowerCase();
        text =
          lower === 'f'
            ? n.toFixed(p)
            : lower === 'e'
              ? n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2')
              : String(Number(n.toPrecision(p === 0 ? 1 : p)));
        if (conversion === conversion.toUpperCase()) text = text.toUpperCase();
        if (flags.includes('+') && n >= 0) text = `+${text}`;
        else if (flags.includes(' ') && n >= 0) text = ` ${text}`;
        break;
      }
      default:
        problems.push(`%${conversion}: invalid format character`);
        return { text: out, stop: true };
    }
    out += pad(text, width, flags);
  }
  return { text: out, stop: false };
}

function integerText(n: number, flags: string, precision: number | undefined): string {
  let digits = String(Math.abs(Math.trunc(n)));
  if (precision !== undefined) digits = digits.padStart(precision, '0');
  const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + digits;
}

function pad(text: string, width: number | undefined, flags: string): string {
  if (width === undefined) return text;
  const left = flags.includes('-') || width < 0;
  const size = Math.abs(width);
  const length = Array.from(text).length;
  if (length >= size) return text;
  if (left) return text + ' '.repeat(size - length);
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(size - sign.length, '0');
  }
  return ' '.repeat(size - length) + text;
}

/** %q: how bash quotes a word to be reused as shell input. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f')) {
    return `$'${text.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
  }
  return text.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}
