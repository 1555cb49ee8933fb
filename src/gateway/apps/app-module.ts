// Reading an app.py the way the lessons write it and running it as Python would under uWSGI: the
// imports (Flask must be importable: the system's python3-flask, or the virtualenv's), `app =
// Flask(__name__)`, `@app.route(...)` views whose bodies assign and return literal values,
// f-strings, `request.args` / `request.form` / `request.get_json()`, `jsonify(...)`, and a raw
// `application(environ, start_response)`. Anything else is reported as outside the subset the
// simulator understands — with the line — rather than guessed at. Syntax errors in these forms come
// out as CPython 3.11 prints them.
//
// SIMPLIFIED: no Python runs. app.py is read as this subset and its views are evaluated here, so a
// program outside it gets the simulator's own message, never the output real Python would give.

import { utf8Bytes } from '../../protocol/index.ts';
import { environStr, type Environ } from '../wsgi/environ.ts';
import { PythonException, type TracebackFrame } from '../wsgi/python-exception.ts';
import { FlaskApp, type FlaskRoute, type ViewArgs, type ViewResult } from './flask-app.ts';
import { parseModule, Unsupported, type Expr, type Stmt } from './python-ast.ts';
import { PyFloat, PyInt, type PyJson } from './python-json.ts';
import { PyTokenError, tokenize } from './python-tokens.ts';
import {
  fromJson,
  PyBytes,
  PyOpaque,
  pyStr,
  PyTuple,
  toJson,
  truthy,
  type PyValue,
} from './python-values.ts';
import { MultiDict, WerkzeugRequest } from './werkzeug-request.ts';
import type { ResponseHeaders, StartResponse, WsgiApp } from './wsgi-app.ts';

export interface ModuleSource {
  readonly text: string;
  /** The file as tracebacks name it: absolute for `--module`, as given for `--wsgi-file`. */
  readonly file: string;
  /** The module's `__name__`. */
  readonly name: string;
}

export interface ModuleEnvironment {
  /** Whether `import NAME` finds a module (stdlib, the system's packages, the virtualenv's). */
  canImport(module: string): boolean;
  /** Milliseconds since the epoch, for Flask's error log lines. */
  readonly now?: () => number;
}

type Binding =
  | { readonly kind: 'module'; readonly module: string }
  | { readonly kind: 'flask-class' }
  | { readonly kind: 'flask-name'; readonly name: string }
  | { readonly kind: 'flask-app'; readonly routes: FlaskRoute[] }
  | { readonly kind: 'function'; readonly def: Extract<Stmt, { kind: 'def' }> }
  | { readonly kind: 'value'; readonly value: PyValue };

export type ModuleLoad =
  | {
      readonly kind: 'loaded';
      readonly globals: ReadonlyMap<string, Binding>;
      readonly source: ModuleSource;
      readonly env: ModuleEnvironment;
    }
  /** Importing raised: a SyntaxError, an ImportError, a NameError… */
  | { readonly kind: 'exception'; readonly error: PythonException; readonly source: ModuleSource }
  /** The file uses Python the simulator does not model. */
  | {
      readonly kind: 'unsupported';
      readonly line: number;
      readonly text: string;
      readonly what: string;
      readonly source: ModuleSource;
    };

/** Names Flask exports that the modelled views can use. */
const FLASK_NAMES = new Set(['Flask', 'request', 'jsonify', 'abort', 'make_response']);

/** The standard library modules an app.py may import (they are always there). */
const STDLIB = new Set([
  'os',
  'sys',
  'json',
  're',
  'time',
  'datetime',
  'math',
  'random',
  'logging',
  'pathlib',
  'collections',
  'functools',
  'itertools',
  'typing',
  'string',
  'socket',
  'uuid',
  'hashlib',
  'base64',
  'urllib',
  'html',
  'io',
  'platform',
  'pprint',
  'decimal',
  'textwrap',
  'traceback',
  'wsgiref',
  'http',
  'copy',
  'enum',
  'dataclasses',
  'secrets',
  'getpass',
  'shutil',
  'subprocess',
  'tempfile',
  'threading',
  'csv',
  'sqlite3',
  'struct',
  'zlib',
  'signal',
  'glob',
  'locale',
  'calendar',
  'statistics',
]);

export function isStdlib(module: string): boolean {
  return STDLIB.has(module.split('.')[0]!);
}

