// Turns what xterm.js sends (`onData` strings) into keys: printable text (typed, pasted or from an
// input method: Korean arrives composed), Enter (`\r`, or `\n` in pasted text), Backspace (`\x7f`,
// `\b`), control keys, and escape sequences — CSI (`\x1b[D`, `\x1b[3~`, `\x1b[1;5D`), SS3 (`\x1bOA`
// in application cursor mode) and Alt/Meta (`\x1bb`). Bracketed paste markers are dropped.

export type EditorKey =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'enter' }
  | { readonly kind: 'tab' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'left' }
  | { readonly kind: 'right' }
  | { readonly kind: 'up' }
  | { readonly kind: 'down' }
  | { readonly kind: 'home' }
  | { readonly kind: 'end' }
  | { readonly kind: 'word-left' }
  | { readonly kind: 'word-right' }
  /** Alt-Backspace, Ctrl-W is `control` w. */
  | { readonly kind: 'kill-word-left' }
  /** Alt-D. */
  | { readonly kind: 'kill-word-right' }
  /** Ctrl plus a letter (`a` for `\x01`). */
  | { readonly kind: 'control'; readonly letter: string }
  | { readonly kind: 'escape' }
  /** A sequence with no meaning here (function keys...): ignored. */
  | { readonly kind: 'unknown'; readonly sequence: string };

/** CSI sequences by their parameters and final byte. */
function csiKey(params: string, final: string, sequence: string): EditorKey {
  const modifier = params.split(';')[1];
  const withCtrlOrAlt = modifier === '5' || modifier === '3' || modifier === '9';
  switch (final) {
    case 'A':
      return { kind: 'up' };
    case 'B':
      return { kind: 'down' };
    case 'C':
      return withCtrlOrAlt ? { kind: 'word-right' } : { kind: 'right' };
    case 'D':
      return withCtrlOrAlt ? { kind: 'word-left' } : { kind: 'left' };
    case 'H':
      return { kind: 'home' };
    case 'F':
      return { kind: 'end' };
    case '~':
      switch (params.split(';')[0]) {
        case '1':
        case '7':
          return { kind: 'home' };
        case '4':
        case '8':
          return { kind: 'end' };
        case '3':
          return { kind: 'delete' };
        default:
          return { kind: 'unknown', sequence };
      }
    default:
      return { kind: 'unknown', sequence };
  }
}

/** The keys in one chunk of terminal input, in order. */
export function decodeKeys(data: string): EditorKey[] {
  const keys: EditorKey[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') keys.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    const code = c.charCodeAt(0);
    if (c === '\x1b') {
      flush();
      const next = data[i + 1];
      if (next === '[') {
        // CSI: parameter bytes, intermediate bytes, one final byte (ECMA-48).
        const match = /^([0-?]*)([ -/]*)([@-~])/.exec(data.slice(i + 2));
        if (match === null) {
          keys.push({ kind: 'unknown', sequence: data.slice(i) });
          break;
        }
        i += match[0].length + 1;
        // Bracketed paste: the text between the markers is what was pasted.
        if (match[1] === '200' || match[1] === '201') {
          if (match[3] === '~') continue;
        }
        keys.push(csiKey(match[1]!, match[3]!, `\x1b[${match[0]}`));
      } else if (next === 'O' && i + 2 < data.length) {
        const final = data[i + 2]!;
        i += 2;
        keys.push(csiKey('', final, `\x1bO${final}`));
      } else if (next === undefined) {
        keys.push({ kind: 'escape' });
      } else {
        i++;
        if (next === 'b' || next === 'B') keys.push({ kind: 'word-left' });
        else if (next === 'f' || next === 'F') keys.push({ kind: 'word-right' });
        else if (next === 'd' || next === 'D') keys.push({ kind: 'kill-word-right' });
        else if (next === '\x7f' || next === '\b') keys.push({ kind: 'kill-word-left' });
        else keys.push({ kind: 'unknown', sequence: `\x1b${next}` });
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      flush();
      keys.push({ kind: 'enter' });
      // A pasted CRLF is one line end.
      if (c === '\r' && data[i + 1] === '\n') i++;
      continue;
    }
    if (c === '\t') {
      flush();
      keys.push({ kind: 'tab' });
      continue;
    }
    if (c === '\x7f' || c === '\b') {
      flush();
      keys.push({ kind: 'backspace' });
      continue;
    }
    if (code < 0x20) {
      flush();
      keys.push({ kind: 'control', letter: String.fromCharCode(code + 0x60) });
      continue;
    }
    if (code >= 0x80 && code < 0xa0) continue;
    text += c;
  }
  flush();
  return keys;
}
