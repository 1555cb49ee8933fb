// Regular expressions from nginx configs (location ~, server_name ~) as JavaScript RegExps. nginx
// 1.22.1 on Debian 12 uses PCRE2; the patterns people write for locations use the part of PCRE that
// JavaScript shares, plus `(?P<name>…)`/`(?'name'…)` groups and `\A`/`\z` anchors, translated here.
// The mistakes people make (unbalanced brackets, a quantifier with nothing before it) are found
// with PCRE2's own messages and offsets, as nginx prints them:
// `pcre2_compile() failed: missing closing parenthesis in "^/(abc"`.
// Subjects are byte strings (one char per byte), so no `u` flag: `.` matches one byte, as in nginx.

export type PcreCompile =
  | {
      readonly kind: 'ok';
      readonly regex: RegExp;
      readonly names: readonly string[];
      readonly captures: number;
    }
  | { readonly kind: 'error'; readonly message: string };

export function compilePcre(pattern: string, caseless: boolean): PcreCompile {
  const problem = findPcreError(pattern);
  if (problem !== undefined) {
    const { text, offset } = problem;
    const at = offset >= pattern.length ? '' : ` at "${pattern.slice(offset)}"`;
    return { kind: 'error', message: `pcre2_compile() failed: ${text} in "${pattern}"${at}` };
  }
  const names: string[] = [];
  const source = pattern
    .replace(/\(\?P<(\w+)>/g, (_, name: string) => {
      names.push(name);
      return `(?<${name}>`;
    })
    .replace(/\(\?'(\w+)'/g, (_, name: string) => {
      names.push(name);
      return `(?<${name}>`;
    })
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  for (const match of source.matchAll(/\(\?<(\w+)>/g)) {
    if (!names.includes(match[1]!)) names.push(match[1]!);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, caseless ? 'is' : 's');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'error', message: `pcre2_compile() failed: ${reason} in "${pattern}"` };
  }
  const captures = new RegExp(`${source}|`).exec('')!.length - 1;
  return { kind: 'ok', regex, names, captures };
}

// A scan for the errors PCRE2 reports most often, with its offsets.
function findPcreError(pattern: string): { text: string; offset: number } | undefined {
  let depth = 0;
  let repeatable = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      if (i + 1 >= pattern.length) return { text: '\\ at end of pattern', offset: pattern.length };
      i++;
      repeatable = true;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) if (pattern[j] === '\\') j++;
      if (j >= pattern.length) {
        return { text: 'missing terminating ] for character class', offset: pattern.length };
      }
      i = j;
      repeatable = true;
      continue;
    }
    if (ch === '(') {
      depth++;
      repeatable = false;
      if (pattern[i + 1] === '?') {
        // skip the group's syntax: (?:  (?=  (?!  (?<=  (?<!  (?<name>  (?P<name>  (?'name'
        const m = /^\(\?(?::|=|!|<=|<!|<\w+>|P<\w+>|'\w+'|>|[a-zA-Z-]+:?)/.exec(pattern.slice(i));
        if (m) i += m[0].length - 1;
      }
      continue;
    }
    if (ch === ')') {
      if (depth === 0) return { text: 'unmatched closing parenthesis', offset: i };
      depth--;
      repeatable = true;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      if (!repeatable) {
        // `*?`, `+?`, `*+` after a quantifier are lazy/possessive forms
        const previous = pattern[i - 1];
        if (previous !== undefined && '*+?}'.includes(previous)) continue;
        return { text: 'quantifier does not follow a repeatable item', offset: i };
      }
      repeatable = false;
      continue;
    }
    if (ch === '|' || ch === '^') {
      repeatable = ch === '^';
      if (ch === '|') repeatable = false;
      continue;
    }
    repeatable = true;
  }
  if (depth > 0) return { text: 'missing closing parenthesis', offset: pattern.length };
  return undefined;
}
