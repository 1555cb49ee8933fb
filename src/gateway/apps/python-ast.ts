// The statements and expressions of the Python subset the lessons' app.py files are written in,
// parsed from python-tokens.ts. What is outside the subset is reported as such (`Unsupported`),
// never guessed at; the syntax errors CPython would raise for these forms are raised the same way.

import { PyTokenError, tokenize, type PySyntaxError, type Token } from './python-tokens.ts';

export type Expr =
  | { readonly kind: 'str'; readonly value: string; readonly line: number; readonly column: number }
  | {
      readonly kind: 'bytes';
      readonly value: string;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'fstring';
      readonly parts: readonly (string | Expr)[];
      readonly line: number;
      readonly column: number;
    }
  | { readonly kind: 'int'; readonly value: bigint; readonly line: number; readonly column: number }
  | {
      readonly kind: 'float';
      readonly value: number;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'const';
      readonly value: boolean | null;
      readonly line: number;
      readonly column: number;
    }
  | { readonly kind: 'name'; readonly name: string; readonly line: number; readonly column: number }
  | {
      readonly kind: 'attr';
      readonly object: Expr;
      readonly name: string;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'index';
      readonly object: Expr;
      readonly index: Expr;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'call';
      readonly callee: Expr;
      readonly args: readonly Expr[];
      readonly kwargs: readonly (readonly [string, Expr])[];
      readonly line: number;
      readonly column: number;
      /** Where the call's text ends (1-based column after the closing parenthesis). */
      readonly end: number;
    }
  | {
      readonly kind: 'list';
      readonly items: readonly Expr[];
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'tuple';
      readonly items: readonly Expr[];
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'dict';
      readonly entries: readonly (readonly [Expr, Expr])[];
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'binop';
      readonly op: '+' | '*' | '%';
      readonly left: Expr;
      readonly right: Expr;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'compare';
      readonly op: '==' | '!=';
      readonly left: Expr;
      readonly right: Expr;
      readonly line: number;
      readonly column: number;
    };

export type Stmt =
  | {
      readonly kind: 'import';
      readonly module: string;
      readonly names: readonly (readonly [string, string])[];
      readonly from: boolean;
      readonly line: number;
    }
  | { readonly kind: 'assign'; readonly target: Expr; readonly value: Expr; readonly line: number }
  | { readonly kind: 'expr'; readonly value: Expr; readonly line: number }
  | { readonly kind: 'return'; readonly value: Expr | undefined; readonly line: number }
  | { readonly kind: 'pass'; readonly line: number }
  | {
      readonly kind: 'def';
      readonly name: string;
      readonly params: readonly string[];
      readonly decorators: readonly Expr[];
      readonly body: readonly Stmt[];
      readonly line: number;
      /** The `def` line (decorators come before it). */
      readonly defLine: number;
    }
  | {
      readonly kind: 'if';
      readonly test: Expr;
      readonly body: readonly Stmt[];
      readonly line: number;
    };

/** A construct the simulator does not model: where, and what. */
export class Unsupported extends Error {
  readonly line: number;
  constructor(line: number, what: string) {
    super(what);
    this.line = line;
  }
}

function syntax(error: PySyntaxError): never {
  throw new PyTokenError(error);
}

export function parseModule(tokens: readonly Token[]): Stmt[] {
  const parser = new Parser(tokens);
  return parser.module();
}

