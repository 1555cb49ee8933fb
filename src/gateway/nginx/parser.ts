// One configuration file as a tree: directives with their words, file and line, and blocks. nginx
// reads a file and acts on each directive as soon as it is read (ngx_conf_parse), so a syntax error
// late in a file is only met after everything before it was handled. The tree keeps that order: a
// syntax error becomes the last node of the block nginx was reading when it hit it, and whoever
// walks the tree (the loader) raises it when it gets there.

import { ConfigError } from './config-error.ts';
import { ConfigLexer } from './lexer.ts';

export interface ConfigDirective {
  readonly kind: 'directive';
  readonly name: string;
  /** The words after the name, unquoted and unescaped. */
  readonly args: readonly string[];
  readonly file: string;
  /** The line of its `;` or `{`, where nginx reports it. */
  readonly line: number;
  /** The line of its name. */
  readonly startLine: number;
  /** Present when it opened a block with `{`. */
  readonly block?: ConfigBlock;
}

/** What nginx's tokenizer refused, placed where nginx met it. */
export interface ConfigSyntaxError {
  readonly kind: 'syntax-error';
  readonly error: ConfigError;
}

export type ConfigNode = ConfigDirective | ConfigSyntaxError;

export interface ConfigBlock {
  readonly nodes: readonly ConfigNode[];
  /** The line of the closing `}`; undefined when the block ends in a syntax error instead. */
  readonly closeLine: number | undefined;
}

export interface ConfigFile {
  readonly file: string;
  /** The top-level nodes; a trailing syntax-error node stops the file early. */
  readonly nodes: readonly ConfigNode[];
}

/** Parses one file's text (a byte string) as nginx reads an included or main file. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  const lexer = new ConfigLexer(text, file);
  const nodes: ConfigNode[] = [];
  readNodes(lexer, file, nodes, false);
  return { file, nodes };
}

// Reads nodes into `into` until the block's `}` (returns its line) or the file's end; a syntax
// error is appended as a node and ends every open block.
function readNodes(
  lexer: ConfigLexer,
  file: string,
  into: ConfigNode[],
  inBlock: boolean,
): number | undefined {
  for (;;) {
    let token;
    try {
      token = lexer.next();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      into.push({ kind: 'syntax-error', error });
      return undefined;
    }
    switch (token.kind) {
      case 'block-end':
        if (inBlock) return token.line;
        into.push(syntaxError('unexpected', 'unexpected "}"', file, token.line));
        return undefined;
      case 'eof':
        if (inBlock) {
          into.push(
            syntaxError(
              'unexpected-eof',
              'unexpected end of file, expecting "}"',
              file,
              token.line,
            ),
          );
        }
        return undefined;
      case 'directive': {
        const [name = '', ...args] = token.words;
        const base = {
          kind: 'directive',
          name,
          args,
          file,
          line: token.line,
          startLine: token.startLine,
        } as const;
        if (token.end === ';') {
          into.push(base);
          continue;
        }
        const nodes: ConfigNode[] = [];
        const closeLine = readNodes(lexer, file, nodes, true);
        into.push({ ...base, block: { nodes, closeLine } });
        if (closeLine === undefined) return undefined;
      }
    }
  }
}

function syntaxError(
  code: 'unexpected' | 'unexpected-eof',
  detail: string,
  file: string,
  line: number,
): ConfigSyntaxError {
  return { kind: 'syntax-error', error: new ConfigError(code, detail, { file, line }) };
}
