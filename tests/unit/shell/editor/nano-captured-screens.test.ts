// nano against the real GNU nano 7.2: the key sequences of tests/fixtures/editor/capture-editors.sh
// typed into the simulated machine's terminal, and each screen (text and cursor) compared with
// what tmux captured of the real program at the same point.

import { describe, expect, it } from 'vitest';
import { KEY } from './keys.ts';
import { NOBODY, WORK, replay } from './replay.ts';
import { fixture } from './editor-terminal.ts';

describe('nano 7.2 screens, compared with the real program', () => {
  it('opens, types Korean, reports the cursor, writes out and asks before leaving', async () => {
    await replay(`nano ${WORK}/default.conf`, [
      { keys: [], shot: 'nano-open-80x24' },
      { keys: [KEY.down, KEY.down, KEY.down, KEY.end, '  # 한글 주석'], shot: 'nano-typed-korean' },
      { keys: [KEY.ctrl('c')], shot: 'nano-location' },
      { keys: [KEY.ctrl('o')], shot: 'nano-write-prompt' },
      { keys: [KEY.enter], shot: 'nano-wrote' },
      { keys: ['x', KEY.ctrl('x')], shot: 'nano-save-modified' },
      { keys: ['y'], shot: 'nano-exit-file-name' },
      { keys: [KEY.ctrl('c')], shot: 'nano-exit-cancelled' },
    ]);
  });

  it('cuts and pastes a line, searches, and shows the help', async () => {
    await replay(`nano ${WORK}/site.conf`, [
      { keys: [KEY.ctrl('k')], shot: 'nano-cut' },
      { keys: [KEY.down, KEY.ctrl('u')], shot: 'nano-paste' },
      { keys: [KEY.ctrl('w')], shot: 'nano-search-prompt' },
      { keys: ['uwsgi_pass', KEY.enter], shot: 'nano-search-found' },
      { keys: [KEY.ctrl('w'), 'nope', KEY.enter], shot: 'nano-search-not-found' },
      { keys: [KEY.ctrl('g')], shot: 'nano-help' },
    ]);
  });

  it('starts on +LINE', async () => {
    await replay(`nano +5 ${WORK}/site.conf`, [{ keys: ['#'], shot: 'nano-plus-line' }]);
  });

  it('opens a file that does not exist yet, and a folder', async () => {
    await replay(`nano ${WORK}/new.conf`, [{ keys: [], shot: 'nano-new-file' }]);
    await replay(`nano ${WORK}/dir`, [{ keys: [], shot: 'nano-directory' }]);
  });

  it('lays out a narrow terminal', async () => {
    await replay(
      `nano ${WORK}/site.conf`,
      [
        { keys: [], shot: 'nano-open-40x12' },
        { keys: [KEY.ctrl('o')], shot: 'nano-write-prompt-40x12' },
      ],
      { columns: 40, rows: 12 },
    );
  });

  it('lays out a wide terminal', async () => {
    await replay(
      `nano ${WORK}/site.conf`,
      [
        { keys: [], shot: 'nano-open-200x12' },
        { keys: [KEY.ctrl('o')], shot: 'nano-write-prompt-200x12' },
        { keys: [KEY.ctrl('c'), KEY.ctrl('w')], shot: 'nano-search-prompt-200x12' },
        { keys: [KEY.ctrl('c'), KEY.ctrl('g')], shot: 'nano-help-200x12' },
      ],
      { columns: 200, rows: 12 },
    );
  });

  it('pages through a long file, goes Home and End, and redraws when the terminal shrinks', async () => {
    await replay(`nano ${WORK}/default.conf`, [
      { keys: [KEY.pageDown], shot: 'nano-page-down' },
      { keys: [KEY.pageDown, KEY.down, KEY.down, KEY.end], shot: 'nano-page-down-end' },
      { keys: [KEY.home, KEY.up], shot: 'nano-home-up' },
      { keys: [KEY.pageUp], shot: 'nano-page-up' },
      { resize: { columns: 40, rows: 12 }, shot: 'nano-resized-40x12' },
    ]);
  });

  it('moves over and erases Korean text a character (two columns) at a time', async () => {
    const t = await replay(`nano ${WORK}/new.conf`, [
      { keys: ['한글 설정', KEY.left, KEY.left], shot: 'nano-korean-left' },
      { keys: [KEY.backspace], shot: 'nano-korean-backspace' },
      { keys: [KEY.enter, '둘째 줄', KEY.up, KEY.end], shot: 'nano-korean-up-end' },
      { keys: [KEY.delete], shot: 'nano-korean-delete' },
      { keys: [KEY.ctrl('x'), 'y', KEY.enter] },
    ]);
    expect(t.machine.fs.readText(`${WORK}/new.conf`)).toBe(fixture('nano-korean-result.conf'));
  });

  it('warns root about a file without write bits', async () => {
    await replay(`nano ${WORK}/site.conf`, [{ keys: [], shot: 'nano-read-only' }], {
      mode: { 'site.conf': 0o444 },
    });
  });

  it('tells a user who may not write the file, and keeps the text when the write fails', async () => {
    const t = await replay(
      `nano ${WORK}/site.conf`,
      [
        { keys: [], shot: 'nano-unwritable' },
        { keys: ['x', KEY.ctrl('o'), KEY.enter], shot: 'nano-error-writing' },
      ],
      { user: NOBODY },
    );
    expect(t.machine.fs.readText(`${WORK}/site.conf`)).toBe(fixture('site.conf'));
    expect(t.session.running).toBe(true);
  });

  it('undoes and redoes, goes to a line, searches around the end, asks before overwriting', async () => {
    await replay(`nano ${WORK}/site.conf`, [
      { keys: ['ab', KEY.alt('u')], shot: 'nano-undo' },
      { keys: [KEY.alt('e')], shot: 'nano-redo' },
      { keys: [KEY.alt('u'), KEY.alt('u')], shot: 'nano-nothing-to-undo' },
      { keys: [KEY.ctrl('_')], shot: 'nano-goto-prompt' },
      { keys: ['6', KEY.enter], shot: 'nano-goto-line' },
      { keys: [KEY.ctrl('w'), 'server', KEY.enter], shot: 'nano-search-wrapped' },
      { keys: [KEY.alt('w')], shot: 'nano-search-again' },
      {
        keys: [KEY.ctrl('o'), KEY.ctrl('k'), `${WORK}/default.conf`, KEY.enter],
        shot: 'nano-different-name',
      },
      { keys: ['y'], shot: 'nano-overwrite' },
      { keys: ['n'], shot: 'nano-overwrite-no' },
    ]);
  });

  it('scrolls a long line sideways on a narrow terminal, Korean included', async () => {
    await replay(
      `nano ${WORK}/site.conf`,
      [
        { keys: [...Array<string>(6).fill(KEY.down), KEY.end], shot: 'nano-long-line-end-40x12' },
        { keys: [' # 한글'], shot: 'nano-long-line-korean-40x12' },
        { keys: [KEY.home], shot: 'nano-long-line-home-40x12' },
      ],
      { columns: 40, rows: 12 },
    );
  });

  it('starts without a file as New Buffer, and asks for a name when leaving', async () => {
    const t = await replay('nano', [
      { keys: ['hello'], shot: 'nano-unnamed' },
      { keys: [KEY.ctrl('x')], shot: 'nano-unnamed-save-modified' },
      { keys: ['y'], shot: 'nano-unnamed-file-name' },
      { keys: [`${WORK}/named.conf`, KEY.enter] },
    ]);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(`${WORK}/named.conf`)).toBe(fixture('nano-unnamed-result.conf'));
  });
});
