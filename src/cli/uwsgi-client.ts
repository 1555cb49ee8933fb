// One uwsgi request over a real socket (unix path or HOST:PORT), as nginx makes it: connect, write
// the packet, read until uWSGI closes. Says how the connection ended, because "no answer" has three
// faces: a broken pipe (uWSGI closed before it took the whole packet), a reset (it took the packet,
// then closed with bytes unread, as for a datasize over its buffer-size), and a plain end of stream.

import { connect, type Socket } from 'node:net';

export type SocketAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/**
 * How the connection ended after it was established:
 * - `eof`: uWSGI closed it after the whole packet was written;
 * - `reset`: ECONNRESET after the whole packet was written;
 * - `broken-pipe`: it ended (EPIPE, ECONNRESET or end of stream) before the packet was all written;
 * - `timeout`: no end within the time allowed; `error`: any other errno.
 */
export type ConnectionEnd = 'eof' | 'reset' | 'broken-pipe' | 'timeout' | 'error';

export type ExchangeResult =
  | { readonly connected: false; readonly error: NodeJS.ErrnoException }
  | {
      readonly connected: true;
      readonly response: Uint8Array;
      readonly end: ConnectionEnd;
      /** The errno code, when an error ended the connection. */
      readonly code?: string;
    };

/** `/tmp/uwsgi.sock`, `unix:/tmp/uwsgi.sock`, `127.0.0.1:3031`, `[::1]:3031`; undefined otherwise. */
export function parseSocketAddress(text: string): SocketAddress | undefined {
  if (text.startsWith('unix:'))
    return text.length > 5 ? { kind: 'unix', path: text.slice(5) } : undefined;
  const tcp = /^(\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5})$/.exec(text);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65535) return undefined;
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  return text.includes('/') || !text.includes(':') ? { kind: 'unix', path: text } : undefined;
}

export function exchange(
  address: SocketAddress,
  packet: Uint8Array,
  timeoutMs: number,
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const socket: Socket =
      address.kind === 'unix'
        ? connect({ path: address.path })
        : connect({ host: address.host, port: address.port });
    const chunks: Buffer[] = [];
    let connected = false;
    // undefined while the packet is being written; then whether the kernel took all of it
    let written: boolean | undefined;
    let peerEnded = false;
    let settled = false;
    const finish = (result: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    const ended = (end: ConnectionEnd, code?: string): void =>
      finish({
        connected: true,
        response: new Uint8Array(Buffer.concat(chunks)),
        end,
        ...(code === undefined ? {} : { code }),
      });
    socket.setTimeout(timeoutMs, () => ended('timeout'));
    socket.on('connect', () => {
      connected = true;
      socket.write(packet, (error?: Error | null) => {
        written = error === undefined || error === null;
        // uWSGI had already closed its side: now we know whether it took the packet
        if (peerEnded) ended(written ? 'eof' : 'broken-pipe', errnoCode(error));
      });
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      peerEnded = true;
      if (written !== undefined) ended(written ? 'eof' : 'broken-pipe');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) finish({ connected: false, error });
      else if (written !== true && (error.code === 'EPIPE' || error.code === 'ECONNRESET'))
        ended('broken-pipe', error.code);
      else if (error.code === 'ECONNRESET') ended('reset', error.code);
      else ended('error', error.code ?? error.message);
    });
  });
}

function errnoCode(error: Error | null | undefined): string | undefined {
  return error !== null && error !== undefined && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