/** Runs a module's top level as the import would. */
export function loadModule(source: ModuleSource, env: ModuleEnvironment): ModuleLoad {
  const lines = source.text.replace(/\r\n/g, '\n').split('\n');
  let statements: Stmt[];
  try {
    statements = parseModule(tokenize(source.text));
  } catch (error) {
    if (error instanceof PyTokenError) {
      const e = error.error;
      return {
        kind: 'exception',
        source,
        error: new PythonException(e.type, e.message, {
          syntax: {
            file: source.file,
            line: e.line,
            text: lines[e.line - 1] ?? '',
            column: e.column,
            width: e.column === 0 ? 0 : e.width,
          },
        }),
      };
    }
    if (error instanceof Unsupported) return unsupported(source, lines, error.line, error.message);
    throw error;
  }
  const globals = new Map<string, Binding>();
  globals.set('__name__', { kind: 'value', value: source.name });
  for (const statement of statements) {
    const frame = (expr: Expr | undefined): TracebackFrame =>
      moduleFrame(source, lines, statement.line, expr);
    try {
      runModuleStatement(statement, globals, env, frame);
    } catch (error) {
      if (error instanceof PythonException) return { kind: 'exception', source, error };
      if (error instanceof Unsupported)
        return unsupported(source, lines, error.line, error.message);
      throw error;
    }
  }
  return { kind: 'loaded', globals, source, env };
}

function unsupported(
  source: ModuleSource,
  lines: readonly string[],
  line: number,
  what: string,
): ModuleLoad {
  return { kind: 'unsupported', source, line, text: (lines[line - 1] ?? '').trim(), what };
}

// A traceback frame for the module's top level, with 3.11's ^^^ marker under `expr` when it is
// not the whole line.
function moduleFrame(
  source: ModuleSource,
  lines: readonly string[],
  line: number,
  expr: Expr | undefined,
  name = '<module>',
): TracebackFrame {
  const text = lines[line - 1] ?? '';
  const stripped = text.trim();
  const frame: TracebackFrame = { file: source.file, line, name, source: stripped };
  if (expr === undefined || expr.line !== line) return frame;
  const indent = text.length - text.trimStart().length;
  const width = exprWidth(expr);
  if (width <= 0 || width >= stripped.length) return frame;
  return { ...frame, marker: `${' '.repeat(expr.column - 1 - indent)}${'^'.repeat(width)}` };
}

function exprWidth(expr: Expr): number {
  if (expr.kind === 'name') return expr.name.length;
  if (expr.kind === 'call') return expr.end - expr.column;
  return 0;
}

function runModuleStatement(
  statement: Stmt,
  globals: Map<string, Binding>,
  env: ModuleEnvironment,
  frame: (expr: Expr | undefined) => TracebackFrame,
): void {
  switch (statement.kind) {
    case 'import': {
      const top = statement.module.split('.')[0]!;
      if (!env.canImport(top))
        throw new PythonException('ModuleNotFoundError', `No module named '${top}'`, {
          frames: [frame(undefined)],
        });
      if (!statement.from) {
        for (const [module, alias] of statement.names)
          globals.set(alias, {
            kind: 'module',
            module: alias === module.split('.')[0] ? module.split('.')[0]! : module,
          });
        return;
      }
      for (const [name, alias] of statement.names) {
        if (statement.module === 'flask') {
          if (!FLASK_NAMES.has(name)) {
            if (
              [
                'render_template',
                'redirect',
                'url_for',
                'session',
                'flash',
                'Response',
                'Blueprint',
                'send_file',
                'send_from_directory',
                'g',
                'current_app',
              ].includes(name)
            ) {
              throw new Unsupported(statement.line, `flask.${name}`);
            }
            throw new PythonException(
              'ImportError',
              `cannot import name '${name}' from 'flask' (/usr/lib/python3/dist-packages/flask/__init__.py)`,
              { frames: [frame(undefined)] },
            );
          }
          globals.set(
            alias,
            name === 'Flask' ? { kind: 'flask-class' } : { kind: 'flask-name', name },
          );
        } else
          globals.set(alias, {
            kind: 'value',
            value: new PyOpaque(`${statement.module}.${name}`, undefined),
          });
      }
      return;
    }
    case 'assign': {
      if (statement.target.kind !== 'name') {
        // app.config["X"] = …, app.secret_key = …: settings the model has no use for
        if (
          (statement.target.kind === 'attr' || statement.target.kind === 'index') &&
          rootName(statement.target) !== undefined
        )
          return;
        throw new Unsupported(statement.line, 'this assignment');
      }
      const value = statement.value;
      if (value.kind === 'call' && isFlaskClass(value.callee, globals, frame)) {
        globals.set(statement.target.name, { kind: 'flask-app', routes: [] });
        return;
      }
      if (value.kind === 'name') {
        const bound = globals.get(value.name);
        if (bound === undefined) throw nameError(value.name, frame(value));
        globals.set(statement.target.name, bound);
        return;
      }
      globals.set(statement.target.name, {
        kind: 'value',
        value: evalConstant(value, globals, frame),
      });
      return;
    }
    case 'def': {
      globals.set(statement.name, { kind: 'function', def: statement });
      for (const decorator of [...statement.decorators].reverse())
        registerView(decorator, statement, globals, frame);
      return;
    }
    case 'if': {
      // `if __name__ == "__main__":` — under uWSGI the module is not __main__, so the body never runs
      const test = statement.test;
      if (
        test.kind === 'compare' &&
        test.left.kind === 'name' &&
        test.left.name === '__name__' &&
        test.right.kind === 'str'
      ) {
        const name = globals.get('__name__');
        if (name?.kind === 'value' && (test.op === '==') === (name.value === test.right.value))
          throw new Unsupported(
            statement.line,
            'code that runs when the module is imported under this name',
          );
        return;
      }
      throw new Unsupported(statement.line, 'an `if` statement at the top level');
    }
    case 'expr':
      if (statement.value.kind === 'str') return;
      throw new Unsupported(statement.line, 'a call at the top level of the module');
    case 'pass':
      return;
    case 'return':
      throw new Unsupported(statement.line, '`return` at the top level');
  }
}

