// vi against the real vim.tiny 9.0 (Debian 12's vim-tiny): the key sequences of
// tests/fixtures/editor/capture-editors.sh typed into the simulated machine's terminal, each
// screen (text and cursor) compared with what tmux captured of the real program, and the files
// written compared with the ones the real program wrote.

import { describe, expect, it } from 'vitest';
import { fixture } from './editor-terminal.ts';
import { KEY } from './keys.ts';
import { WORK, replay } from './replay.ts';

const SITE = `${WORK}/site.conf`;

describe('vi (vim.tiny as vi) screens, compared with the real program', () => {
  it('opens, appends Korean, complains with E37, and writes with :wq', async () => {
    const t = await replay(`vi ${SITE}`, [
      { keys: [], shot: 'vi-open' },
      { keys: ['j', 'j', 'A', ' # 한글'], shot: 'vi-insert' },
      { keys: [KEY.escape], shot: 'vi-normal-after-insert' },
      { keys: [':q', KEY.enter], shot: 'vi-e37' },
      { keys: [':wq', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('vi-wq-result.conf'));
    expect(t.session.running).toBe(false);
  });

  it('opens a file that does not exist yet', async () => {
    const t = await replay(`vi ${WORK}/new.conf`, [
      { keys: [], shot: 'vi-new-file' },
      { keys: [':q', KEY.enter] },
    ]);
    expect(t.machine.fs.tryStat(`${WORK}/new.conf`)).toBeUndefined();
  });

  it('deletes a line, undoes, opens a line and leaves with :x', async () => {
    const t = await replay(`vi ${SITE}`, [
      { keys: ['j', 'd', 'd'], shot: 'vi-dd' },
      { keys: ['x', 'u'], shot: 'vi-undo' },
      { keys: ['o', 'new line', KEY.escape, ':x', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('vi-x-result.conf'));
  });

  it('deletes a character next to Korean text and writes with :w', async () => {
    const t = await replay(`vi ${SITE}`, [
      { keys: ['j', 'j', 'A', ' # 한글', KEY.escape, 'h', 'h', 'x'], shot: 'vi-korean-x' },
      { keys: [':w', KEY.enter], shot: 'vi-written' },
      { keys: [':q!', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('vi-korean-result.conf'));
  });

  it('marks a file without write bits readonly, warns on change and refuses :w', async () => {
    const t = await replay(
      `vi ${SITE}`,
      [
        { keys: [], shot: 'vi-readonly-open' },
        { keys: ['x'], shot: 'vi-readonly-changed' },
        { keys: [':w', KEY.enter], shot: 'vi-readonly-write' },
        { keys: [':q!', KEY.enter] },
      ],
      { mode: { 'site.conf': 0o444 } },
    );
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));
  });
});

describe('vi insert mode, compared with the real program', () => {
  it('ends the insert at a cursor key, and does not backspace past where the insert began', async () => {
    const t = await replay(`vi ${SITE}`, [
      // Up as xterm.js sends it in the keypad mode vim asks for: Esc O A.
      { keys: ['j', 'A', 'X', '\x1bOA', 'Y'], shot: 'vi-insert-arrow' },
      {
        keys: [KEY.escape, 'j', 'j', 'A', KEY.backspace, KEY.backspace, 'ab', KEY.backspace, 'c'],
        shot: 'vi-insert-backspace',
      },
      { keys: [KEY.escape, ':wq', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('vi-insert-keys-result.conf'));
  });

  it('wraps a long line on a narrow terminal, Korean included', async () => {
    await replay(
      `vi ${SITE}`,
      [{ keys: ['6', 'j', 'A', ' # 한글 주석'], shot: 'vi-long-line-40x12' }],
      { columns: 40, rows: 12 },
    );
  });

  it('takes the arrow xterm.js sends without keypad mode (Esc [ A) the same way', async () => {
    await replay(`vi ${SITE}`, [{ keys: ['j', 'A', 'X', KEY.up, 'Y'], shot: 'vi-insert-arrow' }]);
  });
});

describe('vi messages, compared with the real program', () => {
  it('searches, wraps around, rejects an unknown command, undoes 3dd, and says where it is', async () => {
    await replay(`vi ${SITE}`, [
      { keys: ['/nope', KEY.enter], shot: 'vi-search-not-found' },
      { keys: ['/listen', KEY.enter], shot: 'vi-search-found' },
      { keys: ['n'], shot: 'vi-search-wrapped' },
      { keys: [':foo', KEY.enter], shot: 'vi-not-command' },
      { keys: ['u'], shot: 'vi-oldest' },
      { keys: ['3', 'd', 'd'], shot: 'vi-3dd' },
      { keys: ['u'], shot: 'vi-undo-3dd', varies: /\d+ seconds? ago/ },
      { keys: [KEY.ctrl('g')], shot: 'vi-ctrl-g' },
      { keys: [':q', KEY.enter] },
    ]);
  });
});

describe('vim.tiny by its own name (nocompatible: mode line and ruler)', () => {
  it('shows the ruler, -- INSERT -- and E37', async () => {
    await replay(`vim.tiny ${SITE}`, [
      { keys: [], shot: 'vim-tiny-open' },
      { keys: ['i'], shot: 'vim-tiny-insert' },
      { keys: [KEY.escape, 'x', ':q', KEY.enter], shot: 'vim-tiny-e37' },
      { keys: [':q!', KEY.enter] },
    ]);
  });

  it('writes a new file and redraws when the terminal shrinks', async () => {
    const t = await replay(`vim.tiny ${WORK}/new.conf`, [
      { keys: [], shot: 'vim-tiny-new-file' },
      { keys: ['i', 'server {', KEY.escape, ':w', KEY.enter], shot: 'vim-tiny-written' },
      { resize: { columns: 40, rows: 12 }, shot: 'vim-tiny-resized-40x12' },
      { keys: [':q', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(`${WORK}/new.conf`)).toBe('server {\n');
  });
});
