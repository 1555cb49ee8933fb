// A client's side of one HTTP request over the socket table — what curl (or the browser) does:
// connect to HOST:PORT (or a unix socket, `curl --unix-socket`), send the request's bytes, read
// the answer until the server closes. It opens the request's journey with the `client-request`
// hop; every server on the way (nginx, uWSGI, the app) records its own hops in the same recorder.

import { ROOT_CREDENTIALS, type Credentials } from '../fs.ts';
import { traceBytes, type HopRecorder } from '../trace/journey.ts';
import type { NetError } from './net-error.ts';
import { formatAddress, type SocketAddress } from './socket-address.ts';
import type { SocketTable, StreamEnd } from './socket-table.ts';

export type ClientOutcome =
  /** connect() failed: curl's `(7) Failed to connect … Couldn't connect to server`. */
  | { readonly kind: 'connect-failed'; readonly error: NetError }
  /** The server answered (possibly nothing: curl's `(52) Empty reply from server`). */
  | {
      readonly kind: 'response';
      readonly bytes: Uint8Array;
      readonly end: StreamEnd;
      /** The client's own address (its ephemeral port, for TCP). */
      readonly local: SocketAddress;
    };

/**
 * Sends `request` (raw HTTP bytes) to `target` as `who` (root, the course's reader) and returns
 * what came back.
 */
export function sendClientRequest(
  net: SocketTable,
  target: SocketAddress,
  request: Uint8Array,
  recorder?: HopRecorder,
  who: Credentials = ROOT_CREDENTIALS,
): ClientOutcome {
  const [method = '', requestTarget = ''] = requestLine(request).split(' ');
  recorder?.record({
    kind: 'client-request',
    actor: 'client',
    bytes: traceBytes(request),
    method,
    target: requestTarget,
  });
  const name = formatAddress(target);
  const connected = net.connect(target, who);
  if (!connected.ok) {
    recorder?.record({
      kind: 'connect',
      actor: 'client',
      target: name,
      ok: false,
      error: connected.error.parenthesized,
    });
    recorder?.record({
      kind: 'failure',
      actor: 'client',
      code: `connect-${connected.error.code.toLowerCase()}`,
      message: `connect() to ${name} failed ${connected.error.parenthesized}`,
      log: [],
    });
    return { kind: 'connect-failed', error: connected.error };
  }
  recorder?.record({ kind: 'connect', actor: 'client', target: name, ok: true });
  const reply = connected.connection.exchange(request, recorder);
  return {
    kind: 'response',
    bytes: reply.bytes,
    end: reply.end,
    local: connected.connection.local,
  };
}

// The first line of the request, as ASCII (a request line is ASCII; other bytes show as U+FFFD).
function requestLine(request: Uint8Array): string {
  let end = request.indexOf(0x0a);
  if (end < 0) end = request.length;
  if (end > 0 && request[end - 1] === 0x0d) end--;
  return new TextDecoder().decode(request.subarray(0, end));
}
