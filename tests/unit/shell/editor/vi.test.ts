// vi on the simulated machine (vim.tiny, as Debian 12 runs it for `vi`): normal, insert and
// command-line modes; the edit reaches the VFS and is there when the file is opened again; :wq,
// :x, ZZ write and leave, :q refuses with E37 while the text is changed, :q! and ZQ leave without
// writing; a readonly or unwritable file is refused with vim's errors and the editor stays open;
// Ctrl-C does not end it; the names it answers to on a fresh Debian 12.

import { describe, expect, it } from 'vitest';
import { viCommand } from '../../../../src/shell/commands/vi.ts';
import { editorTerminal, fixture, type EditorTerminal } from './editor-terminal.ts';
import { KEY } from './keys.ts';
import { NOBODY } from './replay.ts';

const SITE = '/etc/nginx/sites-available/site.conf';
const files = { [SITE]: fixture('site.conf') };

function lastRow(t: EditorTerminal): string {
  return t.screen.lines().at(-1)!;
}

describe('vi', () => {
  it('inserts Korean text in insert mode and writes it with :wq; the file shows it again', async () => {
    const t = await editorTerminal({ files });
    await t.run(`vi ${SITE}`);
    await t.type('j', 'j', 'A');
    // Started as vi: 'compatible', so no "-- INSERT --" (the file message stays).
    expect(lastRow(t)).toBe(`"${SITE}" 9 lines, 125 bytes`);
    await t.type(' # 서버 이름');
    expect(t.screen.cursor).toEqual({ row: 2, col: 43 });
    await t.type(KEY.escape);
    // Back in normal mode the cursor steps back onto the last character (두 columns wide).
    expect(t.screen.cursor).toEqual({ row: 2, col: 41 });
    await t.type(':wq');
    expect(lastRow(t)).toBe(':wq');
    await t.type(KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.screen.alternate).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(
      fixture('site.conf').replace('helloworld;', 'helloworld; # 서버 이름'),
    );
    await t.run(`vi ${SITE}`);
    expect(t.screen.lines()[2]).toBe('        server_name helloworld; # 서버 이름');
    expect(lastRow(t)).toBe(`"${SITE}" 9 lines, 141 bytes`);
    await t.type(':q', KEY.enter);
    expect(t.session.running).toBe(false);
  });

  it('reads keys typed while it was still starting', async () => {
    const t = await editorTerminal();
    t.session.input('vi /root/early.txt\r');
    await new Promise((resolve) => setTimeout(resolve, 0));
    t.session.input('ihello');
    await t.type(KEY.escape, ':wq', KEY.enter);
    expect(t.machine.fs.readText('/root/early.txt')).toBe('hello\n');
  });

  it('refuses :q with E37 while the text is changed; :q! leaves without writing', async () => {
    const t = await editorTerminal({ files });
    await t.run(`vi ${SITE}`);
    await t.type('d', 'd', ':q', KEY.enter);
    expect(lastRow(t)).toBe('E37: No write since last change (add ! to override)');
    expect(t.session.running).toBe(true);
    await t.type(':q!', KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));
  });

  it('writes and leaves with ZZ, leaves without writing with ZQ', async () => {
    const t = await editorTerminal({ files });
    await t.run(`vi ${SITE}`);
    await t.type('x', 'Z', 'Q');
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));
    await t.run(`vi ${SITE}`);
    await t.type('x', 'Z', 'Z');
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf').slice(1));
  });

  it('edits with o, O, x, dd, p, u and Ctrl-R', async () => {
    const t = await editorTerminal({ files: { '/root/a.txt': 'one\ntwo\nthree\n' } });
    await t.run('vi /root/a.txt');
    await t.type('o', 'between', KEY.escape); // one between two three
    await t.type('g', 'g', 'O', 'first', KEY.escape); // first one between two three
    await t.type('G', 'd', 'd', 'g', 'g', 'p'); // first three one between two
    await t.type('x'); // first hree one between two
    await t.type('u', 'u', KEY.ctrl('r')); // undo x and p, redo p
    await t.type(':wq', KEY.enter);
    expect(t.machine.fs.readText('/root/a.txt')).toBe('first\nthree\none\nbetween\ntwo\n');
  });

  it('takes a bracketed paste in normal mode as text, not as commands', async () => {
    const t = await editorTerminal();
    await t.run('vi /root/pasted.conf');
    await t.type('\x1b[200~dd:q!\r\nx\x1b[201~', ':wq', KEY.enter);
    expect(t.machine.fs.readText('/root/pasted.conf')).toBe('dd:q!\nx\n');
  });

  it('moves with the arrows, Home, End, Page Down and G, as vim.tiny’s ruler shows', async () => {
    const t = await editorTerminal({ files: { '/root/default.conf': fixture('default.conf') } });
    await t.run('vim.tiny /root/default.conf');
    expect(lastRow(t)).toMatch(/ 1,1 {11}Top$/);
    await t.type(KEY.down, KEY.down, KEY.end);
    expect(lastRow(t)).toMatch(/ 3,76 {10}Top$/);
    await t.type(KEY.home, KEY.right);
    expect(lastRow(t)).toMatch(/ 3,2 {11}Top$/);
    await t.type(KEY.pageDown);
    // One page forward, two lines kept: line 22 is at the top, the cursor on it.
    expect(t.screen.cursor.row).toBe(0);
    // vim's 'startofline': on the first non-blank (after a tab: byte 2, column 9).
    expect(lastRow(t)).toMatch(/ 22,2-9 {8}30%$/);
    await t.type('G');
    expect(lastRow(t)).toMatch(/ 91,1 {10}Bot$/);
    await t.type(':q', KEY.enter);
    expect(t.session.running).toBe(false);
  });

  it('names a file under HOME ~/…, and by its name in the working folder once read', async () => {
    const t = await editorTerminal();
    await t.run('vi ~/app.ini');
    expect(lastRow(t)).toBe('"~/app.ini" [New File]');
    await t.type('i', '[uwsgi]', KEY.escape, ':w', KEY.enter);
    expect(lastRow(t)).toBe('"app.ini" [New File] 1 line, 8 bytes written');
    await t.type(KEY.ctrl('g'));
    expect(lastRow(t)).toBe('"app.ini" line 1 of 1 --100%-- col 7');
    await t.type(':q', KEY.enter);
    expect(t.machine.fs.readText('/root/app.ini')).toBe('[uwsgi]\n');
  });

  it('needs a name to write a buffer that has none (E32), then writes under the name given', async () => {
    const t = await editorTerminal();
    await t.run('vi');
    await t.type('i', '[uwsgi]', KEY.escape, ':wq', KEY.enter);
    expect(lastRow(t)).toBe('E32: No file name');
    await t.type(':w /root/uwsgi.ini', KEY.enter);
    expect(lastRow(t)).toBe('"~/uwsgi.ini" [New File] 1 line, 8 bytes written');
    await t.type(':q', KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText('/root/uwsgi.ini')).toBe('[uwsgi]\n');
    expect(t.machine.fs.stat('/root/uwsgi.ini').mode & 0o777).toBe(0o644);
  });

  it('opens a file the user may not write [readonly], refuses :w (E45) and :w! (E212)', async () => {
    const t = await editorTerminal({ files, commands: [viCommand(NOBODY)] });
    await t.run(`vi ${SITE}`);
    expect(lastRow(t)).toBe(`"${SITE}" [readonly] 9 lines, 125 bytes`);
    await t.type('x');
    expect(lastRow(t)).toBe('W10: Warning: Changing a readonly file');
    await t.type(':w', KEY.enter);
    expect(lastRow(t)).toBe("E45: 'readonly' option is set (add ! to override)");
    await t.type(':w!', KEY.enter);
    expect(lastRow(t)).toBe(`"${SITE}" E212: Can't open file for writing`);
    await t.type('Z', 'Z');
    expect(lastRow(t)).toBe(`E505: "${SITE}" is read-only (add ! to override)`);
    expect(t.session.running).toBe(true);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));
    await t.type(':q!', KEY.enter);
    expect(t.session.running).toBe(false);
  });

  it('takes Ctrl-C as a key: it says how to leave, and vi goes on', async () => {
    const t = await editorTerminal({ files });
    await t.run(`vi ${SITE}`);
    await t.type(KEY.ctrl('c'));
    expect(lastRow(t)).toBe('Type  :qa  and press <Enter> to exit Vim');
    await t.type('x', KEY.ctrl('c'));
    expect(lastRow(t)).toBe('Type  :qa!  and press <Enter> to abandon all changes and exit Vim');
    expect(t.session.running).toBe(true);
    await t.type('i', KEY.ctrl('c'));
    // In insert mode Ctrl-C leaves insert mode, as Esc does.
    await t.type(':qa!', KEY.enter);
    expect(t.session.running).toBe(false);
    await t.run('echo "status $?"');
    expect(t.screen.text()).toContain('status 0');
  });

  it('is vi, view and vim.tiny on a fresh Debian 12; vim is not installed', async () => {
    const t = await editorTerminal({ files });
    await t.run('vim /tmp/x; echo "status $?"');
    expect(t.screen.text()).toContain('bash: vim: command not found\nstatus 127');
    await t.run('readlink -f /usr/bin/vi /usr/bin/view');
    expect(t.screen.text()).toContain('/usr/bin/vim.tiny\n/usr/bin/vim.tiny');
    await t.run(`view ${SITE}`);
    expect(lastRow(t)).toMatch(new RegExp(`^"${SITE}" \\[readonly\\] 9L, 125B +1,1 +All$`));
    await t.type(':q', KEY.enter);
    await t.run('ex /tmp/x');
    expect(t.screen.text()).toContain('ex: Ex mode is not part of the simulation (uwsgi-lab)');
  });

  it('reads its command line as vim does', async () => {
    const t = await editorTerminal();
    // What the real vim.tiny printed, every line of it.
    await t.run('vi -h');
    expect(t.output()).toContain(fixture('vim-tiny-help-option.txt').replace(/\n/g, '\r\n'));
    await t.run('vi --version');
    expect(t.output()).toContain(fixture('vim-tiny-version-option.txt').replace(/\n/g, '\r\n'));
    await t.run('vi -q; echo "status $?"');
    expect(t.output()).toContain(
      'Unknown option argument: "-q"\r\nMore info with: "vim -h"\r\nstatus 1',
    );
  });

  it('reads keys from input that is not a terminal, as vim does', async () => {
    const t = await editorTerminal();
    await t.run('printf \'ihello\\033:wq\\n\' | vi /root/p.txt; echo "status $?"');
    expect(t.screen.text()).toContain('Vim: Warning: Input is not from a terminal\nstatus 0');
    expect(t.machine.fs.readText('/root/p.txt')).toBe('hello\n');
    await t.run('echo ihello | vi /root/q.txt; echo "status $?"');
    expect(t.screen.text()).toContain(
      'Vim: Error reading input, exiting...\nVim: Finished.\nstatus 1',
    );
    expect(t.machine.fs.tryStat('/root/q.txt')).toBeUndefined();
  });
});
