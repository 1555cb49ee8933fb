// Word expansion: patterns, pathname expansion through an injected directory listing, IFS
// splitting and the parameter operations. End-to-end cases against the real bash are in
// bash-recording.test.ts; these pin the pieces down one by one.

import { describe, expect, it } from 'vitest';
import { splitFields, type Segment } from '../../../src/shell/bash/field-splitting.ts';
import { parse } from '../../../src/shell/bash/parser.ts';
import { expandPathname } from '../../../src/shell/bash/pathname-expansion.ts';
import { GlobPattern, patternChars } from '../../../src/shell/bash/pattern.ts';
import { ShellError } from '../../../src/shell/bash/shell-error.ts';
import type { Word } from '../../../src/shell/bash/syntax-tree.ts';
import { ShellVariables } from '../../../src/shell/bash/variables.ts';
import { WordExpander, type ExpansionContext } from '../../../src/shell/bash/word-expansion.ts';
import { FakeFiles } from './fake-host.ts';

const files = new FakeFiles({
  '/etc/nginx/sites-available/default': '',
  '/etc/nginx/sites-enabled/default': '',
  '/etc/nginx/nginx.conf': '',
  '/etc/nginx/uwsgi_params': '',
  '/tmp/uwsgi.sock': '',
  '/tmp/app.sock': '',
  '/tmp/.hidden.sock': '',
  '/tmp/notes.txt': '',
  '/home/ubuntu/helloWorld/app.py': '',
  '/home/ubuntu/helloWorld/.venv/bin/activate': '',
});
const list = (path: string): string[] | undefined => files.listDirectory(path);

function glob(pattern: string, cwd = '/'): string[] {
  return expandPathname(patternChars(pattern), cwd, list);
}

describe('GlobPattern', () => {
  const matches = (pattern: string, text: string): boolean =>
    new GlobPattern(patternChars(pattern)).matches(text);

  it('matches *, ? and bracket expressions', () => {
    expect(matches('*.sock', 'uwsgi.sock')).toBe(true);
    expect(matches('*.sock', 'uwsgi.sock.bak')).toBe(false);
    expect(matches('a*b*c', 'aXbYbc')).toBe(true);
    expect(matches('site?x', 'site-x')).toBe(true);
    expect(matches('sites-[ae]*', 'sites-enabled')).toBe(true);
    expect(matches('sites-[!a]*', 'sites-available')).toBe(false);
    expect(matches('sites-[^a]*', 'sites-enabled')).toBe(true);
    expect(matches('[a-c]x', 'bx')).toBe(true);
    expect(matches('[]]', ']')).toBe(true);
    expect(matches('[[:digit:]][[:alpha:]]', '1a')).toBe(true);
    expect(matches('[a', '[a')).toBe(true);
  });

  it('counts a Korean syllable as one character', () => {
    expect(matches('?글.txt', '한글.txt')).toBe(true);
    expect(matches('??.txt', '한글.txt')).toBe(true);
  });

  it('takes quoted characters literally', () => {
    const pattern = new GlobPattern([
      { char: '*', quoted: true },
      { char: '*', quoted: false },
    ]);
    expect(pattern.matches('*x')).toBe(true);
    expect(pattern.matches('x*')).toBe(false);
  });
});

describe('pathname expansion', () => {
  it('expands through the directory listing, sorted', () => {
    expect(glob('/etc/nginx/sites-*')).toEqual([
      '/etc/nginx/sites-available',
      '/etc/nginx/sites-enabled',
    ]);
    expect(glob('/tmp/*.sock')).toEqual(['/tmp/app.sock', '/tmp/uwsgi.sock']);
  });

  it('leaves out names starting with a dot unless the pattern does', () => {
    expect(glob('/tmp/.*')).toEqual(['/tmp/.hidden.sock']);
    expect(glob('*', '/home/ubuntu/helloWorld')).toEqual(['app.py']);
  });

  it('globs every directory level and checks literal components', () => {
    expect(glob('/etc/nginx/*/default')).toEqual([
      '/etc/nginx/sites-available/default',
      '/etc/nginx/sites-enabled/default',
    ]);
    expect(glob('/home/*/helloWorld/.venv/bin/act*')).toEqual([
      '/home/ubuntu/helloWorld/.venv/bin/activate',
    ]);
    expect(glob('/etc/*/nothing')).toEqual([]);
  });

  it('keeps only directories for a trailing slash', () => {
    expect(glob('/etc/nginx/*/')).toEqual([
      '/etc/nginx/sites-available/',
      '/etc/nginx/sites-enabled/',
    ]);
  });

  it('expands relative patterns against the working directory, keeping ./', () => {
    expect(glob('./*.py', '/home/ubuntu/helloWorld')).toEqual(['./app.py']);
  });

  it('gives nothing when nothing matches or a directory cannot be read', () => {
    expect(glob('/tmp/*.pid')).toEqual([]);
    expect(glob('/nope/*')).toEqual([]);
  });
});

