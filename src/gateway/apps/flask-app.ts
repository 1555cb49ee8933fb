// A model of a Flask 2.2.2 application (Werkzeug 2.2.2 underneath): URL rules with converters and
// methods, the automatic HEAD and OPTIONS, strict-slash redirects, the return values a view may
// give (str, bytes, dict/list → JSON, tuples with status and headers), and Werkzeug's own 308, 404,
// 405 and 500 pages — byte for byte what Flask hands to uWSGI (checked against the real Flask in
// tests/interop/uwsgi). An exception in a view is logged the way Flask logs it and answered with 500.

import { utf8Bytes } from '../../protocol/index.ts';
import { environStr, WsgiErrors, type Environ } from '../wsgi/environ.ts';
import { PythonException, type TracebackFrame } from '../wsgi/python-exception.ts';
import { pyJsonDumps, type PyJson } from './python-json.ts';
import { wsgiDecode, WerkzeugRequest } from './werkzeug-request.ts';
import type { ResponseHeaders, StartResponse, WsgiApp } from './wsgi-app.ts';

/** What a view returns, in Python's terms. */
export type ViewBody =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** A dict or list (Flask 2.2 jsonifies both), or `jsonify(...)`. */
  | { readonly kind: 'json'; readonly value: PyJson }
  /** `None` (or falling off the end): Flask's TypeError. */
  | { readonly kind: 'none' };

export interface ViewResult {
  readonly body: ViewBody;
  /** A tuple's status: an int, or a str used as it is (`"299 Odd"`). */
  readonly status?: number | string;
  /** A tuple's headers (they come before Content-Type, as Response(body, status, headers) puts them). */
  readonly headers?: ResponseHeaders;
}

/** URL variables, converted (`<int:n>` gives a number). */
export type ViewArgs = Readonly<Record<string, string | number>>;

/** A view function: reads the request, returns a result or throws a PythonException. */
export type FlaskView = (request: WerkzeugRequest, args: ViewArgs) => ViewResult;

export interface FlaskRoute {
  /** The rule as written in `@app.route(...)`: `/`, `/hello`, `/user/<name>`, `/<path:anything>`. */
  readonly rule: string;
  /** `methods=[...]` as written (default GET). */
  readonly methods?: readonly string[];
  /** The view function's name (the endpoint). */
  readonly endpoint: string;
  readonly view: FlaskView;
  /** `defaults={...}`: values for variables the rule does not have. */
  readonly defaults?: ViewArgs;
  /** Where the view is defined, for the user frame of a traceback. */
  readonly line?: number;
}

export interface FlaskAppOptions {
  readonly description: string;
  readonly routes: readonly FlaskRoute[];
  /** The module's file as Python names it in tracebacks (`/home/ubuntu/helloWorld/app.py`). */
  readonly file?: string;
  /** Milliseconds since the epoch, for the time in Flask's error log lines. */
  readonly now?: () => number;
  /** Offset of the machine's local time from UTC, in minutes (0: the captures were made in UTC). */
  readonly utcOffsetMinutes?: number;
}

export function text(
  value: string,
  status?: number | string,
  headers?: ResponseHeaders,
): ViewResult {
  return {
    body: { kind: 'text', text: value },
    ...(status === undefined ? {} : { status }),
    ...(headers === undefined ? {} : { headers }),
  };
}

export function json(value: PyJson, status?: number | string): ViewResult {
  return { body: { kind: 'json', value }, ...(status === undefined ? {} : { status }) };
}

/** Werkzeug's reason phrases (werkzeug/http.py HTTP_STATUS_CODES); a status line upper-cases them. */
export const HTTP_STATUS_CODES: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  306: 'Switch Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  449: 'Retry With',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Failed',
};

/** Werkzeug's status str for a code: `404 NOT FOUND`, `299 UNKNOWN`. */
export function statusLine(code: number): string {
  return `${code} ${(HTTP_STATUS_CODES[code] ?? 'Unknown').toUpperCase()}`;
}

const HTML = 'text/html; charset=utf-8';

// werkzeug/exceptions.py: HTTPException.get_body
function errorPage(code: number, description: string): string {
  const name = HTTP_STATUS_CODES[code] ?? 'Unknown Error';
  return `<!doctype html>\n<html lang=en>\n<title>${code} ${name}</title>\n<h1>${name}</h1>\n<p>${description}</p>\n`;
}

const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';
const INTERNAL_ERROR =
  'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.';

