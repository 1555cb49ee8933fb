// bash's history list, `!` expansion and how the command reader builds history entries from
// continued lines. Expected texts come from bash 5.2 sessions (see bash-5.2-recording.json and
// the pty transcripts in ../shared/reference/real-output-shell.md).

import { describe, expect, it } from 'vitest';
import { CommandLineReader } from '../../../src/shell/bash/command-line-reader.ts';
import { expandHistory, historyWords } from '../../../src/shell/bash/history-expansion.ts';
import { History } from '../../../src/shell/bash/history.ts';
import { ShellError } from '../../../src/shell/bash/shell-error.ts';

function history(...entries: string[]): History {
  const h = new History();
  for (const entry of entries) h.add(entry);
  return h;
}

function expand(line: string, h: History): string {
  return expandHistory(line, h).line;
}

function failure(line: string, h: History): string {
  try {
    expandHistory(line, h);
  } catch (error) {
    if (error instanceof ShellError) return error.message;
    throw error;
  }
  throw new Error('expanded');
}

describe('History', () => {
  it('prints entries as the history builtin does', () => {
    expect(history('ls -l', 'cat <<E\nhi\nE\n').format()).toBe(
      '    1  ls -l\n    2  cat <<E\nhi\nE\n\n',
    );
  });

  it('keeps duplicates and space-led lines (no HISTCONTROL on Debian for root)', () => {
    expect(history('ls', 'ls', ' secret').entries).toEqual(['ls', 'ls', ' secret']);
    const controlled = new History({ ignoreDuplicates: true, ignoreSpace: true });
    for (const entry of ['ls', 'ls', ' secret']) controlled.add(entry);
    expect(controlled.entries).toEqual(['ls']);
  });

  it('drops the oldest past HISTSIZE and keeps numbering', () => {
    const h = new History({ limit: 2 });
    for (const entry of ['a', 'b', 'c']) h.add(entry);
    expect(h.format()).toBe('    2  b\n    3  c\n');
    expect(h.byNumber(1)).toBeUndefined();
    expect(h.format(1)).toBe('    3  c\n');
  });

  it('round-trips through JSON', () => {
    const h = new History({ limit: 2 });
    for (const entry of ['a', 'b', 'c']) h.add(entry);
    const restored = new History({ limit: 2 }, JSON.parse(JSON.stringify(h)) as never);
    expect(restored.format()).toBe(h.format());
    expect(restored.nextNumber).toBe(4);
  });
});

describe('history expansion', () => {
  const h = history('echo one two three', 'ls -l /tmp', 'cat app.py');

  it('expands !!, !N, !-N, !string and !?string?', () => {
    expect(expand('!!', h)).toBe('cat app.py');
    expect(expand('sudo !!', h)).toBe('sudo cat app.py');
    expect(expand('!1', h)).toBe('echo one two three');
    expect(expand('!-2', h)).toBe('ls -l /tmp');
    expect(expand('!ls', h)).toBe('ls -l /tmp');
    expect(expand('!?two?', h)).toBe('echo one two three');
    expect(expand('!ec;x', h)).toBe('echo one two three;x');
  });

  it('expands word designators', () => {
    expect(expand('vi !$', h)).toBe('vi app.py');
    expect(expand('echo !^ !*', h)).toBe('echo app.py app.py');
    expect(expand('echo !1:2 !1:1-2 !1:2* !1:0', h)).toBe('echo two one two two three echo');
    expect(expand('echo !echo:$', h)).toBe('echo three');
  });

  it('leaves ! alone where bash does', () => {
    for (const line of [
      "echo 'a!!b'",
      'echo a\\!b',
      'echo !',
      'echo a! b',
      'x!=y',
      'echo "!"',
      'echo $! ${!x}',
      'ls sites-[!a]*',
    ]) {
      expect(expandHistory(line, h)).toEqual({ line, expanded: false });
    }
  });

  it('expands inside double quotes, where single quotes do not protect', () => {
    expect(expand(`echo "a!!b" "'!!'"`, h)).toBe(`echo "acat app.pyb" "'cat app.py'"`);
  });

  it('fails as bash does', () => {
    expect(failure('!x', h)).toBe('bash: !x: event not found');
    expect(failure('!99', h)).toBe('bash: !99: event not found');
    expect(failure('!?nothing?', h)).toBe('bash: !?nothing?: event not found');
    expect(failure('!!', new History())).toBe('bash: !!: event not found');
    expect(failure('!!:5', h)).toBe('bash: :5: bad word specifier');
    expect(failure('!1:2-9', h)).toBe('bash: :2-9: bad word specifier');
  });

  it('splits entries into words as readline does', () => {
    expect(historyWords(`echo "a b" 'c d'>x|y && z`)).toEqual([
      'echo',
      '"a b"',
      "'c d'",
      '>',
      'x',
      '|',
      'y',
      '&&',
      'z',
    ]);
  });
});

describe('CommandLineReader', () => {
  function read(lines: string[], h = new History()): { results: string[]; history: History } {
    const reader = new CommandLineReader(h);
    return { results: lines.map((line) => reader.read(line).kind), history: h };
  }

  it('asks for more until the command is complete', () => {
    expect(read(['echo "a', 'b"']).results).toEqual(['more', 'complete']);
    expect(read(['cat <<E', 'x', 'E']).results).toEqual(['more', 'more', 'complete']);
  });

  it('joins continued lines in history as bash 5.2 does', () => {
    const { history: h } = read([
      'true &&',
      'pwd',
      'echo a\\',
      'b',
      'echo "a',
      'b"',
      'cat <<E',
      'hi',
      'E',
      'echo x ;;',
      'ls \\',
      '',
    ]);
    expect(h.entries).toEqual([
      'true && pwd',
      'echo ab',
      'echo "a\nb"',
      'cat <<E\nhi\nE\n',
      'echo x ;;',
      'ls \\',
    ]);
  });

  it('does not expand ! in a here-document body', () => {
    const h = history('ls');
    const reader = new CommandLineReader(h);
    reader.read('cat <<E');
    expect(reader.read('a !! b')).toEqual({ kind: 'more' });
  });

  it('reports the expanded line, and keeps a failed expansion out of history', () => {
    const h = history('ls -l');
    const reader = new CommandLineReader(h);
    expect(reader.read('!!')).toMatchObject({ kind: 'complete', echo: 'ls -l' });
    expect(reader.read('!nope')).toMatchObject({ kind: 'error' });
    expect(h.entries).toEqual(['ls -l', 'ls -l']);
  });

  it('counts lines across commands for here-document warnings', () => {
    const reader = new CommandLineReader(new History());
    reader.read('echo a');
    reader.read('cat <<EOF');
    expect(reader.end()).toMatchObject({
      kind: 'complete',
      warnings: ["bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')"],
    });
  });

  it('forgets a half-read command on reset (Ctrl-C at the > prompt)', () => {
    const reader = new CommandLineReader(new History());
    reader.read('echo "a');
    reader.reset();
    expect(reader.continuing).toBe(false);
    expect(reader.read('echo b').kind).toBe('complete');
  });

  it('reads scripts without history', () => {
    const h = new History();
    const reader = new CommandLineReader(h, { interactive: false });
    expect(reader.read('echo !!').kind).toBe('complete');
    expect(h.length).toBe(0);
  });
});
