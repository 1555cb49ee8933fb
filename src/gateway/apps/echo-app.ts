// A raw PEP 3333 application that answers with the request body exactly as it read it from
// wsgi.input, under the request's own Content-Type — to see what arrives through nginx and uWSGI
// (`uwsgi-lab serve --app echo`):
//
//   def application(environ, start_response):
//       body = environ["wsgi.input"].read()
//       content_type = environ.get("CONTENT_TYPE") or "application/octet-stream"
//       start_response("200 OK", [("Content-Type", content_type),
//                                 ("Content-Length", str(len(body)))])
//       return [body]

import { environStr, WsgiInput } from '../wsgi/environ.ts';
import type { WsgiApp } from './wsgi-app.ts';

export function echoApp(): WsgiApp {
  return {
    kind: 'wsgi',
    description: 'raw WSGI application(environ, start_response) echoing the request body',
    call(environ, startResponse) {
      const input = environ.get('wsgi.input');
      const body = input instanceof WsgiInput ? input.read() : new Uint8Array(0);
      const contentType = environStr(environ, 'CONTENT_TYPE') || 'application/octet-stream';
      startResponse('200 OK', [
        ['Content-Type', contentType],
        ['Content-Length', String(body.length)],
      ]);
      return [body];
    },
  };
}
