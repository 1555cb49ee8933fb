// nginx's tokenizer and the per-file tree: words, quotes, escapes, comments, `${var}`, and the
// syntax errors with the line nginx reports them on.

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/gateway/nginx/config-error.ts';
import { ConfigLexer, unescapeWord } from '../../../src/gateway/nginx/lexer.ts';
import { parseConfigFile, type ConfigNode } from '../../../src/gateway/nginx/parser.ts';

function tokens(text: string): unknown[] {
  const lexer = new ConfigLexer(text, '/t.conf');
  const out: unknown[] = [];
  for (;;) {
    const token = lexer.next();
    out.push(
      token.kind === 'directive'
        ? [...token.words, token.end, token.line]
        : [token.kind, token.line],
    );
    if (token.kind === 'eof') return out;
  }
}

function syntaxError(text: string): string {
  try {
    tokens(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.text;
    throw error;
  }
  return 'no error';
}

describe('ConfigLexer', () => {
  it('splits words and reports the line of the terminator', () => {
    expect(tokens('listen 8080;\nlocation / {\n}\n')).toEqual([
      ['listen', '8080', ';', 1],
      ['location', '/', '{', 2],
      ['block-end', 3],
      ['eof', 4],
    ]);
    expect(tokens('try_files $uri\n  @x;')).toEqual([
      ['try_files', '$uri', '@x', ';', 2],
      ['eof', 2],
    ]);
  });

  it('reads quotes, escapes, comments and ${var} as nginx does', () => {
    expect(tokens(`return 200 "a b;{}" 'it\\'s';`)[0]).toEqual([
      'return',
      '200',
      'a b;{}',
      "it's",
      ';',
      1,
    ]);
    expect(tokens('return 200 "say \\"hi\\"\\n"; # comment ;{\n')[0]).toEqual([
      'return',
      '200',
      'say "hi"\n',
      ';',
      1,
    ]);
    expect(tokens('set $x ${uri}abc;')[0]).toEqual(['set', '$x', '${uri}abc', ';', 1]);
    // an escaped space joins the word but keeps its backslash (only \" \' \\ \t \r \n are resolved)
    expect(tokens('a\\ b c;')[0]).toEqual(['a\\ b', 'c', ';', 1]);
    expect(tokens('x abc};')[0]).toEqual(['x', 'abc}', ';', 1]);
  });

  it('keeps a backslash before other characters', () => {
    expect(unescapeWord('\\d+\\.php')).toBe('\\d+\\.php');
    expect(unescapeWord('a\\\\b\\tc')).toBe('a\\b\tc');
  });

  it('refuses what nginx refuses, with nginx words and lines', () => {
    expect(syntaxError('listen 80;\n;')).toBe('unexpected ";" in /t.conf:2');
    expect(syntaxError('{')).toBe('unexpected "{" in /t.conf:1');
    expect(syntaxError('listen 80 }')).toBe('unexpected "}" in /t.conf:1');
    expect(syntaxError('listen 80\n\n')).toBe(
      'unexpected end of file, expecting ";" or "}" in /t.conf:3',
    );
    expect(syntaxError('return 200 "a"b;')).toBe('unexpected "b" in /t.conf:1');
    expect(syntaxError("return 200 'it''s';")).toBe(`unexpected "'" in /t.conf:1`);
    expect(syntaxError(`x "${'a'.repeat(5000)}`)).toBe(
      'too long parameter, probably missing terminating """ character in /t.conf:1',
    );
    expect(syntaxError(`x ${'a'.repeat(5000)};`)).toBe(
      'too long parameter "aaaaaaaaaa..." started in /t.conf:1',
    );
  });
});

describe('parseConfigFile', () => {
  it('builds a tree with file, line and blocks', () => {
    const file = parseConfigFile(
      'server {\n  listen 80;\n  location / {\n  }\n}\n',
      '/etc/nginx/site',
    );
    const server = file.nodes[0]!;
    expect(server).toMatchObject({
      kind: 'directive',
      name: 'server',
      line: 1,
      file: '/etc/nginx/site',
    });
    if (server.kind !== 'directive') throw new Error();
    expect(server.block?.closeLine).toBe(5);
    expect(
      server.block?.nodes.map((n: ConfigNode) =>
        n.kind === 'directive' ? [n.name, n.line] : n.kind,
      ),
    ).toEqual([
      ['listen', 2],
      ['location', 3],
    ]);
  });

  it('puts a syntax error where nginx meets it, ending the open blocks', () => {
    const file = parseConfigFile('server {\n  location / {\n    try_files $uri @x\n  }\n}\n', '/s');
    const server = file.nodes[0]!;
    if (server.kind !== 'directive') throw new Error();
    expect(server.block?.closeLine).toBeUndefined();
    const location = server.block?.nodes[0];
    if (location?.kind !== 'directive') throw new Error();
    const last = location.block?.nodes.at(-1);
    expect(last?.kind === 'syntax-error' ? last.error.text : '').toBe('unexpected "}" in /s:4');
  });

  it('reports an unclosed block and a stray brace at top level', () => {
    const open = parseConfigFile('http {\n', '/a').nodes[0];
    const tail = open?.kind === 'directive' ? open.block?.nodes.at(-1) : undefined;
    expect(tail?.kind === 'syntax-error' ? tail.error.text : '').toBe(
      'unexpected end of file, expecting "}" in /a:2',
    );
    const stray = parseConfigFile('}\n', '/b').nodes[0];
    expect(stray?.kind === 'syntax-error' ? stray.error.text : '').toBe('unexpected "}" in /b:1');
  });
});
