// The request a journey starts from, as curl 7.88.1 sends it (http-client.ts builds the bytes in
// curl's header order), and running it on a machine: through the socket table to nginx, over
// uwsgi_pass to uWSGI and its app, and back — the real gateway, recorded as one journey in the
// machine's journey log. No DOM: the build renders the page's first journey with it, the browser
// re-runs it on a clone for the presets, and the unit tests drive it in Node.

import type { Journey } from '../../gateway/trace/index.ts';
import type { Machine } from '../../shell/machine/machine.ts';
import { curlRequest, exchange, parseUrl, resolveHost } from '../../shell/programs/http-client.ts';

export interface JourneyRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** -H headers, `Name: value`, in order. */
  readonly headers: readonly string[];
  /** A -d body (sent with Content-Length). */
  readonly body?: string;
  /** Send the body chunked, as curl does with `-H 'Transfer-Encoding: chunked'`. */
  readonly chunked?: boolean;
}

/** The page's request: `curl http://localhost:8080/`, the tutorial's own check. */
export const PAGE_REQUEST: JourneyRequest = {
  method: 'GET',
  url: 'http://localhost:8080/',
  headers: [],
};

export class JourneyRequestError extends Error {
  override readonly name = 'JourneyRequestError';
}

/** The request as a curl command line, for people (the journey log's origin). */
export function curlLine(request: JourneyRequest): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl'];
  for (const header of request.headers) parts.push('-H', quote(shorten(header)));
  if (request.chunked === true) parts.push('-H', quote('Transfer-Encoding: chunked'));
  if (request.body !== undefined) parts.push('-d', quote(request.body));
  parts.push(quote(request.url));
  return parts.join(' ');
}

// a 5000-byte cookie is not a command line anyone reads: cut, and the cut marked
function shorten(header: string): string {
  return header.length > 60 ? `${header.slice(0, 40)}…` : header;
}

/** The bytes curl 7.88.1 sends for the request (captured forms: post-form, post-chunked). */
export function requestBytes(request: JourneyRequest): Uint8Array {
  const url = parseUrl(request.url);
  if ('kind' in url) throw new JourneyRequestError(`not a URL curl can fetch: ${request.url}`);
  // curl chunks the body itself when told `Transfer-Encoding: chunked`
  const headers =
    request.chunked === true && request.body !== undefined
      ? [...request.headers, 'Transfer-Encoding: chunked']
      : request.headers;
  return curlRequest(url, { method: request.method, headers, body: request.body }).bytes;
}

/** Sends the request on the machine as curl would and returns the journey it made. */
export function runJourney(machine: Machine, request: JourneyRequest): Journey {
  const url = parseUrl(request.url);
  if ('kind' in url) throw new JourneyRequestError(`not a URL curl can fetch: ${request.url}`);
  const host = resolveHost(machine, url.host)[0];
  if (host === undefined) throw new JourneyRequestError(`Could not resolve host: ${url.host}`);
  const sent = exchange(machine, { kind: 'inet', host, port: url.port }, requestBytes(request), {
    kind: 'command',
    line: curlLine(request),
  });
  const entry = machine.journeys.list().find((candidate) => candidate.journey.id === sent.journey);
  if (entry === undefined) throw new JourneyRequestError('the journey was not recorded');
  return entry.journey;
}
