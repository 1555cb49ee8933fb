// What xterm.js sends for the keys an editor needs, decoded: cursor keys in both of xterm's modes,
// the Home/End/Page/Delete variants, Ctrl and Alt, a lone Esc, Korean from an input method, and a
// bracketed paste kept whole (its line ends are text, not Enter).

import { describe, expect, it } from 'vitest';
import { decodeKeys } from '../../../../src/shell/editor/key-decoder.ts';

describe('decodeKeys', () => {
  it('decodes cursor keys in normal (CSI) and application (SS3) mode, with Ctrl', () => {
    expect(decodeKeys('\x1b[A\x1bOB\x1b[1;5C\x1b[D')).toEqual([
      { kind: 'arrow', direction: 'up', ctrl: false },
      { kind: 'arrow', direction: 'down', ctrl: false },
      { kind: 'arrow', direction: 'right', ctrl: true },
      { kind: 'arrow', direction: 'left', ctrl: false },
    ]);
  });

  it('decodes Home, End, Page Up/Down, Insert and Delete in their xterm and VT220 forms', () => {
    const kinds = decodeKeys('\x1b[H\x1bOH\x1b[1~\x1b[F\x1b[4~\x1b[5~\x1b[6~\x1b[2~\x1b[3~').map(
      (key) => key.kind,
    );
    expect(kinds).toEqual([
      'home',
      'home',
      'home',
      'end',
      'end',
      'page-up',
      'page-down',
      'insert',
      'delete',
    ]);
  });

  it('keeps typed and composed text together, Korean included', () => {
    expect(decodeKeys('ab한글')).toEqual([{ kind: 'text', text: 'ab한글' }]);
  });

  it('decodes Enter, Tab, Backspace (DEL and ^H) and control letters', () => {
    expect(decodeKeys('\r\t\x7f\b\x18\x0f\x1f')).toEqual([
      { kind: 'enter' },
      { kind: 'tab' },
      { kind: 'backspace' },
      { kind: 'backspace' },
      { kind: 'control', letter: 'x' },
      { kind: 'control', letter: 'o' },
      { kind: 'control', letter: '_' },
    ]);
  });

  it('reads Esc then a key as Alt for nano, as Esc and the key for vi', () => {
    expect(decodeKeys('\x1bu')).toEqual([{ kind: 'meta', key: 'u' }]);
    expect(decodeKeys('\x1b:wq', { meta: false })).toEqual([
      { kind: 'escape' },
      { kind: 'text', text: ':wq' },
    ]);
    expect(decodeKeys('\x1b')).toEqual([{ kind: 'escape' }]);
  });

  it('keeps a bracketed paste whole, line ends and all', () => {
    expect(decodeKeys('x\x1b[200~a\r\nb\x1b[201~y')).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'paste', text: 'a\r\nb' },
      { kind: 'text', text: 'y' },
    ]);
  });

  it('decodes function keys and reports sequences it does not know', () => {
    expect(decodeKeys('\x1bOP\x1b[15~\x1b[99~')).toEqual([
      { kind: 'function', number: 1 },
      { kind: 'function', number: 5 },
      { kind: 'unknown', sequence: '\x1b[99~' },
    ]);
  });
});