/** Flask 2.2.2's frames above a view, in /usr/lib/python3/dist-packages (Debian's python3-flask). */
const FLASK_FILE = '/usr/lib/python3/dist-packages/flask/app.py';
const VIEW_FRAMES: readonly TracebackFrame[] = [
  {
    file: FLASK_FILE,
    line: 2525,
    name: 'wsgi_app',
    source: 'response = self.full_dispatch_request()',
    marker: '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 1822,
    name: 'full_dispatch_request',
    source: 'rv = self.handle_user_exception(e)',
    marker: '     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 1820,
    name: 'full_dispatch_request',
    source: 'rv = self.dispatch_request()',
    marker: '     ^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 1796,
    name: 'dispatch_request',
    source: 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)',
    marker: '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
];
const NONE_FRAMES: readonly TracebackFrame[] = [
  VIEW_FRAMES[0]!,
  {
    file: FLASK_FILE,
    line: 1823,
    name: 'full_dispatch_request',
    source: 'return self.finalize_request(rv)',
    marker: '       ^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 1842,
    name: 'finalize_request',
    source: 'response = self.make_response(rv)',
    marker: '           ^^^^^^^^^^^^^^^^^^^^^^',
  },
  { file: FLASK_FILE, line: 2134, name: 'make_response', source: 'raise TypeError(' },
];

/**
 * Flask's frames down to werkzeug's Map.bind_to_environ, which reads `env["REQUEST_METHOD"]`
 * unguarded: an environ without it (nginx without `include uwsgi_params`) fails there, before any
 * view, and uWSGI prints the traceback (captured: lessons 06 and 07, uwsgi-run1.log).
 */