function rootName(expr: Expr): string | undefined {
  if (expr.kind === 'name') return expr.name;
  if (expr.kind === 'attr' || expr.kind === 'index') return rootName(expr.object);
  return undefined;
}

function nameError(name: string, frame: TracebackFrame): PythonException {
  return new PythonException('NameError', `name '${name}' is not defined`, { frames: [frame] });
}

function isFlaskClass(
  callee: Expr,
  globals: ReadonlyMap<string, Binding>,
  frame: (expr: Expr | undefined) => TracebackFrame,
): boolean {
  if (callee.kind === 'name') {
    const bound = globals.get(callee.name);
    if (bound === undefined) {
      if (callee.name === 'Flask') throw nameError('Flask', frame(callee));
      return false;
    }
    return bound.kind === 'flask-class';
  }
  if (callee.kind === 'attr' && callee.name === 'Flask' && callee.object.kind === 'name') {
    const bound = globals.get(callee.object.name);
    if (bound === undefined) throw nameError(callee.object.name, frame(callee.object));
    return bound.kind === 'module' && bound.module === 'flask';
  }
  return false;
}

// A module-level constant: literals only.
function evalConstant(
  expr: Expr,
  globals: ReadonlyMap<string, Binding>,
  frame: (expr: Expr | undefined) => TracebackFrame,
): PyValue {
  const scope: Scope = { locals: new Map(), globals, request: undefined, frame: () => frame(expr) };
  return evaluate(expr, scope);
}

// @app.route(rule, methods=[...]) and Flask 2's @app.get/@app.post/…
function registerView(
  decorator: Expr,
  def: Extract<Stmt, { kind: 'def' }>,
  globals: Map<string, Binding>,
  frame: (expr: Expr | undefined) => TracebackFrame,
): void {
  if (
    decorator.kind !== 'call' ||
    decorator.callee.kind !== 'attr' ||
    decorator.callee.object.kind !== 'name'
  )
    throw new Unsupported(def.line, 'this decorator');
  const objectName = decorator.callee.object.name;
  const bound = globals.get(objectName);
  if (bound === undefined) throw nameError(objectName, frame(decorator.callee.object));
  if (bound.kind !== 'flask-app')
    throw new Unsupported(def.line, `a decorator on ${objectName}, which is not a Flask app here`);
  const method = decorator.callee.name;
  const shortcut = ['get', 'post', 'put', 'delete', 'patch'].includes(method);
  if (method !== 'route' && !shortcut) throw new Unsupported(def.line, `@${objectName}.${method}`);
  const [ruleExpr] = decorator.args;
  if (ruleExpr?.kind !== 'str' || decorator.args.length !== 1)
    throw new Unsupported(def.line, 'a route whose rule is not a string literal');
  let methods: string[] | undefined = shortcut ? [method.toUpperCase()] : undefined;
  for (const [key, value] of decorator.kwargs) {
    if (
      key === 'methods' &&
      !shortcut &&
      (value.kind === 'list' || value.kind === 'tuple') &&
      value.items.every((item) => item.kind === 'str')
    ) {
      methods = value.items.map((item) => (item.kind === 'str' ? item.value : ''));
    } else throw new Unsupported(def.line, `the route option ${key}=`);
  }
  bound.routes.unshift({
    rule: ruleExpr.value,
    ...(methods === undefined ? {} : { methods }),
    endpoint: def.name,
    line: def.defLine,
    view: (request, args) => runView(def, request, args, globals),
  });
}

