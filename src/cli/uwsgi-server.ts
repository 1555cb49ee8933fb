// A real uwsgi-protocol server (node:net, a unix socket or TCP) answering with the simulated uWSGI
// runtime: each connection is read the way uWSGI 2.0.21 reads it — the 4-byte header, the vars
// block (datasize bytes), then CONTENT_LENGTH bytes of body — and handed to the same
// serveConnection the simulated machine uses, whose log lines go where uWSGI's go (stderr).

import { lstatSync, chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { decode, PacketError } from '../protocol/index.ts';
import type { WsgiApp } from '../gateway/apps/wsgi-app.ts';
import { DEBIAN_BUILD } from '../gateway/uwsgi/builds.ts';
import { serveConnection, type WorkerContext } from '../gateway/uwsgi/uwsgi-request.ts';
import { CliError, EXIT_FAILED } from './cli-error.ts';
import { systemReason } from './system-reason.ts';
import type { SocketAddress } from './uwsgi-client.ts';

export interface UwsgiServerOptions {
  readonly address: SocketAddress;
  readonly app: WsgiApp;
  /** uWSGI's --buffer-size: the largest vars block it accepts (default 4096). */
  readonly bufferSize: number;
  /** The unix socket's mode (uWSGI's --chmod-socket); without it, what the umask gives. */
  readonly chmod: number | undefined;
  /** Where uWSGI's log lines go, one at a time, without newline. */
  readonly log: (line: string) => void;
}

export interface RunningUwsgiServer {
  /** `unix:/tmp/x.sock` or `127.0.0.1:3031` (with the port bound, when 0 was asked for). */
  readonly name: string;
  /** Stops listening (a unix socket's file is removed) and resolves once it has. */
  readonly close: () => Promise<void>;
}

/** Starts listening; rejects with a CliError saying why it could not. */
export async function startUwsgiServer(options: UwsgiServerOptions): Promise<RunningUwsgiServer> {
  const { address } = options;
  if (address.kind === 'unix') removeStaleSocket(address.path);
  const context = workerContext(options);
  const server = createServer((socket) => serveSocket(socket, options, context));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new CliError(`cannot listen on ${describe(address)}: ${systemReason(error)}`, EXIT_FAILED),
      ),
    );
    if (address.kind === 'unix') server.listen(address.path, resolve);
    else server.listen(address.port, address.host, resolve);
  });
  if (address.kind === 'unix' && options.chmod !== undefined)
    chmodSync(address.path, options.chmod);
  return { name: boundName(server, address), close: () => closeServer(server) };
}

function describe(address: SocketAddress): string {
  return address.kind === 'unix' ? `unix:${address.path}` : `${address.host}:${address.port}`;
}

function boundName(server: Server, address: SocketAddress): string {
  const bound = server.address();
  if (address.kind === 'unix' || bound === null || typeof bound === 'string')
    return describe(address);
  return `${address.host}:${bound.port}`;
}

// uWSGI unlinks whatever is at its socket path before binding (core/socket.c); this only replaces
// a socket (a stale one), and refuses to remove anything else.
function removeStaleSocket(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket())
    throw new CliError(`--socket ${path}: something that is not a socket is there already`);
  unlinkSync(path);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function workerContext(options: UwsgiServerOptions): WorkerContext {
  return {
    pid: process.pid,
    bufferSize: options.bufferSize,
    // the python plugin only: ping (100) and echo (101) get `-- unavailable modifier requested`
    modifiers: new Set([0]),
    app: options.app,
    threads: 1,
    processes: 1,
    version: DEBIAN_BUILD.version,
    nodename: hostname(),
    clock: { now: () => Date.now() },
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    log: options.log,
    counters: { appRequests: 0, total: 0 },
  };
}

function serveSocket(socket: Socket, options: UwsgiServerOptions, context: WorkerContext): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let served = false;
  const answer = (): void => {
    if (served) return;
    served = true;
    const bytes = new Uint8Array(Buffer.concat(chunks, received));
    const remoteAddr = socket.remoteAddress ?? '';
    const result = serveConnection(bytes, 'uwsgi', context, {
      name: describe(options.address),
      remoteAddr,
    });
    const reply = result.reply;
    if (reply.end === 'reset' && reply.bytes.length === 0 && options.address.kind === 'tcp') {
      // what nginx sees when uWSGI closes with request bytes unread: recv() failed (104). A unix
      // socket cannot be reset from Node (node:net has read the bytes already): it just closes.
      socket.resetAndDestroy();
      return;
    }
    socket.end(reply.bytes);
  };
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (complete(Buffer.concat(chunks, received), options.bufferSize)) answer();
  });
  // the client stopped sending (a short packet, then a half-close): uWSGI reads end of stream
  socket.on('end', answer);
  socket.on('error', () => socket.destroy());
}

// Whether uWSGI has read all it will read of this request: the header, then either a datasize it
// refuses (over buffer-size) or the whole vars block and CONTENT_LENGTH bytes of body.
function complete(bytes: Uint8Array, bufferSize: number): boolean {
  if (bytes.length < 4) return false;
  const datasize = bytes[1]! | (bytes[2]! << 8);
  if (datasize > bufferSize) return true;
  if (bytes.length < 4 + datasize) return false;
  let length = 0;
  try {
    const packet = decode(bytes.subarray(0, 4 + datasize));
    if (packet.kind !== 'vars') return true;
    for (const [key, value] of packet.vars) {
      if (new TextDecoder().decode(key) !== 'CONTENT_LENGTH') continue;
      length = Number(/^\d*/.exec(new TextDecoder().decode(value))![0] || '0');
    }
  } catch (error) {
    // a broken vars block: uWSGI refuses it as it is
    if (error instanceof PacketError) return true;
    throw error;
  }
  return bytes.length >= 4 + datasize + length;
}
