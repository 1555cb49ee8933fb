// What a uWSGI command line and its config files add up to: the settings the model acts on, with
// uWSGI 2.0.21's defaults (core/init.c: buffer-size 4096, one process, one thread).

export type SocketProtocol = 'uwsgi' | 'http';

export interface SocketSetting {
  readonly protocol: SocketProtocol;
  /** As given: `/tmp/uwsgi.sock`, `127.0.0.1:3031`, `:3031`. */
  readonly address: string;
}

export interface UwsgiSettings {
  /** The command as typed (argv), for `ps` and the reload's re-exec. */
  readonly argv: readonly string[];
  readonly sockets: readonly SocketSetting[];
  /** `--http` router addresses (the http plugin). */
  readonly httpRouters: readonly string[];
  readonly chdir: string | undefined;
  readonly module: string | undefined;
  readonly wsgiFile: string | undefined;
  readonly callable: string | undefined;
  /** `home`/`virtualenv`/`venv`/`pyhome`/`-H`. */
  readonly home: string | undefined;
  /** `chmod-socket`: off, or the mode (0 = the lazy 666 of a value-less option). */
  readonly chmodSocket: { readonly value: number } | undefined;
  readonly chownSocket: string | undefined;
  readonly uid: string | undefined;
  readonly gid: string | undefined;
  readonly master: boolean;
  readonly processes: number;
  readonly threads: number;
  readonly enableThreads: boolean;
  readonly vacuum: boolean;
  readonly dieOnTerm: boolean;
  readonly bufferSize: number;
  readonly daemonize: string | undefined;
  readonly logto: string | undefined;
  readonly pidfile: string | undefined;
  readonly harakiri: number;
  readonly maxRequests: number;
  readonly staticMaps: readonly string[];
  readonly strict: boolean;
  /** Loaded plugins by their own names (`python`, `http`, `ping`, `echo`, …), in load order. */
  readonly plugins: readonly string[];
  /** Known options the model does not act on (they are accepted, as uWSGI accepts them). */
  readonly unmodelled: readonly string[];
  /** ini keys uWSGI did not know, silently ignored (no strict mode). */
  readonly ignored: readonly string[];
}

export function defaultSettings(argv: readonly string[]): UwsgiSettings {
  return {
    argv,
    sockets: [],
    httpRouters: [],
    chdir: undefined,
    module: undefined,
    wsgiFile: undefined,
    callable: undefined,
    home: undefined,
    chmodSocket: undefined,
    chownSocket: undefined,
    uid: undefined,
    gid: undefined,
    master: false,
    processes: 1,
    threads: 1,
    enableThreads: false,
    vacuum: false,
    dieOnTerm: false,
    bufferSize: 4096,
    daemonize: undefined,
    logto: undefined,
    pidfile: undefined,
    harakiri: 0,
    maxRequests: 0,
    staticMaps: [],
    strict: false,
    plugins: [],
    unmodelled: [],
    ignored: [],
  };
}