const BIND_FRAMES: readonly TracebackFrame[] = [
  {
    file: FLASK_FILE,
    line: 2548,
    name: '__call__',
    source: 'return self.wsgi_app(environ, start_response)',
    marker: '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 2520,
    name: 'wsgi_app',
    source: 'ctx = self.request_context(environ)',
    marker: '      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 2437,
    name: 'request_context',
    source: 'return RequestContext(self, environ)',
    marker: '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: '/usr/lib/python3/dist-packages/flask/ctx.py',
    line: 314,
    name: '__init__',
    source: 'self.url_adapter = app.create_url_adapter(self.request)',
    marker: '                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: FLASK_FILE,
    line: 2218,
    name: 'create_url_adapter',
    source: 'return self.url_map.bind_to_environ(',
    marker: '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  },
  {
    file: '/usr/lib/python3/dist-packages/werkzeug/routing/map.py',
    line: 350,
    name: 'bind_to_environ',
    source: 'env["REQUEST_METHOD"],',
    marker: '~~~^^^^^^^^^^^^^^^^^^',
  },
];

interface CompiledRule {
  readonly route: FlaskRoute;
  readonly pattern: RegExp;
  readonly names: readonly { readonly name: string; readonly converter: string }[];
  readonly methods: ReadonlySet<string>;
  readonly dynamic: boolean;
  readonly path: boolean;
  readonly trailingSlash: boolean;
}

type Match =
  | { readonly kind: 'found'; readonly rule: CompiledRule; readonly args: ViewArgs }
  | { readonly kind: 'redirect'; readonly path: string }
  | { readonly kind: 'method'; readonly allowed: ReadonlySet<string> }
  | { readonly kind: 'none' };

interface BuiltResponse {
  readonly status: string;
  readonly headers: [string, string][];
  readonly body: Uint8Array;
}

export class FlaskApp implements WsgiApp {
  readonly kind = 'flask';
  readonly description: string;
  readonly routes: readonly FlaskRoute[];
  readonly #rules: readonly CompiledRule[];
  readonly #file: string;
  readonly #now: () => number;
  readonly #utcOffset: number;

  constructor(options: FlaskAppOptions) {
    this.description = options.description;
    this.routes = options.routes;
    this.#file = options.file ?? 'app.py';
    this.#now = options.now ?? (() => Date.now());
    this.#utcOffset = options.utcOffsetMinutes ?? 0;
    const compiled = options.routes.map(compileRule);
    // Werkzeug 2.2's matcher tries static rules before ones with variables, and a path converter last
    this.#rules = [
      ...compiled.filter((rule) => !rule.dynamic),
      ...compiled.filter((rule) => rule.dynamic && !rule.path),
      ...compiled.filter((rule) => rule.path),
    ];
  }

  call(environ: Environ, startResponse: StartResponse): Iterable<Uint8Array> {
    if (environStr(environ, 'REQUEST_METHOD') === undefined)
      throw new PythonException('KeyError', "'REQUEST_METHOD'", { frames: BIND_FRAMES });
    const request = new WerkzeugRequest(environ);
    const response = this.#respond(request);
    startResponse(response.status, response.headers);
    // werkzeug Response.get_app_iter: a HEAD request gets the headers (Content-Length kept) and no body
    return request.method === 'HEAD' ? [] : [response.body];
  }

  #respond(request: WerkzeugRequest): BuiltResponse {
    const path = wsgiDecode(environStr(request.environ, 'PATH_INFO') ?? '');
    const method = request.method;
    const match = this.#match(path, method);
    switch (match.kind) {
      case 'none':
        return htmlResponse(404, errorPage(404, NOT_FOUND), []);
      case 'method':
        return htmlResponse(405, errorPage(405, METHOD_NOT_ALLOWED), [
          ['Allow', allowHeader(match.allowed)],
        ]);
      case 'redirect':
        return redirectResponse(this.#redirectUrl(request, match.path));
      case 'found':
        break;
    }
    if (
      method === 'OPTIONS' &&
      !match.rule.route.methods?.map((m) => m.toUpperCase()).includes('OPTIONS')
    ) {
      // Flask's make_default_options_response: an empty 200 with Allow (Content-Length 0 added on the way out)
      return {
        status: '200 OK',
        headers: [
          ['Content-Type', HTML],
          ['Allow', allowHeader(this.#allowedFor(path))],
          ['Content-Length', '0'],
        ],
        body: new Uint8Array(0),
      };
    }
    let result: ViewResult;
    try {
      result = match.rule.route.view(request, match.args);
    } catch (error) {
      if (!(error instanceof PythonException)) throw error;
      const frames = [...VIEW_FRAMES, ...error.frames];
      this.#logException(request, new PythonException(error.type, error.detail, { frames }));
      return htmlResponse(500, errorPage(500, INTERNAL_ERROR), []);
    }
    if (result.body.kind === 'none') {
      const endpoint = match.rule.route.endpoint;
      const detail = `The view function for '${endpoint}' did not return a valid response. The function either returned None or ended without a return statement.`;
      this.#logException(
        request,
        new PythonException('TypeError', detail, { frames: NONE_FRAMES }),
      );
      return htmlResponse(500, errorPage(500, INTERNAL_ERROR), []);
    }
    return makeResponse(result);
  }

  #match(path: string, method: string): Match {
    const allowed = new Set<string>();
    for (const rule of this.#rules) {
      const exec = rule.pattern.exec(path);
      if (exec === null) {
        if (rule.trailingSlash && rule.pattern.test(`${path}/`))
          return { kind: 'redirect', path: `${path}/` };
        continue;
      }
      const args = convertArgs(rule, exec);
      if (args === undefined) continue;
      if (!rule.methods.has(method)) {
        for (const allowedMethod of rule.methods) allowed.add(allowedMethod);
        continue;
      }
      return { kind: 'found', rule, args: { ...rule.route.defaults, ...args } };
    }
    return allowed.size > 0 ? { kind: 'method', allowed } : { kind: 'none' };
  }

  #allowedFor(path: string): Set<string> {
    const allowed = new Set<string>();
    for (const rule of this.#rules) {
      const exec = rule.pattern.exec(path);
      if (exec !== null && convertArgs(rule, exec) !== undefined)
        for (const method of rule.methods) allowed.add(method);
    }
    return allowed;
  }

  // werkzeug MapAdapter.make_redirect_url: scheme://host/path?query, host from HTTP_HOST (its
  // default port dropped) or SERVER_NAME[:SERVER_PORT]
  #redirectUrl(request: WerkzeugRequest, path: string): string {
    const environ = request.environ;
    const scheme = environStr(environ, 'wsgi.url_scheme') ?? 'http';
    let host = environStr(environ, 'HTTP_HOST');
    if (host === undefined) {
      const name = environStr(environ, 'SERVER_NAME') ?? '';
      const port = environStr(environ, 'SERVER_PORT') ?? '';
      host =
        (scheme === 'http' && port === '80') ||
        (scheme === 'https' && port === '443') ||
        port === ''
          ? name
          : `${name}:${port}`;
    } else if (
      (scheme === 'http' && host.endsWith(':80')) ||
      (scheme === 'https' && host.endsWith(':443'))
    ) {
      host = host.slice(0, host.lastIndexOf(':'));
    }
    const query = environStr(environ, 'QUERY_STRING') ?? '';
    return `${scheme}://${host}${encodeURI(path)}${query === '' ? '' : `?${query}`}`;
  }

  // Flask's log_exception through its default handler on wsgi.errors:
  // "[%(asctime)s] %(levelname)s in %(module)s: %(message)s", then the traceback
  #logException(request: WerkzeugRequest, error: PythonException): void {
    const errors = request.environ.get('wsgi.errors');
    if (!(errors instanceof WsgiErrors)) return;
    const line = `[${asctime(this.#now(), this.#utcOffset)}] ERROR in app: Exception on ${request.path} [${request.method}]`;
    errors.write(`${[line, ...error.lines()].join('\n')}\n`);
  }

  /** The module file tracebacks name for frames in this app. */
  get file(): string {
    return this.#file;
  }
}

