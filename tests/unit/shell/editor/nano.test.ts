// nano on the simulated machine, as a reader uses it to fix a config: the edit reaches the VFS and
// is there when the file is opened again; leaving with unsaved changes asks first (every answer);
// a file that does not exist yet is created with the umask's mode; a write the kernel refuses
// keeps nano open with the error; Ctrl-C is a key (it reports the cursor), not SIGINT; the
// command line is read as nano reads it; the terminal's size follows a resize.

import { describe, expect, it } from 'vitest';
import { nanoCommand } from '../../../../src/shell/commands/nano.ts';
import { editorTerminal, fixture } from './editor-terminal.ts';
import { KEY } from './keys.ts';
import { NOBODY } from './replay.ts';

const SITE = '/etc/nginx/sites-available/site.conf';
const files = { [SITE]: fixture('site.conf') };

describe('nano', () => {
  it('saves an edit with Korean text, and shows it when the file is opened again', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    expect(t.screen.alternate).toBe(true);
    await t.type(KEY.down, KEY.down, KEY.end, ' # 서버 이름');
    expect(t.screen.lines()[0]).toContain(`${SITE} *`);
    await t.type(KEY.ctrl('o'));
    expect(t.screen.lines()[21]).toBe(`File Name to Write: ${SITE}`);
    await t.type(KEY.enter);
    expect(t.screen.lines()[21]).toContain('[ Wrote 9 lines ]');
    await t.type(KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
    expect(t.screen.alternate).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(
      fixture('site.conf').replace(
        'server_name helloworld;',
        'server_name helloworld; # 서버 이름',
      ),
    );

    await t.run(`nano ${SITE}`);
    expect(t.screen.lines()[3]).toBe('        server_name helloworld; # 서버 이름');
    // The cursor lands after the Korean words: each takes two columns.
    await t.type(KEY.down, KEY.down, KEY.end);
    expect(t.screen.cursor).toEqual({ row: 3, col: 43 });
    await t.type(KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
  });

  it('writes through a symbolic link (sites-enabled), which stays a link', async () => {
    const t = await editorTerminal({ files });
    await t.run(`mkdir -p /etc/nginx/sites-enabled && ln -s ${SITE} /etc/nginx/sites-enabled/`);
    await t.run('nano /etc/nginx/sites-enabled/site.conf');
    await t.type('# linked', KEY.enter, KEY.ctrl('x'), 'y', KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.lstat('/etc/nginx/sites-enabled/site.conf').kind).toBe('symlink');
    expect(t.machine.fs.readText(SITE)).toBe(`# linked\n${fixture('site.conf')}`);
  });

  it('asks "Save modified buffer?" and does what each answer says', async () => {
    const t = await editorTerminal({ files });
    // N: leaves without writing.
    await t.run(`nano ${SITE}`);
    await t.type('# one', KEY.ctrl('x'));
    expect(t.screen.lines()[21]).toBe('Save modified buffer?');
    expect(t.screen.lines()[22]).toBe(' Y Yes');
    expect(t.screen.lines()[23]).toBe(' N No           ^C Cancel');
    await t.type('n');
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));

    // ^C: back to the text, still modified.
    await t.run(`nano ${SITE}`);
    await t.type('# two', KEY.ctrl('x'), KEY.ctrl('c'));
    expect(t.session.running).toBe(true);
    expect(t.screen.lines()[21]).toContain('[ Cancelled ]');
    expect(t.screen.lines()[0]).toContain(' *');

    // Y, then Enter at the file name: written, and nano ends.
    await t.type(KEY.ctrl('x'), 'Y');
    expect(t.screen.lines()[21]).toBe(`File Name to Write: ${SITE}`);
    await t.type(KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText(SITE)).toBe(`# two${fixture('site.conf')}`);
  });

  it('leaves at once when nothing changed, and when the change was undone', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    await t.type('x', KEY.alt('u'), KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
  });

  it('creates a file that does not exist yet, with the umask’s mode', async () => {
    const t = await editorTerminal();
    await t.run('nano /root/uwsgi.ini');
    expect(t.screen.lines()[21]).toContain('[ New File ]');
    await t.type('[uwsgi]', KEY.enter, 'module = app:app', KEY.ctrl('x'), 'y', KEY.enter);
    expect(t.session.running).toBe(false);
    expect(t.machine.fs.readText('/root/uwsgi.ini')).toBe('[uwsgi]\nmodule = app:app\n');
    const stat = t.machine.fs.stat('/root/uwsgi.ini');
    expect(stat.mode & 0o777).toBe(0o644);
    expect(stat.uid).toBe(0);
  });

  it('says why a file under a missing folder cannot be written, and stays open', async () => {
    const t = await editorTerminal();
    await t.run('nano /nowhere/app.ini');
    expect(t.screen.lines()[21]).toContain("[ Directory '/nowhere' does not exist ]");
    await t.type('x', KEY.ctrl('o'), KEY.enter);
    expect(t.screen.lines()[21]).toContain(
      '[ Error writing /nowhere/app.ini: No such file or directory ]',
    );
    expect(t.session.running).toBe(true);
    await t.type(KEY.ctrl('x'), 'n');
    expect(t.session.running).toBe(false);
  });

  it('keeps the text when a user may not write the file, and can write it elsewhere', async () => {
    const t = await editorTerminal({ files, commands: [nanoCommand(NOBODY)] });
    t.machine.fs.chmod('/tmp', 0o1777);
    await t.run(`nano ${SITE}`);
    expect(t.screen.lines()[21]).toContain(`[ File '${SITE}' is unwritable ]`);
    await t.type('# mine', KEY.ctrl('o'), KEY.enter);
    expect(t.screen.lines()[21]).toContain(`[ Error writing ${SITE}: Permission denied ]`);
    expect(t.machine.fs.readText(SITE)).toBe(fixture('site.conf'));
    // Another name: nano asks whether to save under it, then writes.
    await t.type(KEY.ctrl('o'), KEY.ctrl('k'), '/tmp/site.conf', KEY.enter);
    expect(t.screen.lines()[21]).toBe('Save file under DIFFERENT NAME?');
    await t.type('y');
    expect(t.machine.fs.readText('/tmp/site.conf')).toBe(`# mine${fixture('site.conf')}`);
    expect(t.machine.fs.stat('/tmp/site.conf').uid).toBe(NOBODY.uid);
    await t.type(KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
  });

  it('takes Ctrl-C as its key (the cursor position), not as an interrupt', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    await t.type(KEY.down, KEY.ctrl('c'));
    expect(t.session.running).toBe(true);
    expect(t.screen.lines()[21]).toContain(
      '[ line  2/10 (20%), col  1/19 (  5%), char   9/125 ( 7%) ]',
    );
    await t.type(KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
    // It ended by ^X with status 0, not by a signal (bash would say 130).
    await t.run('echo "status $?"');
    expect(t.screen.text()).toContain('status 0');
  });

  it('cuts lines with ^K (several in a row go together) and pastes them with ^U', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    // The two lines after the first go; the cursor is then on the blank line, and goes down one.
    await t.type(KEY.down, KEY.ctrl('k'), KEY.ctrl('k'), KEY.down, KEY.ctrl('u'));
    await t.type(KEY.ctrl('x'), 'y', KEY.enter);
    const lines = fixture('site.conf').split('\n');
    const expected = [lines[0], lines[3], lines[1], lines[2], ...lines.slice(4)];
    expect(t.machine.fs.readText(SITE)).toBe(expected.join('\n'));
  });

  it('finds text with ^W and says so when it is not there', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    await t.type(KEY.ctrl('w'), 'UWSGI_PASS', KEY.enter);
    // Case-insensitive, as Debian's nanorc leaves it: the cursor is on the match.
    expect(t.screen.cursor).toEqual({ row: 7, col: 16 });
    await t.type(KEY.ctrl('w'));
    expect(t.screen.lines()[21]).toBe('Search [UWSGI_PASS]:');
    await t.type('fastcgi', KEY.enter);
    expect(t.screen.lines()[21]).toContain('[ "fastcgi" not found ]');
  });

  it('shows its help with ^G and goes back to the text with ^X', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    await t.type(KEY.ctrl('g'));
    expect(t.screen.lines()[0]).toContain('Main nano help text');
    await t.type(KEY.pageDown);
    expect(t.screen.lines().some((line) => line.startsWith('^G     (F1)'))).toBe(true);
    await t.type(KEY.ctrl('x'));
    expect(t.screen.lines()[1]).toBe('server {');
    expect(t.session.running).toBe(true);
  });

  it('follows the terminal when it is resized', async () => {
    const t = await editorTerminal({ files });
    await t.run(`nano ${SITE}`);
    await t.resize(100, 10);
    expect(t.screen.lines()[0]).toBe(`  GNU nano 7.2${' '.repeat(20)}${SITE}`);
    // 10 rows: the title, six of text, the status bar and two help lines.
    expect(t.screen.lines()[6]).toBe('                include uwsgi_params;');
    expect(t.screen.lines()[7]).toBe('');
    expect(t.screen.lines()[8]).toMatch(/^\^G Help/);
    await t.type(KEY.ctrl('x'));
    // Back at the prompt, the shell's line editor uses the new width.
    expect(t.session.editor).toBeDefined();
    expect(t.session.running).toBe(false);
  });

  it('reads its command line as nano 7.2 does', async () => {
    const t = await editorTerminal();
    await t.run('nano --version');
    expect(t.output()).toContain(' GNU nano, version 7.2');
    await t.run('nano -h');
    // What the real nano 7.2 printed, every line of it.
    expect(t.output()).toContain(fixture('nano-help-option.txt').replace(/\n/g, '\r\n'));
    await t.run('nano -9 /tmp/x');
    expect(t.output()).toContain(
      "nano: invalid option -- '9'\r\nType 'nano -h' for a list of available options.",
    );
    await t.run('echo text | nano /tmp/x; echo "status $?"');
    expect(t.output()).toContain('Standard input is not a terminal\r\nstatus 1');
  });

  it('turns on bracketed paste, so that a pasted block goes in as text', async () => {
    const t = await editorTerminal();
    await t.run('nano /root/pasted.conf');
    expect(t.output()).toContain('\x1b[?2004h');
    await t.type('\x1b[200~location / {\r\n\tinclude uwsgi_params;\r\n}\x1b[201~');
    await t.type(KEY.ctrl('x'), 'y', KEY.enter);
    expect(t.machine.fs.readText('/root/pasted.conf')).toBe(
      'location / {\n\tinclude uwsgi_params;\n}\n',
    );
    expect(t.output().endsWith('\x1b[?2004l\x1b[?1049lroot@helloworld:~# ')).toBe(true);
  });

  it('is what `editor` runs on Debian 12 (its alternative has the higher priority)', async () => {
    const t = await editorTerminal({ files });
    await t.run(`editor ${SITE}`);
    expect(t.screen.lines()[0]).toContain('GNU nano 7.2');
    await t.type(KEY.ctrl('x'));
    expect(t.session.running).toBe(false);
  });
});
