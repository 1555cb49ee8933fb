// A tokenizer for the part of Python 3.11 the lessons' app.py files use: names, numbers, strings
// (with b/r/f prefixes), operators, and the NEWLINE/INDENT/DEDENT structure. It reports the syntax
// errors CPython's tokenizer reports for those files, with CPython's words and positions
// (checked against python3.11 in tests/unit/gateway/apps): unterminated strings, brackets never
// closed or closed by the wrong one, and indentation that does not line up.

export type TokenKind =
  'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based line and column of the token's first character. */
  readonly line: number;
  readonly column: number;
  /** For strings: the prefix letters (lower-cased) and the body between the quotes, escapes undone for non-raw. */
  readonly prefix?: string;
  readonly value?: string;
}

/** A syntax error as CPython reports it: class, message, and where the caret goes. */
export interface PySyntaxError {
  readonly type: 'SyntaxError' | 'IndentationError' | 'TabError';
  readonly message: string;
  readonly line: number;
  /** 1-based column of the caret in the original line; 0: CPython prints no caret line. */
  readonly column: number;
  /** How many carets. */
  readonly width: number;
}

export class PyTokenError extends Error {
  readonly error: PySyntaxError;
  constructor(error: PySyntaxError) {
    super(error.message);
    this.error = error;
  }
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '<<',
  '>>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '@',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '&',
  '|',
  '^',
  '~',
];
const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSE: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

