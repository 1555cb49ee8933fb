// bash's pattern matching (lib/glob/strmatch.c, extglob off): `*`, `?` and bracket expressions
// `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `[[:alpha:]]`; quoted characters match themselves. Used for file
// names (pathname expansion) and for `${x#pattern}`. Characters are code points, so `?` matches one
// Korean syllable as it does in a UTF-8 locale.

/** One pattern character and whether it was quoted (a quoted `*` is a literal star). */
export interface PatternChar {
  readonly char: string;
  readonly quoted: boolean;
}

type BracketItem =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'class'; readonly test: (c: string) => boolean };

type Element =
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'bracket'; readonly negated: boolean; readonly items: readonly BracketItem[] };

function isControl(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /^\p{L}$/u.test(c),
  digit: (c) => /^[0-9]$/.test(c),
  alnum: (c) => /^[\p{L}0-9]$/u.test(c),
  upper: (c) => /^\p{Lu}$/u.test(c),
  lower: (c) => /^\p{Ll}$/u.test(c),
  space: (c) => /^\s$/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /^[!-/:-@[-`{-~]$/.test(c),
  xdigit: (c) => /^[0-9A-Fa-f]$/.test(c),
  cntrl: (c) => isControl(c),
  print: (c) => !isControl(c),
  graph: (c) => !isControl(c) && c !== ' ',
  word: (c) => /^[\p{L}0-9_]$/u.test(c),
};

/** Pattern characters from plain text, all unquoted (`${x#$pattern}`-style). */
export function patternChars(text: string, quoted = false): PatternChar[] {
  return Array.from(text, (char) => ({ char, quoted }));
}

export class GlobPattern {
  readonly #elements: readonly Element[];
  /** Whether the pattern has any unquoted `*`, `?` or bracket expression. */
  readonly hasWildcards: boolean;
  /** Whether it starts with a literal `.` (only then do names starting with `.` match). */
  readonly startsWithDot: boolean;

  constructor(chars: readonly PatternChar[]) {
    this.#elements = compile(chars);
    this.hasWildcards = this.#elements.some((e) => e.kind !== 'literal');
    const first = this.#elements[0];
    this.startsWithDot = first?.kind === 'literal' && first.char === '.';
  }

  /** Whether the whole of `text` matches. */
  matches(text: string): boolean {
    return matchFrom(this.#elements, 0, Array.from(text), 0);
  }

  /** The literal text (quote removal), for a pattern that matched nothing. */
  static text(chars: readonly PatternChar[]): string {
    return chars.map((c) => c.char).join('');
  }
}

/** Whether unquoted chars contain something that makes them a pattern. */
export function hasGlobCharacters(chars: readonly PatternChar[]): boolean {
  return chars.some((c) => !c.quoted && (c.char === '*' || c.char === '?' || c.char === '['));
}

function compile(chars: readonly PatternChar[]): Element[] {
  const elements: Element[] = [];
  for (let i = 0; i < chars.length; i++) {
    const { char, quoted } = chars[i]!;
    if (quoted) {
      elements.push({ kind: 'literal', char });
    } else if (char === '*') {
      // Consecutive stars are one (and globstar is off: `**` is `*`).
      if (elements.at(-1)?.kind !== 'star') elements.push({ kind: 'star' });
    } else if (char === '?') {
      elements.push({ kind: 'any' });
    } else if (char === '[') {
      const bracket = compileBracket(chars, i);
      if (bracket === undefined) {
        elements.push({ kind: 'literal', char });
      } else {
        elements.push(bracket.element);
        i = bracket.end;
      }
    } else {
      elements.push({ kind: 'literal', char });
    }
  }
  return elements;
}

/** The bracket expression starting at `start` (a `[`) and the index of its `]`, if it closes. */
function compileBracket(
  chars: readonly PatternChar[],
  start: number,
): { element: Element; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  const at = (k: number): PatternChar | undefined => chars[k];
  if (!at(i)?.quoted && (at(i)?.char === '!' || at(i)?.char === '^')) {
    negated = true;
    i++;
  }
  const items: BracketItem[] = [];
  let first = true;
  for (; i < chars.length; i++) {
    const { char, quoted } = chars[i]!;
    if (char === ']' && !quoted && !first)
      return { element: { kind: 'bracket', negated, items }, end: i };
    first = false;
    if (char === '[' && !quoted && at(i + 1)?.char === ':') {
      const rest = chars
        .slice(i + 2)
        .map((c) => c.char)
        .join('');
      const match = /^([a-z]+):\]/.exec(rest);
      const test = match === null ? undefined : CLASSES[match[1]!];
      if (match !== null && test !== undefined) {
        items.push({ kind: 'class', test });
        i += 2 + match[0].length - 1;
        continue;
      }
    }
    const next = at(i + 1);
    const after = at(i + 2);
    if (
      next?.char === '-' &&
      !next.quoted &&
      after !== undefined &&
      !(after.char === ']' && !after.quoted)
    ) {
      items.push({ kind: 'range', from: char.codePointAt(0)!, to: after.char.codePointAt(0)! });
      i += 2;
      continue;
    }
    items.push({ kind: 'char', char });
  }
  return undefined;
}

function matchBracket(element: Extract<Element, { kind: 'bracket' }>, c: string): boolean {
  const code = c.codePointAt(0)!;
  const found = element.items.some((item) =>
    item.kind === 'char'
      ? item.char === c
      : item.kind === 'range'
        ? code >= item.from && code <= item.to
        : item.test(c),
  );
  return found !== element.negated;
}

function matchFrom(
  elements: readonly Element[],
  e: number,
  text: readonly string[],
  t: number,
): boolean {
  // Iterative with one backtrack point per star (the classic wildcard algorithm).
  let starE = -1;
  let starT = -1;
  while (t < text.length) {
    const element = elements[e];
    if (element !== undefined && element.kind === 'star') {
      starE = e++;
      starT = t;
      continue;
    }
    if (element !== undefined && matchOne(element, text[t]!)) {
      e++;
      t++;
      continue;
    }
    if (starE === -1) return false;
    e = starE + 1;
    t = ++starT;
  }
  while (elements[e]?.kind === 'star') e++;
  return e === elements.length;
}

function matchOne(element: Element, c: string): boolean {
  switch (element.kind) {
    case 'literal':
      return element.char === c;
    case 'any':
      return true;
    case 'bracket':
      return matchBracket(element, c);
    case 'star':
      return false;
  }
}