interface Scope {
  readonly locals: Map<string, PyValue>;
  readonly globals: ReadonlyMap<string, Binding>;
  readonly request: WerkzeugRequest | undefined;
  readonly frame: () => TracebackFrame;
}

/** Raised inside a view for Werkzeug's HTTP errors (abort(404), a missing request.args key…). */
export class HttpAbort extends Error {
  readonly code: number;
  readonly description: string | undefined;
  constructor(code: number, description?: string) {
    super(`abort(${code})`);
    this.code = code;
    this.description = description;
  }
}

function runView(
  def: Extract<Stmt, { kind: 'def' }>,
  request: WerkzeugRequest,
  args: ViewArgs,
  globals: ReadonlyMap<string, Binding>,
): ViewResult {
  const locals = new Map<string, PyValue>();
  for (const param of def.params) {
    const value = args[param];
    if (value === undefined)
      throw new PythonException(
        'TypeError',
        `${def.name}() missing 1 required positional argument: '${param}'`,
        { frames: [] },
      );
    locals.set(param, typeof value === 'number' ? new PyInt(BigInt(value)) : value);
  }
  for (const statement of def.body) {
    const scope: Scope = { locals, globals, request, frame: () => viewFrame(def, statement.line) };
    if (statement.kind === 'assign' && statement.target.kind === 'name') {
      locals.set(statement.target.name, evaluate(statement.value, scope));
      continue;
    }
    if (statement.kind === 'return')
      return toViewResult(
        statement.value === undefined ? null : evaluate(statement.value, scope),
        def,
      );
    if (statement.kind === 'pass' || (statement.kind === 'expr' && statement.value.kind === 'str'))
      continue;
    throw new Unsupported(statement.line, 'this statement in a view');
  }
  return { body: { kind: 'none' } };
}

let currentSource: { readonly file: string; readonly lines: readonly string[] } | undefined;

function viewFrame(def: Extract<Stmt, { kind: 'def' }>, line: number): TracebackFrame {
  const text = currentSource?.lines[line - 1]?.trim();
  return {
    file: currentSource?.file ?? 'app.py',
    line,
    name: def.name,
    ...(text === undefined ? {} : { source: text }),
  };
}

