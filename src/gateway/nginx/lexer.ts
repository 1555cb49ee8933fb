// nginx's configuration tokenizer, ported from ngx_conf_read_token (nginx 1.22.1,
// src/core/ngx_conf_file.c): words separated by spaces, `;` ends a directive, `{` opens a block,
// `}` closes one, `#` comments to the end of the line, single and double quotes, backslash escapes,
// and `${name}` kept inside a word. Errors name the line nginx is on when it notices them, which
// for a missing `;` is the line of the next token.
//
// Text is handled as a byte string (one character per byte, like the protocol's HTTP headers), so a
// UTF-8 path in a config compares byte for byte with a decoded request URI, as in nginx.

import { ConfigError } from './config-error.ts';

/** What the tokenizer hands the parser: one directive's words, a block's end, or the file's end. */
export type ConfigToken =
  | {
      readonly kind: 'directive';
      readonly words: readonly string[];
      /** `;` ended it, or `{` opened its block. */
      readonly end: ';' | '{';
      /** The line of the `;` or `{`: where nginx reports problems with the directive. */
      readonly line: number;
      /** The line of its first word. */
      readonly startLine: number;
    }
  | { readonly kind: 'block-end'; readonly line: number }
  | { readonly kind: 'eof'; readonly line: number };

// ngx_conf_read_token reads through a buffer of NGX_CONF_BUFFER bytes; a word that does not fit
// in it is refused as "too long parameter".
const NGX_CONF_BUFFER = 4096;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export class ConfigLexer {
  readonly #text: string;
  readonly #file: string;
  #pos = 0;
  #line = 1;

  /** `text`: the file's bytes as a byte string; `file`: its name as nginx reports it. */
  constructor(text: string, file: string) {
    this.#text = text;
    this.#file = file;
  }

  /** The next directive, block end or end of file. Throws ConfigError for nginx's syntax errors. */
  next(): ConfigToken {
    const text = this.#text;
    const words: string[] = [];
    let needSpace = false;
    let lastSpace = true;
    let comment = false;
    let variable = false;
    let quoted = false;
    let singleQuoted = false;
    let doubleQuoted = false;
    let start = this.#pos;
    let startLine = this.#line;
    let firstLine = this.#line;

    for (;;) {
      if (this.#pos >= text.length) {
        if (words.length > 0 || !lastSpace) {
          throw this.#error('unexpected-eof', 'unexpected end of file, expecting ";" or "}"');
        }
        return { kind: 'eof', line: this.#line };
      }
      if (this.#pos - start >= NGX_CONF_BUFFER) {
        this.#line = startLine;
        if (doubleQuoted || singleQuoted) {
          const quote = doubleQuoted ? '"' : "'";
          throw this.#error(
            'too-long-parameter',
            `too long parameter, probably missing terminating "${quote}" character`,
          );
        }
        throw this.#error(
          'too-long-parameter',
          `too long parameter "${text.slice(start, start + 10)}..." started`,
        );
      }

      const code = text.charCodeAt(this.#pos++);
      if (code === LF) {
        this.#line++;
        comment = false;
      }
      if (comment) continue;
      if (quoted) {
        quoted = false;
        continue;
      }
      const ch = text[this.#pos - 1]!;
      const space = code === SPACE || code === TAB || code === CR || code === LF;

      if (needSpace) {
        if (space) {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch === ';' || ch === '{') {
          return { kind: 'directive', words, end: ch, line: this.#line, startLine: firstLine };
        }
        if (ch === ')') {
          lastSpace = true;
          needSpace = false;
        } else {
          throw this.#error('unexpected', `unexpected "${ch}"`);
        }
      }

      if (lastSpace) {
        start = this.#pos - 1;
        startLine = this.#line;
        if (space) continue;
        if (words.length === 0) firstLine = this.#line;
        switch (ch) {
          case ';':
          case '{':
            if (words.length === 0) throw this.#error('unexpected', `unexpected "${ch}"`);
            return { kind: 'directive', words, end: ch, line: this.#line, startLine: firstLine };
          case '}':
            if (words.length !== 0) throw this.#error('unexpected', 'unexpected "}"');
            return { kind: 'block-end', line: this.#line };
          case '#':
            comment = true;
            continue;
          case '\\':
            quoted = true;
            lastSpace = false;
            continue;
          case '"':
            start++;
            doubleQuoted = true;
            lastSpace = false;
            continue;
          case "'":
            start++;
            singleQuoted = true;
            lastSpace = false;
            continue;
          case '$':
            variable = true;
            lastSpace = false;
            continue;
          default:
            lastSpace = false;
        }
        continue;
      }

      // inside a word: `${` does not end it, `\` escapes the next byte
      if (ch === '{' && variable) continue;
      variable = false;
      if (ch === '\\') {
        quoted = true;
        continue;
      }
      if (ch === '$') {
        variable = true;
        continue;
      }
      let found = false;
      if (doubleQuoted) {
        if (ch === '"') {
          doubleQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (singleQuoted) {
        if (ch === "'") {
          singleQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (space || ch === ';' || ch === '{') {
        lastSpace = true;
        found = true;
      }
      if (!found) continue;

      words.push(unescapeWord(text.slice(start, this.#pos - 1)));
      if (ch === ';' || ch === '{') {
        return { kind: 'directive', words, end: ch, line: this.#line, startLine: firstLine };
      }
    }
  }

  #error(
    code: 'unexpected' | 'unexpected-eof' | 'too-long-parameter',
    detail: string,
  ): ConfigError {
    return new ConfigError(code, detail, { file: this.#file, line: this.#line });
  }
}

/** The escapes nginx resolves when it stores a word: \" \' \\ \t \r \n; any other `\x` stays. */
export function unescapeWord(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === '"' || next === "'" || next === '\\') {
        out += next;
        i++;
        continue;
      }
      if (next === 't' || next === 'r' || next === 'n') {
        out += next === 't' ? '\t' : next === 'r' ? '\r' : '\n';
        i++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
