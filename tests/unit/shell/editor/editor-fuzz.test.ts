// Both editors under random keys, at sizes from a one-cell terminal to a wide one: no key sequence
// throws, every frame fits the screen (no row wider than the terminal, the cursor on it), and a
// buffer written out is on the VFS exactly as the editor holds it.

import { describe, expect, it } from 'vitest';
import { ROOT_CREDENTIALS } from '../../../../src/gateway/fs.ts';
import { MachineEditorFiles } from '../../../../src/shell/editor/editor-files.ts';
import type { FullScreenEditor } from '../../../../src/shell/editor/full-screen-program.ts';
import { NanoEditor } from '../../../../src/shell/editor/nano/nano-editor.ts';
import { rowText, type ScreenSize } from '../../../../src/shell/editor/screen-frame.ts';
import { ViEditor } from '../../../../src/shell/editor/vi/vi-editor.ts';
import { stringWidth } from '../../../../src/shell/terminal-width.ts';
import { freshDebian } from '../machine-transcript.ts';
import { fixture } from './editor-terminal.ts';
import { KEY } from './keys.ts';

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'a',
  'x',
  ' ',
  '#',
  '한',
  '글',
  'é',
  '\t',
  ...'hjklwbeGgdcyupPoOAIiZQrJ0$^nN/?:'.split(''),
  ':w\r',
  ':q\r',
  ':wq\r',
  '/listen\r',
  KEY.up,
  KEY.down,
  KEY.left,
  KEY.right,
  KEY.home,
  KEY.end,
  KEY.pageUp,
  KEY.pageDown,
  KEY.delete,
  KEY.backspace,
  KEY.enter,
  KEY.escape,
  KEY.alt('u'),
  KEY.alt('e'),
  KEY.alt('w'),
  '\x1b[200~pasted\r\nlines\x1b[201~',
  '\x1b[1;5C',
  '\x1bOP',
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
];

const SIZES: readonly ScreenSize[] = [
  { columns: 1, rows: 1 },
  { columns: 3, rows: 2 },
  { columns: 10, rows: 5 },
  { columns: 40, rows: 12 },
  { columns: 80, rows: 24 },
  { columns: 200, rows: 50 },
];

function checkFrame(editor: FullScreenEditor, size: ScreenSize, where: string): void {
  const frame = editor.frame();
  expect(frame.rows.length).toBeLessThanOrEqual(size.rows);
  for (const row of frame.rows) expect(stringWidth(rowText(row))).toBeLessThanOrEqual(size.columns);
  if (frame.cursor !== undefined) {
    expect(frame.cursor.row).toBeGreaterThanOrEqual(0);
    expect(frame.cursor.row, where).toBeLessThan(Math.max(1, size.rows));
    expect(frame.cursor.column).toBeGreaterThanOrEqual(0);
    expect(frame.cursor.column, where).toBeLessThan(Math.max(1, size.columns));
  }
}

type Make = (
  files: MachineEditorFiles,
  size: ScreenSize,
) => FullScreenEditor & { readonly text: string; readonly modified: boolean };

const EDITORS: Readonly<Record<string, Make>> = {
  nano: (files, size) => new NanoEditor({ files, path: '/root/site.conf', size, root: true }),
  vi: (files, size) =>
    new ViEditor({
      files,
      path: '/root/site.conf',
      size,
      manner: { compatible: false },
      now: () => 0,
    }),
};

describe.each(Object.keys(EDITORS))('%s under random keys', (name) => {
  it('never throws, always fits the screen, and writes what it holds', () => {
    const machine = freshDebian();
    const next = random(name.length * 7919);
    for (let run = 0; run < 150; run++) {
      machine.fs.writeText('/root/site.conf', fixture('site.conf'));
      const files = new MachineEditorFiles({
        fs: machine.fs,
        who: ROOT_CREDENTIALS,
        cwd: '/root',
        home: '/root',
        umask: 0o022,
      });
      let size = SIZES[Math.floor(next() * SIZES.length)]!;
      const editor = EDITORS[name]!(files, size);
      for (let k = 0; k < 80 && editor.exitStatus === undefined; k++) {
        if (next() < 0.03) {
          size = SIZES[Math.floor(next() * SIZES.length)]!;
          editor.resize(size);
        } else {
          editor.input(KEYS[Math.floor(next() * KEYS.length)]!);
        }
        checkFrame(editor, size, `${run}/${k} ${size.columns}x${size.rows}`);
      }
      // Unmodified and still the same file: what is on disk is what the editor holds (nano may
      // have been told another name at its write prompt; then the file is its own business).
      const samePath = !(editor instanceof NanoEditor) || editor.path === '/root/site.conf';
      if (!editor.modified && samePath) {
        expect(machine.fs.readText('/root/site.conf'), `run ${run}`).toBe(editor.text);
      }
    }
  });
});
