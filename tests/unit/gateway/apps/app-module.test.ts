// Reading app.py: the recognized forms run as Python would run them; Python's syntax and import
// errors come out as CPython 3.11 prints them (tests/fixtures/uwsgi/python-errors, written by the
// real python3 — the interop suite re-runs it); anything outside the subset is said to be so.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findCallable,
  loadModule,
  type ModuleLoad,
} from '../../../../src/gateway/apps/app-module.ts';
import {
  CAPTURE_APP_SOURCE,
  ENVIRON_DUMPER_SOURCE,
  knownApp,
} from '../../../../src/gateway/apps/known-apps.ts';
import { latin1Text, utf8Bytes } from '../../../../src/protocol/index.ts';
import { testClientCall } from './test-client.ts';

const ERRORS = fileURLToPath(new URL('../../../fixtures/uwsgi/python-errors/', import.meta.url));
const FILE = '/home/ubuntu/helloWorld/app.py';
const env = {
  canImport: (module: string) => ['flask', 'os', 'json'].includes(module),
  now: () => Date.UTC(2026, 10, 26, 7, 12, 5, 338),
};

function load(text: string): ModuleLoad {
  return loadModule({ text, file: FILE, name: 'app' }, env);
}

describe('Python errors in the forms the lessons write, as CPython 3.11 reports them', () => {
  const names = readdirSync(ERRORS)
    .filter((file) => file.endsWith('.py'))
    .map((file) => file.slice(0, -3))
    .sort();
  it('has the captured cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });
  for (const name of names) {
    it(name, () => {
      const source = readFileSync(`${ERRORS}${name}.py`, 'utf8');
      const expected = readFileSync(`${ERRORS}${name}.txt`, 'utf8').replace(/\n$/, '').split('\n');
      const result = load(source);
      expect(result.kind).toBe('exception');
      if (result.kind === 'exception') expect(result.error.lines()).toEqual(expected);
    });
  }
});

function app(text: string, callable = 'app') {
  const loaded = load(text);
  if (loaded.kind !== 'loaded') throw new Error(`not loaded: ${JSON.stringify(loaded)}`);
  const found = findCallable(loaded, callable, { now: env.now });
  if (found.kind !== 'app') throw new Error(`no app: ${JSON.stringify(found)}`);
  return found.app;
}

function get(
  text: string,
  target: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    callable?: string;
  } = {},
) {
  const errors: string[] = [];
  const call = testClientCall(
    app(text, options.callable),
    options.method ?? 'GET',
    target,
    options.headers ?? {},
    utf8Bytes(options.body ?? ''),
    errors,
  );
  return {
    status: call.status,
    headers: call.headers,
    body: latin1Text(Buffer.concat(call.chunks.map((c) => Buffer.from(c)))),
    errors,
  };
}

