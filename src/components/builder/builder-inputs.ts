// What the config builder asks for, as the reader typed it (numbers stay text until they are
// checked), the course's defaults (the original tutorial's setup), and the values that follow
// others: the virtualenv, the static folder and the socket sit under the app's folder or carry its
// name until the reader changes them.

export type EntryKind = 'module' | 'wsgi-file';
export type SocketKind = 'unix' | 'tcp';

export interface BuilderInputs {
  /** The app's folder: uWSGI's `chdir`; the ini is saved in it. */
  readonly appDir: string;
  /** How uWSGI finds the app: a module to import, or a file to run. */
  readonly entry: EntryKind;
  /** A Python import path (`app`, `mypkg.app`), for `module`. */
  readonly module: string;
  /** A file, relative to the app's folder or absolute, for `wsgi-file`. */
  readonly wsgiFile: string;
  /** The WSGI object uWSGI calls (`callable`; uWSGI's own default is `application`). */
  readonly callable: string;
  readonly useVenv: boolean;
  readonly venv: string;
  readonly socket: SocketKind;
  readonly socketPath: string;
  /** `HOST:PORT` for a TCP socket. */
  readonly tcpAddress: string;
  readonly processes: string;
  readonly threads: string;
  readonly serverName: string;
  /** The port nginx listens on. */
  readonly port: string;
  /** `try_files $uri @name` in `location /` (the tutorial's), or every request straight to uWSGI. */
  readonly tryFiles: boolean;
  readonly serveStatic: boolean;
  /** The URL prefix nginx serves from the folder (`/static/`). */
  readonly staticUrl: string;
  readonly staticDir: string;
  /** A systemd unit runs uWSGI (lesson 08), or the reader starts it by hand (lesson 03). */
  readonly systemd: boolean;
}

/** The fields a problem can be shown next to. */
export type FieldName =
  | 'appDir'
  | 'module'
  | 'wsgiFile'
  | 'callable'
  | 'venv'
  | 'socketPath'
  | 'tcpAddress'
  | 'processes'
  | 'threads'
  | 'serverName'
  | 'port'
  | 'staticUrl'
  | 'staticDir';

export const FIELD_NAMES: readonly FieldName[] = [
  'appDir',
  'module',
  'wsgiFile',
  'callable',
  'venv',
  'socketPath',
  'tcpAddress',
  'processes',
  'threads',
  'serverName',
  'port',
  'staticUrl',
  'staticDir',
];

/** The app's folder without trailing slashes (`/` stays `/`). */
export function appFolder(inputs: Pick<BuilderInputs, 'appDir'>): string {
  const trimmed = inputs.appDir.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * A short name for the setup, from the app's folder (`helloWorld` → `helloworld`), as lesson 08
 * names its unit (`uwsgi-helloworld.service`), its socket folder and nginx's named location.
 */
export function serviceName(inputs: Pick<BuilderInputs, 'appDir'>): string {
  const folder = appFolder(inputs);
  const last = folder.slice(folder.lastIndexOf('/') + 1).toLowerCase();
  const name = last.replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return name === '' ? 'app' : name;
}

export function defaultVenv(inputs: Pick<BuilderInputs, 'appDir'>): string {
  return `${appFolder(inputs)}/.venv`;
}

export function defaultStaticDir(inputs: Pick<BuilderInputs, 'appDir'>): string {
  return `${appFolder(inputs)}/static/`;
}

/** `/tmp/uwsgi.sock` (lesson 03); with systemd, a folder of the unit's own under /run (lesson 08). */
export function defaultSocketPath(inputs: Pick<BuilderInputs, 'appDir' | 'systemd'>): string {
  return inputs.systemd ? `/run/uwsgi/${serviceName(inputs)}/uwsgi.sock` : '/tmp/uwsgi.sock';
}

const TUTORIAL_DIR = '/home/ubuntu/helloWorld';

/** The original tutorial's setup (lessons 03 and 05). */
export const DEFAULT_INPUTS: BuilderInputs = {
  appDir: TUTORIAL_DIR,
  entry: 'module',
  module: 'app',
  wsgiFile: 'app.py',
  callable: 'app',
  useVenv: true,
  venv: defaultVenv({ appDir: TUTORIAL_DIR }),
  socket: 'unix',
  socketPath: defaultSocketPath({ appDir: TUTORIAL_DIR, systemd: false }),
  tcpAddress: '127.0.0.1:3031',
  processes: '2',
  threads: '2',
  serverName: 'helloworld.haruair.com',
  port: '8080',
  tryFiles: true,
  serveStatic: false,
  staticUrl: '/static/',
  staticDir: defaultStaticDir({ appDir: TUTORIAL_DIR }),
  systemd: false,
};

/**
 * `next` with the values that still hold their default under `previous` moved to the default
 * under `next`: change the app's folder and the virtualenv moves with it, unless it was edited.
 */
export function followDefaults(previous: BuilderInputs, next: BuilderInputs): BuilderInputs {
  const follow = (value: string, before: string, after: string): string =>
    value === before ? after : value;
  return {
    ...next,
    venv: follow(next.venv, defaultVenv(previous), defaultVenv(next)),
    staticDir: follow(next.staticDir, defaultStaticDir(previous), defaultStaticDir(next)),
    socketPath: follow(next.socketPath, defaultSocketPath(previous), defaultSocketPath(next)),
  };
}
