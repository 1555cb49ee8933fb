// nano's help viewer text against the real nano 7.2's, captured whole (a 400-row terminal) at 40,
// 80 and 200 columns: the same words, wrapped at the same places.

import { describe, expect, it } from 'vitest';
import { glyph } from '../../../../src/shell/editor/display-columns.ts';
import { HELP_TITLE, helpLines } from '../../../../src/shell/editor/nano/nano-help-text.ts';
import { clusters } from '../../../../src/shell/terminal-width.ts';
import { fixture } from './editor-terminal.ts';

/** A line as the screen shows it: tabs expanded, trailing blanks gone. */
function shown(line: string): string {
  let out = '';
  let column = 0;
  for (const cluster of clusters(line)) {
    const { text, width } = glyph(cluster, column);
    out += text;
    column += width;
  }
  return out.trimEnd();
}

describe('nano help text', () => {
  for (const columns of [40, 80, 200]) {
    it(`wraps as nano 7.2 does at ${columns} columns`, () => {
      const captured = fixture(`nano-help-text-${columns}.txt`).replace(/\n$/, '').split('\n');
      expect(captured[0]!.trim()).toBe(HELP_TITLE);
      expect(helpLines(columns).map(shown)).toEqual(captured.slice(1));
    });
  }
});
