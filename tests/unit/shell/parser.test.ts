// The bash subset's parser: the tree it builds for every construct, what it reports as incomplete
// (the `> ` prompt), and its errors. The texts of the errors are bash 5.2's, recorded in
// tests/fixtures/bash/bash-5.2-recording.json (bash-recording.test.ts replays them end to end).

import { describe, expect, it } from 'vitest';
import { parse, type ParseResult } from '../../../src/shell/bash/parser.ts';
import { printProgram } from '../../../src/shell/bash/printer.ts';
import { ShellError } from '../../../src/shell/bash/shell-error.ts';
import type {
  Program,
  Redirection,
  SimpleCommand,
  Word,
} from '../../../src/shell/bash/syntax-tree.ts';

function program(text: string): Program {
  const result = parse(`${text}\n`);
  if (result.status !== 'complete') throw new Error(`incomplete: ${JSON.stringify(result)}`);
  return result.program;
}

function commands(text: string): SimpleCommand[] {
  return program(text).items.flatMap((item) =>
    [item.command.first, ...item.command.rest.map((r) => r.pipeline)].flatMap((p) => p.commands),
  );
}

function only(text: string): SimpleCommand {
  const all = commands(text);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function words(text: string): readonly Word[] {
  return only(text).words;
}

function error(text: string, final = false): ShellError {
  try {
    parse(`${text}\n`, { final });
  } catch (e) {
    if (e instanceof ShellError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

function incomplete(text: string): ParseResult & { status: 'incomplete' } {
  const result = parse(`${text}\n`);
  if (result.status !== 'incomplete') throw new Error(`complete: ${text}`);
  return result;
}

describe('words and quotes', () => {
  it('splits on blanks and keeps each word as typed', () => {
    expect(words('uwsgi  -s /tmp/uwsgi.sock\t--module app').map((w) => w.raw)).toEqual([
      'uwsgi',
      '-s',
      '/tmp/uwsgi.sock',
      '--module',
      'app',
    ]);
  });

  it('reads single quotes literally, backslashes included', () => {
    expect(words(`echo 'a\\"b $x'`)[1]!.parts).toEqual([
      { type: 'single-quoted', text: 'a\\"b $x', ansiC: false },
    ]);
  });

  it('applies bash rules for backslashes in double quotes', () => {
    // Only $ ` " \ and newline are escaped; before anything else the backslash stays.
    const [, word] = words('echo "\\$ \\` \\" \\\\ \\a"');
    expect(word!.parts).toEqual([
      { type: 'double-quoted', parts: [{ type: 'quoted-text', text: '$ ` " \\ \\a' }] },
    ]);
  });

  it('makes an unquoted backslash quote the next character', () => {
    expect(words('echo a\\ b \\$HOME')[1]!.parts).toEqual([
      { type: 'literal', text: 'a' },
      { type: 'escaped', text: ' ' },
      { type: 'literal', text: 'b' },
    ]);
  });

  it("decodes $'...' escapes", () => {
    expect(words("printf $'a\\tb\\x41\\'\\n'")[1]!.parts).toEqual([
      { type: 'single-quoted', text: "a\tbA'\n", ansiC: true },
    ]);
  });

  it('starts a comment only at the start of a word', () => {
    expect(words('echo a#b #c d').map((w) => w.raw)).toEqual(['echo', 'a#b']);
    expect(program('# only a comment').items).toEqual([]);
  });

  it('joins lines at a backslash-newline', () => {
    expect(words('echo a\\\nb').map((w) => w.raw)).toEqual(['echo', 'ab']);
  });
});

describe('parameters and substitutions', () => {
  it('reads $NAME, ${NAME} and the special parameters', () => {
    const parts = words('echo $HOME${USER}x $? $! $$ $0 $1 $# $@ $- $')[1]!.parts;
    expect(parts).toEqual([
      { type: 'parameter', name: 'HOME', braced: false, operation: undefined },
      { type: 'parameter', name: 'USER', braced: true, operation: undefined },
      { type: 'literal', text: 'x' },
    ]);
    expect(
      words('echo $? $! $$ $0 $1 $# $@ $- $')
        .slice(1)
        .map((w) => w.parts[0]),
    ).toEqual([
      ...['?', '!', '$', '0', '1', '#', '@', '-'].map((name) => ({
        type: 'parameter',
        name,
        braced: false,
        operation: undefined,
      })),
      { type: 'literal', text: '$' },
    ]);
  });

  it('reads ${...} operations', () => {
    const ops = words('echo ${#A} ${A:-x y} ${A-x} ${A:=x} ${A:+x} ${A:?m} ${A#*.} ${A%%.*}')
      .slice(1)
      .map((w) => {
        const part = w.parts[0];
        return part?.type === 'parameter' ? part.operation?.kind : part?.type;
      });
    expect(ops).toEqual([
      'length',
      'default',
      'default',
      'assign',
      'alternative',
      'error',
      'remove-prefix',
      'remove-suffix',
    ]);
  });

  it('keeps what bash refuses at expansion time as a bad substitution', () => {
    expect(words('echo ${a b}')[1]!.parts).toEqual([
      { type: 'bad-substitution', text: '${a b}', unsupported: false },
    ]);
    expect(words('echo ${x:1:2}')[1]!.parts).toEqual([
      { type: 'bad-substitution', text: '${x:1:2}', unsupported: true },
    ]);
  });

  it('parses $(...) and `...` as programs', () => {
    const [, dollar, backquoted] = words('echo $(ls | wc -l) `pwd`');
    const first = dollar!.parts[0];
    expect(first?.type === 'command-substitution' && printProgram(first.program)).toBe(
      'ls | wc -l',
    );
    const second = backquoted!.parts[0];
    expect(second?.type === 'command-substitution' && second.backquoted).toBe(true);
  });

  it('refuses arithmetic expansion as unsupported', () => {
    expect(error('echo $((1+2))').kind).toBe('unsupported');
  });
});

describe('tilde', () => {
  it('expands at the start of a word and after = and : in assignment-like words', () => {
    const [, home, user, notStart, assignmentLike, option] = words(
      'echo ~/x ~www-data a~ a=~/x:~/y --prefix=~/x',
    );
    expect(home!.parts[0]).toEqual({ type: 'tilde', user: '' });
    expect(user!.parts[0]).toEqual({ type: 'tilde', user: 'www-data' });
    expect(notStart!.parts).toEqual([{ type: 'literal', text: 'a~' }]);
    expect(assignmentLike!.parts.filter((p) => p.type === 'tilde')).toHaveLength(2);
    expect(option!.parts).toEqual([{ type: 'literal', text: '--prefix=~/x' }]);
  });

  it('does not expand a quoted tilde-prefix', () => {
    expect(words('echo "~" ~"root" \\~')[1]!.parts[0]?.type).toBe('double-quoted');
    expect(words('echo ~"root"')[1]!.parts[0]).toEqual({ type: 'literal', text: '~' });
  });
});

describe('commands', () => {
  it('takes leading NAME=value words as assignments, the rest as words', () => {
    const command = only('A=1 B+=~/x env A=2');
    expect(command.assignments.map((a) => [a.name, a.append, a.value.raw])).toEqual([
      ['A', false, '1'],
      ['B', true, '~/x'],
    ]);
    expect(command.words.map((w) => w.raw)).toEqual(['env', 'A=2']);
    expect(only('A=b').words).toEqual([]);
    expect(only('"A"=b').assignments).toEqual([]);
  });

  it('builds lists, and-or chains and pipelines', () => {
    const items = program('a | b |& c && ! d || e; f & g').items;
    expect(items.map((i) => i.background)).toEqual([false, true, false]);
    const first = items[0]!.command;
    expect(first.first.commands).toHaveLength(3);
    expect(first.first.stderrPipes).toEqual([false, true]);
    expect(first.rest.map((r) => [r.operator, r.pipeline.negated])).toEqual([
      ['&&', true],
      ['||', false],
    ]);
  });

  it('lets a command go on after |, && and || on the next line', () => {
    expect(printProgram(program('a |\n\n b &&\n c ||\n d'))).toBe('a | b && c || d');
  });

  it('reads several lines as one program', () => {
    expect(printProgram(program('a\nb; c\n\nd &'))).toBe('a; b; c; d &');
  });
});

describe('redirections', () => {
  function redirections(text: string): readonly Redirection[] {
    return only(text).redirections;
  }

  it('reads file redirections with and without a descriptor', () => {
    expect(
      redirections('cmd >out 2>err >>log <in 2>>log2 >|force').map((r) =>
        r.type === 'file' ? [r.fd, r.operator, r.target.raw] : r.type,
      ),
    ).toEqual([
      [1, '>', 'out'],
      [2, '>', 'err'],
      [1, '>>', 'log'],
      [0, '<', 'in'],
      [2, '>>', 'log2'],
      [1, '>|', 'force'],
    ]);
  });

  it('reads 2>&1, >&2, &> and >&file', () => {
    expect(
      redirections('cmd 2>&1 >&2 &>all &>>more >&file 2>&-').map((r) =>
        r.type === 'duplicate'
          ? `${r.fd}${r.operator}${r.target.raw}`
          : r.type === 'both'
            ? `${r.operator}${r.target.raw}`
            : r.type,
      ),
    ).toEqual(['2>&1', '1>&2', '&>all', '&>>more', '&>file', '2>&-']);
  });

  it('needs the digits right before > to make a descriptor number', () => {
    expect(words('echo 2 >x').map((w) => w.raw)).toEqual(['echo', '2']);
    expect(words('echo a2>x').map((w) => w.raw)).toEqual(['echo', 'a2']);
  });

  it('reads here-documents after the command line', () => {
    const [doc] = redirections('cat <<EOF\nuri=$uri\n  EOF\nEOF');
    expect(doc).toMatchObject({
      type: 'here-document',
      delimiter: 'EOF',
      quoted: false,
      body: {
        text: 'uri=$uri\n  EOF\n',
        terminated: true,
        parts: [
          { type: 'quoted-text', text: 'uri=' },
          { type: 'parameter', name: 'uri' },
          { type: 'quoted-text', text: '\n  EOF\n' },
        ],
      },
    });
  });

  it('takes the body literally when any part of the delimiter is quoted', () => {
    for (const delimiter of ["'EOF'", '"EOF"', 'E\\OF', 'E"O"F', "$'EOF'"]) {
      const [doc] = redirections(`cat <<${delimiter}\n$uri \\$ \`x\`\nEOF`);
      expect(doc).toMatchObject({
        delimiter: 'EOF',
        quoted: true,
        body: { parts: [{ type: 'quoted-text', text: '$uri \\$ `x`\n' }] },
      });
    }
  });

  it('strips leading tabs with <<-', () => {
    const [doc] = redirections('cat <<-E\n\tx\n\t\ty\n\tE');
    expect(doc).toMatchObject({ stripTabs: true, body: { text: 'x\ny\n' } });
  });

  it('reads several here-documents in order, after the whole line', () => {
    const all = commands('cat <<A; cat <<B\na\nA\nb\nB');
    expect(all.map((c) => (c.redirections[0] as { body: { text: string } }).body.text)).toEqual([
      'a\n',
      'b\n',
    ]);
  });

  it('reads here-strings', () => {
    expect(redirections('cat <<< "$x y"')[0]).toMatchObject({ type: 'here-string', fd: 0 });
  });
});

describe('input that needs more lines', () => {
  it.each([
    ['echo "abc', 'unmatched', '"'],
    ["echo 'abc", 'unmatched', "'"],
    ['echo `abc', 'unmatched', '`'],
    ['echo ${abc', 'unmatched', '}'],
    ['echo $(abc', 'unmatched', ')'],
    ['echo $(ls |', 'unmatched', ')'],
    ['ls |', 'command', undefined],
    ['ls &&', 'command', undefined],
    ['ls ||', 'command', undefined],
    ['echo a\\', 'continuation', undefined],
    ['cat <<EOF', 'here-document', undefined],
    ['cat <<EOF\nbody', 'here-document', undefined],
  ])('%j is incomplete (%s)', (text, kind, opener) => {
    const { reason } = incomplete(text);
    expect(reason.kind).toBe(kind);
    if (opener !== undefined) expect(reason).toMatchObject({ opener });
  });

  it('gives bash end-of-file errors when the input is final', () => {
    expect(error('echo "abc', true).message).toBe(
      'bash: unexpected EOF while looking for matching `"\'',
    );
    expect(error('ls |', true).message).toBe('bash: syntax error: unexpected end of file');
    expect(error('echo $(', true).message).toBe(
      "bash: unexpected EOF while looking for matching `)'",
    );
  });

  it('cuts a here-document off at the end with bash warning, naming its line', () => {
    const result = parse('echo a\ncat <<EOF\nx $HOME\n', { final: true, firstLine: 7 });
    expect(result).toMatchObject({
      status: 'complete',
      warnings: ["bash: warning: here-document at line 8 delimited by end-of-file (wanted `EOF')"],
    });
  });

  it('runs a final backslash-newline as if it were not there', () => {
    const result = parse('echo a\\\n', { final: true });
    expect(result.status === 'complete' && printProgram(result.program)).toBe('echo a');
  });
});

describe('syntax errors', () => {
  it.each([
    ['echo a ;; b', ';;'],
    ['| ls', '|'],
    ['ls | | wc', '|'],
    ['echo a && && b', '&&'],
    ['; ls', ';'],
    ['ls & & ls', '&'],
    ['echo a & ; ls', ';'],
    ['echo >', 'newline'],
    ['echo > > x', '>'],
    [')', ')'],
    ['echo a )', ')'],
    ['echo a(', '('],
    ['then', 'then'],
    ['fi', 'fi'],
    ['done', 'done'],
    ['}', '}'],
    ['cat <<', 'newline'],
    ['cat << ;', ';'],
    ['echo a > &1', '&'],
    ['echo a ;& b', ';&'],
  ])('%j: near %j', (text, token) => {
    const e = error(text);
    expect(e.kind).toBe('unexpected-token');
    expect(e.message).toBe(`bash: syntax error near unexpected token \`${token}'`);
  });

  it('words errors for a script as bash -c does, quoting the line', () => {
    const e = error('echo a ;; b');
    expect(e.scriptMessage('bash: -c', 'echo a ;; b')).toBe(
      "bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `echo a ;; b'",
    );
  });

  it.each([
    'if true',
    'for x in a',
    'while true',
    'case x in',
    '{ ls; }',
    '( ls )',
    'f () { ls; }',
  ])('%j is a compound command, refused as unsupported', (text) => {
    expect(error(text).kind).toBe('unsupported');
  });

  it('recognizes reserved words only unquoted and first', () => {
    expect(words('echo fi then').map((w) => w.raw)).toEqual(['echo', 'fi', 'then']);
    expect(words('"fi"').map((w) => w.raw)).toEqual(['"fi"']);
  });
});

describe('printer', () => {
  it('prints as bash shows a job', () => {
    expect(
      printProgram(
        program('sleep 30  >/dev/null 2>&1 | cat   -n; A=1   sleep 32 2>>/tmp/x <  /dev/null &'),
      ),
    ).toBe('sleep 30 > /dev/null 2>&1 | cat -n; A=1 sleep 32 2>> /tmp/x < /dev/null &');
    expect(printProgram(program('sleep 33 <<<  "$HOME"'))).toBe('sleep 33 <<< "$HOME"');
  });

  it('puts here-document bodies after the line', () => {
    expect(printProgram(program("cat <<'E' | cat <<-F\nx\nE\n\ty\n\tF"))).toBe(
      "cat <<'E' | cat <<-F\nx\nE\ny\nF\n",
    );
  });

  it('drops line continuations, but not an escaped backslash before a newline or one in single quotes', () => {
    expect(printProgram(program('echo a\\\nb "c\\\nd"'))).toBe('echo ab "cd"');
    expect(printProgram(program('echo "a\\\\\n" \'b\\\nc\''))).toBe('echo "a\\\\\n" \'b\\\nc\'');
  });
});
