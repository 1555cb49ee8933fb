// Calling a WSGI app the way uWSGI's python plugin does, and the HTTP response uWSGI writes from
// what it got: `PROTOCOL STATUS\r\n`, the headers in the app's order, a blank line, the body
// chunks — no Date, no Server, no Content-Length of its own (nginx adds what it adds). PROTOCOL is
// the request's SERVER_PROTOCOL var, or HTTP/1.0 without one (proto/base.c,
// uwsgi_proto_base_prepare_headers).

import { concatBytes, latin1Bytes } from '../../protocol/index.ts';
import type { ResponseHeaders, WsgiApp } from '../apps/wsgi-app.ts';
import type { Environ } from './environ.ts';
import { PythonException } from './python-exception.ts';

/** What happened inside the app for one request. */
export interface WsgiCall {
  /** The status str start_response got (undefined when it was never called). */
  readonly status: string | undefined;
  readonly headers: ResponseHeaders;
  /** The body as the app produced it: write() calls first, then each item of the iterable. */
  readonly chunks: readonly Uint8Array[];
  /** An exception that escaped the callable or its iterable. */
  readonly error: PythonException | undefined;
}

export function callWsgiApp(app: WsgiApp, environ: Environ): WsgiCall {
  let status: string | undefined;
  let headers: ResponseHeaders = [];
  const chunks: Uint8Array[] = [];
  try {
    const iterable = app.call(environ, (newStatus, newHeaders) => {
      status = newStatus;
      headers = newHeaders;
      return (data) => void chunks.push(data);
    });
    for (const chunk of iterable) chunks.push(chunk);
  } catch (error) {
    if (error instanceof PythonException) return { status, headers, chunks, error };
    throw error;
  }
  return { status, headers, chunks, error: undefined };
}

/** The bytes uWSGI writes for a response, and the numbers its request log reports. */
export interface UwsgiHttpResponse {
  /** Status line, headers and the blank line. */
  readonly head: Uint8Array;
  readonly body: Uint8Array;
  readonly bytes: Uint8Array;
  /** The status code (the first three characters of the status str). */
  readonly status: number;
  /** Header lines written (the status line not counted). */
  readonly headerCount: number;
  /** Body chunks written: uWSGI counts one switch per chunk the iterable yields. */
  readonly chunkCount: number;
}

/** The response for a status str, headers and body chunks, on a request whose protocol is `protocol`. */
export function uwsgiHttpResponse(
  protocol: string,
  status: string,
  headers: ResponseHeaders,
  chunks: readonly Uint8Array[],
): UwsgiHttpResponse {
  let text = `${protocol === '' ? 'HTTP/1.0' : protocol} ${status}\r\n`;
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  text += '\r\n';
  const head = latin1Bytes(text);
  const body = concatBytes(chunks);
  return {
    head,
    body,
    bytes: concatBytes([head, body]),
    status: Number.parseInt(status.slice(0, 3), 10) || 0,
    headerCount: headers.length,
    chunkCount: chunks.filter((chunk) => chunk.length > 0).length,
  };
}

/**
 * uWSGI's own answer when no app could take the request (core/utils.c uwsgi_500 after
 * `--- no python application found ---`): status line, Connection: close, Content-Type:
 * text/plain, and the text, with no Content-Length.
 */
export function noAppResponse(protocol: string): UwsgiHttpResponse {
  return uwsgiHttpResponse(
    protocol,
    '500 Internal Server Error',
    [
      ['Connection', 'close'],
      ['Content-Type', 'text/plain'],
    ],
    [latin1Bytes('Internal Server Error')],
  );
}
