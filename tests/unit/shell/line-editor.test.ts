// The line editor and the terminal session on their own: key decoding, character widths, events,
// typeahead, history, completion rules, and a command reading the keyboard. What readline itself
// does with the same keys is checked in line-editor-readline.test.ts.

import { describe, expect, it } from 'vitest';
import { History } from '../../../src/shell/bash/history.ts';
import { ShellSession } from '../../../src/shell/bash/shell-session.ts';
import {
  completionWord,
  formatCandidateColumns,
  longestCommonPrefix,
  quoteCompletion,
  type CompletionCandidate,
  type Completer,
} from '../../../src/shell/line-editor-completion.ts';
import { decodeKeys } from '../../../src/shell/line-editor-keys.ts';
import { LineEditor } from '../../../src/shell/line-editor.ts';
import { TerminalInput } from '../../../src/shell/terminal-input.ts';
import { TerminalSession } from '../../../src/shell/terminal-session.ts';
import { charWidth, clusters, stringWidth, stripAnsi } from '../../../src/shell/terminal-width.ts';
import { fakeMachine } from './fake-host.ts';
import { ScreenEmulator } from './screen-emulator.ts';

function editor(options: { columns?: number; history?: string[]; completer?: Completer } = {}): {
  editor: LineEditor;
  screen: ScreenEmulator;
  type: (data: string) => ReturnType<LineEditor['feed']>;
} {
  const history = new History();
  for (const entry of options.history ?? []) history.add(entry);
  const columns = options.columns ?? 80;
  const e = new LineEditor({
    history,
    columns,
    ...(options.completer === undefined ? {} : { completer: options.completer }),
  });
  const screen = new ScreenEmulator(columns);
  screen.write(e.start('root@helloworld:~# ').output);
  return {
    editor: e,
    screen,
    type: (data) => {
      const result = e.feed(data);
      screen.write(result.output);
      return result;
    },
  };
}

describe('terminal width', () => {
  it('gives two columns to Hangul, CJK and fullwidth forms, none to combining marks', () => {
    expect([...'a가힣ᄀ한漢ｱＡ'].map(charWidth)).toEqual([1, 2, 2, 2, 2, 2, 1, 2]);
    expect(charWidth('\u1161')).toBe(0);
    expect(charWidth('\u0301')).toBe(0);
    expect(charWidth('\u200b')).toBe(0);
    expect(stringWidth('echo 안녕하세요')).toBe(15);
  });

  it('ignores escape sequences', () => {
    expect(stripAnsi('\x1b[01;32mroot@helloworld\x1b[00m:\x1b]0;title\x07~# ')).toBe(
      'root@helloworld:~# ',
    );
    expect(stringWidth('\x1b[1m가\x1b[0m')).toBe(2);
  });

  it('keeps a decomposed syllable together as one step for the cursor', () => {
    expect(clusters('\u1112\u1161\u11ab글')).toEqual(['\u1112\u1161\u11ab', '글']);
  });
});

describe('key decoding', () => {
  it('reads the sequences xterm.js sends', () => {
    expect(
      decodeKeys('ab\x1b[D\x1bOC\x1b[1;5D\x1b[3~\x1b[1~\x1b[4~\x1b[H\x1b[F\x7f\r\t\x01'),
    ).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'left' },
      { kind: 'right' },
      { kind: 'word-left' },
      { kind: 'delete' },
      { kind: 'home' },
      { kind: 'end' },
      { kind: 'home' },
      { kind: 'end' },
      { kind: 'backspace' },
      { kind: 'enter' },
      { kind: 'tab' },
      { kind: 'control', letter: 'a' },
    ]);
  });

  it('treats pasted line ends as Enter, CRLF once, and drops bracketed-paste markers', () => {
    expect(decodeKeys('\x1b[200~ls\r\ncd /\n\x1b[201~')).toEqual([
      { kind: 'text', text: 'ls' },
      { kind: 'enter' },
      { kind: 'text', text: 'cd /' },
      { kind: 'enter' },
    ]);
  });

  it('reads Alt keys and a lone Escape', () => {
    expect(decodeKeys('\x1bb\x1bf\x1bd\x1b\x7f\x1b')).toEqual([
      { kind: 'word-left' },
      { kind: 'word-right' },
      { kind: 'kill-word-right' },
      { kind: 'kill-word-left' },
      { kind: 'escape' },
    ]);
  });
});