export function tokenize(source: string): Token[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const tokens: Token[] = [];
  const indents: string[] = [''];
  const brackets: { char: string; line: number; column: number }[] = [];
  let lineNo = 0;
  let continued = false;
  while (lineNo < lines.length) {
    let text = lines[lineNo]!;
    lineNo++;
    let at = 0;
    const joined = brackets.length > 0 || continued;
    continued = false;
    if (!joined) {
      const indent = /^[ \t\f]*/.exec(text)![0];
      const rest = text.slice(indent.length);
      if (rest === '' || rest.startsWith('#')) continue;
      const current = indents[indents.length - 1]!;
      if (indent !== current) {
        if (indent.startsWith(current) && indent.length > current.length) {
          if (mixesTabs(current, indent))
            throw new PyTokenError({
              type: 'TabError',
              message: 'inconsistent use of tabs and spaces in indentation',
              line: lineNo,
              column: 0,
              width: 0,
            });
          indents.push(indent);
          tokens.push({ kind: 'indent', text: indent, line: lineNo, column: 1 });
        } else {
          while (
            indents.length > 1 &&
            indents[indents.length - 1] !== indent &&
            indents[indents.length - 1]!.startsWith(indent)
          ) {
            indents.pop();
            tokens.push({ kind: 'dedent', text: '', line: lineNo, column: indent.length + 1 });
          }
          if (indents[indents.length - 1] !== indent) {
            if (
              width(indent) === width(indents[indents.length - 1]!) ||
              indents.some((level) => width(level) === width(indent))
            ) {
              throw new PyTokenError({
                type: 'TabError',
                message: 'inconsistent use of tabs and spaces in indentation',
                line: lineNo,
                column: 0,
                width: 0,
              });
            }
            throw new PyTokenError({
              type: 'IndentationError',
              message: 'unindent does not match any outer indentation level',
              line: lineNo,
              column: text.replace(/\s+$/, '').length + 1,
              width: 1,
            });
          }
        }
      }
      at = indent.length;
    }
    while (at < text.length) {
      const char = text[at]!;
      if (char === ' ' || char === '\t' || char === '\f') {
        at++;
        continue;
      }
      if (char === '#') break;
      if (char === '\\' && at === text.length - 1) {
        continued = true;
        at++;
        break;
      }
      const column = at + 1;
      const stringStart = /^([rRbBfFuU]{0,2})("""|'''|"|')/.exec(text.slice(at));
      if (stringStart !== null && /^[rbfu]{0,2}$/i.test(stringStart[1]!)) {
        const prefix = stringStart[1]!.toLowerCase();
        const quote = stringStart[2]!;
        const raw = prefix.includes('r');
        let body = '';
        let i = at + stringStart[0].length;
        const startLine = lineNo;
        for (;;) {
          if (i >= text.length) {
            if (quote.length === 3) {
              if (lineNo >= lines.length) {
                throw new PyTokenError({
                  type: 'SyntaxError',
                  message: `unterminated triple-quoted string literal (detected at line ${lineNo})`,
                  line: startLine,
                  column,
                  width: 1,
                });
              }
              body += '\n';
              text = lines[lineNo]!;
              lineNo++;
              i = 0;
              continue;
            }
            throw new PyTokenError({
              type: 'SyntaxError',
              message: `unterminated string literal (detected at line ${lineNo})`,
              line: lineNo,
              column,
              width: 1,
            });
          }
          if (text.startsWith(quote, i)) {
            i += quote.length;
            break;
          }
          if (text[i] === '\\' && i + 1 < text.length) {
            body += text.slice(i, i + 2);
            i += 2;
            continue;
          }
          if (text[i] === '\\' && quote.length === 1) {
            // a backslash at the end of the line continues the string on the next one
            text = lines[lineNo] ?? '';
            lineNo++;
            i = 0;
            continue;
          }
          body += text[i];
          i++;
        }
        const value = raw ? body : unescape(body, prefix.includes('b'));
        tokens.push({
          kind: 'string',
          text: text.slice(at, i),
          line: startLine,
          column,
          prefix,
          value,
        });
        at = i;
        continue;
      }
      const name = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/.exec(text.slice(at));
      if (name !== null) {
        tokens.push({ kind: 'name', text: name[0], line: lineNo, column });
        at += name[0].length;
        continue;
      }
      const number =
        /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?j?|\d[\d_]*\.)/.exec(
          text.slice(at),
        );
      if (number !== null && number[0] !== '') {
        tokens.push({ kind: 'number', text: number[0], line: lineNo, column });
        at += number[0].length;
        continue;
      }
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, at));
      if (op === undefined) {
        throw new PyTokenError({
          type: 'SyntaxError',
          message: `invalid character '${char}' (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`,
          line: lineNo,
          column,
          width: 1,
        });
      }
      if (OPEN[op] !== undefined) brackets.push({ char: op, line: lineNo, column });
      const opening = CLOSE[op];
      if (opening !== undefined) {
        const top = brackets.pop();
        if (top === undefined)
          throw new PyTokenError({
            type: 'SyntaxError',
            message: `unmatched '${op}'`,
            line: lineNo,
            column,
            width: 1,
          });
        if (top.char !== opening) {
          const message =
            top.line === lineNo
              ? `closing parenthesis '${op}' does not match opening parenthesis '${top.char}'`
              : `closing parenthesis '${op}' does not match opening parenthesis '${top.char}' on line ${top.line}`;
          throw new PyTokenError({ type: 'SyntaxError', message, line: lineNo, column, width: 1 });
        }
      }
      tokens.push({ kind: 'op', text: op, line: lineNo, column });
      at += op.length;
    }
    if (
      brackets.length === 0 &&
      !continued &&
      tokens.length > 0 &&
      tokens[tokens.length - 1]!.kind !== 'newline'
    ) {
      tokens.push({
        kind: 'newline',
        text: '',
        line: lineNo,
        column: text.replace(/\s+$/, '').length + 1,
      });
    }
  }
  const open = brackets[0];
  if (open !== undefined)
    throw new PyTokenError({
      type: 'SyntaxError',
      message: `'${open.char}' was never closed`,
      line: open.line,
      column: open.column,
      width: 1,
    });
  for (let level = 1; level < indents.length; level++)
    tokens.push({ kind: 'dedent', text: '', line: lineNo + 1, column: 1 });
  tokens.push({ kind: 'end', text: '', line: lineNo + 1, column: 1 });
  return tokens;
}

function width(indent: string): number {
  let columns = 0;
  for (const char of indent) columns = char === '\t' ? columns + 8 - (columns % 8) : columns + 1;
  return columns;
}

function mixesTabs(outer: string, inner: string): boolean {
  const added = inner.slice(outer.length);
  return (
    (outer.includes(' ') && added.includes('\t')) ||
    (outer.includes('\t') && added.includes(' ') && !added.startsWith('\t'))
  );
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

// Python's string escapes (bytes have no \u/\U/\N)
function unescape(body: string, bytes: boolean): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/g,
    (match, escape: string) => {
      if (SIMPLE_ESCAPES[escape] !== undefined) return SIMPLE_ESCAPES[escape]!;
      if (escape.startsWith('x')) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
      if (!bytes && (escape.startsWith('u') || escape.startsWith('U')))
        return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
      if (/^[0-7]+$/.test(escape)) return String.fromCharCode(Number.parseInt(escape, 8));
      return match;
    },
  );
}