class Parser {
  readonly #tokens: readonly Token[];
  #at = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
  }

  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.#peek().kind !== 'end') {
      if (this.#peek().kind === 'indent')
        syntax({
          type: 'IndentationError',
          message: 'unexpected indent',
          line: this.#peek().line,
          column: 0,
          width: 0,
        });
      body.push(...this.#statement(false));
    }
    return body;
  }

  #peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#at + offset, this.#tokens.length - 1)]!;
  }

  #next(): Token {
    const token = this.#peek();
    this.#at++;
    return token;
  }

  #isOp(text: string): boolean {
    const token = this.#peek();
    return token.kind === 'op' && token.text === text;
  }

  #isName(text: string): boolean {
    const token = this.#peek();
    return token.kind === 'name' && token.text === text;
  }

  #expectOp(text: string, what = `expected '${text}'`): Token {
    if (!this.#isOp(text)) this.#invalid(what);
    return this.#next();
  }

  #invalid(message = 'invalid syntax'): never {
    const token = this.#peek();
    syntax({ type: 'SyntaxError', message, line: token.line, column: token.column, width: 1 });
  }

  #statement(inFunction: boolean): Stmt[] {
    const token = this.#peek();
    if (token.kind === 'op' && token.text === '@') return [this.#decorated(inFunction)];
    if (token.kind === 'name') {
      switch (token.text) {
        case 'def':
          return [this.#def([], token.line, inFunction)];
        case 'if':
          return [this.#if()];
        case 'from':
        case 'import':
          return [this.#import()];
        case 'return': {
          this.#next();
          if (!inFunction)
            syntax({
              type: 'SyntaxError',
              message: "'return' outside function",
              line: token.line,
              column: token.column,
              width: this.#lineWidth(token.line),
            });
          const value = this.#peek().kind === 'newline' ? undefined : this.#exprList();
          this.#endOfStatement();
          return [{ kind: 'return', value, line: token.line }];
        }
        case 'pass':
          this.#next();
          this.#endOfStatement();
          return [{ kind: 'pass', line: token.line }];
        case 'class':
        case 'for':
        case 'while':
        case 'try':
        case 'with':
        case 'async':
        case 'global':
        case 'lambda':
        case 'raise':
        case 'del':
        case 'assert':
        case 'yield':
          throw new Unsupported(token.line, `a \`${token.text}\` statement`);
        case 'print':
          if (this.#peek(1).kind === 'string') {
            syntax({
              type: 'SyntaxError',
              message: "Missing parentheses in call to 'print'. Did you mean print(...)?",
              line: token.line,
              column: token.column,
              width: this.#lineWidth(token.line),
            });
          }
          break;
        default:
          break;
      }
    }
    const value = this.#exprList();
    if (this.#isOp('=')) {
      this.#next();
      const right = this.#exprList();
      this.#endOfStatement();
      return [{ kind: 'assign', target: value, value: right, line: token.line }];
    }
    if (this.#peek().kind === 'op' && ['+=', '-=', '*=', '/='].includes(this.#peek().text))
      throw new Unsupported(token.line, 'an augmented assignment');
    this.#endOfStatement();
    return [{ kind: 'expr', value, line: token.line }];
  }

  #endOfStatement(): void {
    const token = this.#peek();
    if (token.kind === 'newline') {
      this.#next();
      return;
    }
    if (token.kind === 'end' || token.kind === 'dedent') return;
    if (token.kind === 'op' && token.text === ';')
      throw new Unsupported(token.line, 'several statements on one line');
    this.#invalid();
  }

  #decorated(inFunction: boolean): Stmt {
    const first = this.#peek().line;
    const decorators: Expr[] = [];
    while (this.#isOp('@')) {
      this.#next();
      decorators.push(this.#expr());
      if (this.#peek().kind !== 'newline') this.#invalid();
      this.#next();
    }
    if (!this.#isName('def')) {
      if (this.#isName('class')) throw new Unsupported(this.#peek().line, 'a decorated class');
      this.#invalid();
    }
    return this.#def(decorators, first, inFunction);
  }

  #def(decorators: Expr[], line: number, inFunction: boolean): Stmt {
    const defToken = this.#next();
    if (inFunction) throw new Unsupported(defToken.line, 'a function inside a function');
    const nameToken = this.#next();
    if (nameToken.kind !== 'name')
      syntax({
        type: 'SyntaxError',
        message: 'invalid syntax',
        line: nameToken.line,
        column: nameToken.column,
        width: 1,
      });
    if (!this.#isOp('(')) this.#invalid("expected '('");
    this.#next();
    const params: string[] = [];
    while (!this.#isOp(')')) {
      const param = this.#next();
      if (param.kind !== 'name') {
        if (param.kind === 'op' && (param.text === '*' || param.text === '**'))
          throw new Unsupported(param.line, 'a *args/**kwargs parameter');
        syntax({
          type: 'SyntaxError',
          message: 'invalid syntax',
          line: param.line,
          column: param.column,
          width: 1,
        });
      }
      if (this.#isOp('=') || this.#isOp(':'))
        throw new Unsupported(param.line, 'a parameter default or annotation');
      params.push(param.text);
      if (this.#isOp(',')) this.#next();
      else if (!this.#isOp(')')) this.#invalid();
    }
    this.#next();
    if (this.#isOp('->')) throw new Unsupported(defToken.line, 'a return annotation');
    if (!this.#isOp(':')) this.#invalid("expected ':'");
    this.#next();
    const body = this.#block(defToken.line, 'function definition');
    return {
      kind: 'def',
      name: nameToken.text,
      params,
      decorators,
      body,
      line,
      defLine: defToken.line,
    };
  }

  #if(): Stmt {
    const token = this.#next();
    const test = this.#expr();
    if (this.#isOp('=')) {
      syntax({
        type: 'SyntaxError',
        message: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        line: token.line,
        column: test.column,
        width: this.#isOp('=') ? this.#spanTo(test, this.#peek(1)) : 1,
      });
    }
    if (!this.#isOp(':')) this.#invalid("expected ':'");
    this.#next();
    const body = this.#block(token.line, "'if' statement");
    if (this.#isName('elif') || this.#isName('else'))
      throw new Unsupported(this.#peek().line, 'an elif/else branch');
    return { kind: 'if', test, body, line: token.line };
  }

  // from `left` to the end of the token after `=`
  #spanTo(left: Expr, right: Token): number {
    return right.column + right.text.length - left.column;
  }

  #block(line: number, what: string): Stmt[] {
    if (this.#peek().kind !== 'newline')
      throw new Unsupported(this.#peek().line, 'a body on the same line as its header');
    const newline = this.#next();
    if (this.#peek().kind !== 'indent') {
      const next = this.#peek();
      if (next.kind === 'end' || next.kind === 'dedent') {
        syntax({
          type: 'IndentationError',
          message: `expected an indented block after ${what} on line ${line}`,
          line,
          column: newline.column,
          width: 1,
        });
      }
      syntax({
        type: 'IndentationError',
        message: `expected an indented block after ${what} on line ${line}`,
        line: next.line,
        column: next.column,
        width: 1,
      });
    }
    this.#next();
    const body: Stmt[] = [];
    while (this.#peek().kind !== 'dedent' && this.#peek().kind !== 'end') {
      if (this.#peek().kind === 'indent')
        syntax({
          type: 'IndentationError',
          message: 'unexpected indent',
          line: this.#peek().line,
          column: 0,
          width: 0,
        });
      body.push(...this.#statement(true));
    }
    if (this.#peek().kind === 'dedent') this.#next();
    return body;
  }

  #import(): Stmt {
    const token = this.#next();
    const dotted = (): string => {
      const parts = [this.#nameToken().text];
      while (this.#isOp('.')) {
        this.#next();
        parts.push(this.#nameToken().text);
      }
      return parts.join('.');
    };
    if (token.text === 'import') {
      const names: [string, string][] = [];
      for (;;) {
        const module = dotted();
        let alias = module.split('.')[0]!;
        if (this.#isName('as')) {
          this.#next();
          alias = this.#nameToken().text;
        }
        names.push([module, alias]);
        if (!this.#isOp(',')) break;
        this.#next();
      }
      this.#endOfStatement();
      return { kind: 'import', module: names[0]![0], names, from: false, line: token.line };
    }
    if (this.#isOp('.')) throw new Unsupported(token.line, 'a relative import');
    const module = dotted();
    if (!this.#isName('import')) this.#invalid();
    this.#next();
    const parenthesized = this.#isOp('(');
    if (parenthesized) this.#next();
    const names: [string, string][] = [];
    if (this.#isOp('*')) throw new Unsupported(token.line, '`import *`');
    for (;;) {
      const name = this.#nameToken().text;
      let alias = name;
      if (this.#isName('as')) {
        this.#next();
        alias = this.#nameToken().text;
      }
      names.push([name, alias]);
      if (!this.#isOp(',')) break;
      this.#next();
      if (parenthesized && this.#isOp(')')) break;
    }
    if (parenthesized) this.#expectOp(')');
    this.#endOfStatement();
    return { kind: 'import', module, names, from: true, line: token.line };
  }

  #nameToken(): Token {
    if (this.#peek().kind !== 'name') this.#invalid();
    return this.#next();
  }

  // a comma-separated list of expressions is a tuple
  #exprList(): Expr {
    const first = this.#expr();
    if (!this.#isOp(',')) return first;
    const items = [first];
    while (this.#isOp(',')) {
      this.#next();
      if (this.#peek().kind === 'newline' || this.#isOp('=') || this.#isOp(')')) break;
      items.push(this.#expr());
    }
    return { kind: 'tuple', items, line: first.line, column: first.column };
  }

  #expr(): Expr {
    const token = this.#peek();
    if (token.kind === 'name' && ['lambda', 'not', 'await', 'yield'].includes(token.text))
      throw new Unsupported(token.line, `\`${token.text}\``);
    let left = this.#sum();
    if (this.#peek().kind === 'op' && (this.#peek().text === '==' || this.#peek().text === '!=')) {
      const op = this.#next().text as '==' | '!=';
      left = {
        kind: 'compare',
        op,
        left,
        right: this.#sum(),
        line: left.line,
        column: left.column,
      };
    }
    const after = this.#peek();
    if (after.kind === 'name' && ['if', 'and', 'or', 'in', 'is', 'for'].includes(after.text))
      throw new Unsupported(after.line, `an expression with \`${after.text}\``);
    if (
      after.kind === 'op' &&
      ['<', '>', '<=', '>=', '-', '/', '//', '**', '|', '&'].includes(after.text)
    )
      throw new Unsupported(after.line, `the operator \`${after.text}\``);
    return left;
  }

  #sum(): Expr {
    let left = this.#postfix();
    while (this.#peek().kind === 'op' && ['+', '*', '%'].includes(this.#peek().text)) {
      const op = this.#next().text as '+' | '*' | '%';
      left = {
        kind: 'binop',
        op,
        left,
        right: this.#postfix(),
        line: left.line,
        column: left.column,
      };
    }
    return left;
  }

  #postfix(): Expr {
    let expr = this.#atom();
    for (;;) {
      if (this.#isOp('.')) {
        this.#next();
        const name = this.#nameToken();
        expr = {
          kind: 'attr',
          object: expr,
          name: name.text,
          line: expr.line,
          column: expr.column,
        };
        continue;
      }
      if (this.#isOp('(')) {
        this.#next();
        const args: Expr[] = [];
        const kwargs: [string, Expr][] = [];
        while (!this.#isOp(')')) {
          if (this.#isOp('*') || this.#isOp('**'))
            throw new Unsupported(this.#peek().line, '*args/**kwargs in a call');
          if (
            this.#peek().kind === 'name' &&
            this.#peek(1).kind === 'op' &&
            this.#peek(1).text === '='
          ) {
            const key = this.#next().text;
            this.#next();
            kwargs.push([key, this.#expr()]);
          } else {
            if (kwargs.length > 0) this.#invalid('positional argument follows keyword argument');
            args.push(this.#expr());
          }
          if (this.#isOp(',')) this.#next();
          else if (!this.#isOp(')')) this.#invalid('invalid syntax. Perhaps you forgot a comma?');
        }
        const close = this.#next();
        expr = {
          kind: 'call',
          callee: expr,
          args,
          kwargs,
          line: expr.line,
          column: expr.column,
          end: close.column + 1,
        };
        continue;
      }
      if (this.#isOp('[')) {
        this.#next();
        const index = this.#expr();
        this.#expectOp(']');
        expr = { kind: 'index', object: expr, index, line: expr.line, column: expr.column };
        continue;
      }
      return expr;
    }
  }

  #atom(): Expr {
    const token = this.#next();
    const at = { line: token.line, column: token.column };
    switch (token.kind) {
      case 'string': {
        let expr = stringExpr(token);
        // adjacent literals concatenate
        while (this.#peek().kind === 'string') {
          const next = stringExpr(this.#next());
          expr = concatLiterals(expr, next);
        }
        return expr;
      }
      case 'number': {
        const text = token.text.replace(/_/g, '');
        if (/^\d+$/.test(text)) return { kind: 'int', value: BigInt(text), ...at };
        if (/^[\d.]+(?:e[-+]?\d+)?$/i.test(text))
          return { kind: 'float', value: Number(text), ...at };
        throw new Unsupported(token.line, `the number ${token.text}`);
      }
      case 'name':
        if (token.text === 'True' || token.text === 'False')
          return { kind: 'const', value: token.text === 'True', ...at };
        if (token.text === 'None') return { kind: 'const', value: null, ...at };
        return { kind: 'name', name: token.text, ...at };
      case 'op':
        if (token.text === '(') {
          if (this.#isOp(')')) {
            this.#next();
            return { kind: 'tuple', items: [], ...at };
          }
          const inner = this.#exprList();
          this.#expectOp(')');
          return inner.kind === 'tuple' ? { ...inner, ...at } : inner;
        }
        if (token.text === '[') {
          const items: Expr[] = [];
          while (!this.#isOp(']')) {
            items.push(this.#expr());
            if (this.#isOp(',')) this.#next();
            else if (!this.#isOp(']')) this.#invalid('invalid syntax. Perhaps you forgot a comma?');
          }
          this.#next();
          return { kind: 'list', items, ...at };
        }
        if (token.text === '{') {
          const entries: [Expr, Expr][] = [];
          while (!this.#isOp('}')) {
            const key = this.#expr();
            if (!this.#isOp(':'))
              throw new Unsupported(token.line, 'a set or a dict comprehension');
            this.#next();
            entries.push([key, this.#expr()]);
            if (this.#isOp(',')) this.#next();
            else if (!this.#isOp('}')) this.#invalid('invalid syntax. Perhaps you forgot a comma?');
          }
          this.#next();
          return { kind: 'dict', entries, ...at };
        }
        if (token.text === '-' && this.#peek().kind === 'number') {
          const number = this.#atom();
          if (number.kind === 'int') return { kind: 'int', value: -number.value, ...at };
          if (number.kind === 'float') return { kind: 'float', value: -number.value, ...at };
        }
        break;
      default:
        break;
    }
    syntax({
      type: 'SyntaxError',
      message: 'invalid syntax',
      line: token.line,
      column: token.column,
      width: 1,
    });
  }

  // how wide a statement's line is, from its first token to the end of its last (3.11 underlines it all)
  #lineWidth(line: number): number {
    const tokens = this.#tokens.filter(
      (token) =>
        token.line === line &&
        token.kind !== 'newline' &&
        token.kind !== 'indent' &&
        token.kind !== 'dedent',
    );
    const last = tokens[tokens.length - 1];
    const first = tokens[0];
    if (first === undefined || last === undefined) return 1;
    return last.column + last.text.length - first.column;
  }
}

function stringExpr(token: Token): Expr {
  const prefix = token.prefix ?? '';
  const at = { line: token.line, column: token.column };
  if (prefix.includes('b')) return { kind: 'bytes', value: token.value ?? '', ...at };
  if (prefix.includes('f')) return { kind: 'fstring', parts: fstringParts(token), ...at };
  return { kind: 'str', value: token.value ?? '', ...at };
}

function concatLiterals(left: Expr, right: Expr): Expr {
  const parts = (expr: Expr): (string | Expr)[] =>
    expr.kind === 'fstring' ? [...expr.parts] : expr.kind === 'str' ? [expr.value] : [expr];
  if (left.kind === 'str' && right.kind === 'str')
    return { ...left, value: left.value + right.value };
  if (left.kind === 'bytes' && right.kind === 'bytes')
    return { ...left, value: left.value + right.value };
  return {
    kind: 'fstring',
    parts: [...parts(left), ...parts(right)],
    line: left.line,
    column: left.column,
  };
}

// f"Hello {name}!" → ['Hello ', <name>, '!']; `{{`/`}}` are braces; a format spec is not modelled
function fstringParts(token: Token): (string | Expr)[] {
  const body = token.value ?? '';
  const parts: (string | Expr)[] = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (char === '{' && body[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (char === '}' && body[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (char === '{') {
      const close = body.indexOf('}', i);
      if (close < 0) {
        syntax({
          type: 'SyntaxError',
          message: "f-string: expecting '}'",
          line: token.line,
          column: token.column + token.text.length,
          width: 1,
        });
      }
      const inner = body.slice(i + 1, close);
      if (/[!:]/.test(inner.replace(/(["']).*?\1/g, '').replace(/[!=]=/g, '')))
        throw new Unsupported(token.line, 'a format spec or conversion in an f-string');
      if (text !== '') parts.push(text);
      text = '';
      parts.push(parseInner(inner, token));
      i = close + 1;
      continue;
    }
    text += char;
    i++;
  }
  if (text !== '') parts.push(text);
  return parts;
}

// The expression inside `{...}` of an f-string, tokenized on its own.
function parseInner(source: string, token: Token): Expr {
  const tokens = tokenize(source.trim()).map((inner) => ({ ...inner, line: token.line }));
  const parser = new Parser(tokens);
  const statements = parser.module();
  const first = statements[0];
  if (statements.length !== 1 || first?.kind !== 'expr')
    throw new Unsupported(token.line, 'this f-string expression');
  return first.value;
}
