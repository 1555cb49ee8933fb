// A uWSGI instance on the simulated machine: started from a command line, it prints the start-up
// log real uWSGI 2.0.21 prints for those options on this machine, binds its sockets in the socket
// table (replacing a stale socket file silently, as uWSGI unlinks before it binds), loads the app
// once, serves requests through its workers, and answers signals as captured
// (real-output-shell.md §4): without a master SIGINT/SIGTERM end it silently (status 30) and
// SIGQUIT is ignored; with a master SIGINT/SIGQUIT bury the workers and say goodbye, SIGTERM and
// SIGHUP reload it (re-reading the config and re-importing the app) unless --die-on-term; --vacuum
// removes the socket files. The shell drives it: start, signal, `ps`, `ss`.

import { FsError, normalizePath, ROOT_CREDENTIALS, type Credentials } from '../fs.ts';
import type { Listener, PeerInfo, StreamReply, StreamServer } from '../net/socket-table.ts';
import { parseSocketArgument } from '../net/socket-address.ts';
import type { PsEntry } from '../machine.ts';
import type { HopRecorder } from '../trace/journey.ts';
import { credentialsFor } from '../users.ts';
import type { WsgiApp } from '../apps/wsgi-app.ts';
import { PLUGIN_MODELS, type UwsgiBuild } from './builds.ts';
import { routerPacket } from './http-router.ts';
import { initPython, loadPythonApp, type PythonHome } from './python-app-loader.ts';
import { readUwsgiCommand } from './uwsgi-command.ts';
import { ctime, type UwsgiMachine } from './uwsgi-machine.ts';
import { serveConnection, type WorkerContext } from './uwsgi-request.ts';
import type { SocketSetting, UwsgiSettings } from './uwsgi-settings.ts';

export type UwsgiSignal = 'INT' | 'TERM' | 'QUIT' | 'HUP' | 'KILL';

export interface UwsgiStartOptions {
  /** As typed: `['uwsgi', '-s', '/tmp/uwsgi.sock', …]`. */
  readonly argv: readonly string[];
  /** The shell's current directory. */
  readonly cwd: string;
  readonly build: UwsgiBuild;
  /** Who runs it (root in the course). */
  readonly credentials?: Credentials;
  /** The shell's pid (the parent in `ps`). */
  readonly parentPid?: number;
}

export type { PsEntry } from '../machine.ts';

class Exit {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

// Sizes in the "mapped N bytes" line (core/init.c uwsgi_setup_workers), per worker process:
// fixed parts plus, per core, the core's structures and its buffer (measured on the real 2.0.21:
// 72920 bytes with one core and buffer-size 4096, 83376 with two, 101592 with buffer-size 32768).
const MAPPED_FIXED = 62464;
const MAPPED_PER_CORE = 6360;

const ROOT_LINE = 'uWSGI running as root, you can use --uid/--gid/--chroot options';
const ROOT_WARNING = '*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** ';

interface BoundSocket {
  readonly setting: SocketSetting;
  readonly listener: Listener;
  /** `UNIX address /tmp/uwsgi.sock` / `TCP address 127.0.0.1:3031`. */
  readonly description: string;
  readonly unixPath: string | undefined;
  readonly fd: number;
}

interface Worker {
  readonly id: number;
  readonly pid: number;
  readonly counters: { appRequests: number };
}

export class UwsgiProcess {
  readonly #machine: UwsgiMachine;
  readonly #options: UwsgiStartOptions;
  readonly #terminal: string[] = [];
  readonly #listeners = new Set<(line: string) => void>();
  #settings: UwsgiSettings | undefined;
  #exitStatus: number | undefined;
  #credentials: Credentials;
  #mainPid: number;
  #workers: Worker[] = [];
  #httpPid: number | undefined;
  #sockets: BoundSocket[] = [];
  #routers: Listener[] = [];
  #app: WsgiApp | undefined;
  #home: PythonHome | undefined;
  #cwd: string;
  readonly #total = { value: 0 };
  #logFile: string | undefined;
  #detached = false;

