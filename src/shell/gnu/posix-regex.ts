// grep's patterns: POSIX basic (BRE, with GNU's `\+`, `\?`, `\|`, `\<`, `\>`, `\w`...) and
// extended (ERE, `-E`) regular expressions translated to JavaScript ones, with GNU grep's error
// texts for the malformed ones (`grep: Unmatched [, [^, [:, [., or [=`).

export type RegexResult =
  | { readonly ok: true; readonly regex: RegExp; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

export interface RegexOptions {
  readonly extended: boolean;
  readonly ignoreCase: boolean;
  /** -w: the match must be a whole word. */
  readonly words?: boolean;
  /** -x: the match must be the whole line. */
  readonly lines?: boolean;
  /** -F: the pattern is a plain string. */
  readonly fixed?: boolean;
}

const CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}',
  digit: '0-9',
  alnum: '\\p{L}0-9',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: '\\P{Cc}',
  graph: '!-~\\u{a1}-\\u{10ffff}',
  cntrl: '\\p{Cc}',
  xdigit: '0-9A-Fa-f',
};

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;
const WORD_START = '(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_])';
const WORD_END = '(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])';

class Unmatched {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

export function compilePattern(pattern: string, options: RegexOptions): RegexResult {
  let source: string;
  const warnings: string[] = [];
  try {
    source =
      options.fixed === true
        ? escapeLiteral(pattern)
        : translate(pattern, options.extended, warnings);
  } catch (error) {
    if (error instanceof Unmatched) return { ok: false, message: error.message };
    throw error;
  }
  if (options.lines === true) source = `^(?:${source})$`;
  else if (options.words === true) source = `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
  try {
    return { ok: true, regex: new RegExp(source, options.ignoreCase ? 'iu' : 'u'), warnings };
  } catch {
    return { ok: false, message: 'Invalid regular expression' };
  }
}

function escapeLiteral(text: string): string {
  let out = '';
  for (const c of text) out += JS_SPECIAL.test(c) ? `\\${c}` : c;
  return out;
}

function translate(pattern: string, extended: boolean, warnings: string[]): string {
  const chars = Array.from(pattern);
  let out = '';
  let depth = 0;
  // where `*` is literal and `^` an anchor: the start, after an open group or an alternation
  let atStart = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const startHere = atStart;
    atStart = false;
    if (c === '[') {
      const { text, next } = bracket(chars, i);
      out += text;
      i = next;
      continue;
    }
    if (c === '\\') {
      const n = chars[++i];
      if (n === undefined) throw new Unmatched('Trailing backslash');
      if (!extended && n === '(') {
        depth++;
        out += '(';
        atStart = true;
      } else if (!extended && n === ')') {
        if (depth === 0) throw new Unmatched('Unmatched ) or \\)');
        depth--;
        out += ')';
      } else if (!extended && n === '|') {
        out += '|';
        atStart = true;
      } else if (!extended && n === '{') {
        const close = chars.indexOf('\\', i + 1);
        const body = close < 0 ? '' : chars.slice(i + 1, close).join('');
        if (close < 0 || chars[close + 1] !== '}' || !/^\d*(,\d*)?$/.test(body))
          throw new Unmatched('Unmatched \\{');
        out += `{${body.startsWith(',') ? `0${body}` : body}}`;
        i = close + 1;
      } else if (!extended && (n === '+' || n === '?')) {
        out += n;
      } else if (n === '<') out += WORD_START;
      else if (n === '>') out += WORD_END;
      else if (/[wWsSbB]/.test(n)) out += `\\${n}`;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else out += JS_SPECIAL.test(n) ? `\\${n}` : n;
      continue;
    }
    if (extended) {
      if (c === '(') {
        depth++;
        out += '(';
        atStart = true;
        continue;
      }
      if (c === ')') {
        // GNU ERE: a `)` with no `(` open is an ordinary character
        if (depth === 0) out += '\\)';
        else {
          depth--;
          out += ')';
        }
        continue;
      }
      if (c === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (c === '{') {
        const close = chars.indexOf('}', i);
        const body = close < 0 ? '' : chars.slice(i + 1, close).join('');
        if (close > 0 && /^\d+(,\d*)?$|^,\d+$/.test(body)) {
          out += `{${body.startsWith(',') ? `0${body}` : body}}`;
          i = close;
        } else out += '\\{';
        continue;
      }
      if ((c === '+' || c === '?' || c === '*') && startHere) {
        // grep 3.8 warns, and takes it as an ordinary character
        warnings.push(`${c} at start of expression`);
        out += `\\${c}`;
        continue;
      }
      if (c === '+' || c === '?') {
        out += c;
        continue;
      }
      if (c === '}') {
        out += '\\}';
        continue;
      }
    }
    if (c === '*') {
      out += startHere ? '\\*' : '*';
      continue;
    }
    if (c === '^') {
      out += startHere || extended ? '^' : '\\^';
      if (startHere) atStart = true;
      continue;
    }
    if (c === '$') {
      const next = chars[i + 1];
      const anchor =
        extended ||
        next === undefined ||
        (next === '\\' && (chars[i + 2] === ')' || chars[i + 2] === '|'));
      out += anchor ? '$' : '\\$';
      continue;
    }
    if (c === '.') {
      out += '.';
      continue;
    }
    out += JS_SPECIAL.test(c) ? `\\${c}` : c;
  }
  if (depth > 0) throw new Unmatched('Unmatched ( or \\(');
  return out;
}

/** A bracket expression from `[`; returns its JS form and the index of its `]`. */
function bracket(chars: readonly string[], start: number): { text: string; next: number } {
  let i = start + 1;
  // a `[` that ends the pattern is GNU's "Invalid regular expression", not "Unmatched ["
  if (i >= chars.length) throw new Unmatched('Invalid regular expression');
  let out = '[';
  if (chars[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ']' && !first) return { text: `${out}]`, next: i };
    first = false;
    if (c === '[' && (chars[i + 1] === ':' || chars[i + 1] === '.' || chars[i + 1] === '=')) {
      const kind = chars[i + 1]!;
      let j = i + 2;
      let name = '';
      while (j < chars.length && !(chars[j] === kind && chars[j + 1] === ']')) name += chars[j++]!;
      if (j >= chars.length) throw new Unmatched('Unmatched [, [^, [:, [., or [=');
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new Unmatched('Invalid character class name');
        out += cls;
      } else out += escapeInClass(name);
      i = j + 1;
      continue;
    }
    if (c === '-' && chars[i + 1] !== ']' && out.length > 1) {
      out += '-';
      continue;
    }
    out += escapeInClass(c);
  }
  throw new Unmatched('Unmatched [, [^, [:, [., or [=');
}

function escapeInClass(c: string): string {
  return /[\\\][^\-/]/.test(c) ? `\\${c}` : c;
}
