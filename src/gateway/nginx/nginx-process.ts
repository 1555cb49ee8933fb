// nginx 1.22.1 as a process on the simulated machine, as Debian 12 runs it (started by root, as
// the course's reader is): `nginx` reads its configuration (Debian's layout), binds its listen
// sockets in the socket table, daemonizes (a master owned by root, workers as the `user`
// directive's user), writes /run/nginx.pid, and then answers every client connection through the
// nginx model — `uwsgi_pass` connects to uWSGI as the worker user through exchangeWithUpstream —
// appending to the error and access logs its config names. SIGHUP reloads: a config that fails
// keeps the old one serving and the error goes to error.log (real-output-shell.md §6.3);
// SIGTERM/SIGINT (fast) and SIGQUIT (graceful) stop it, removing the pid file. The shell drives it
// for `nginx`, `nginx -s`, systemctl and the init script.

import { latin1Text } from '../../protocol/index.ts';
import { FsError, ROOT_CREDENTIALS, type Credentials } from '../fs.ts';
import type { GatewayMachine, PsEntry } from '../machine.ts';
import type { NetErrorCode } from '../net/net-error.ts';
import { ANY_ADDRESS, ANY_ADDRESS_V6, type SocketAddress } from '../net/socket-address.ts';
import type { Listener, PeerInfo, StreamReply, StreamServer } from '../net/socket-table.ts';
import { exchangeWithUpstream } from '../net/upstream-exchange.ts';
import { traceBytes, type HopRecorder, type TraceReason } from '../trace/journey.ts';
import { credentialsFor } from '../users.ts';
import { accessLogLine } from './access-log.ts';
import type { LogLevel } from './config-error.ts';
import type {
  ConfigBlock,
  ListenSetting,
  LocationConf,
  LogSetting,
  NginxConfig,
  ServerConf,
} from './config-model.ts';
import { decisionHop } from './decision-hop.ts';
import type { NginxDecision } from './decisions.ts';
import type { NginxLayout } from './directives/directive-call.ts';
import { errorLogLine, levelShown, logThreshold, stderrLine } from './error-log.ts';
import { DEBIAN_LAYOUT, loadConfig } from './load-config.ts';
import { processRequest, type LogLine } from './request-processing.ts';
import {
  clientResponseFromUpstream,
  ownResponseBytes,
  upstreamFailureResponse,
  upstreamLogName,
  type ClientResponse,
  type UpstreamFailure,
} from './response.ts';
import { ownResponseChanges, upstreamResponseChanges } from './response-changes.ts';

/** Debian's build: `nginx -V` says --pid-path=/run/nginx.pid --http-log-path=/var/log/nginx/access.log. */
export const DEBIAN_PID_PATH = '/run/nginx.pid';
export const DEBIAN_ACCESS_LOG = '/var/log/nginx/access.log';

/** The CPUs `worker_processes auto` counts: the captured machine's 2 (two workers in `ps`, §8.2). */
const DEFAULT_CPUS = 2;

export type NginxSignal = 'HUP' | 'TERM' | 'INT' | 'QUIT' | 'USR1' | 'KILL';

export interface NginxStartOptions {
  /**
   * The command line as started; `ps` shows the master as `nginx: master process ` and this.
   * Default `/usr/sbin/nginx`, how Debian's init script starts it.
   */
  readonly argv?: readonly string[];
  readonly layout?: NginxLayout;
  /** What `worker_processes auto` counts. Default 2. */
  readonly cpus?: number;
}

export type NginxStart =
  | {
      readonly ok: true;
      readonly process: NginxProcess;
      /** Warnings nginx printed while reading the config (error-log format: Debian's stderr log). */
      readonly stderr: readonly string[];
    }
  | {
      readonly ok: false;
      /** What `nginx` prints on stderr, each line as nginx writes it. */
      readonly stderr: readonly string[];
      readonly status: number;
    };

export interface NginxReload {
  /** The new configuration serves; false: the old one still does. */
  readonly ok: boolean;
  /** The lines written to the error log about it. */
  readonly logged: readonly string[];
}

interface BoundListen {
  /** nginx's name for the address: `0.0.0.0:8080`, `[::]:80`, `unix:/run/x.sock`. */
  readonly addrText: string;
  readonly listener: Listener;
  readonly unixPath: string | undefined;
}