describe('LineEditor', () => {
  it('moves over Korean two columns at a time', () => {
    const { type, screen } = editor();
    type('echo 한글');
    expect(screen.col).toBe(19 + 9);
    type('\x1b[D');
    expect(screen.col).toBe(19 + 7);
    type('\x7f');
    expect(screen.line(0)).toBe('root@helloworld:~# echo 글');
    expect(screen.col).toBe(19 + 5);
  });

  it('reports the accepted line and keeps what was typed after it for the next prompt', () => {
    const { editor: e, type } = editor();
    const result = type('echo 1\recho 2');
    expect(result.events).toEqual([{ kind: 'line', text: 'echo 1' }]);
    expect(e.reading).toBe(false);
    const next = e.start('$ ');
    expect(next.output).toBe('$ echo 2');
    expect(e.line).toBe('echo 2');
  });

  it('gives eof for Ctrl-D on an empty line only', () => {
    const { type } = editor();
    expect(type('ab\x01\x04').events).toEqual([]);
    expect(type('\x05\x15\x04').events).toEqual([{ kind: 'eof' }]);
  });

  it('prints ^C where the cursor is and gives up the line', () => {
    const { type, screen } = editor();
    const result = type('abc\x1b[D\x03ignored');
    expect(result.events).toEqual([{ kind: 'interrupt' }]);
    expect(screen.line(0)).toBe('root@helloworld:~# ab^C');
    expect([screen.row, screen.col]).toEqual([1, 0]);
  });

  it('walks the history and keeps edits to the line being typed', () => {
    const { type, editor: e } = editor({ history: ['ls -l', 'cat app.py'] });
    type('draft');
    type('\x1b[A');
    expect(e.line).toBe('cat app.py');
    type('\x1b[A\x1b[A');
    expect(e.line).toBe('ls -l');
    type('\x1b[B\x1b[B');
    expect(e.line).toBe('draft');
    type('\x1b[B');
    expect(e.line).toBe('draft');
  });

  it('shows a recalled multi-line command and hands it over whole', () => {
    const { type, screen } = editor({ history: ['echo "a\nb"'] });
    type('\x1b[A');
    expect(screen.lines().slice(0, 2)).toEqual(['root@helloworld:~# echo "a', 'b"']);
    expect(type('\r').events).toEqual([{ kind: 'line', text: 'echo "a\nb"' }]);
  });

  it('wraps a long line and moves across rows', () => {
    const { type, screen, editor: e } = editor({ columns: 24 });
    type('echo 가나다라마바사아');
    // The space fills the last column; the syllables go on the next row.
    expect(screen.lines()).toEqual(['root@helloworld:~# echo', '가나다라마바사아']);
    type('\x01');
    expect([screen.row, screen.col]).toEqual([0, 19]);
    type('\x05');
    expect([screen.row, screen.col]).toEqual([1, 16]);
    type('\x1b[D'.repeat(8));
    expect([screen.row, screen.col]).toEqual([1, 0]);
    type('\x1b[D');
    expect([screen.row, screen.col]).toEqual([0, 23]);
    expect(e.cursor).toBe(4);
  });

  it('redraws the line after Ctrl-L and after a resize', () => {
    const { type, screen, editor: e } = editor();
    type('echo x\x1b[D');
    type('\x0c');
    expect(screen.lines()[0]).toBe('root@helloworld:~# echo x');
    expect(screen.col).toBe(19 + 5);
    const resized = new ScreenEmulator(20);
    resized.write(e.resize(20).output);
    expect(resized.lines()).toEqual(['root@helloworld:~# e', 'cho x']);
  });

  it('waits for the next prompt while no line is read', () => {
    const { type } = editor();
    type('ls\r');
    expect(type('pwd').output).toBe('');
  });
});

describe('completion', () => {
  const files: CompletionCandidate[] = [
    { text: 'sites-available', directory: true },
    { text: 'sites-enabled', directory: true },
    { text: 'site-x', directory: true },
    { text: 'sitefile' },
  ];
  const completer: Completer = {
    complete: (request) =>
      request.commandPosition
        ? ['uwsgi', 'uwsgi-core', 'uname']
            .filter((c) => c.startsWith(request.word))
            .map((text) => ({ text }))
        : files.filter((f) => f.text.startsWith(request.word)),
  };

  it('finds the word, its quote and whether it names a command', () => {
    expect(completionWord('ls -l sit', 9)).toMatchObject({
      start: 6,
      quote: '',
      request: { word: 'sit', commandPosition: false, previousWords: ['ls', '-l'] },
    });
    expect(completionWord('echo x | uw', 11).request).toMatchObject({
      word: 'uw',
      commandPosition: true,
    });
    expect(completionWord('A=1 uw', 6).request.commandPosition).toBe(true);
    expect(completionWord('cat "a b', 8)).toMatchObject({
      start: 5,
      quote: '"',
      request: { word: 'a b' },
    });
    expect(completionWord('cat a\\ b', 8)).toMatchObject({ start: 4, request: { word: 'a b' } });
    expect(completionWord('uwsgi --socket=/tm', 18)).toMatchObject({
      start: 15,
      request: { word: '/tm', commandPosition: false },
    });
  });

  it('quotes what it inserts as bash does', () => {
    expect(quoteCompletion('a b(1).txt', '')).toBe('a\\ b\\(1\\).txt');
    expect(quoteCompletion('~/x y', '')).toBe('~/x\\ y');
    expect(quoteCompletion('a"b', '"')).toBe('a\\"b');
    expect(longestCommonPrefix(['sites-available', 'sites-enabled', 'site-x'])).toBe('site');
    expect(longestCommonPrefix(['한글.txt', '한국'])).toBe('한');
  });

  it('completes a command name with a space, lists on the second Tab', () => {
    const { type, editor: e, screen } = editor({ completer });
    type('una\t');
    expect(e.line).toBe('uname ');
    type('\x15uw\t');
    expect(e.line).toBe('uwsgi');
    expect(screen.bells).toBe(1);
    type('\t');
    expect(screen.bells).toBe(2);
    type('\t');
    expect(screen.lines()).toEqual([
      'root@helloworld:~# uwsgi',
      'uwsgi       uwsgi-core',
      'root@helloworld:~# uwsgi',
    ]);
  });

  it('asks before listing 100 candidates or more', () => {
    const many: Completer = {
      complete: () => Array.from({ length: 120 }, (_, i) => ({ text: `cmd${i}` })),
    };
    const { type, screen } = editor({ completer: many });
    type('cm\t\t\t');
    expect(screen.lines().at(-1)).toBe('Display all 120 possibilities? (y or n)');
    type('x');
    expect(screen.bells).toBe(3);
    type('n');
    expect(screen.lines().at(-1)).toBe('root@helloworld:~# cmd');
    type('\ty');
    // Sorted as strings; 80 columns would take ten 8-wide columns exactly, so readline uses nine.
    expect(screen.lines()).toContain(
      'cmd0    cmd110  cmd16   cmd29   cmd41   cmd54   cmd67   cmd8    cmd92',
    );
  });

  it('lays candidates out down the columns, not counting a directory slash', () => {
    expect(formatCandidateColumns(files, 40)).toBe(
      'site-x/          sites-available/\r\nsitefile         sites-enabled/\r\n',
    );
    expect(formatCandidateColumns([{ text: 'a' }, { text: 'b' }], 80)).toBe('a  b  \r\n');
  });
});