describe('field splitting', () => {
  const expansion = (text: string): Segment => ({ text, quoted: false, splittable: true });
  const texts = (fields: Segment[][]): string[] => fields.map((f) => f.map((s) => s.text).join(''));

  it('splits on IFS whitespace, trimming the ends', () => {
    expect(texts(splitFields([expansion('  a   b \n c ')], ' \t\n'))).toEqual(['a', 'b', 'c']);
  });

  it('makes an empty field between two non-whitespace separators', () => {
    expect(texts(splitFields([expansion('a:b::c:')], ':'))).toEqual(['a', 'b', '', 'c']);
    expect(texts(splitFields([expansion(':a')], ':'))).toEqual(['', 'a']);
    expect(texts(splitFields([expansion('a : b')], ' :'))).toEqual(['a', 'b']);
  });

  it('never splits quoted or literal text, and keeps a quoted empty word', () => {
    const fields = splitFields(
      [
        { text: 'x', quoted: false, splittable: false },
        expansion('1 2'),
        { text: ' y', quoted: true, splittable: false },
      ],
      ' ',
    );
    expect(texts(fields)).toEqual(['x1', '2 y']);
    expect(texts(splitFields([{ text: '', quoted: true, splittable: false }], ' '))).toEqual(['']);
    expect(splitFields([expansion('')], ' ')).toEqual([]);
  });

  it('does not split at all with an empty IFS', () => {
    expect(texts(splitFields([expansion('a b')], ''))).toEqual(['a b']);
  });
});

describe('WordExpander', () => {
  function expander(variables: Record<string, string> = {}, substitution = ''): WordExpander {
    const context: ExpansionContext = {
      variables: new ShellVariables({ HOME: '/root', ...variables }),
      lastStatus: 3,
      lastBackgroundPid: undefined,
      shellPid: 999,
      shellName: '-bash',
      positional: [],
      cwd: '/tmp',
      homeDirectory: (user) =>
        user === 'www-data' ? '/var/www' : user === '' ? '/root' : undefined,
      listDirectory: list,
      commandSubstitution: () => Promise.resolve(substitution),
    };
    return new WordExpander(context);
  }

  function word(text: string): Word {
    const result = parse(`echo ${text}\n`);
    if (result.status !== 'complete') throw new Error('incomplete');
    return result.program.items[0]!.command.first.commands[0]!.words[1]!;
  }

  async function fields(text: string, variables: Record<string, string> = {}): Promise<string[]> {
    return expander(variables).expandWord(word(text));
  }

  it('expands special parameters', async () => {
    expect(await fields('$?:$$:$0:$#:[$!]:[$1]')).toEqual(['3:999:-bash:0:[]:[]']);
  });

  it('expands an unset variable to nothing, as in nginx snippets typed into a here-document', async () => {
    expect(await fields('$uri')).toEqual([]);
    expect(await fields('"$uri"')).toEqual(['']);
    expect(await fields('x$uri/')).toEqual(['x/']);
  });

  it('expands ~ and ~user, leaving unknown users alone', async () => {
    expect(await fields('~/x')).toEqual(['/root/x']);
    expect(await fields('~www-data')).toEqual(['/var/www']);
    expect(await fields('~nobody/x')).toEqual(['~nobody/x']);
  });

  it('globs unquoted expansion results but not quoted ones', async () => {
    expect(await fields('$p', { p: '*.sock' })).toEqual(['app.sock', 'uwsgi.sock']);
    expect(await fields('"$p"', { p: '*.sock' })).toEqual(['*.sock']);
    expect(await fields('/tmp/*.pid')).toEqual(['/tmp/*.pid']);
  });

  it('implements the parameter operations', async () => {
    const variables = { f: 'app.tar.gz', e: '' };
    expect(await fields('${#f}', variables)).toEqual(['10']);
    expect(await fields('${f#*.}.${f##*.}.${f%.*}.${f%%.*}', variables)).toEqual([
      'tar.gz.gz.app.tar.app',
    ]);
    expect(await fields('[${e:-d}][${e-d}][${e:+a}][${e+a}][${u+a}]', variables)).toEqual([
      '[d][][][a][]',
    ]);
  });

  it('assigns with ${x:=word}', async () => {
    const e = expander();
    expect(await e.expandWord(word('${x:=new}'))).toEqual(['new']);
    expect(await e.expandWord(word('$x'))).toEqual(['new']);
  });

  it('fails with bash messages', async () => {
    const message = async (text: string): Promise<string> => {
      try {
        await fields(text);
      } catch (error) {
        if (error instanceof ShellError) return error.message;
      }
      throw new Error('no error');
    };
    expect(await message('${a b}')).toBe('bash: ${a b}: bad substitution');
    expect(await message('${x:?}')).toBe('bash: x: parameter null or not set');
    expect(await message('${x?}')).toBe('bash: x: parameter not set');
    expect(await message('${x:?is missing}')).toBe('bash: x: is missing');
    expect(await message('${1:=a}')).toBe('bash: $1: cannot assign in this way');
    expect((await message('${x/a/b}')).endsWith('not supported in this simulated shell')).toBe(
      true,
    );
  });

  it('needs exactly one word for a redirection target', async () => {
    const e = expander({ two: 'a b' });
    await expect(e.expandRedirectionTarget(word('$nope'))).rejects.toThrow(
      'bash: $nope: ambiguous redirect',
    );
    await expect(e.expandRedirectionTarget(word('$two'))).rejects.toThrow(
      'bash: $two: ambiguous redirect',
    );
    expect(await e.expandRedirectionTarget(word('"$two"'))).toBe('a b');
  });

  it('removes the trailing newlines of a command substitution and splits it', async () => {
    const e = expander({}, 'a  b\n\n');
    expect(await e.expandWord(word('$(x)'))).toEqual(['a', 'b']);
    expect(await e.expandWord(word('"$(x)"'))).toEqual(['a  b']);
  });
});