describe('the recognized forms run', () => {
  const tutorial =
    'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    return "Hello World!"\n\nif __name__ == "__main__":\n    app.run()\n';

  it("the tutorial's app.py", () => {
    expect(get(tutorial, '/')).toMatchObject({ status: '200 OK', body: 'Hello World!' });
    expect(get(tutorial, '/x').status).toBe('404 NOT FOUND');
  });

  it('routes with methods, variables, f-strings, request data, tuples, dicts and jsonify', () => {
    const source = `"""A lesson's app."""
import os
from flask import Flask, request, jsonify

application = Flask(__name__)
GREETING = 'Hello'

@application.route('/', methods=['GET'])
def index():
    return 'Hello World!'

@application.route("/hi/<name>")
def hi(name):
    return f"{GREETING}, {name}!"

@application.get("/n/<int:n>")
def number(n):
    return {"n": n, "double": n * 2}

@application.route("/search")
def search():
    q = request.args.get("q", "nothing")
    return "searched: " + q

@application.post("/echo")
def echo():
    data = request.get_json()
    return jsonify(received=data, method=request.method)

@application.route("/form", methods=["POST"])
def form():
    return f"name={request.form.get('name')}", 201

@application.route("/teapot")
def teapot():
    return "short and stout", 418, {"X-Tea": "yes"}

@application.route("/need")
def need():
    return request.args["x"]
`;
    expect(get(source, '/', { callable: 'application' }).body).toBe('Hello World!');
    expect(get(source, '/hi/ada', { callable: 'application' }).body).toBe('Hello, ada!');
    expect(get(source, '/n/21', { callable: 'application' }).body).toBe('{"double":42,"n":21}\n');
    expect(get(source, '/search?q=uwsgi', { callable: 'application' }).body).toBe(
      'searched: uwsgi',
    );
    expect(get(source, '/search', { callable: 'application' }).body).toBe('searched: nothing');
    expect(
      get(source, '/echo', {
        callable: 'application',
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a": [1, 2.5]}',
      }).body,
    ).toBe('{"method":"POST","received":{"a":[1,2.5]}}\n');
    const notJson = get(source, '/echo', {
      callable: 'application',
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(notJson.status).toBe('400 BAD REQUEST');
    expect(notJson.body).toContain(
      'Did not attempt to load JSON data because the request Content-Type was not &#39;application/json&#39;.',
    );
    expect(
      get(source, '/form', {
        callable: 'application',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'name=Ada',
      }),
    ).toMatchObject({ status: '201 CREATED', body: 'name=Ada' });
    const teapot = get(source, '/teapot', { callable: 'application' });
    expect(teapot.status).toBe("418 I'M A TEAPOT");
    expect(teapot.headers).toEqual([
      ['X-Tea', 'yes'],
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', '15'],
    ]);
    expect(get(source, '/need', { callable: 'application' }).status).toBe('400 BAD REQUEST');
  });

  it('a NameError in a view: Flask logs it and answers 500', () => {
    const source = tutorial.replace('return "Hello World!"', 'return f"Hello {nam}"');
    const answer = get(source, '/');
    expect(answer.status).toBe('500 INTERNAL SERVER ERROR');
    const log = answer.errors.join('').split('\n');
    expect(log[0]).toBe('[2026-11-26 07:12:05,338] ERROR in app: Exception on / [GET]');
    expect(log).toContain('  File "/home/ubuntu/helloWorld/app.py", line 6, in hello');
    expect(log).toContain("NameError: name 'nam' is not defined");
  });

  it('a raw WSGI application', () => {
    const source =
      'def application(environ, start_response):\n    body = b"Hello World!"\n    status = "200 OK"\n    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])\n    return [body]\n';
    expect(get(source, '/', { callable: 'application' })).toMatchObject({
      status: '200 OK',
      headers: [
        ['Content-Type', 'text/plain'],
        ['Content-Length', '12'],
      ],
      body: 'Hello World!',
    });
    const echo =
      'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [environ["PATH_INFO"].encode()]\n';
    expect(get(echo, '/a/b', { callable: 'application' }).body).toBe('/a/b');
  });

  it('the callable name must match: a missing one is reported as missing', () => {
    const loaded = load(tutorial);
    expect(loaded.kind === 'loaded' ? findCallable(loaded, 'application').kind : '').toBe(
      'missing',
    );
  });

  it('Flask not importable (a plain virtualenv): ModuleNotFoundError with the import line', () => {
    const result = loadModule(
      { text: tutorial, file: 'app.py', name: 'uwsgi_file_app' },
      { canImport: () => false },
    );
    expect(result.kind === 'exception' ? result.error.lines() : []).toEqual([
      'Traceback (most recent call last):',
      '  File "app.py", line 1, in <module>',
      '    from flask import Flask',
      "ModuleNotFoundError: No module named 'flask'",
    ]);
  });
});

describe('outside the subset: said honestly, with the line', () => {
  for (const [what, source, line] of [
    ['a class', 'from flask import Flask\napp = Flask(__name__)\nclass X:\n    pass\n', 3],
    ['render_template', 'from flask import Flask, render_template\napp = Flask(__name__)\n', 1],
    [
      'a loop in a view',
      'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef x():\n    for i in []:\n        pass\n    return "x"\n',
      5,
    ],
    [
      'app.run() at the top level',
      'from flask import Flask\napp = Flask(__name__)\napp.run()\n',
      3,
    ],
  ] as const) {
    it(what, () => {
      const result = load(source);
      expect(result.kind).toBe('unsupported');
      if (result.kind === 'unsupported') expect(result.line).toBe(line);
    });
  }
});

describe('known apps', () => {
  it('keeps its copies equal to the files the real programs run', () => {
    expect(CAPTURE_APP_SOURCE).toBe(
      readFileSync(
        fileURLToPath(new URL('../../../interop/support/capture-app.py', import.meta.url)),
        'utf8',
      ),
    );
    expect(ENVIRON_DUMPER_SOURCE).toBe(
      readFileSync(
        fileURLToPath(new URL('../../../fixtures/uwsgi/environ-dumper.py', import.meta.url)),
        'utf8',
      ),
    );
    expect(knownApp(CAPTURE_APP_SOURCE.replace(/\n/g, '\r\n'))?.name).toBe('capture-app');
  });
});
