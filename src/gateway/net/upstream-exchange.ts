// One upstream exchange as nginx's uwsgi module meets it (ngx_http_upstream.c): connect(), send the
// packet, read the answer — and what each way it can go wrong looks like in nginx's error log,
// with the level nginx logs it at (real-output.md §5: ENOENT and EACCES at [crit], ECONNREFUSED
// and what happens after connecting at [error]). The nginx model calls this for `uwsgi_pass` and
// adds the rest of its log line (client, server, request, upstream, host) itself.

import type { Credentials } from '../fs.ts';
import { traceBytes, type HopRecorder } from '../trace/journey.ts';
import type { NetError } from './net-error.ts';
import { formatAddress, type SocketAddress } from './socket-address.ts';
import type { SocketTable } from './socket-table.ts';

export type UpstreamOutcome =
  /** connect() failed: nginx answers 502. */
  | {
      readonly kind: 'connect-failed';
      readonly error: NetError;
      readonly level: 'crit' | 'error';
      readonly message: string;
    }
  /** The upstream reset the connection before any byte of an answer: 502. */
  | { readonly kind: 'reset'; readonly level: 'error'; readonly message: string }
  /** The upstream closed without answering: 502. */
  | { readonly kind: 'closed'; readonly level: 'error'; readonly message: string }
  /** Bytes came back (nginx reads them as an HTTP response). */
  | { readonly kind: 'answer'; readonly bytes: Uint8Array; readonly end: 'close' | 'reset' };

/**
 * Connects to `target` as `who` (nginx's worker: www-data), sends `request` and reads the answer.
 * Records the `connect` hop, the packet (when `packet` describes it) and, on failure, where it stopped.
 */
export function exchangeWithUpstream(
  net: SocketTable,
  target: SocketAddress,
  who: Credentials,
  request: Uint8Array,
  recorder?: HopRecorder,
  packet?: { readonly datasize: number; readonly modifier1: number; readonly modifier2: number },
): UpstreamOutcome {
  const name = formatAddress(target);
  const connected = net.connect(target, who);
  if (!connected.ok) {
    const error = connected.error;
    const message = `connect() to ${name} failed ${error.parenthesized} while connecting to upstream`;
    recorder?.record({
      kind: 'connect',
      actor: 'nginx',
      target: name,
      ok: false,
      error: error.parenthesized,
    });
    recorder?.record({
      kind: 'failure',
      actor: 'nginx',
      code: `connect-${error.code.toLowerCase()}`,
      message,
      log: [],
    });
    // ngx_http_upstream_connect: ECONNREFUSED is an [error]; other connect errors [crit]
    return {
      kind: 'connect-failed',
      error,
      level: error.code === 'ECONNREFUSED' ? 'error' : 'crit',
      message,
    };
  }
  recorder?.record({ kind: 'connect', actor: 'nginx', target: name, ok: true });
  if (packet !== undefined)
    recorder?.record({
      kind: 'uwsgi-packet',
      actor: 'nginx',
      bytes: traceBytes(request),
      ...packet,
    });
  const reply = connected.connection.exchange(request, recorder);
  if (reply.bytes.length > 0) return { kind: 'answer', bytes: reply.bytes, end: reply.end };
  if (reply.end === 'reset') {
    const message =
      'recv() failed (104: Connection reset by peer) while reading response header from upstream';
    recorder?.record({ kind: 'failure', actor: 'nginx', code: 'upstream-reset', message, log: [] });
    return { kind: 'reset', level: 'error', message };
  }
  const message =
    'upstream prematurely closed connection while reading response header from upstream';
  recorder?.record({ kind: 'failure', actor: 'nginx', code: 'upstream-closed', message, log: [] });
  return { kind: 'closed', level: 'error', message };
}