function evaluate(expr: Expr, scope: Scope): PyValue {
  switch (expr.kind) {
    case 'str':
      return expr.value;
    case 'bytes':
      return new PyBytes(Uint8Array.from(expr.value, (char) => char.charCodeAt(0) & 0xff));
    case 'int':
      return new PyInt(expr.value);
    case 'float':
      return new PyFloat(expr.value);
    case 'const':
      return expr.value;
    case 'fstring':
      return expr.parts
        .map((part) => (typeof part === 'string' ? part : pyStr(evaluate(part, scope))))
        .join('');
    case 'list':
      return expr.items.map((item) => evaluate(item, scope));
    case 'tuple':
      return new PyTuple(expr.items.map((item) => evaluate(item, scope)));
    case 'dict': {
      const map = new Map<string, PyValue>();
      for (const [key, value] of expr.entries) {
        const k = evaluate(key, scope);
        if (typeof k !== 'string') throw new Unsupported(expr.line, 'a dict key that is not a str');
        map.set(k, evaluate(value, scope));
      }
      return map;
    }
    case 'name':
      return lookup(expr, scope);
    case 'binop': {
      const left = evaluate(expr.left, scope);
      const right = evaluate(expr.right, scope);
      if (expr.op === '+' && typeof left === 'string' && typeof right === 'string')
        return left + right;
      if (expr.op === '+' && left instanceof PyInt && right instanceof PyInt)
        return new PyInt(left.value + right.value);
      if (expr.op === '*' && left instanceof PyInt && right instanceof PyInt)
        return new PyInt(left.value * right.value);
      if (expr.op === '+' && (typeof left === 'string' || typeof right === 'string')) {
        const other = typeof left === 'string' ? right : left;
        throw new PythonException(
          'TypeError',
          typeof left === 'string'
            ? `can only concatenate str (not "${typeName(other)}") to str`
            : `unsupported operand type(s) for +: '${typeName(left)}' and 'str'`,
          { frames: [scope.frame()] },
        );
      }
      throw new Unsupported(expr.line, `the operator ${expr.op} on these values`);
    }
    case 'compare':
      throw new Unsupported(expr.line, 'a comparison');
    case 'attr':
      return attribute(expr, scope);
    case 'index': {
      const object = evaluate(expr.object, scope);
      const index = evaluate(expr.index, scope);
      if (
        object instanceof PyOpaque &&
        object.value instanceof MultiDict &&
        typeof index === 'string'
      ) {
        const found = object.value.get(index);
        // werkzeug's BadRequestKeyError: a 400 (the key is not shown unless in debug mode)
        if (found === undefined) throw new HttpAbort(400);
        return found;
      }
      if (object instanceof Map && typeof index === 'string') {
        const found = object.get(index);
        if (found === undefined)
          throw new PythonException('KeyError', `'${index}'`, { frames: [scope.frame()] });
        return found;
      }
      if (object instanceof PyOpaque && object.type === 'environ' && typeof index === 'string') {
        const value = (object.value as Environ).get(index);
        if (typeof value === 'string') return value;
        throw new PythonException('KeyError', `'${index}'`, { frames: [scope.frame()] });
      }
      throw new Unsupported(expr.line, 'this subscript');
    }
    case 'call':
      return call(expr, scope);
  }
}

function typeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyInt) return 'int';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof PyBytes) return 'bytes';
  if (value instanceof PyTuple) return 'tuple';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'dict';
  return value.type;
}

function lookup(expr: Extract<Expr, { kind: 'name' }>, scope: Scope): PyValue {
  const local = scope.locals.get(expr.name);
  if (local !== undefined || scope.locals.has(expr.name)) return local ?? null;
  const bound = scope.globals.get(expr.name);
  if (bound === undefined)
    throw new PythonException('NameError', `name '${expr.name}' is not defined`, {
      frames: [scope.frame()],
    });
  switch (bound.kind) {
    case 'value':
      return bound.value;
    case 'flask-name':
      if (bound.name === 'request') {
        if (scope.request === undefined)
          throw new Unsupported(expr.line, '`request` outside a view');
        return new PyOpaque('request', scope.request);
      }
      return new PyOpaque(`flask.${bound.name}`, bound.name);
    default:
      return new PyOpaque(bound.kind, bound);
  }
}

function attribute(expr: Extract<Expr, { kind: 'attr' }>, scope: Scope): PyValue {
  const object = evaluate(expr.object, scope);
  if (object instanceof PyOpaque && object.type === 'request') {
    const request = object.value as WerkzeugRequest;
    switch (expr.name) {
      case 'args':
        return new PyOpaque('ImmutableMultiDict', request.args);
      case 'form':
        return new PyOpaque('ImmutableMultiDict', request.form);
      case 'method':
        return request.method;
      case 'path':
        return request.path;
      case 'json':
        return getJson(request, false);
      case 'environ':
        return new PyOpaque('environ', request.environ);
      case 'headers':
        return new PyOpaque('EnvironHeaders', request);
      case 'data':
        return new PyBytes(request.getData());
      default:
        throw new Unsupported(expr.line, `request.${expr.name}`);
    }
  }
  return new PyOpaque('attribute', { object, name: expr.name, line: expr.line });
}

function getJson(request: WerkzeugRequest, silent: boolean): PyValue {
  if (silent) return fromJson(request.getJsonSilent());
  // Werkzeug 2.2 Request.get_json without silent: a 400 when the body is not JSON
  if (!request.isJson)
    throw new HttpAbort(
      400,
      'Did not attempt to load JSON data because the request Content-Type was not &#39;application/json&#39;.',
    );
  const value = request.getJsonSilent();
  if (value === null && !/^\s*null\s*$/.test(new TextDecoder().decode(request.getData())))
    throw new HttpAbort(400, 'Failed to decode JSON object');
  return fromJson(value);
}