const CLOSED: StreamReply = { bytes: new Uint8Array(0), end: 'close' };

type Log = (level: LogLevel, text: string) => void;

export class NginxProcess {
  readonly #machine: GatewayMachine;
  readonly #argv: readonly string[];
  readonly #layout: NginxLayout;
  readonly #cpus: number;
  readonly #masterPid: number;
  readonly #startedAt: number;
  #config: NginxConfig;
  #workers: number[] = [];
  #listens: BoundListen[] = [];
  #running = true;
  #pidFile: string | undefined;
  // ngx_connection_counter: every accepted connection and every upstream connection takes the
  // next number, so a proxied request moves it by two (*8, *10, *12 in real-output.md §5); it
  // lives in the shared memory each configuration cycle maps anew (ngx_event_module_init)
  #connections = 1;
  readonly #server: StreamServer = {
    protocol: 'http',
    exchange: (request, peer, listener, recorder) => this.#serve(request, peer, listener, recorder),
  };

  private constructor(
    machine: GatewayMachine,
    options: NginxStartOptions,
    config: NginxConfig,
    masterPid: number,
  ) {
    this.#machine = machine;
    this.#argv = options.argv ?? ['/usr/sbin/nginx'];
    this.#layout = options.layout ?? DEBIAN_LAYOUT;
    this.#cpus = options.cpus ?? DEFAULT_CPUS;
    this.#config = config;
    this.#masterPid = masterPid;
    this.#startedAt = machine.clock.now();
  }

  /** `nginx` on the machine: the result says whether it runs, and what it printed. */
  static start(machine: GatewayMachine, options: NginxStartOptions = {}): NginxStart {
    const layout = options.layout ?? DEBIAN_LAYOUT;
    const launcher = machine.pids.next();
    const stamp = (): { now: Date; pid: number } => ({
      now: new Date(machine.clock.now()),
      pid: launcher,
    });
    const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout });
    // while it reads the config nginx logs to stderr, in the error log's format (Debian builds
    // with --error-log-path=stderr): §6.3 `nginx` prints only the [emerg] line and exits 1
    const stderr = loaded.log.map((line) => errorLogLine(line.level, line.text, stamp()));
    if (!loaded.ok) {
      stderr.push(errorLogLine(loaded.error.level, loaded.error.text, stamp()));
      return { ok: false, stderr, status: 1 };
    }
    const config = loaded.config;
    // daemon(): the process the shell started exits, its child is the master
    const process = new NginxProcess(machine, options, config, machine.pids.next());
    // from here nginx logs to the configured error log, and copies [warn] and worse to stderr
    const log: Log = (level, text) => {
      process.#writeErrorLog(config.main.errorLogs, level, text, launcher);
      if (levelShown(level, 'warn')) stderr.push(stderrLine(level, text));
    };
    const listens = process.#openListens(config, [], log);
    if (listens === undefined) return { ok: false, stderr, status: 1 };
    process.#listens = listens;
    const pidFile = config.main.pid ?? DEBIAN_PID_PATH;
    try {
      machine.fs.writeFile(pidFile, new TextEncoder().encode(`${process.#masterPid}\n`), {
        mode: 0o644,
      });
      process.#pidFile = pidFile;
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      // ngx_create_pidfile runs in the daemon: the shell already saw status 0
      log('emerg', `open() "${pidFile}" failed ${error.parenthesized}`);
      process.#shutdown();
      return { ok: false, stderr, status: 0 };
    }
    process.#spawnWorkers();
    return { ok: true, process, stderr };
  }

  /** The master's pid (what /run/nginx.pid holds). */
  get pid(): number {
    return this.#masterPid;
  }

  get running(): boolean {
    return this.#running;
  }

  /** The configuration it serves: that of its last successful start or reload. */
  get config(): NginxConfig {
    return this.#config;
  }

  get workerPids(): readonly number[] {
    return this.#workers;
  }

  /** Milliseconds since the epoch at start (for `ps`'s START column). */
  get startedAt(): number {
    return this.#startedAt;
  }

  /** Its listening sockets (for `ss -l`). */
  listeners(): Listener[] {
    return this.#listens.map((listen) => listen.listener);
  }

  /** `ps` lines: the master (root, daemonized: PPID 1) and the workers, as §8.2 shows them. */
  processes(): PsEntry[] {
    if (!this.#running) return [];
    const master = this.#machine.users.userById(0)?.name ?? 'root';
    const worker = this.#config.main.user?.user ?? 'nobody';
    return [
      {
        user: master,
        pid: this.#masterPid,
        ppid: 1,
        command: `nginx: master process ${this.#argv.join(' ')}`,
        role: 'master',
      },
      ...this.#workers.map((pid): PsEntry => ({
        user: worker,
        pid,
        ppid: this.#masterPid,
        command: 'nginx: worker process',
        role: 'worker',
      })),
    ];
  }

  /** A signal to the master (`kill -HUP`, `nginx -s reload`, systemctl). HUP answers how the reload went. */
  signal(signal: NginxSignal): NginxReload | undefined {
    if (!this.#running) return undefined;
    switch (signal) {
      case 'HUP':
        return this.reload();
      case 'TERM':
      case 'INT':
        this.stop();
        return undefined;
      case 'QUIT':
        this.quit();
        return undefined;
      case 'USR1':
        // reopen the log files: they are written by path here, so nothing changes
        return undefined;
      case 'KILL':
        // the whole group killed: nothing is cleaned up (the pid file and unix sockets stay)
        this.#closeListens(false);
        this.#running = false;
        this.#workers = [];
        return undefined;
    }
  }

  /**
   * SIGHUP: read the configuration again. If it fails, the error goes to the error log of the
   * configuration in force and that one keeps serving; if it loads, the sockets are reopened as
   * the new one lists them and new workers start.
   */
  reload(): NginxReload {
    if (!this.#running) return { ok: false, logged: [] };
    const logged: string[] = [];
    const old = this.#config;
    const loaded = loadConfig({
      fs: this.#machine.fs,
      users: this.#machine.users,
      layout: this.#layout,
    });
    const logTo =
      (config: NginxConfig): Log =>
      (level, text) =>
        logged.push(...this.#writeErrorLog(config.main.errorLogs, level, text, this.#masterPid));
    for (const line of loaded.log) logTo(old)(line.level, line.text);
    if (!loaded.ok) {
      logTo(old)(loaded.error.level, loaded.error.text);
      return { ok: false, logged };
    }
    const listens = this.#openListens(loaded.config, this.#listens, logTo(loaded.config));
    if (listens === undefined) return { ok: false, logged };
    for (const listen of this.#listens)
      if (!listens.includes(listen)) this.#closeListen(listen, true);
    this.#listens = listens;
    this.#config = loaded.config;
    this.#connections = 1;
    this.#spawnWorkers();
    return { ok: true, logged };
  }

  /** SIGTERM/SIGINT: fast shutdown. */
  stop(): void {
    this.#shutdown();
  }

  /** SIGQUIT: graceful shutdown (requests are one exchange each here, so the same as stop). */
  quit(): void {
    this.#shutdown();
  }

  #spawnWorkers(): void {
    const setting = this.#config.main.workerProcesses;
    const count = setting === 'auto' ? this.#cpus : (setting ?? 1);
    this.#workers = Array.from({ length: count }, () => this.#machine.pids.next());
  }

  // ngx_master_process_exit: close the sockets (unix ones are unlinked), delete the pid file
  #shutdown(): void {
    this.#closeListens(true);
    if (this.#pidFile !== undefined) {
      try {
        this.#machine.fs.unlink(this.#pidFile);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
      }
    }
    this.#running = false;
    this.#workers = [];
  }

  #closeListens(unlink: boolean): void {
    for (const listen of this.#listens) this.#closeListen(listen, unlink);
    this.#listens = [];
  }

  #closeListen(listen: BoundListen, unlink: boolean): void {
    this.#machine.net.close(listen.listener);
    if (!unlink || listen.unixPath === undefined) return;
    try {
      this.#machine.fs.unlink(listen.unixPath);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }

  /**
   * ngx_open_listening_sockets: sockets already open (a reload) are kept; the others are bound;
   * EADDRINUSE is tried 5 times (each failure logged), anything else fails at once. Undefined
   * when it failed (what it bound is closed again).
   */
  #openListens(
    config: NginxConfig,
    open: readonly BoundListen[],
    log: Log,
  ): BoundListen[] | undefined {
    const result: BoundListen[] = [];
    const fresh: BoundListen[] = [];
    let pending: ListenSetting[] = [];
    for (const listen of listenSockets(config)) {
      const kept = open.find((candidate) => candidate.addrText === listen.addrText);
      if (kept === undefined) pending.push(listen);
      else result.push(kept);
    }
    const fail = (): undefined => {
      for (const listen of fresh) this.#closeListen(listen, true);
      return undefined;
    };
    for (let tries = 5; tries > 0 && pending.length > 0; tries--) {
      const again: ListenSetting[] = [];
      for (const listen of pending) {
        const bound = this.#bind(listen);
        if ('listener' in bound) {
          result.push(bound);
          fresh.push(bound);
          continue;
        }
        log('emerg', `bind() to ${listen.addrText} failed ${bound.parenthesized}`);
        if (bound.code !== 'EADDRINUSE') return fail();
        again.push(listen);
      }
      pending = again;
      if (pending.length > 0) log('notice', 'try again to bind() after 500ms');
    }
    if (pending.length > 0) {
      log('emerg', 'still could not bind()');
      return fail();
    }
    return result;
  }

  #bind(
    listen: ListenSetting,
  ): BoundListen | { readonly code: NetErrorCode; readonly parenthesized: string } {
    const net = this.#machine.net;
    const options = {
      server: this.#server,
      owner: { pid: this.#masterPid, command: 'nginx' },
      credentials: ROOT_CREDENTIALS,
      // ngx_http_core_listen: backlog 511 (NGX_LISTEN_BACKLOG), as `ss -ltn` shows
      backlog: 511,
    };
    if (listen.family === 'unix') {
      // nginx makes its unix listen sockets 0666 (ngx_open_listening_sockets)
      const bound = net.bindUnix(listen.address, { ...options, mode: 0o666 });
      if (!bound.ok) return bound.error;
      return { addrText: listen.addrText, listener: bound.listener, unixPath: listen.address };
    }
    const bound = net.bindInet(listen.address, listen.port, options);
    if (!bound.ok) return bound.error;
    return { addrText: listen.addrText, listener: bound.listener, unixPath: undefined };
  }

  #workerCredentials(): Credentials {
    const user = this.#config.main.user;
    if (user === undefined) return ROOT_CREDENTIALS;
    const entry = this.#machine.users.userByName(user.user);
    if (entry === undefined) return { uid: user.uid, gid: user.gid, groups: [user.gid] };
    return credentialsFor(this.#machine.users, entry, user.gid);
  }

  /** Appends a line to each error log that keeps its level; returns the lines written. */
  #writeErrorLog(
    targets: readonly LogSetting[],
    level: LogLevel,
    text: string,
    pid: number,
    connection?: number,
  ): string[] {
    const line = errorLogLine(
      level,
      text,
      { now: new Date(this.#machine.clock.now()), pid },
      connection,
    );
    const written: string[] = [];
    for (const target of targets) {
      if (target.path === 'stderr' || target.path === 'off') continue;
      if (!levelShown(level, logThreshold(target.level))) continue;
      this.#append(target.path, line);
      if (!written.includes(line)) written.push(line);
    }
    return written;
  }

  #append(path: string, line: string): void {
    try {
      this.#machine.fs.appendFile(path, new TextEncoder().encode(`${line}\n`));
    } catch (error) {
      // a log file removed while nginx runs: nginx writes on to the deleted file
      if (!(error instanceof FsError)) throw error;
    }
  }

  // -------------------------------------------------------------------- one connection

  #serve(
    request: Uint8Array,
    peer: PeerInfo,
    listener: Listener,
    recorder: HopRecorder | undefined,
  ): StreamReply {
    if (!this.#running) return CLOSED;
    const config = this.#config;
    const now = new Date(this.#machine.clock.now());
    const connection = this.#connections++;
    const worker = this.#workers[0] ?? this.#masterPid;
    const client = peer.address;
    const remoteAddr = client.kind === 'inet' ? client.host : 'unix:';
    const bound = listener.address;
    const connectionInfo = {
      remoteAddr,
      remotePort: client.kind === 'inet' ? client.port : 0,
      // a wildcard listener: the address the client connected to (a loopback client's own)
      localAddr:
        bound.kind === 'unix'
          ? bound.path
          : bound.host === ANY_ADDRESS || bound.host === ANY_ADDRESS_V6
            ? remoteAddr
            : bound.host,
      localPort: bound.kind === 'inet' ? bound.port : 0,
    };
    const handling = processRequest(request, {
      config,
      fs: this.#machine.fs,
      users: this.#machine.users,
      connection: connectionInfo,
      hostname: this.#layout.hostname,
    });
    recorder?.record(decisionHop(handling.decisions, handling.outcome));
    const outcome = handling.outcome;
    if (outcome.kind === 'incomplete') {
      // the client stopped before the end of its request: nginx waits for the rest
      // (client_header_timeout / client_body_timeout, 60 s), then closes without an answer
      recorder?.record({
        kind: 'failure',
        actor: 'nginx',
        code: 'request-incomplete',
        message:
          'the request is incomplete: nginx waits for the rest, then closes without answering',
        log: [],
      });
      return CLOSED;
    }
    if (outcome.kind === 'no-listener') return CLOSED;
    const lines: LogLine[] = [...handling.errorLog];
    let bytes: Uint8Array;
    let status: number;
    let changes: TraceReason[];
    if (outcome.kind === 'respond') {
      bytes = ownResponseBytes(outcome.response, now);
      status = outcome.response.status;
      changes = ownResponseChanges(bytes);
    } else {
      // the upstream connection takes a number too (ngx_event_connect_peer), even when connect() fails
      this.#connections++;
      // nginx -t refuses an upstream{} without servers, so there is always a first one
      const target: SocketAddress | undefined = outcome.upstream.servers[0]?.address;
      if (target === undefined) return CLOSED;
      const packet = outcome.packet;
      const result = exchangeWithUpstream(
        this.#machine.net,
        target,
        this.#workerCredentials(),
        packet,
        recorder,
        { modifier1: packet[0]!, datasize: packet[1]! | (packet[2]! << 8), modifier2: packet[3]! },
      );
      let answer: ClientResponse;
      switch (result.kind) {
        case 'connect-failed':
          answer = upstreamFailureResponse(
            connectFailure(result.error.code),
            outcome.request,
            now,
            outcome.address,
          );
          break;
        case 'reset':
          answer = upstreamFailureResponse('ECONNRESET', outcome.request, now, outcome.address);
          break;
        case 'closed':
          answer = clientResponseFromUpstream(
            new Uint8Array(0),
            outcome.request,
            now,
            upstreamLogName(outcome.address),
          );
          break;
        case 'answer':
          answer = clientResponseFromUpstream(
            result.bytes,
            outcome.request,
            now,
            upstreamLogName(outcome.address),
          );
          break;
      }
      bytes = answer.bytes;
      status = answer.status;
      lines.push(...answer.errorLog);
      changes =
        result.kind === 'answer'
          ? upstreamResponseChanges(result.bytes, bytes)
          : ownResponseChanges(bytes);
    }
    const block = handlingBlock(config, handling.decisions);
    const errorLog: string[] = [];
    for (const line of lines)
      errorLog.push(
        ...this.#writeErrorLog(errorLogs(config, block), line.level, line.text, worker, connection),
      );
    const failure = nginxFailure(handling.decisions);
    if (failure !== undefined) recorder?.record({ ...failure, log: errorLog });
    recorder?.record({
      kind: 'nginx-response',
      actor: 'nginx',
      bytes: traceBytes(bytes),
      changes,
      errorLog,
    });
    this.#writeAccessLog(config, block, request, remoteAddr, status, bytes, now);
    return { bytes, end: 'close' };
  }

  #writeAccessLog(
    config: NginxConfig,
    block: ConfigBlock | undefined,
    request: Uint8Array,
    remoteAddr: string,
    status: number,
    response: Uint8Array,
    now: Date,
  ): void {
    const head = requestHeadFields(request);
    const headEnd = indexOfHeadEnd(response);
    const line = accessLogLine(
      {
        remoteAddr,
        request: head.requestLine,
        status,
        bodyBytesSent: headEnd < 0 ? 0 : response.length - headEnd,
        referer: head.referer,
        userAgent: head.userAgent,
      },
      now,
    );
    for (const path of accessLogs(config, block)) this.#append(path, line);
  }
}

/** Starts nginx on the machine (see NginxProcess.start). */
export function startNginx(machine: GatewayMachine, options: NginxStartOptions = {}): NginxStart {
  return NginxProcess.start(machine, options);
}

// The sockets nginx opens for its listen addresses: a wildcard address on a port takes the
// connections for every specific address of its family on that port, which then get no socket
// of their own (ngx_http_init_listening, without `bind`).
function listenSockets(config: NginxConfig): ListenSetting[] {
  const listens = (config.http?.addresses ?? []).map((address) => address.listen);
  return listens.filter(
    (listen) =>
      listen.family === 'unix' ||
      listen.wildcard ||
      !listens.some(
        (other) => other.wildcard && other.family === listen.family && other.port === listen.port,
      ),
  );
}

function connectFailure(code: NetErrorCode): UpstreamFailure {
  return code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'ELOOP'
    ? code
    : 'ECONNREFUSED';
}

// error_log is inherited location → server → http → main (ngx_http_core_merge_loc_conf)
function errorLogs(config: NginxConfig, block: ConfigBlock | undefined): readonly LogSetting[] {
  return (
    block?.effective('errorLog') ??
    config.http?.block.effective('errorLog') ??
    config.main.errorLogs
  );
}

// access_log likewise, else the compiled-in path; `off` turns it off. Every access log is written
// in the predefined `combined` format (log_format definitions are not kept by the model).
function accessLogs(config: NginxConfig, block: ConfigBlock | undefined): string[] {
  const settings = block?.effective('accessLog') ??
    config.http?.block.effective('accessLog') ?? [{ path: DEBIAN_ACCESS_LOG }];
  if (settings.some((setting) => setting.path === 'off')) return [];
  return settings.map((setting) => setting.path).filter((path) => path !== 'stderr');
}

/** The block whose settings were in force at the end: the last location nginx entered, else the server. */
function handlingBlock(
  config: NginxConfig,
  decisions: readonly NginxDecision[],
): ConfigBlock | undefined {
  let server: ServerConf | undefined;
  let location: LocationConf | undefined;
  for (const decision of decisions) {
    if (decision.kind === 'server-selected')
      server = config.http?.servers.find((candidate) => candidate.index === decision.server.index);
    else if (decision.kind === 'location-search' && server !== undefined)
      location =
        decision.location === undefined
          ? undefined
          : findLocation(server.locations, decision.location.at);
    else if (decision.kind === 'named-location' && server !== undefined)
      location = server.named.get(decision.name);
  }
  return location?.block ?? server?.block;
}

function findLocation(
  locations: readonly LocationConf[],
  at: { readonly file: string; readonly line: number },
): LocationConf | undefined {
  for (const location of locations) {
    if (location.at.file === at.file && location.at.line === at.line) return location;
    const nested = findLocation(location.locations, at);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** Where the journey stopped at nginx, for requests nginx refused to pass on. */
function nginxFailure(
  decisions: readonly NginxDecision[],
): { kind: 'failure'; actor: 'nginx'; code: string; message: string } | undefined {
  for (const decision of decisions) {
    if (decision.kind === 'request-refused')
      return { kind: 'failure', actor: 'nginx', code: 'request-refused', message: decision.reason };
    if (decision.kind === 'body-too-large')
      return {
        kind: 'failure',
        actor: 'nginx',
        code: 'body-too-large',
        message: `client intended to send too large body: ${decision.length} bytes`,
      };
    if (decision.kind === 'uwsgi-too-big')
      return {
        kind: 'failure',
        actor: 'nginx',
        code: 'uwsgi-request-too-big',
        message: `uwsgi request is too big: ${decision.length}`,
      };
  }
  return undefined;
}

// $request (the request line as the client sent it), $http_referer and $http_user_agent
function requestHeadFields(request: Uint8Array): {
  requestLine: string;
  referer: string | undefined;
  userAgent: string | undefined;
} {
  const end = indexOfHeadEnd(request);
  const text = latin1Text(end < 0 ? request : request.subarray(0, end));
  const [requestLine = '', ...lines] = text.split(/\r?\n/);
  const field = (name: string): string | undefined => {
    const line = lines.find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
    return line?.slice(name.length + 1).trim();
  };
  return { requestLine, referer: field('referer'), userAgent: field('user-agent') };
}

function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10)
      return i + 4;
  }
  return -1;
}
