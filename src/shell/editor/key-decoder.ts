// Keys for a full-screen program from what xterm.js sends (`onData`): the line editor's decoding
// (../line-editor-keys.ts: printable text — Korean arrives composed from the input method —,
// Enter as `\r` or a pasted `\n`, Backspace as `\x7f` or `\b`, CSI and SS3 sequences) extended with
// what an editor needs on top: Page Up/Down, Insert, F1–F12, Ctrl/Alt-modified arrows, Meta keys
// (Alt sends ESC first, as xterm's metaSendsEscape does), a lone Esc, and bracketed paste kept
// whole so that a pasted block is inserted as text rather than run as commands.

export type Direction = 'left' | 'right' | 'up' | 'down';

export type Key =
  /** Printable text (typed, composed by an input method, or several characters at once). */
  | { readonly kind: 'text'; readonly text: string }
  /** Text between bracketed-paste markers, line ends as typed (`\r`, `\n` or `\r\n`). */
  | { readonly kind: 'paste'; readonly text: string }
  | { readonly kind: 'enter' }
  | { readonly kind: 'tab' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'insert' }
  | { readonly kind: 'arrow'; readonly direction: Direction; readonly ctrl: boolean }
  | { readonly kind: 'home' }
  | { readonly kind: 'end' }
  | { readonly kind: 'page-up' }
  | { readonly kind: 'page-down' }
  /** F1…F12. */
  | { readonly kind: 'function'; readonly number: number }
  /** Ctrl plus a key: `a`…`z`, or `@ [ \ ] ^ _` for the codes 0x00 and 0x1b–0x1f. */
  | { readonly kind: 'control'; readonly letter: string }
  /** Alt (or Esc, then the key): the key as typed, `u` for Alt-U. */
  | { readonly kind: 'meta'; readonly key: string }
  | { readonly kind: 'escape' }
  /** A sequence with no meaning here. */
  | { readonly kind: 'unknown'; readonly sequence: string };

export interface DecodeOptions {
  /**
   * Whether ESC followed by a character in the same chunk is one Meta key (nano) or Esc and then
   * that character (vi, where `\x1b:wq` typed fast is Esc, `:`, `w`, `q`). Default true.
   */
  readonly meta?: boolean;
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** xterm's numbered function keys: `CSI n ~`. */
const FUNCTION_KEYS: Readonly<Record<string, number>> = {
  '11': 1,
  '12': 2,
  '13': 3,
  '14': 4,
  '15': 5,
  '17': 6,
  '18': 7,
  '19': 8,
  '20': 9,
  '21': 10,
  '23': 11,
  '24': 12,
};

function csiKey(params: string, final: string, sequence: string): Key {
  const [first = '', modifier = ''] = params.split(';');
  // xterm's modifier parameter is 1 + (shift 1, alt 2, ctrl 4): 5 ctrl, 3 alt, 7 ctrl-alt.
  const ctrl = ['5', '6', '7', '8'].includes(modifier);
  switch (final) {
    case 'A':
      return { kind: 'arrow', direction: 'up', ctrl };
    case 'B':
      return { kind: 'arrow', direction: 'down', ctrl };
    case 'C':
      return { kind: 'arrow', direction: 'right', ctrl };
    case 'D':
      return { kind: 'arrow', direction: 'left', ctrl };
    case 'H':
      return { kind: 'home' };
    case 'F':
      return { kind: 'end' };
    case 'P':
      return { kind: 'function', number: 1 };
    case 'Q':
      return { kind: 'function', number: 2 };
    case 'R':
      return { kind: 'function', number: 3 };
    case 'S':
      return { kind: 'function', number: 4 };
    case '~':
      switch (first) {
        case '1':
        case '7':
          return { kind: 'home' };
        case '2':
          return { kind: 'insert' };
        case '3':
          return { kind: 'delete' };
        case '4':
        case '8':
          return { kind: 'end' };
        case '5':
          return { kind: 'page-up' };
        case '6':
          return { kind: 'page-down' };
        default: {
          const number = FUNCTION_KEYS[first];
          return number === undefined
            ? { kind: 'unknown', sequence }
            : { kind: 'function', number };
        }
      }
    default:
      return { kind: 'unknown', sequence };
  }
}

/** The keys in one chunk of terminal input, in order. */
export function decodeKeys(data: string, options: DecodeOptions = {}): Key[] {
  const meta = options.meta ?? true;
  const keys: Key[] = [];
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
      if (data.startsWith(PASTE_START, i)) {
        const start = i + PASTE_START.length;
        const end = data.indexOf(PASTE_END, start);
        const stop = end === -1 ? data.length : end;
        keys.push({ kind: 'paste', text: data.slice(start, stop) });
        i = end === -1 ? data.length : end + PASTE_END.length - 1;
        continue;
      }
      const next = data[i + 1];
      if (next === '[') {
        // CSI: parameter bytes, intermediate bytes, one final byte (ECMA-48).
        const match = /^([0-?]*)([ -/]*)([@-~])/.exec(data.slice(i + 2));
        if (match === null) {
          keys.push({ kind: 'unknown', sequence: data.slice(i) });
          break;
        }
        i += match[0].length + 1;
        if (match[1] === '201' && match[3] === '~') continue;
        keys.push(csiKey(match[1]!, match[3]!, `\x1b[${match[0]}`));
      } else if (next === 'O' && i + 2 < data.length) {
        const final = data[i + 2]!;
        i += 2;
        keys.push(csiKey('', final, `\x1bO${final}`));
      } else if (next === undefined || !meta) {
        keys.push({ kind: 'escape' });
      } else {
        i++;
        const cp = data.codePointAt(i) ?? 0;
        const key = String.fromCodePoint(cp);
        if (cp > 0xffff) i++;
        keys.push({ kind: 'meta', key });
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
      // 0x00 is Ctrl-@ (Ctrl-Space); 0x1c–0x1f are Ctrl-\ ] ^ _ (xterm sends 0x1f for Ctrl-/).
      const letter = code === 0 ? '@' : String.fromCharCode(code + (code <= 0x1a ? 0x60 : 0x40));
      keys.push({ kind: 'control', letter });
      continue;
    }
    // C1 controls never come from a UTF-8 xterm as keys.
    if (code >= 0x80 && code < 0xa0) continue;
    text += c;
  }
  flush();
  return keys;
}
