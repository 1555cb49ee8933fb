// `!` history expansion as an interactive bash 5.2 does it on each line it reads, before parsing
// (lib/readline/histexpand.c with bash's settings): `!!`, `!N`, `!-N`, `!string`, `!?string?`,
// `!#`, word designators (`!$`, `!^`, `!*`, `!!:N`, `:N-M`, `:N*`). Single quotes, a backslash,
// `$!`, `${!` and `[!` keep a `!` literal; so does a `!` before a blank, `=`, or (in double
// quotes) `"`.
// When a line changed, bash prints the new line (to stderr) before running it.

import type { History } from './history.ts';
import { ShellError } from './shell-error.ts';

export interface HistoryExpansion {
  readonly line: string;
  /** Whether anything was expanded (bash then echoes `line`). */
  readonly expanded: boolean;
}

/** Characters after `!` that leave it alone (bash's history_no_expand_chars " \t\n\r="). */
const NO_EXPAND = new Set([' ', '\t', '\n', '\r', '=']);
/** Characters that end a `!string` search (whitespace, `:`, bash's ";&()|<>"). */
const SEARCH_END = new Set([' ', '\t', '\n', ':', ';', '&', '(', ')', '|', '<', '>']);
/** readline's history modifiers (`:h`, `:s/a/b/` ...): real, but not in this subset. */
const MODIFIERS = new Set(['h', 't', 'r', 'e', 'p', 's', 'q', 'x', '&', 'g', 'a', 'G']);

export function expandHistory(line: string, history: History): HistoryExpansion {
  let out = '';
  let expanded = false;
  let inSingle = false;
  let inDouble = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (inSingle) {
      if (c === "'") inSingle = false;
      out += c;
      i++;
      continue;
    }
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) inSingle = true;
    else if (c === '"') inDouble = !inDouble;
    if (c !== '!' || !expandsHere(line, i, inDouble)) {
      out += c;
      i++;
      continue;
    }
    const { text, end } = expandAt(line, i, history, out);
    out += text;
    i = end;
    expanded = true;
  }
  return { line: out, expanded };
}

function expandsHere(line: string, i: number, inDouble: boolean): boolean {
  const next = line[i + 1];
  if (next === undefined || NO_EXPAND.has(next)) return false;
  if (inDouble && next === '"') return false;
  // `$!` and `${!name}` belong to the shell (bash_history_inhibit_expansion).
  if (i > 0 && line[i - 1] === '$') return false;
  if (i > 1 && line[i - 1] === '{' && line[i - 2] === '$') return false;
  // `[!...]` is a bracket expression (bash_history_inhibit_expansion): `sites-[!a]*` stays.
  if (i > 0 && line[i - 1] === '[' && line.includes(']', i + 1)) return false;
  return true;
}

/** Expands the `!` at `start`; `typed` is the line's expansion so far (for `!#`). */
function expandAt(
  line: string,
  start: number,
  history: History,
  typed: string,
): { text: string; end: number } {
  let j = start + 1;
  let event: string | undefined;
  const entries = history.entries;
  const c = line[j]!;
  let designatorOptional = true;
  if (c === '!') {
    event = entries.at(-1);
    j++;
  } else if (c === '#') {
    event = typed;
    j++;
  } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(line[j + 1] ?? ''))) {
    const match = /^-?\d+/.exec(line.slice(j))!;
    const n = Number(match[0]);
    j += match[0].length;
    event = n < 0 ? entries.at(n) : history.byNumber(n);
  } else if (c === '?') {
    const close = line.indexOf('?', j + 1);
    const lineEnd = line.indexOf('\n', j + 1);
    const stop = close === -1 ? (lineEnd === -1 ? line.length : lineEnd) : close;
    const needle = line.slice(j + 1, stop);
    j = close === -1 ? stop : close + 1;
    event = [...entries].reverse().find((entry) => entry.includes(needle));
  } else if (c === '$' || c === '^' || c === '*' || c === ':') {
    // `!$` is `!!:$`: a word designator with the previous command as its event.
    event = entries.at(-1);
  } else {
    let k = j;
    while (k < line.length && !SEARCH_END.has(line[k]!)) k++;
    const prefix = line.slice(j, k);
    j = k;
    event = [...entries].reverse().find((entry) => entry.startsWith(prefix));
    designatorOptional = false;
  }
  if (event === undefined) {
    throw new ShellError('event-not-found', `${line.slice(start, j)}: event not found`);
  }
  const designator = wordDesignator(line, j, designatorOptional);
  if (designator === undefined) return { text: event, end: j };
  const words = historyWords(event);
  const selected = selectWords(words, designator.spec);
  if (selected === undefined) {
    throw new ShellError('bad-word-specifier', `${designator.spec.text}: bad word specifier`);
  }
  return { text: selected, end: designator.end };
}