describe('TerminalInput', () => {
  it('echoes and hands over a line at a time; Ctrl-D ends the input', async () => {
    let echoed = '';
    const input = new TerminalInput((text) => (echoed += text));
    const all = input.readAll();
    input.type('y\x7fY\r');
    input.type('한\x7f');
    input.type('\x04');
    expect(await all).toBe('Y\n');
    expect(echoed).toBe('y\b \bY\r\n한\b \b\b \b');
  });

  it('gives back what was not read', () => {
    const input = new TerminalInput(() => undefined);
    input.type('ls\rpw');
    expect(input.takeUnread()).toBe('ls\rpw');
  });
});

describe('TerminalSession', () => {
  function terminal(commands: Parameters<typeof fakeMachine>[0] = {}): {
    session: TerminalSession;
    screen: ScreenEmulator;
    output: () => string;
    shell: ShellSession;
  } {
    const machine = fakeMachine(commands);
    const shell = new ShellSession(machine.host, machine.state, {
      user: 'root',
      uid: 0,
      hostname: 'helloworld',
    });
    const screen = new ScreenEmulator(80);
    let raw = '';
    const session = new TerminalSession({
      shell,
      write: (data) => {
        raw += data;
        screen.write(data);
      },
    });
    return { session, screen, output: () => raw, shell };
  }

  it('runs what is typed and shows the next prompt, with \\r\\n line ends', async () => {
    const { session, screen, output } = terminal();
    await session.start();
    session.input('echo hi\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual(['$ echo hi', 'hi', '$']);
    expect(output()).toContain('hi\r\n');
  });

  it('gives a command the keyboard and Ctrl-C', async () => {
    const { session, screen } = terminal();
    await session.start();
    session.input('cat\r');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.running).toBe(true);
    session.input('hello\r');
    await new Promise((resolve) => setTimeout(resolve, 0));
    session.input('\x03');
    await session.whenIdle();
    expect(screen.lines()).toEqual(['$ cat', 'hello', 'hello', '^C', '$']);
  });

  it('ends on Ctrl-D with exit', async () => {
    let status: number | undefined;
    const machine = fakeMachine();
    const shell = new ShellSession(machine.host, machine.state, {
      user: 'root',
      uid: 0,
      hostname: 'h',
    });
    const screen = new ScreenEmulator(80);
    const session = new TerminalSession({
      shell,
      write: (data) => screen.write(data),
      onExit: (s) => (status = s),
    });
    await session.start();
    session.input('\x04');
    await session.whenIdle();
    expect(session.exited).toBe(true);
    expect(status).toBe(0);
    expect(screen.lines()).toEqual(['$', 'exit', '']);
  });

  it('sets $? to 130 after Ctrl-C at the prompt', async () => {
    const { session, screen } = terminal();
    await session.start();
    session.input('abc\x03');
    await session.whenIdle();
    session.input('echo $?\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual(['$ abc^C', '$ echo $?', '130', '$']);
  });

  it('shows the continuation prompt', async () => {
    const { session, screen } = terminal();
    await session.start();
    session.input('echo "a\rb"\r');
    await session.whenIdle();
    expect(screen.lines()).toEqual(['$ echo "a', '> b"', 'a', 'b', '$']);
  });
});