  constructor(machine: UwsgiMachine, options: UwsgiStartOptions) {
    this.#machine = machine;
    this.#options = options;
    this.#credentials = options.credentials ?? ROOT_CREDENTIALS;
    this.#cwd = options.cwd;
    this.#mainPid = machine.pids.next();
    try {
      this.#boot(false);
    } catch (error) {
      if (!(error instanceof Exit)) throw error;
      this.#exit(error.status);
    }
  }

  /** The main process: the master, or the only worker. */
  get pid(): number {
    return this.#mainPid;
  }

  /** Everything printed on the terminal so far (with --logto or --daemonize the log goes to a file). */
  get output(): readonly string[] {
    return this.#terminal;
  }

  get running(): boolean {
    return this.#exitStatus === undefined;
  }

  get exitStatus(): number | undefined {
    return this.#exitStatus;
  }

  /** --daemonize: the shell gets its prompt back at once. */
  get detached(): boolean {
    return this.#detached;
  }

  get settings(): UwsgiSettings | undefined {
    return this.#settings;
  }

  /** The app loaded as app 0, if one was. */
  get app(): WsgiApp | undefined {
    return this.#app;
  }

  /** Follows what the process prints on the terminal from now on. Returns the unsubscribe. */
  onOutput(listener: (line: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `ps` lines for its processes (none once it has exited). */
  processes(): PsEntry[] {
    if (!this.running) return [];
    const user =
      this.#machine.users.userById(this.#credentials.uid)?.name ?? String(this.#credentials.uid);
    const command = this.#options.argv.join(' ');
    const parent = this.#options.parentPid ?? 1;
    const master = this.#settings?.master ?? false;
    const entries: PsEntry[] = [];
    if (master) {
      entries.push({
        user,
        pid: this.#mainPid,
        ppid: this.#detached ? 1 : parent,
        command,
        role: 'master',
      });
      for (const worker of this.#workers)
        entries.push({
          user,
          pid: worker.pid,
          ppid: this.#mainPid,
          command: 'uwsgi',
          role: 'worker',
        });
    } else {
      for (const worker of this.#workers) {
        const main = worker.pid === this.#mainPid;
        entries.push({
          user,
          pid: worker.pid,
          ppid: main ? (this.#detached ? 1 : parent) : this.#mainPid,
          command: main ? command : 'uwsgi',
          role: 'worker',
        });
      }
    }
    if (this.#httpPid !== undefined)
      entries.push({
        user,
        pid: this.#httpPid,
        ppid: this.#mainPid,
        command: 'uwsgi',
        role: 'http',
      });
    return entries;
  }

  /** kill -SIG: the lines it prints in answer (also on the terminal or in its log). */
  signal(signal: UwsgiSignal): readonly string[] {
    if (!this.running) return [];
    const before = this.#terminal.length;
    const settings = this.#settings!;
    try {
      if (signal === 'KILL') {
        this.#stop(false);
        this.#exit(137);
      } else if (!settings.master) this.#signalWithoutMaster(signal);
      else this.#signalMaster(signal);
    } catch (error) {
      if (!(error instanceof Exit)) throw error;
      this.#exit(error.status);
    }
    return this.#terminal.slice(before);
  }

  #signalWithoutMaster(signal: UwsgiSignal): void {
    if (signal === 'QUIT') return;
    if (signal === 'HUP') {
      // the worker is asked to end gracefully; with nobody to respawn it, uWSGI exits
      this.#emit(`Gracefully killing worker 1 (pid: ${this.#mainPid})...`);
      this.#stop(this.#settings!.vacuum);
      this.#exit(17);
      return;
    }
    this.#stop(this.#settings!.vacuum);
    this.#exit(30);
  }

  #signalMaster(signal: UwsgiSignal): void {
    const settings = this.#settings!;
    if (signal === 'INT' || signal === 'QUIT' || (signal === 'TERM' && settings.dieOnTerm)) {
      this.#emit('SIGINT/SIGTERM received...killing workers...');
      if (this.#httpPid !== undefined)
        this.#emit(`gateway "uWSGI http 1" has been buried (pid: ${this.#httpPid})`);
      for (const worker of this.#workers) this.#emit(`worker ${worker.id} buried after 1 seconds`);
      this.#emit('goodbye to uWSGI.');
      this.#stop(settings.vacuum);
      this.#exit(0);
      return;
    }
    // SIGTERM: brutal reload; SIGHUP: graceful reload (core/master_utils.c)
    if (signal === 'TERM') this.#emit('...brutally killing workers...');
    else {
      this.#emit('...gracefully killing workers...');
      for (const worker of this.#workers)
        this.#emit(`Gracefully killing worker ${worker.id} (pid: ${worker.pid})...`);
    }
    for (const worker of this.#workers) this.#emit(`worker ${worker.id} buried after 1 seconds`);
    this.#emit('binary reloading uWSGI...');
    this.#emit(`chdir() to ${this.#options.cwd}`);
    this.#emit(`closing all non-uwsgi socket fds > 2 (max_fd = ${this.#machine.host.maxFds})...`);
    for (const [index, socket] of this.#sockets.entries())
      this.#emit(`found fd ${socket.fd} mapped to socket ${index} (${socket.setting.address})`);
    this.#emit(`running ${this.#options.build.binaryPath}`);
    this.#closeRouters();
    this.#workers = [];
    this.#httpPid = undefined;
    this.#cwd = this.#options.cwd;
    this.#boot(true);
  }

  // -------------------------------------------------------------------- start-up

  #boot(reload: boolean): void {
    const { build, argv } = this.#options;
    const outcome = readUwsgiCommand(argv, { fs: this.#machine.fs, cwd: this.#cwd, build });
    for (const line of outcome.lines) this.#emit(line);
    if (outcome.kind === 'exit') throw new Exit(outcome.status);
    const settings = outcome.settings;
    this.#settings = settings;
    const host = this.#machine.host;
    let umask = host.umask;
    if (!reload && settings.daemonize !== undefined) {
      // daemonize(): the log goes to the file, the umask is 0 and the shell gets its prompt back
      this.#logFile = this.#absolute(settings.daemonize);
      this.#detached = true;
      umask = 0;
    } else if (!reload && settings.logto !== undefined)
      this.#logFile = this.#absolute(settings.logto);
    if (this.#detached) umask = 0;
    this.#emit(
      `*** Starting uWSGI ${build.version} (64bit) on [${ctime(this.#machine.clock.now(), host.utcOffsetMinutes)}] ***`,
    );
    this.#emit(`compiled with version: ${build.compiled}`);
    this.#emit(`os: ${host.os}`);
    this.#emit(`nodename: ${host.nodename}`);
    this.#emit(`machine: ${host.machine}`);
    this.#emit('clock source: unix');
    if (build.pcreLine !== undefined) this.#emit(build.pcreLine);
    this.#emit(`detected number of CPU cores: ${host.cpus}`);
    this.#emit(`current working directory: ${this.#cwd}`);
    if (settings.pidfile !== undefined) {
      this.#emit(`writing pidfile to ${settings.pidfile}`);
      this.#write(this.#absolute(settings.pidfile), `${this.#mainPid}\n`);
    }
    this.#emit(`detected binary path: ${build.binaryPath}`);
    if (build.routingWarning !== undefined) this.#emit(build.routingWarning);
    // uwsgi_as_root is called four times; --chown-socket skips the first (core/uwsgi.c)
    if (settings.chownSocket === undefined) this.#asRoot();
    if (settings.chdir !== undefined) {
      this.#emit(`chdir() to ${settings.chdir}`);
      const target = this.#absolute(settings.chdir);
      if (!this.#isDirectory(target)) {
        this.#emit(
          `chdir(): ${this.#isThere(target) ? 'Not a directory' : 'No such file or directory'} [core/uwsgi.c line 2625]`,
        );
        throw new Exit(1);
      }
      this.#cwd = target;
    }
    if (!settings.master)
      this.#emit('*** WARNING: you are running uWSGI without its master process manager ***');
    this.#emit(`your processes number limit is ${host.processLimit}`);
    this.#emit(`your memory page size is ${host.pageSize} bytes`);
    if (settings.harakiri > 0)
      this.#emit(
        ' *** WARNING: you have enabled harakiri without post buffering. Slow upload could be rejected on post-unbuffered webservers *** ',
      );
    this.#emit(`detected max file descriptor number: ${host.maxFds}`);
    if (settings.staticMaps.length > 0)
      this.#emit(
        `building mime-types dictionary from file /etc/mime.types...${this.#mimeTypeCount()} entry found`,
      );
    this.#emit('lock engine: pthread robust mutexes');
    this.#emit('thunder lock: disabled (you can enable it with --thunder-lock)');
    const serving = settings.sockets.length > 0 || settings.httpRouters.length > 0;
    if (serving) this.#bindAll(settings, reload, umask);
    this.#asRoot();
    // plugins are initialized only with sockets or a master (core/uwsgi.c uwsgi_start)
    const python = settings.plugins.includes('python') && (serving || settings.master);
    let interpreter = '';
    if (python) {
      const init = initPython(settings, this.#machine, this.#cwd);
      for (const line of init.lines) this.#emit(line);
      if (init.kind === 'fatal') {
        this.#closeRouters();
        for (const socket of this.#sockets) this.#machine.net.close(socket.listener);
        throw new Exit(1);
      }
      this.#home = init.home;
      interpreter = init.interpreter;
    }
    this.#asRoot();
    if (!serving) {
      this.#emit('The -s/--socket option is missing and stdin is not a socket.');
      throw new Exit(1);
    }
    if (settings.threads > 1 || (python && settings.enableThreads))
      this.#emit('python threads support enabled');
    this.#emit('your server socket listen backlog is limited to 100 connections');
    this.#emit('your mercy for graceful operations on workers is 60 seconds');
    const cores = Math.max(1, settings.threads);
    if (settings.processes > 0) {
      const total =
        (MAPPED_FIXED + cores * (MAPPED_PER_CORE + settings.bufferSize)) *
        (settings.processes + (settings.master ? 1 : 0));
      this.#emit(
        `mapped ${total} bytes (${Math.floor(total / 1024)} KB) for ${cores * settings.processes} cores`,
      );
    }
    this.#emit(`*** Operational MODE: ${operationalMode(settings)} ***`);
    this.#app = undefined;
    if (python) {
      const loaded = loadPythonApp(
        settings,
        this.#machine,
        this.#cwd,
        this.#home,
        this.#mainPid,
        interpreter,
      );
      for (const line of loaded.lines) this.#emit(line);
      this.#app = loaded.app;
    }
    if (this.#app === undefined) this.#emit('*** no app loaded. going in full dynamic mode ***');
    this.#asRoot();
    if (settings.processes === 0) throw new Exit(0);
    this.#emit('*** uWSGI is running in multiple interpreter mode ***');
    if (!settings.plugins.some((plugin) => PLUGIN_MODELS[plugin]?.modifier1 !== undefined)) {
      this.#emit('!!!!!!!!!!!!!! WARNING !!!!!!!!!!!!!!');
      this.#emit('no request plugin is loaded, you will not be able to manage requests.');
      this.#emit(
        'you may need to install the package for your language of choice, or simply load it with --plugin.',
      );
      this.#emit('!!!!!!!!!!! END OF WARNING !!!!!!!!!!');
    }
    if (settings.master)
      this.#emit(
        `${reload ? 'gracefully (RE)spawned' : 'spawned'} uWSGI master process (pid: ${this.#mainPid})`,
      );
    for (let id = 1; id <= settings.processes; id++) {
      const pid = !settings.master && id === 1 ? this.#mainPid : this.#machine.pids.next();
      this.#workers.push({ id, pid, counters: { appRequests: 0 } });
      const only = !settings.master && settings.processes === 1 ? ' (and the only)' : '';
      this.#emit(`spawned uWSGI worker ${id}${only} (pid: ${pid}, cores: ${cores})`);
    }
    if (settings.master && settings.httpRouters.length > 0) {
      this.#httpPid = this.#machine.pids.next();
      this.#emit(`spawned uWSGI http 1 (pid: ${this.#httpPid})`);
    }
  }

  // uwsgi_as_root (core/utils.c): as root without --uid, the two warnings; with --uid/--gid, drop
  // privileges once (setgid, then setuid) and stay quiet afterwards
  #asRoot(): void {
    if (this.#credentials.uid !== 0) return;
    const settings = this.#settings!;
    const users = this.#machine.users;
    if (settings.uid === undefined) this.#emit(ROOT_LINE);
    let gid: number | undefined;
    let uid: number | undefined;
    let userName: string | undefined;
    if (settings.gid !== undefined) {
      gid = /^\d+$/.test(settings.gid)
        ? Number(settings.gid)
        : users.groupByName(settings.gid)?.gid;
      if (gid === undefined) {
        this.#emit(`group ${settings.gid} not found.`);
        throw new Exit(1);
      }
    }
    if (settings.uid !== undefined) {
      const user = /^\d+$/.test(settings.uid)
        ? users.userById(Number(settings.uid))
        : users.userByName(settings.uid);
      uid = /^\d+$/.test(settings.uid) ? Number(settings.uid) : user?.uid;
      if (uid === undefined) {
        this.#emit(`user ${settings.uid} not found.`);
        throw new Exit(1);
      }
      userName = user?.name;
    }
    if (gid !== undefined) this.#emit(`setgid() to ${gid}`);
    if (uid !== undefined) {
      this.#emit(`setuid() to ${uid}`);
      const user = userName === undefined ? undefined : users.userByName(userName);
      const newGid = gid ?? this.#credentials.gid;
      this.#credentials =
        user === undefined
          ? { uid, gid: newGid, groups: [newGid] }
          : credentialsFor(users, user, newGid);
      return;
    }
    if (gid !== undefined) this.#credentials = { ...this.#credentials, gid, groups: [gid] };
    this.#emit(ROOT_WARNING);
  }

  #bindAll(settings: UwsgiSettings, reload: boolean, umask: number): void {
    const sockets: SocketSetting[] = [...settings.sockets];
    const autoSocket = sockets.length === 0 && settings.httpRouters.length > 0;
    if (autoSocket) sockets.push({ protocol: 'uwsgi', address: '127.0.0.1:0' });
    // the http router binds after the workers' sockets but logs first
    const routerFd = 3 + sockets.length;
    for (const [index, address] of settings.httpRouters.entries())
      this.#bindRouter(address, routerFd + index, settings.master);
    if (!reload) {
      this.#sockets = [];
      for (const [index, setting] of sockets.entries())
        this.#sockets.push(this.#bind(setting, index, 3 + index, settings, umask));
    } else {
      for (const [index, socket] of this.#sockets.entries())
        this.#emit(`uwsgi socket ${index} inherited ${socket.description} fd ${socket.fd}`);
    }
  }

  #bindRouter(address: string, fd: number, master: boolean): void {
    const parsed = parseSocketArgument(address.startsWith(':') ? `0.0.0.0${address}` : address);
    if (parsed?.kind !== 'inet') {
      this.#emit(
        `uwsgi-lab: the simulator's HTTP router listens on HOST:PORT only, not ${address}`,
      );
      throw new Exit(1);
    }
    const result = this.#machine.net.bindInet(parsed.host, parsed.port, {
      server: {
        protocol: 'http',
        exchange: (request, peer, listener, recorder) =>
          this.#route(request, peer.address, listener, recorder),
      },
      owner: { pid: this.#mainPid, command: 'uwsgi' },
      credentials: this.#credentials,
    });
    if (!result.ok) {
      this.#emit(`bind(): ${result.error.text} [core/socket.c line 769]`);
      throw new Exit(1);
    }
    this.#routers.push(result.listener);
    this.#emit(`uWSGI http bound on ${address} fd ${fd}`);
    if (!master) {
      this.#httpPid = this.#machine.pids.next();
      this.#emit(`spawned uWSGI http 1 (pid: ${this.#httpPid})`);
    }
  }

  #bind(
    setting: SocketSetting,
    index: number,
    fd: number,
    settings: UwsgiSettings,
    umask: number,
  ): BoundSocket {
    const net = this.#machine.net;
    const fs = this.#machine.fs;
    const server: StreamServer = {
      protocol: setting.protocol,
      exchange: (
        request: Uint8Array,
        peer: PeerInfo,
        _listener: Listener,
        recorder?: HopRecorder,
      ): StreamReply =>
        this.#serve(
          request,
          setting,
          peer.address.kind === 'inet' ? peer.address.host : '0.0.0.0',
          recorder,
        ),
    };
    const owner = { pid: this.#mainPid, command: 'uwsgi' };
    const parsed = parseSocketArgument(setting.address);
    if (parsed === undefined) {
      this.#emit(`uwsgi-lab: ${setting.address} is not a socket address the simulator understands`);
      throw new Exit(1);
    }
    if (parsed.kind === 'unix') {
      const path = this.#absolute(parsed.path);
      // bind_to_unix: unlink whatever is there first — a stale socket goes silently
      if (this.#isThere(path)) {
        const failure = this.#unlinkError(path);
        if (failure !== undefined)
          this.#emit(`error removing unix socket, unlink(): ${failure} [core/socket.c line 198]`);
        else fs.unlink(path);
      }
      const result = net.bindUnix(path, {
        server,
        owner,
        credentials: this.#credentials,
        mode: 0o777 & ~umask,
      });
      if (!result.ok) {
        this.#emit(`bind(): ${result.error.text} [core/socket.c line 230]`);
        throw new Exit(1);
      }
      if (settings.chmodSocket !== undefined) {
        if (settings.chmodSocket.value === 0) {
          this.#emit('chmod() socket to 666 for lazy and brave users');
          fs.chmod(path, 0o666);
        } else fs.chmod(path, settings.chmodSocket.value & 0o7777);
      }
      if (settings.chownSocket !== undefined) this.#chownSocket(path, settings.chownSocket);
      const description = `UNIX address ${parsed.path}`;
      this.#emit(`uwsgi socket ${index} bound to ${description} fd ${fd}`);
      return { setting, listener: result.listener, description, unixPath: path, fd };
    }
    const result = net.bindInet(parsed.host, parsed.port, {
      server,
      owner,
      credentials: this.#credentials,
    });
    if (!result.ok) {
      if (result.error.code === 'EADDRINUSE')
        this.#emit(
          `probably another instance of uWSGI is running on the same address (${setting.address}).`,
        );
      this.#emit(`bind(): ${result.error.text} [core/socket.c line 769]`);
      throw new Exit(1);
    }
    const bound = result.listener.address;
    const auto = parsed.port === 0 && bound.kind === 'inet';
    const description = auto
      ? `TCP address 127.0.0.1:${bound.port} (port auto-assigned)`
      : `TCP address ${setting.address}`;
    this.#emit(`uwsgi socket ${index} bound to ${description} fd ${fd}`);
    return {
      setting:
        auto && bound.kind === 'inet'
          ? { ...setting, address: `127.0.0.1:${bound.port}` }
          : setting,
      listener: result.listener,
      description,
      unixPath: undefined,
      fd,
    };
  }

  // unlink(2) as this process: write and search on the folder; in a sticky folder (/tmp) only the
  // file's or the folder's owner (or root) may remove it
  #unlinkError(path: string): string | undefined {
    const fs = this.#machine.fs;
    try {
      if (fs.lstat(path).type === 'directory') return 'Is a directory';
      if (this.#credentials.uid === 0) return undefined;
      const folder = path.slice(0, path.lastIndexOf('/')) || '/';
      const dir = fs.stat(folder);
      const file = fs.lstat(path);
      const who = this.#credentials;
      const bits =
        dir.uid === who.uid
          ? dir.mode >> 6
          : dir.gid === who.gid || who.groups.includes(dir.gid)
            ? dir.mode >> 3
            : dir.mode;
      if ((bits & 0o3) !== 0o3) return 'Permission denied';
      if ((dir.mode & 0o1000) !== 0 && file.uid !== who.uid && dir.uid !== who.uid)
        return 'Operation not permitted';
      return undefined;
    } catch (error) {
      if (error instanceof FsError) return undefined;
      throw error;
    }
  }

  #chownSocket(path: string, owner: string): void {
    const users = this.#machine.users;
    const [userPart = '', groupPart] = owner.split(':');
    const user = /^\d+$/.test(userPart) ? undefined : users.userByName(userPart);
    const uid = /^\d+$/.test(userPart) ? Number(userPart) : user?.uid;
    if (uid === undefined) {
      this.#emit(`unable to find user ${userPart}`);
      throw new Exit(1);
    }
    let gid = this.#machine.fs.stat(path).gid;
    if (groupPart !== undefined) {
      const group = /^\d+$/.test(groupPart) ? Number(groupPart) : users.groupByName(groupPart)?.gid;
      if (group === undefined) {
        this.#emit(`unable to find group ${groupPart}`);
        throw new Exit(1);
      }
      gid = group;
    }
    this.#machine.fs.chown(path, uid, gid);
  }