function call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): PyValue {
  const callee = expr.callee;
  const kw = new Map(expr.kwargs);
  if (callee.kind === 'attr') {
    const object = evaluate(callee.object, scope);
    if (object instanceof PyOpaque && object.value instanceof MultiDict) {
      const dict = object.value;
      if (callee.name === 'get') {
        const key = expr.args[0] === undefined ? undefined : evaluate(expr.args[0], scope);
        if (typeof key !== 'string') throw new Unsupported(expr.line, 'get() without a str key');
        const fallback = expr.args[1] ?? kw.get('default');
        return dict.get(key) ?? (fallback === undefined ? null : evaluate(fallback, scope));
      }
      if (callee.name === 'getlist') {
        const key = expr.args[0] === undefined ? undefined : evaluate(expr.args[0], scope);
        if (typeof key !== 'string')
          throw new Unsupported(expr.line, 'getlist() without a str key');
        return dict.getlist(key);
      }
      if (callee.name === 'to_dict')
        return new Map(dict.items().map(([key]) => [key, dict.get(key) ?? '']));
      throw new Unsupported(expr.line, `.${callee.name}() on request data`);
    }
    if (object instanceof PyOpaque && object.type === 'request' && callee.name === 'get_json') {
      const silent = kw.get('silent');
      const force = kw.get('force');
      if (force !== undefined) throw new Unsupported(expr.line, 'get_json(force=...)');
      return getJson(
        object.value as WerkzeugRequest,
        silent !== undefined && truthy(evaluate(silent, scope)),
      );
    }
    if (object instanceof PyOpaque && object.type === 'EnvironHeaders' && callee.name === 'get') {
      const key = expr.args[0] === undefined ? undefined : evaluate(expr.args[0], scope);
      if (typeof key !== 'string')
        throw new Unsupported(expr.line, 'headers.get() without a str key');
      const fallback = expr.args[1];
      return (
        (object.value as WerkzeugRequest).header(key) ??
        (fallback === undefined ? null : evaluate(fallback, scope))
      );
    }
    if (object instanceof PyOpaque && object.type === 'environ' && callee.name === 'get') {
      const key = expr.args[0] === undefined ? undefined : evaluate(expr.args[0], scope);
      if (typeof key !== 'string')
        throw new Unsupported(expr.line, 'environ.get() without a str key');
      const value = environStr(object.value as Environ, key);
      return value ?? (expr.args[1] === undefined ? null : evaluate(expr.args[1], scope));
    }
    if (typeof object === 'string' && callee.name === 'encode')
      return new PyBytes(utf8Bytes(object));
    if (typeof object === 'string' && (callee.name === 'upper' || callee.name === 'lower'))
      return callee.name === 'upper' ? object.toUpperCase() : object.toLowerCase();
    throw new Unsupported(expr.line, `the call .${callee.name}()`);
  }
  if (callee.kind !== 'name') throw new Unsupported(expr.line, 'this call');
  if (callee.name === 'str' && expr.args.length === 1) return pyStr(evaluate(expr.args[0]!, scope));
  if (callee.name === 'len' && expr.args.length === 1) {
    const value = evaluate(expr.args[0]!, scope);
    if (typeof value === 'string') return new PyInt(BigInt([...value].length));
    if (value instanceof PyBytes) return new PyInt(BigInt(value.bytes.length));
    if (Array.isArray(value)) return new PyInt(BigInt(value.length));
    throw new Unsupported(expr.line, 'len() of this value');
  }
  if (callee.name === 'int' && expr.args.length === 1) {
    const value = evaluate(expr.args[0]!, scope);
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value))
      return new PyInt(BigInt(value.trim()));
    throw new Unsupported(expr.line, 'int() of this value');
  }
  const bound = scope.globals.get(callee.name);
  if (bound === undefined && !scope.locals.has(callee.name))
    throw new PythonException('NameError', `name '${callee.name}' is not defined`, {
      frames: [scope.frame()],
    });
  if (bound?.kind === 'flask-name' && bound.name === 'jsonify') {
    if (expr.kwargs.length > 0) {
      if (expr.args.length > 0)
        throw new Unsupported(expr.line, 'jsonify() with both positional and keyword arguments');
      return new PyOpaque(
        'jsonify',
        new Map(expr.kwargs.map(([key, value]) => [key, evaluate(value, scope)])),
      );
    }
    if (expr.args.length === 1) return new PyOpaque('jsonify', evaluate(expr.args[0]!, scope));
    return new PyOpaque(
      'jsonify',
      expr.args.map((arg) => evaluate(arg, scope)),
    );
  }
  if (bound?.kind === 'flask-name' && bound.name === 'abort' && expr.args.length === 1) {
    const code = evaluate(expr.args[0]!, scope);
    if (code instanceof PyInt) throw new HttpAbort(Number(code.value));
  }
  throw new Unsupported(expr.line, `the call ${callee.name}()`);
}

