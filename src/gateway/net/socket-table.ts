// The machine's socket table: who listens where, and what a connect() meets. Unix sockets are
// files in the MachineFs (owner, group, mode; a stopped server leaves its file behind); TCP
// listeners are host:port pairs. A connection is one exchange — the client's bytes in, the
// server's answer and how it ended out — which is all nginx ↔ uWSGI and curl ↔ nginx need here.

import { accessError, dirname, FsError, type Credentials, type MachineFs } from '../fs.ts';
import type { HopRecorder } from '../trace/journey.ts';
import { netError, type NetError } from './net-error.ts';
import {
  addressMatches,
  ANY_ADDRESS,
  ANY_ADDRESS_V6,
  type SocketAddress,
} from './socket-address.ts';

/** How a server's side of a connection ended after its answer. */
export type StreamEnd =
  /** An orderly close (FIN): the peer reads end-of-stream. */
  | 'close'
  /** A reset (RST): the peer's recv() fails with ECONNRESET. uWSGI resets when it closes a
   * connection with request bytes it never read (its buffer-size refusal). */
  | 'reset';

export interface StreamReply {
  /** Everything the server wrote before it ended the connection (possibly nothing). */
  readonly bytes: Uint8Array;
  readonly end: StreamEnd;
}

/** Who connected: the client's address and the process credentials it connected with. */
export interface PeerInfo {
  /** For a unix socket, an unnamed client (`{ kind: 'unix', path: '' }`); for TCP, its ephemeral port. */
  readonly address: SocketAddress;
  readonly credentials: Credentials;
}

/** A listening server: what it does with one connection's bytes. */
export interface StreamServer {
  /** What speaks on the socket, for traces and listings: `uwsgi`, `http`, `nginx`, … */
  readonly protocol: string;
  /**
   * The client sent `request` and waits: the server's answer, then it ends the connection. The
   * server records its own hops of the request's journey in `recorder`, when there is one.
   */
  exchange(
    request: Uint8Array,
    peer: PeerInfo,
    listener: Listener,
    recorder?: HopRecorder,
  ): StreamReply;
}

/** The process a listener belongs to, as `ss -p` names it. */
export interface SocketOwner {
  readonly pid: number;
  readonly command: string;
}

export interface Listener {
  readonly id: number;
  readonly address: SocketAddress;
  readonly owner: SocketOwner;
  readonly server: StreamServer;
  /** listen(2)'s backlog, as `ss -l` shows it in Send-Q. */
  readonly backlog: number;
}

/** Where ephemeral ports come from: Linux's default range 32768–60999 (ip_local_port_range). */
export interface PortSource {
  next(): number;
}

export const EPHEMERAL_PORT_LOW = 32768;
export const EPHEMERAL_PORT_HIGH = 60999;

/** A deterministic port source: a small LCG over the ephemeral range (seeded, so scenarios replay). */
export function seededPorts(seed: number): PortSource {
  let state = seed >>> 0 || 1;
  const span = EPHEMERAL_PORT_HIGH - EPHEMERAL_PORT_LOW + 1;
  return {
    next() {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return EPHEMERAL_PORT_LOW + ((state >>> 8) % span);
    },
  };
}

export type BindResult =
  | { readonly ok: true; readonly listener: Listener }
  | { readonly ok: false; readonly error: NetError };

export type ConnectResult =
  | { readonly ok: true; readonly connection: Connection }
  | { readonly ok: false; readonly error: NetError };

/** An established connection, before the client has sent anything. */
export interface Connection {
  readonly listener: Listener;
  /** The client's end (for TCP: 127.0.0.1 and the ephemeral port it was given). */
  readonly local: SocketAddress;
  /** Sends the whole request and reads the answer to the end. Call once. */
  exchange(request: Uint8Array, recorder?: HopRecorder): StreamReply;
}

export interface BindOptions {
  readonly server: StreamServer;
  readonly owner: SocketOwner;
  readonly credentials: Credentials;
  /** The socket file's mode (unix): what bind(2) gives it is 0777 & ~umask. */
  readonly mode?: number;
  readonly backlog?: number;
}

interface UnixEntry {
  readonly listener: Listener;
  // bind(2) made a new inode; MachineFs has none, so the file's mtime at bind time stands for it:
  // a file removed and made again at the same path is not the listener's any more.
  readonly mtime: number;
}

export class SocketTable {
  readonly #fs: MachineFs;
  readonly #ports: PortSource;
  readonly #unix = new Map<string, UnixEntry>();
  readonly #inet: Listener[] = [];
  #nextId = 1;

  constructor(options: { readonly fs: MachineFs; readonly ports?: PortSource }) {
    this.#fs = options.fs;
    this.#ports = options.ports ?? seededPorts(1);
  }

  get fs(): MachineFs {
    return this.#fs;
  }