  // -------------------------------------------------------------------- requests

  // Which worker takes a connection: the one that went back to accept() last — with requests one at
  // a time that is always the last worker (what the captures show: worker 2 of 2 served them all).
  #serve(
    request: Uint8Array,
    setting: SocketSetting,
    remoteAddr: string,
    recorder?: HopRecorder,
  ): StreamReply {
    const settings = this.#settings!;
    const worker = this.#workers[this.#workers.length - 1];
    if (worker === undefined || !this.running) return { bytes: new Uint8Array(0), end: 'close' };
    const modifiers = new Set<number>();
    for (const plugin of settings.plugins) {
      const modifier = PLUGIN_MODELS[plugin]?.modifier1;
      if (modifier !== undefined) modifiers.add(modifier);
    }
    const counters = {
      get appRequests() {
        return worker.counters.appRequests;
      },
      set appRequests(value: number) {
        worker.counters.appRequests = value;
      },
      total: this.#total.value,
    };
    const context: WorkerContext = {
      pid: worker.pid,
      bufferSize: settings.bufferSize,
      modifiers,
      app: this.#app,
      threads: settings.threads,
      processes: settings.processes,
      version: this.#options.build.version,
      nodename: this.#machine.host.nodename,
      clock: this.#machine.clock,
      utcOffsetMinutes: this.#machine.host.utcOffsetMinutes,
      log: (line) => this.#emit(line),
      counters,
    };
    const result = serveConnection(
      request,
      setting.protocol,
      context,
      { name: setting.address, remoteAddr },
      recorder,
    );
    this.#total.value = counters.total;
    return result.reply;
  }

