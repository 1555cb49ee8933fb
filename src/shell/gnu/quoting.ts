// How GNU programs quote names in what they print (gnulib quotearg): file names in diagnostics
// with the shell-escape-always style (`'/nope'`, `"it's"`), other values with the locale's quotes
// — in C.UTF-8 the typographic ones (`‘x’`) — and `ls` on a terminal with shell-escape, quoting
// only names that need it.

/** Characters the shell would treat specially, so a name with them needs quotes. */
const SHELL_SPECIAL = /[\s!"#$&'()*;<>?[\\\]^`{|}~]/;
/** Characters that can only be written with $'...' escapes (C0 controls and DEL). */
const CONTROL = {
  test: (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f'),
};

/** quote(): the locale's quotation marks (‘…’ in a UTF-8 locale whose messages are untranslated). */
export function quote(text: string): string {
  return `‘${text}’`;
}

/** quoteaf() / shell-escape-always: how coreutils names a file in a diagnostic. */
export function quoteFile(name: string): string {
  return shellQuote(name, true);
}

/** `ls`'s quoting on a terminal (shell-escape): only names that need it get quotes. */
export function quoteForLs(name: string): string {
  return shellQuote(name, false);
}

/** Whether `ls` would quote this name (it then pads the others by one column to align them). */
export function lsNeedsQuotes(name: string): boolean {
  return (
    name === '' ||
    SHELL_SPECIAL.test(name) ||
    CONTROL.test(name) ||
    name.startsWith('~') ||
    name.startsWith('=')
  );
}

function shellQuote(name: string, always: boolean): string {
  if (!always && !lsNeedsQuotes(name)) return name;
  if (CONTROL.test(name)) {
    // control characters leave the single quotes: 'a'$'\n''b'
    let out = '';
    let plain = '';
    const flush = (): void => {
      if (plain !== '') out += `'${plain.replaceAll("'", "'\\''")}'`;
      plain = '';
    };
    for (const c of name) {
      if (CONTROL.test(c)) {
        flush();
        out += `$'${controlEscape(c)}'`;
      } else plain += c;
    }
    flush();
    return out;
  }
  if (name.includes("'")) {
    if (!/["$`\\!]/.test(name)) return `"${name}"`;
    return `'${name.replaceAll("'", "'\\''")}'`;
  }
  return `'${name}'`;
}

function controlEscape(c: string): string {
  const named: Record<string, string> = {
    '\n': '\\n',
    '\t': '\\t',
    '\r': '\\r',
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\v': '\\v',
    '\x1b': '\\E',
  };
  return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
}
