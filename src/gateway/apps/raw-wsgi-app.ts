// A PEP 3333 application with no framework, as a lesson writes it:
//
//   def application(environ, start_response):
//       body = b"Hello World!"
//       start_response("200 OK", [("Content-Type", "text/plain"),
//                                 ("Content-Length", str(len(body)))])
//       return [body]
//
// uWSGI's default callable name is `application`, so `--wsgi-file app.py` needs no --callable.

import { utf8Bytes } from '../../protocol/index.ts';
import type { WsgiApp } from './wsgi-app.ts';

export interface RawWsgiOptions {
  readonly status?: string;
  readonly contentType?: string;
  readonly body?: string;
  /** Send Content-Length (the lesson's version does; without it nginx re-chunks the answer). */
  readonly contentLength?: boolean;
}

export function rawWsgiApp(options: RawWsgiOptions = {}): WsgiApp {
  const body = utf8Bytes(options.body ?? 'Hello World!');
  const status = options.status ?? '200 OK';
  const headers: [string, string][] = [['Content-Type', options.contentType ?? 'text/plain']];
  if (options.contentLength ?? true) headers.push(['Content-Length', String(body.length)]);
  return {
    kind: 'wsgi',
    description: `raw WSGI application(environ, start_response) answering ${status}`,
    call(_environ, startResponse) {
      startResponse(status, headers);
      return [body];
    },
  };
}
