// The one interface every modelled Python application implements: PEP 3333's
// `application(environ, start_response)` returning an iterable of bytes. Flask apps, raw WSGI
// callables and the capture tool's app all sit behind it, so uWSGI's runtime calls them the same way.

import type { Environ } from '../wsgi/environ.ts';
import type { PythonException } from '../wsgi/python-exception.ts';

/** Response headers as start_response receives them: (name, value) str pairs, in order. */
export type ResponseHeaders = readonly (readonly [name: string, value: string])[];

/** PEP 3333's `write(data)` callable start_response returns. */
export type WriteBody = (data: Uint8Array) => void;

/** PEP 3333's `start_response(status, response_headers, exc_info=None)`. */
export type StartResponse = (
  status: string,
  headers: ResponseHeaders,
  excInfo?: PythonException,
) => WriteBody;

export interface WsgiApp {
  /** What kind of app this is, for traces and messages: `flask`, `wsgi`. */
  readonly kind: 'flask' | 'wsgi';
  /** A short description for people (the module and what it does). */
  readonly description: string;
  /**
   * Called once per request. May throw a PythonException (an exception escaping the callable);
   * Flask apps catch their own and answer 500 instead.
   */
  call(environ: Environ, startResponse: StartResponse): Iterable<Uint8Array>;
}
