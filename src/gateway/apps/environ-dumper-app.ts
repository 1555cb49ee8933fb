// The environ-dumping Flask app of tests/fixtures/uwsgi/environ-dumper.py: for any path and
// method, one line per environ key (sorted, as environLines shows them), then what
// wsgi.input.read() returned. Flask adds `werkzeug.request` to the environ while it handles a
// request, so the listing has it too.

import { environLines, PyObjectRef, WsgiInput } from '../wsgi/environ.ts';
import { pyReprBytes } from '../wsgi/python-repr.ts';
import { FlaskApp, text, type FlaskAppOptions, type FlaskView } from './flask-app.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const dump: FlaskView = (request) => {
  const environ = request.environ;
  environ.set('werkzeug.request', new PyObjectRef('flask.wrappers', 'Request'));
  const input = environ.get('wsgi.input');
  const body = input instanceof WsgiInput ? input.read() : new Uint8Array(0);
  const lines = [...environLines(environ), `wsgi.input.read(): ${pyReprBytes(body)}`];
  return text(`${lines.join('\n')}\n`);
};

export function environDumperApp(options: Partial<FlaskAppOptions> = {}): FlaskApp {
  return new FlaskApp({
    description: 'environ dumper: every request answered with the WSGI environ it arrived with',
    file: options.file ?? '/home/ubuntu/helloWorld/app.py',
    ...(options.now === undefined ? {} : { now: options.now }),
    routes: [
      { rule: '/', endpoint: 'dump', methods: METHODS, defaults: { path: '' }, view: dump },
      { rule: '/<path:path>', endpoint: 'dump', methods: METHODS, view: dump },
    ],
  });
}