  // the HTTP router: the client's HTTP request as a uwsgi packet to the workers' first socket
  #route(
    request: Uint8Array,
    client: { kind: 'unix'; path: string } | { kind: 'inet'; host: string; port: number },
    listener: Listener,
    recorder?: HopRecorder,
  ): StreamReply {
    const port = listener.address.kind === 'inet' ? listener.address.port : 80;
    const packet = routerPacket(
      request,
      this.#machine.host.nodename,
      port,
      client.kind === 'inet'
        ? { address: client.host, port: client.port }
        : { address: '0.0.0.0', port: 0 },
    );
    const socket = this.#sockets[0];
    if (packet === undefined || socket === undefined)
      return { bytes: new Uint8Array(0), end: 'close' };
    return this.#serve(
      packet,
      { protocol: 'uwsgi', address: socket.setting.address },
      '127.0.0.1',
      recorder,
    );
  }

  // -------------------------------------------------------------------- stopping

  #stop(vacuum: boolean): void {
    const net = this.#machine.net;
    this.#closeRouters();
    for (const socket of this.#sockets) net.close(socket.listener);
    if (vacuum) {
      for (const socket of this.#sockets) {
        if (socket.unixPath === undefined) continue;
        try {
          this.#machine.fs.unlink(socket.unixPath);
          this.#emit(`VACUUM: unix socket ${socket.setting.address} removed.`);
        } catch (error) {
          if (!(error instanceof FsError)) throw error;
        }
      }
      const pidfile = this.#settings?.pidfile;
      if (pidfile !== undefined) {
        try {
          this.#machine.fs.unlink(this.#absolute(pidfile));
          this.#emit('VACUUM: pidfile removed.');
        } catch (error) {
          if (!(error instanceof FsError)) throw error;
        }
      }
    }
    this.#sockets = [];
    this.#workers = [];
    this.#httpPid = undefined;
  }

  #closeRouters(): void {
    for (const router of this.#routers) this.#machine.net.close(router);
    this.#routers = [];
  }

  #exit(status: number): void {
    if (this.#exitStatus !== undefined) return;
    if (this.#sockets.length > 0 || this.#routers.length > 0) this.#stop(false);
    this.#exitStatus = status;
  }

  // -------------------------------------------------------------------- output and files

  #emit(line: string): void {
    if (this.#logFile !== undefined) {
      this.#append(this.#logFile, `${line}\n`);
      return;
    }
    this.#terminal.push(line);
    for (const listener of this.#listeners) listener(line);
  }

  #append(path: string, text: string): void {
    try {
      this.#machine.fs.appendFile(path, new TextEncoder().encode(text));
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }

  #write(path: string, text: string): void {
    try {
      this.#machine.fs.writeFile(path, new TextEncoder().encode(text), {
        uid: this.#credentials.uid,
        gid: this.#credentials.gid,
      });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }

  #absolute(path: string): string {
    return path.startsWith('/') ? normalizePath(path) : normalizePath(`${this.#cwd}/${path}`);
  }

  #isThere(path: string): boolean {
    try {
      this.#machine.fs.lstat(path);
      return true;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  #isDirectory(path: string): boolean {
    try {
      return this.#machine.fs.stat(path).type === 'directory';
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  // Debian's /etc/mime.types (media-types): the entries with at least one extension
  #mimeTypeCount(): number {
    try {
      const text = new TextDecoder().decode(this.#machine.fs.readFile('/etc/mime.types'));
      return text.split('\n').filter((line) => !line.startsWith('#') && /^\S+\s+\S/.test(line))
        .length;
    } catch (error) {
      if (error instanceof FsError) return 0;
      throw error;
    }
  }
}

function operationalMode(settings: UwsgiSettings): string {
  if (settings.processes === 0) return 'no-workers';
  if (settings.processes > 1 && settings.threads > 1) return 'preforking+threaded';
  if (settings.threads > 1) return 'threaded';
  if (settings.processes > 1) return 'preforking';
  return 'single process';
}

/** Starts uWSGI on the machine: it has printed its start-up (or its refusal) when this returns. */
export function startUwsgi(machine: UwsgiMachine, options: UwsgiStartOptions): UwsgiProcess {
  return new UwsgiProcess(machine, options);
}