// flask.Flask.make_response for the values a view returns
function toViewResult(value: PyValue, def: Extract<Stmt, { kind: 'def' }>): ViewResult {
  if (value instanceof PyTuple) {
    const [body, second, third] = value.items;
    if (value.items.length === 2 || value.items.length === 3) {
      const base = toViewResult(body ?? null, def);
      let status: number | string | undefined;
      let headers: ResponseHeaders | undefined;
      const asHeaders = (item: PyValue): ResponseHeaders | undefined => {
        if (item instanceof Map) return [...item].map(([key, v]) => [key, pyStr(v)]);
        if (Array.isArray(item))
          return item.flatMap((pair) =>
            pair instanceof PyTuple && pair.items.length === 2
              ? [[pyStr(pair.items[0]!), pyStr(pair.items[1]!)] as const]
              : [],
          );
        return undefined;
      };
      if (value.items.length === 3) {
        status = statusOf(second ?? null);
        headers = asHeaders(third ?? null);
      } else {
        headers = asHeaders(second ?? null);
        if (headers === undefined) status = statusOf(second ?? null);
      }
      return {
        ...base,
        ...(status === undefined ? {} : { status }),
        ...(headers === undefined ? {} : { headers }),
      };
    }
    throw new Unsupported(def.line, 'a returned tuple of this size');
  }
  if (typeof value === 'string') return { body: { kind: 'text', text: value } };
  if (value instanceof PyBytes) return { body: { kind: 'bytes', bytes: value.bytes } };
  if (value === null) return { body: { kind: 'none' } };
  if (value instanceof PyOpaque && value.type === 'jsonify')
    return { body: { kind: 'json', value: jsonOf(value.value as PyValue, def) } };
  if (value instanceof Map || Array.isArray(value))
    return { body: { kind: 'json', value: jsonOf(value, def) } };
  throw new Unsupported(def.line, `a view returning ${typeName(value)}`);
}

function jsonOf(value: PyValue, def: Extract<Stmt, { kind: 'def' }>): PyJson {
  const json = toJson(value);
  if (json === undefined) throw new Unsupported(def.line, 'JSON of this value');
  return json;
}

function statusOf(value: PyValue): number | string | undefined {
  if (value instanceof PyInt) return Number(value.value);
  if (typeof value === 'string') return value;
  return undefined;
}

export type CallableLookup =
  | { readonly kind: 'app'; readonly app: WsgiApp }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'unsupported';
      readonly line: number;
      readonly text: string;
      readonly what: string;
    };