function compileRule(route: FlaskRoute): CompiledRule {
  const names: { name: string; converter: string }[] = [];
  let source = '^';
  let dynamic = false;
  let path = false;
  const part = /<(?:([a-z]+):)?([A-Za-z_][A-Za-z0-9_]*)>/g;
  let last = 0;
  for (let exec = part.exec(route.rule); exec !== null; exec = part.exec(route.rule)) {
    source += escapeRegExp(route.rule.slice(last, exec.index));
    const converter = exec[1] ?? 'string';
    names.push({ name: exec[2]!, converter });
    dynamic = true;
    if (converter === 'path') path = true;
    source += CONVERTERS[converter] ?? CONVERTERS['string']!;
    last = exec.index + exec[0].length;
  }
  source += `${escapeRegExp(route.rule.slice(last))}$`;
  const given = (route.methods ?? ['GET']).map((method) => method.toUpperCase());
  const methods = new Set(given);
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return {
    route,
    pattern: new RegExp(source, 'u'),
    names,
    methods,
    dynamic,
    path,
    trailingSlash: route.rule.endsWith('/') && route.rule !== '/',
  };
}

// werkzeug/routing/converters.py regexes
const CONVERTERS: Readonly<Record<string, string>> = {
  string: '([^/]+)',
  default: '([^/]+)',
  int: '(\\d+)',
  float: '(\\d+\\.\\d+)',
  path: '([^/].*?)',
  uuid: '([A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12})',
};

function convertArgs(
  rule: CompiledRule,
  exec: RegExpExecArray,
): Record<string, string | number> | undefined {
  const args: Record<string, string | number> = {};
  for (const [i, { name, converter }] of rule.names.entries()) {
    const raw = exec[i + 1] ?? '';
    if (converter === 'int') args[name] = Number(raw);
    else if (converter === 'float') args[name] = Number(raw);
    else args[name] = raw;
  }
  return args;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The real order of Allow comes from a Python set of str, which differs between processes (hash
// randomization); the model lists the methods sorted.
function allowHeader(methods: ReadonlySet<string>): string {
  return [...methods].sort().join(', ');
}

function htmlResponse(code: number, body: string, extra: [string, string][]): BuiltResponse {
  const bytes = utf8Bytes(body);
  return {
    status: statusLine(code),
    headers: [['Content-Type', HTML], ...extra, ['Content-Length', String(bytes.length)]],
    body: bytes,
  };
}

// werkzeug.utils.redirect: the page, then Location set after Content-Type and Content-Length
function redirectResponse(url: string): BuiltResponse {
  const shown = escapeHtml(url);
  const body =
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${shown}">${shown}</a>. If not, click the link.\n`;
  const built = htmlResponse(308, body, []);
  return { ...built, headers: [...built.headers, ['Location', url]] };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// Flask.make_response: Response(body, status, headers) — tuple headers first, then the
// Content-Type the body's kind gives, then Content-Length (Response.set_data)
function makeResponse(result: ViewResult): BuiltResponse {
  const body = result.body;
  let bytes: Uint8Array;
  let contentType = HTML;
  if (body.kind === 'json') {
    bytes = utf8Bytes(`${pyJsonDumps(body.value)}\n`);
    contentType = 'application/json';
  } else if (body.kind === 'bytes') bytes = body.bytes;
  else if (body.kind === 'text') bytes = utf8Bytes(body.text);
  else bytes = new Uint8Array(0);
  const headers: [string, string][] = (result.headers ?? []).map(([name, value]) => [name, value]);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', contentType]);
  headers.push(['Content-Length', String(bytes.length)]);
  const status =
    result.status === undefined
      ? statusLine(200)
      : typeof result.status === 'number'
        ? statusLine(result.status)
        : result.status;
  return { status, headers, body: bytes };
}

// logging's asctime: `2026-11-26 07:12:05,338` in local time
function asctime(ms: number, utcOffsetMinutes: number): string {
  const date = new Date(ms + utcOffsetMinutes * 60_000);
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())},${String(date.getUTCMilliseconds()).padStart(3, '0')}`
  );
}
