// Tab completion as bash's readline does it (readline 8.2 complete.c with bash's settings): the
// word before the cursor is found and unquoted, an injected Completer offers candidates (commands,
// paths, options, variables — it knows the machine), and readline's rules apply: one candidate is
// inserted with `/` after a directory or a space after anything else; several insert their
// longest common prefix and ring the bell; a second Tab that changed nothing lists them in columns
// (down, then across, as rl_display_match_list does), asking first when there are 100 or more.

import { stringWidth } from './terminal-width.ts';

export interface CompletionRequest {
  /** The whole line and the cursor (a string index). */
  readonly line: string;
  readonly cursor: number;
  /** The word being completed, quotes and backslashes removed (`a\ b` is `a b`). */
  readonly word: string;
  /** The command name is being completed (first word, or after `|`, `;`, `&&`, `||`, `&`). */
  readonly commandPosition: boolean;
  /** The words before it on this command, unquoted (`ls -l` when completing `ls -l /et`). */
  readonly previousWords: readonly string[];
}

export interface CompletionCandidate {
  /** The completed word, unquoted, in the form the word was typed (`~/hel` → `~/helloWorld`). */
  readonly text: string;
  /** A directory: completed with `/` instead of a space, listed with `/`. */
  readonly directory?: boolean;
}

/** Supplied by the machine: commands on PATH and builtins, files, options. */
export interface Completer {
  complete(request: CompletionRequest): readonly CompletionCandidate[];
}

/** readline's completion-query-items: from this many on, ask before listing. */
export const COMPLETION_QUERY_ITEMS = 100;

/** bash's word break characters for completion (rl_completer_word_break_characters). */
const WORD_BREAKS = new Set([
  ' ',
  '\t',
  '\n',
  '"',
  "'",
  '@',
  '>',
  '<',
  '=',
  ';',
  '|',
  '&',
  '(',
  ':',
]);
/** Characters bash backslash-quotes in a completed file name (rl_filename_quote_characters). */
const NEEDS_QUOTING = new Set([...' \t\n\\"\'@<>=;|&()#$`?*[!:{']);
/** What ends a command: the next word is in command position. */
const COMMAND_SEPARATORS = ['|', '&', ';', '(', '`', '\n'];

export interface CompletionWord {
  /** String index where the replaceable text starts (after an opening quote, if any). */
  readonly start: number;
  /** The quote the word is inside, or ''. */
  readonly quote: '' | '"' | "'";
  readonly request: CompletionRequest;
}

/** Finds the word before the cursor the way readline does (quotes and backslashes respected). */
export function completionWord(line: string, cursor: number): CompletionWord {
  let quote: '' | '"' | "'" = '';
  let start = 0;
  let quoteStart = 0;
  for (let i = 0; i < cursor; i++) {
    const c = line[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      quoteStart = i;
      continue;
    }
    if (WORD_BREAKS.has(c)) start = i + 1;
  }
  if (quote !== '') start = quoteStart + 1;
  // A word that has a closed quote inside (`"a b"x`) starts where its first quote is.
  const raw = line.slice(start, cursor);
  const word =
    quote === '' ? unquote(raw) : quote === '"' ? raw.replace(/\\([$`"\\])/g, '$1') : raw;
  const before = line.slice(0, quote === '' ? start : quoteStart);
  const lastBreak = Math.max(...COMMAND_SEPARATORS.map((s) => before.lastIndexOf(s)));
  const commandWords = splitWords(before.slice(lastBreak + 1));
  const previousWords = commandWords.filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  const commandPosition = previousWords.length === 0 && !before.trimEnd().endsWith('=');
  return {
    start,
    quote,
    request: {
      line,
      cursor,
      word,
      commandPosition,
      previousWords,
    },
  };
}

function unquote(raw: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else out += c;
    } else if (c === '\\') {
      out += raw[++i] ?? '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}

function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else current += c;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') current += text[++i] ?? '';
    else if (c === '"' || c === "'") quote = c;
    else current += c;
  }
  if (inWord) words.push(current);
  return words;
}

/** The text to put in the line for a completed word: backslash-quoted, or inside its quote. */
export function quoteCompletion(text: string, quote: '' | '"' | "'"): string {
  if (quote === "'") return text.replaceAll("'", `'\\''`);
  if (quote === '"') return text.replace(/[$`"\\]/g, '\\$&');
  let out = '';
  Array.from(text).forEach((c, i) => {
    // A leading `~` stays a tilde (bash_quote_filename keeps it expandable).
    out += NEEDS_QUOTING.has(c) && !(i === 0 && c === '~') ? `\\${c}` : c;
  });
  return out;
}

export function longestCommonPrefix(texts: readonly string[]): string {
  if (texts.length === 0) return '';
  let prefix = Array.from(texts[0]!);
  for (const text of texts.slice(1)) {
    const chars = Array.from(text);
    let n = 0;
    while (n < prefix.length && n < chars.length && prefix[n] === chars[n]) n++;
    prefix = prefix.slice(0, n);
  }
  return prefix.join('');
}

/** What a candidate shows as in a list: the part after the last `/`, and `/` for a directory. */
export function candidateDisplay(candidate: CompletionCandidate): string {
  const text = candidate.text.endsWith('/') ? candidate.text.slice(0, -1) : candidate.text;
  const base = text.includes('/') ? text.slice(text.lastIndexOf('/') + 1) : text;
  return candidate.directory === true ? `${base}/` : base;
}

/**
 * The candidates in columns, as rl_display_match_list prints them (print-completions-horizontally
 * off): sorted down the columns; a column is as wide as the longest name plus 2 — the `/` shown
 * after a directory is not counted, so it eats into the gap — and every column but the last is
 * padded. Lines end in `\r\n`.
 */
export function formatCandidateColumns(
  candidates: readonly CompletionCandidate[],
  columns: number,
): string {
  const items = candidates
    .map((candidate) => {
      const display = candidateDisplay(candidate);
      const name = candidate.directory === true ? display.slice(0, -1) : display;
      return { display, width: stringWidth(name) };
    })
    .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const max = Math.max(...items.map((item) => item.width)) + 2;
  let limit = Math.floor(columns / max);
  if (limit !== 1 && limit * max === columns) limit--;
  if (limit <= 0) limit = 1;
  const rows = Math.ceil(items.length / limit);
  let out = '';
  for (let row = 0; row < rows; row++) {
    for (let j = 0, l = row; j < limit && l < items.length; j++, l += rows) {
      const item = items[l]!;
      out += item.display;
      if (j + 1 < limit) out += ' '.repeat(Math.max(0, max - stringWidth(item.display)));
    }
    out += '\r\n';
  }
  return out;
}