interface DesignatorSpec {
  readonly first: number | '$';
  /** Inclusive; undefined: only `first`. */
  readonly last: number | '$' | undefined;
  readonly text: string;
}

/** The word designator at `j`: `:N`, `:N-M`, `:N*`, `:$`, `:^`, `:*`, or `$`/`^`/`*` without `:`. */
function wordDesignator(
  line: string,
  j: number,
  colonOptional: boolean,
): { spec: DesignatorSpec; end: number } | undefined {
  let k = j;
  const c = line[k];
  if (c === ':') {
    k++;
  } else if (!(colonOptional && (c === '$' || c === '^' || c === '*'))) {
    return undefined;
  }
  const rest = line.slice(k);
  const match = /^(?:\*|\$|\^|(\d+|\^)(?:(\*)|-(\d+|\$)?)?)/.exec(rest);
  if (match === null || match[0] === '') {
    const next = line[k] ?? '';
    if (MODIFIERS.has(next)) throw ShellError.unsupported(`:${next}`, 'history modifiers');
    throw new ShellError('bad-word-specifier', `${next}: unrecognized history modifier`);
  }
  const token = match[0];
  const text = line.slice(j, k + token.length);
  const end = k + token.length;
  const toIndex = (s: string): number | '$' => (s === '$' ? '$' : s === '^' ? 1 : Number(s));
  let spec: DesignatorSpec;
  if (token === '*') spec = { first: 1, last: '$', text };
  else if (token === '$' || token === '^') spec = { first: toIndex(token), last: undefined, text };
  else {
    const first = toIndex(match[1]!);
    if (match[2] === '*') spec = { first, last: '$', text };
    else if (token.includes('-'))
      spec = { first, last: match[3] === undefined ? -1 : toIndex(match[3]), text };
    else spec = { first, last: undefined, text };
  }
  return { spec, end };
}

function selectWords(words: readonly string[], spec: DesignatorSpec): string | undefined {
  const index = (n: number | '$'): number => (n === '$' ? words.length - 1 : n);
  const first = index(spec.first);
  // `N-` means up to the word before the last one (readline's "x-" form).
  const last =
    spec.last === undefined ? first : spec.last === -1 ? words.length - 2 : index(spec.last);
  // `!*` of a one-word command is empty, not an error.
  if (spec.first === 1 && spec.last === '$' && words.length === 1) return '';
  if (first < 0 || first >= words.length || last >= words.length || last < first) return undefined;
  return words.slice(first, last + 1).join(' ');
}

/** Splits a history entry into words as readline's history_tokenize does: quotes kept together,
 * `;`, `&`, `|`, `(`, `)`, `<`, `>` runs as words of their own. */
export function historyWords(entry: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < entry.length) {
    while (i < entry.length && /\s/.test(entry[i]!)) i++;
    if (i >= entry.length) break;
    const start = i;
    if (';&|()<>'.includes(entry[i]!)) {
      const operator = /^(?:;;|&&|\|\||>>|<<|&>|>&|\|&|[;&|()<>])/.exec(entry.slice(i))![0];
      words.push(operator);
      i += operator.length;
      continue;
    }
    while (i < entry.length && !/\s/.test(entry[i]!) && !';&|()<>'.includes(entry[i]!)) {
      const c = entry[i]!;
      if (c === '\\') {
        i += 2;
      } else if (c === "'" || c === '"') {
        const close = entry.indexOf(c, i + 1);
        i = close === -1 ? entry.length : close + 1;
      } else {
        i++;
      }
    }
    words.push(entry.slice(start, i));
  }
  return words;
}