/** `callable` in a loaded module: a Flask app, or a raw WSGI function. */
export function findCallable(
  load: Extract<ModuleLoad, { kind: 'loaded' }>,
  name: string,
  options: { readonly now?: () => number } = {},
): CallableLookup {
  const bound = load.globals.get(name);
  const lines = load.source.text.replace(/\r\n/g, '\n').split('\n');
  if (bound === undefined) return { kind: 'missing' };
  if (bound.kind === 'flask-app') {
    const flask = new FlaskApp({
      description: `Flask app \`${name}\` in ${load.source.file}`,
      routes: bound.routes.map((route) => ({
        ...route,
        view: withSource(route.view, load.source.file, lines),
      })),
      file: load.source.file,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    return { kind: 'app', app: wrapAborts(flask) };
  }
  if (bound.kind === 'function') {
    const def = bound.def;
    if (def.params.length !== 2)
      return {
        kind: 'unsupported',
        line: def.defLine,
        text: (lines[def.defLine - 1] ?? '').trim(),
        what: 'a callable that is not application(environ, start_response)',
      };
    return { kind: 'app', app: rawApp(def, load, lines) };
  }
  return {
    kind: 'unsupported',
    line: 1,
    text: '',
    what: `\`${name}\` is not a WSGI callable the simulator knows`,
  };
}

function withSource(
  view: FlaskRoute['view'],
  file: string,
  lines: readonly string[],
): FlaskRoute['view'] {
  return (request, args) => {
    const previous = currentSource;
    currentSource = { file, lines };
    try {
      return view(request, args);
    } finally {
      currentSource = previous;
    }
  };
}

// abort() and Werkzeug's request errors become their HTTP error page, as Flask answers them.
function wrapAborts(app: FlaskApp): WsgiApp {
  return {
    kind: 'flask',
    description: app.description,
    call(environ, startResponse) {
      try {
        return app.call(environ, startResponse);
      } catch (error) {
        if (!(error instanceof HttpAbort)) throw error;
        return httpErrorPage(error, environ, startResponse);
      }
    },
  };
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The browser (or proxy) sent a request that this server could not understand.',
  401: "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  403: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
  404: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  500: 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
};

function httpErrorPage(
  error: HttpAbort,
  environ: Environ,
  startResponse: StartResponse,
): Uint8Array[] {
  const names: Readonly<Record<number, string>> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
  };
  const name = names[error.code] ?? 'Unknown Error';
  const description = error.description ?? DESCRIPTIONS[error.code] ?? '';
  const body = utf8Bytes(
    `<!doctype html>\n<html lang=en>\n<title>${error.code} ${name}</title>\n<h1>${name}</h1>\n<p>${description}</p>\n`,
  );
  startResponse(`${error.code} ${name.toUpperCase()}`, [
    ['Content-Type', 'text/html; charset=utf-8'],
    ['Content-Length', String(body.length)],
  ]);
  return environStr(environ, 'REQUEST_METHOD') === 'HEAD' ? [] : [body];
}

// application(environ, start_response): assignments, one start_response(...) call, return [...]
function rawApp(
  def: Extract<Stmt, { kind: 'def' }>,
  load: Extract<ModuleLoad, { kind: 'loaded' }>,
  lines: readonly string[],
): WsgiApp {
  const [environName = 'environ', startName = 'start_response'] = def.params;
  return {
    kind: 'wsgi',
    description: `WSGI callable \`${def.name}\` in ${load.source.file}`,
    call(environ, startResponse) {
      const previous = currentSource;
      currentSource = { file: load.source.file, lines };
      try {
        const locals = new Map<string, PyValue>([[environName, new PyOpaque('environ', environ)]]);
        for (const statement of def.body) {
          const scope: Scope = {
            locals,
            globals: load.globals,
            request: undefined,
            frame: () => viewFrame(def, statement.line),
          };
          if (statement.kind === 'assign' && statement.target.kind === 'name') {
            locals.set(statement.target.name, evaluate(statement.value, scope));
            continue;
          }
          if (
            statement.kind === 'expr' &&
            statement.value.kind === 'call' &&
            statement.value.callee.kind === 'name' &&
            statement.value.callee.name === startName
          ) {
            const [statusExpr, headersExpr] = statement.value.args;
            if (statusExpr === undefined || headersExpr === undefined)
              throw new Unsupported(statement.line, 'start_response() without status and headers');
            const status = evaluate(statusExpr, scope);
            const headers = evaluate(headersExpr, scope);
            if (typeof status !== 'string' || !Array.isArray(headers))
              throw new Unsupported(statement.line, 'start_response() with these values');
            startResponse(
              status,
              headers.map((pair) => {
                if (!(pair instanceof PyTuple) || pair.items.length !== 2)
                  throw new Unsupported(
                    statement.line,
                    'a header that is not a (name, value) tuple',
                  );
                return [pyStr(pair.items[0]!), pyStr(pair.items[1]!)] as const;
              }),
            );
            continue;
          }
          if (statement.kind === 'return') {
            const value = statement.value === undefined ? null : evaluate(statement.value, scope);
            const items =
              value instanceof PyTuple ? value.items : Array.isArray(value) ? value : undefined;
            if (items === undefined)
              throw new Unsupported(
                statement.line,
                'returning something other than a list of bytes',
              );
            return items.map((item) => {
              if (item instanceof PyBytes) return item.bytes;
              // uWSGI refuses str items in the body (PEP 3333: bytes only)
              throw new Unsupported(statement.line, 'a body item that is not bytes');
            });
          }
          if (
            statement.kind === 'pass' ||
            (statement.kind === 'expr' && statement.value.kind === 'str')
          )
            continue;
          throw new Unsupported(statement.line, 'this statement in a WSGI callable');
        }
        return [];
      } finally {
        currentSource = previous;
      }
    },
  };
}
