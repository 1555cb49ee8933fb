// The Flask app ../shared/tools/capture-vectors serves (its app.py, copied in
// tests/interop/support/capture-app.py): `/` says Hello World!, `/hello` echoes the query args,
// `/submit` (POST) the form, `/api` (POST) the JSON body, and a catch-all echoes PATH_INFO and the
// HTTP_COOKIE / HTTP_X* environ values as ascii() shows them. Every response vector in
// tests/fixtures/vectors was written by the real one; this model writes the same bytes.

import { environStr } from '../wsgi/environ.ts';
import { pyAscii } from '../wsgi/python-repr.ts';
import { compareCodePoints } from '../wsgi/environ.ts';
import { FlaskApp, json, text, type FlaskAppOptions } from './flask-app.ts';

// def shown(value): ascii() of the str, cut to 24 characters with the length when over 64
function shown(value: string): string {
  const chars = [...value];
  if (chars.length > 64)
    return `${pyAscii(chars.slice(0, 24).join(''))}... (${chars.length} chars)`;
  return pyAscii(value);
}

export function captureApp(options: Partial<FlaskAppOptions> = {}): FlaskApp {
  return new FlaskApp({
    description: "the capture tool's Flask app (routes /, /hello, /submit, /api and a catch-all)",
    file: options.file ?? '/home/ubuntu/helloWorld/app.py',
    ...(options.now === undefined ? {} : { now: options.now }),
    routes: [
      { rule: '/', endpoint: 'hello_world', line: 9, view: () => text('Hello World!') },
      {
        rule: '/hello',
        endpoint: 'hello',
        line: 14,
        view: (request) =>
          text(
            `hello; args: ${request.args
              .items()
              .map(([key, value]) => `${key}=${value}`)
              .join(', ')}\n`,
          ),
      },
      {
        rule: '/submit',
        methods: ['POST'],
        endpoint: 'submit',
        line: 20,
        view: (request) =>
          text(
            `form: ${request.form
              .items()
              .map(([key, value]) => `${key}=${value}`)
              .join(', ')}\n`,
          ),
      },
      {
        rule: '/api',
        methods: ['POST'],
        endpoint: 'api',
        line: 26,
        view: (request) => json(new Map([['received', request.getJsonSilent()]])),
      },
      {
        rule: '/<path:anything>',
        methods: ['GET', 'POST'],
        endpoint: 'catch_all',
        line: 38,
        view: (request) => {
          const environ = request.environ;
          const lines = [
            `PATH_INFO: ${shown(environStr(environ, 'PATH_INFO') ?? '')}`,
            `request.path: ${shown(request.path)}`,
          ];
          for (const key of [...environ.keys()].sort(compareCodePoints)) {
            const value = environ.get(key);
            if ((key === 'HTTP_COOKIE' || key.startsWith('HTTP_X')) && typeof value === 'string')
              lines.push(`${key}: ${shown(value)}`);
          }
          return text(`${lines.join('\n')}\n`);
        },
      },
    ],
  });
}
