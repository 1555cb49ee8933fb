// The texts of the apps the simulator models in TypeScript, so an app.py that is one of them
// (byte for byte, line endings aside) runs as its model: the capture tool's app
// (tests/interop/support/capture-app.py, a copy of ../shared/tools/capture-vectors' app.py) and the
// environ dumper (tests/fixtures/uwsgi/environ-dumper.py). A test keeps these copies equal to those files.

import type { FlaskAppOptions } from './flask-app.ts';
import { captureApp } from './capture-app.ts';
import { environDumperApp } from './environ-dumper-app.ts';
import type { WsgiApp } from './wsgi-app.ts';

export const CAPTURE_APP_SOURCE =
  '# The Flask app capture-vectors serves through uWSGI. Each route echoes what\n# the app received, so the captured responses show how the bytes arrived.\nfrom flask import Flask, jsonify, request\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef hello_world():\n    return "Hello World!"\n\n\n@app.route("/hello")\ndef hello():\n    args = ", ".join(f"{k}={v}" for k, v in request.args.items(multi=True))\n    return f"hello; args: {args}\\n"\n\n\n@app.route("/submit", methods=["POST"])\ndef submit():\n    fields = ", ".join(f"{k}={v}" for k, v in request.form.items(multi=True))\n    return f"form: {fields}\\n"\n\n\n@app.route("/api", methods=["POST"])\ndef api():\n    return jsonify(received=request.get_json(silent=True))\n\n\ndef shown(value):\n    # ascii() shows each code point of the WSGI str (header bytes arrive as latin-1)\n    if len(value) > 64:\n        return f"{ascii(value[:24])}... ({len(value)} chars)"\n    return ascii(value)\n\n\n@app.route("/<path:anything>", methods=["GET", "POST"])\ndef catch_all(anything):\n    env = request.environ\n    lines = [f"PATH_INFO: {shown(env[\'PATH_INFO\'])}", f"request.path: {shown(request.path)}"]\n    for key in sorted(env):\n        if key == "HTTP_COOKIE" or key.startswith("HTTP_X"):\n            lines.append(f"{key}: {shown(env[key])}")\n    return "\\n".join(lines) + "\\n"\n';

export const ENVIRON_DUMPER_SOURCE =
  '# An environ-dumping Flask app for the uWSGI model\'s tests: for any path and method it writes what\n# the WSGI environ holds \u2014 as real uWSGI 2.0.21 + Flask 2.2.2 built it \u2014 to the file named by the\n# UWSGI_LAB_DUMP environment variable, else environ-dump.txt beside this file (a HEAD response has\n# no body), and answers with the same text.\n# One line per key, sorted: strings as ascii() shows them (each code point; header bytes arrive as\n# latin-1), bytes/bool/int/tuple/None as repr(), other objects as <module.type>; then what\n# wsgi.input.read() returned. src/gateway/apps/environ-dumper.ts models it.\nimport os\n\nfrom flask import Flask, request\n\napp = Flask(__name__)\nMETHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]\n\n\ndef shown(value):\n    if isinstance(value, str):\n        return ascii(value)\n    if value is None or isinstance(value, (bool, int, float, bytes, tuple)):\n        return repr(value)\n    kind = type(value)\n    return f"<{kind.__module__}.{kind.__qualname__}>"\n\n\n@app.route("/", defaults={"path": ""}, methods=METHODS)\n@app.route("/<path:path>", methods=METHODS)\ndef dump(path):\n    env = request.environ\n    body = env["wsgi.input"].read()\n    lines = [f"{key}: {shown(env[key])}" for key in sorted(env)]\n    lines.append(f"wsgi.input.read(): {body!r}")\n    text = "\\n".join(lines) + "\\n"\n    target = os.environ.get("UWSGI_LAB_DUMP") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "environ-dump.txt")\n    with open(target, "w", encoding="ascii") as out:\n        out.write(text)\n    return text\n';

export interface KnownApp {
  readonly name: string;
  readonly source: string;
  /** The callable's name in the file. */
  readonly callable: string;
  readonly make: (options: Partial<FlaskAppOptions>) => WsgiApp;
}

export const KNOWN_APPS: readonly KnownApp[] = [
  {
    name: 'capture-app',
    source: CAPTURE_APP_SOURCE,
    callable: 'app',
    make: (options) => captureApp(options),
  },
  {
    name: 'environ-dumper',
    source: ENVIRON_DUMPER_SOURCE,
    callable: 'app',
    make: (options) => environDumperApp(options),
  },
];

function normalize(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n+$/, '\n');
}

/** The modelled app whose source this is, if any. */
export function knownApp(source: string): KnownApp | undefined {
  const wanted = normalize(source);
  return KNOWN_APPS.find((app) => normalize(app.source) === wanted);
}