  /** An ephemeral port for a client, or for a listener bound to port 0. */
  ephemeralPort(): number {
    for (let tries = 0; tries < 64; tries++) {
      const port = this.#ports.next();
      if (!this.#inet.some((listener) => portOf(listener) === port)) return port;
    }
    return this.#ports.next();
  }

  /**
   * bind(2) + listen(2) on a unix path: fails with EADDRINUSE when anything is there (callers that
   * replace a stale file unlink it first, as uWSGI does), ENOENT/ENOTDIR for a missing folder,
   * EACCES without write and search permission on the folder.
   */
  bindUnix(path: string, options: BindOptions): BindResult {
    const folder = dirname(path);
    const denied = accessError(
      this.#fs,
      `${folder === '/' ? '' : folder}/.`,
      options.credentials,
      'write',
    );
    if (denied !== undefined && denied !== 'ENOENT') return { ok: false, error: netError(denied) };
    try {
      if (this.#fs.stat(folder).type !== 'directory')
        return { ok: false, error: netError('ENOTDIR') };
    } catch (error) {
      if (error instanceof FsError) return { ok: false, error: netError(error.code) };
      throw error;
    }
    if (this.#exists(path)) return { ok: false, error: netError('EADDRINUSE') };
    const mode = options.mode ?? 0o755;
    this.#fs.mksocket(path, { mode, uid: options.credentials.uid, gid: options.credentials.gid });
    const listener = this.#listener({ kind: 'unix', path }, options);
    this.#unix.set(path, { listener, mtime: this.#fs.lstat(path).mtime });
    return { ok: true, listener };
  }

  /**
   * bind(2) + listen(2) on host:port (port 0: an ephemeral one). EADDRINUSE when a listener
   * already covers that address (the same host, or either side is 0.0.0.0); EACCES for a port
   * below 1024 without root.
   */
  bindInet(host: string, port: number, options: BindOptions): BindResult {
    if (port !== 0 && port < 1024 && options.credentials.uid !== 0) {
      return { ok: false, error: netError('EACCES') };
    }
    const chosen = port === 0 ? this.ephemeralPort() : port;
    const address: SocketAddress = { kind: 'inet', host, port: chosen };
    // a wildcard covers its own family only: nginx binds [::]:80 with IPV6_V6ONLY (its default
    // since 1.5.x), so Debian's `listen 80; listen [::]:80;` holds both
    const clash = this.#inet.some((listener) => {
      const bound = listener.address;
      return (
        bound.kind === 'inet' &&
        bound.port === chosen &&
        isIpv6(bound.host) === isIpv6(host) &&
        (bound.host === host || isWildcard(bound.host) || isWildcard(host))
      );
    });
    if (clash) return { ok: false, error: netError('EADDRINUSE') };
    const listener = this.#listener(address, options);
    this.#inet.push(listener);
    return { ok: true, listener };
  }

  /** close(2) on a listening socket. A unix socket's file stays where it is (that is a stale socket). */
  close(listener: Listener): void {
    if (listener.address.kind === 'unix') {
      const entry = this.#unix.get(listener.address.path);
      if (entry?.listener.id === listener.id) this.#unix.delete(listener.address.path);
      return;
    }
    const at = this.#inet.findIndex((candidate) => candidate.id === listener.id);
    if (at >= 0) this.#inet.splice(at, 1);
  }

  /**
   * connect(2) as `who`. A unix path needs search permission on every folder above it and write
   * permission on the socket (path_resolution(7), unix(7)); a path that is not a socket, or a
   * socket nobody listens on any more, refuses the connection.
   */
  connect(target: SocketAddress, who: Credentials): ConnectResult {
    if (target.kind === 'unix') {
      const path = target.path;
      const denied = accessError(this.#fs, path, who, 'write');
      if (denied !== undefined) return { ok: false, error: netError(denied) };
      const listener = this.#unixListener(path);
      if (listener === undefined) return { ok: false, error: netError('ECONNREFUSED') };
      return { ok: true, connection: this.#connection(listener, { kind: 'unix', path: '' }, who) };
    }
    const listener = this.#inet.find((candidate) => addressMatches(candidate.address, target));
    if (listener === undefined) return { ok: false, error: netError('ECONNREFUSED') };
    const local: SocketAddress = {
      kind: 'inet',
      host: loopbackFor(target.host),
      port: this.ephemeralPort(),
    };
    return { ok: true, connection: this.#connection(listener, local, who) };
  }

  /** The listener a connect to this unix path would reach, if any. */
  unixListener(path: string): Listener | undefined {
    return this.#unixListener(path);
  }

  /** Every listening socket, unix ones first (for `ss -l` and `netstat`). */
  listeners(): Listener[] {
    const unix = [...this.#unix.keys()]
      .map((path) => this.#unixListener(path))
      .filter((listener): listener is Listener => listener !== undefined);
    return [...unix, ...this.#inet];
  }

  #listener(address: SocketAddress, options: BindOptions): Listener {
    return {
      id: this.#nextId++,
      address,
      owner: options.owner,
      server: options.server,
      backlog: options.backlog ?? 100,
    };
  }

  #connection(listener: Listener, local: SocketAddress, who: Credentials): Connection {
    let used = false;
    return {
      listener,
      local,
      exchange(request, recorder) {
        if (used) throw new Error('a connection carries one exchange');
        used = true;
        return listener.server.exchange(
          request,
          { address: local, credentials: who },
          listener,
          recorder,
        );
      },
    };
  }

  #unixListener(path: string): Listener | undefined {
    const entry = this.#unix.get(path);
    if (entry === undefined) return undefined;
    try {
      const stat = this.#fs.lstat(path);
      if (stat.type !== 'socket' || stat.mtime !== entry.mtime) return undefined;
    } catch (error) {
      if (error instanceof FsError) return undefined;
      throw error;
    }
    return entry.listener;
  }

  #exists(path: string): boolean {
    try {
      this.#fs.lstat(path);
      return true;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }
}

function portOf(listener: Listener): number | undefined {
  return listener.address.kind === 'inet' ? listener.address.port : undefined;
}

// A client connecting to a loopback or wildcard address speaks from 127.0.0.1 (::1 for IPv6).
function loopbackFor(host: string): string {
  if (host === ANY_ADDRESS_V6) return '::1';
  return host === ANY_ADDRESS || host === 'localhost' ? '127.0.0.1' : host;
}

function isIpv6(host: string): boolean {
  return host.includes(':');
}

function isWildcard(host: string): boolean {
  return host === ANY_ADDRESS || host === ANY_ADDRESS_V6;
}
