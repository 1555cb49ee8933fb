// Reading a uWSGI command line the way uWSGI 2.0.21 does (core/init.c uwsgi_commandline_config,
// core/config.c add_exported_option / uwsgi_configure): getopt over the options known *so far*,
// each option "exported" in order; the immediate ones (`plugin`, `ini`, `strict`, …) act at once,
// so `--plugin python3` must come before `--module`; arguments that are not options are config
// files (`uwsgi uwsgi.ini`), read after all options; then every exported option is applied in
// order — an ini key uWSGI does not know is skipped without a word, unless strict mode is on
// (`[strict-mode] unknown config directive: …`). Messages are uWSGI's and glibc's, verbatim.

import { FsError, normalizePath, type MachineFs } from '../fs.ts';
import { PLUGIN_MODELS, type UwsgiBuild } from './builds.ts';
import { GetoptLong } from './getopt.ts';
import { readIni, splitIniName } from './ini-file.ts';
import { findOption, optionGroup, type OptionGroup, type OptionSpec } from './option-specs.ts';
import { defaultSettings, type SocketSetting, type UwsgiSettings } from './uwsgi-settings.ts';

export interface CommandContext {
  readonly fs: MachineFs;
  /** The directory uWSGI was started in (config file names are relative to it). */
  readonly cwd: string;
  readonly build: UwsgiBuild;
}

export type CommandOutcome =
  /** Ready to start: the lines printed so far (config files read, plugin errors…). */
  | { readonly kind: 'start'; readonly lines: readonly string[]; readonly settings: UwsgiSettings }
  /** uWSGI printed these lines and exited (refused options, `--version`, a bad config file). */
  | { readonly kind: 'exit'; readonly lines: readonly string[]; readonly status: number };

class Exit {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

interface Exported {
  readonly key: string;
  readonly value: string | undefined;
  configured: boolean;
}

// Options the model acts on; every other known option is accepted and listed as unmodelled.
type Handler = (state: CommandState, value: string | undefined, key: string) => void;

export function readUwsgiCommand(argv: readonly string[], context: CommandContext): CommandOutcome {
  const state = new CommandState(argv, context);
  try {
    state.run();
  } catch (error) {
    if (error instanceof Exit) return { kind: 'exit', lines: state.lines, status: error.status };
    throw error;
  }
  return { kind: 'start', lines: state.lines, settings: state.settings() };
}

class CommandState {
  readonly lines: string[] = [];
  readonly #argv: readonly string[];
  readonly #context: CommandContext;
  readonly #exported: Exported[] = [];
  #table: OptionSpec[] = [];
  readonly #groups: OptionGroup[] = ['core'];
  readonly plugins: string[] = [];
  strict = false;
  // settings being built
  sockets: SocketSetting[] = [];
  httpRouters: string[] = [];
  strings = new Map<string, string>();
  flags = new Map<string, boolean>();
  numbers = new Map<string, number>();
  chmod: { value: number } | undefined;
  staticMaps: string[] = [];
  unmodelled: string[] = [];
  ignored: string[] = [];

  constructor(argv: readonly string[], context: CommandContext) {
    this.#argv = argv;
    this.#context = context;
    for (const plugin of context.build.embedded) this.#addPlugin(plugin);
    this.#rebuild();
  }

  run(): void {
    const getopt = new GetoptLong(this.#argv);
    for (;;) {
      const result = getopt.next(this.#table);
      if (result.kind === 'error') {
        this.lines.push(result.message, 'getopt_long() error');
        throw new Exit(1);
      }
      if (result.kind === 'end') {
        for (const operand of result.operands)
          if (!operand.startsWith('[')) this.#loadConfig(operand);
        break;
      }
      this.#export(result.name, result.value);
    }
    this.#configure();
  }

  settings(): UwsgiSettings {
    const base = defaultSettings(this.#argv);
    const string = (key: string): string | undefined => this.strings.get(key);
    return {
      ...base,
      sockets: this.sockets,
      httpRouters: this.httpRouters,
      chdir: string('chdir'),
      module: string('module'),
      wsgiFile: string('wsgi-file'),
      callable: string('callable'),
      home: string('home'),
      chmodSocket: this.chmod,
      chownSocket: string('chown-socket'),
      uid: string('uid'),
      gid: string('gid'),
      master: this.flags.get('master') ?? false,
      processes: this.numbers.get('processes') ?? 1,
      threads: this.numbers.get('threads') ?? 1,
      enableThreads: this.flags.get('enable-threads') ?? false,
      vacuum: this.flags.get('vacuum') ?? false,
      dieOnTerm: this.flags.get('die-on-term') ?? false,
      bufferSize: this.numbers.get('buffer-size') ?? 4096,
      daemonize: string('daemonize'),
      logto: string('logto'),
      pidfile: string('pidfile'),
      harakiri: this.numbers.get('harakiri') ?? 0,
      maxRequests: this.numbers.get('max-requests') ?? 0,
      staticMaps: this.staticMaps,
      strict: this.strict,
      plugins: this.plugins,
      unmodelled: this.unmodelled,
      ignored: this.ignored,
    };
  }

  // add_exported_option: look the key up now (strict mode refuses an unknown one at once), turn the
  // master on for options that need it, and apply an immediate option straight away
  #export(key: string, value: string | undefined): void {
    const entry: Exported = { key, value, configured: false };
    this.#exported.push(entry);
    const spec = this.#lookup(key);
    if (spec === undefined) return;
    if (spec.master) this.flags.set('master', true);
    if (spec.immediate) {
      this.#apply(spec, value);
      entry.configured = true;
    }
  }

  // uwsgi_opt_get: an unknown name is fatal in strict mode
  #lookup(key: string): OptionSpec | undefined {
    const spec = findOption(this.#table, key);
    if (spec === undefined && this.strict) {
      this.lines.push(`[strict-mode] unknown config directive: ${key}`);
      throw new Exit(1);
    }
    return spec;
  }

  // uwsgi_configure: every option not applied yet, in order
  #configure(): void {
    for (const entry of this.#exported) {
      if (entry.configured) continue;
      const spec = this.#lookup(entry.key);
      entry.configured = true;
      if (spec === undefined) {
        this.ignored.push(entry.key);
        continue;
      }
      this.#apply(spec, entry.value);
    }
  }

  #apply(spec: OptionSpec, value: string | undefined): void {
    const handler = HANDLERS[spec.name];
    if (handler === undefined) {
      if (!this.unmodelled.includes(spec.name)) this.unmodelled.push(spec.name);
      return;
    }
    handler(this, value, spec.name);
  }

  // uwsgi_opt_load: a config file named on the command line (or by `ini`/`include`)
  loadConfig(name: string): void {
    this.#loadConfig(name);
  }

  #loadConfig(name: string): void {
    if (name.endsWith('.ini') || /\.ini:[^/]*$/.test(name)) {
      this.loadIni(name);
      return;
    }
    for (const [suffix, kind] of [
      ['.xml', 'XML'],
      ['.yaml', 'YAML'],
      ['.yml', 'YAML'],
      ['.json', 'JSON'],
      ['.js', 'JSON'],
    ] as const) {
      if (name.endsWith(suffix)) {
        // SIMPLIFIED: Debian's build reads these formats too; the simulator reads ini files only
        this.lines.push(
          `uwsgi-lab: ${name} is a ${kind} config file; this simulator reads uWSGI ini files only`,
        );
        throw new Exit(1);
      }
    }
    this.lines.push(`unable to load configuration from ${name}`);
    throw new Exit(1);
  }

  loadIni(name: string): void {
    const { file, section } = splitIniName(name);
    const path = file.startsWith('/') ? file : normalizePath(`${this.#context.cwd}/${file}`);
    // config_magic_table_fill: realpath() of the file first
    let text: string;
    try {
      if (this.#context.fs.stat(path).type === 'directory') throw new FsError('EISDIR', path);
      text = new TextDecoder().decode(this.#context.fs.readFile(path));
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        this.lines.push(
          `realpath() of ${file} failed: ${error.code === 'ENOENT' ? 'No such file or directory' : 'Not a directory'} [core/utils.c line 3662]`,
        );
      } else {
        this.lines.push(`open("${file}"): ${fsErrorText(error)} [core/utils.c line 3625]`);
      }
      throw new Exit(1);
    }
    this.lines.push(`[uWSGI] getting INI configuration from ${file}`);
    const read = readIni(expandMagic(text, path), section);
    for (const entry of read.entries) this.#export(entry.key, entry.value);
    if (!read.gotSection)
      this.lines.push(
        `*** WARNING: Can't find section "${section}" in INI configuration file ${file} ***`,
      );
  }

  get binaryPath(): string {
    return this.#context.build.binaryPath;
  }

  get buildVersion(): string {
    return this.#context.build.version;
  }

  exit(status: number): never {
    throw new Exit(status);
  }

  // uwsgi_load_plugin: NAME_plugin.so in the build's plugin folder; a plugin with the same own name
  // as one already loaded is dropped silently
  loadPlugin(raw: string): void {
    const name = raw.trim();
    if (name === '') return;
    const file = name.endsWith('_plugin.so') ? name : `${name}_plugin.so`;
    const fs = this.#context.fs;
    let path: string;
    if (file.includes('/')) path = file;
    else path = `${this.#context.build.pluginDir}/${file}`;
    const absolute = path.startsWith('/') ? path : normalizePath(`${this.#context.cwd}/${path}`);
    let real: string;
    try {
      if (fs.stat(absolute).type !== 'file') throw new FsError('ENOENT', absolute);
      real = realName(fs, absolute);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      if (file.includes('/')) {
        this.lines.push(`${path}: cannot open shared object file: No such file or directory`);
      } else {
        this.lines.push(`open("${path}"): No such file or directory [core/utils.c line 3731]`);
        this.lines.push(
          `!!! UNABLE to load uWSGI plugin: ${path}: cannot open shared object file: No such file or directory !!!`,
        );
      }
      return;
    }
    const stem = real.replace(/_plugin\.so$/, '');
    this.#addPlugin(stem);
    this.#rebuild();
  }

  #addPlugin(stem: string): void {
    if (stem === 'pip-extra') {
      this.#groups.push('pip-extra');
      return;
    }
    const model = PLUGIN_MODELS[stem];
    const name = model?.name ?? stem;
    if (this.plugins.includes(name)) return;
    this.plugins.push(name);
    if (model?.options !== undefined) this.#groups.push(model.options);
  }

  // build_options: the core's options, then request plugins by modifier1, then generic plugins
  #rebuild(): void {
    const order: OptionGroup[] = ['core', 'python', 'ping', 'http', 'pip-extra'];
    this.#table = order
      .filter((group) => this.#groups.includes(group))
      .flatMap((group) => optionGroup(group));
  }
}

// The real file behind a plugin path (python3_plugin.so → … → python311_plugin.so), whose name
// uWSGI falls back to for the plugin's symbol.
function realName(fs: MachineFs, path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    if (fs.lstat(current).type !== 'symlink') break;
    const target = fs.readLink(current);
    current = target.startsWith('/')
      ? target
      : normalizePath(`${current.slice(0, current.lastIndexOf('/'))}/${target}`);
  }
  return current.slice(current.lastIndexOf('/') + 1);
}

function fsErrorText(error: FsError): string {
  return error.message.slice(error.path.length + 2);
}

// The magic variables uWSGI expands in a config file (core/utils.c config_magic_table_fill):
// %d its folder (with a trailing /), %p its path, %s its name, %n the name without extension,
// %e the extension, %c the folder's own name, %% a percent sign.
function expandMagic(text: string, path: string): string {
  const cut = path.lastIndexOf('/');
  const folder = path.slice(0, cut + 1);
  const name = path.slice(cut + 1);
  const dot = name.lastIndexOf('.');
  const values: Readonly<Record<string, string>> = {
    d: folder,
    p: path,
    s: name,
    n: dot < 0 ? name : name.slice(0, dot),
    e: dot < 0 ? '' : name.slice(dot + 1),
    c: folder.replace(/\/$/, '').slice(folder.replace(/\/$/, '').lastIndexOf('/') + 1),
    '%': '%',
  };
  return text.replace(/%([dpsnec%])/g, (_match, key: string) => values[key] ?? '');
}

// SIMPLIFIED: uwsgi_help prints every option with its description; the simulator has the names only
function showHelp(state: CommandState): void {
  state.lines.push(`Usage: ${state.binaryPath} [options...]`);
  state.lines.push(
    "uwsgi-lab: the simulator does not reproduce uWSGI's option descriptions; `uwsgi --help` on a real machine lists them",
  );
  state.exit(0);
}

// uwsgi_opt_true: any value but false/off/no/0 means true
function truthy(value: string | undefined): boolean {
  if (value === undefined) return true;
  const lower = value.toLowerCase();
  return !(lower === 'false' || lower === 'off' || lower === 'no' || value === '0');
}

// atoi(3): leading blanks, a sign, digits; anything else ends it (0 when there are none)
function atoi(value: string): number {
  const match = /^[ \t\n\v\f\r]*([-+]?\d+)/.exec(value);
  return match === null ? 0 : Number.parseInt(match[1]!, 10);
}

function setInt(key: string): Handler {
  return (state, value, optionName) => {
    const number = value === undefined ? 1 : atoi(value);
    if (number < 0) {
      state.lines.push(`invalid value for option "${optionName}": must be > 0`);
      state.exit(1);
    }
    state.numbers.set(key, number);
  };
}

function setString(key: string): Handler {
  return (state, value) => {
    if (value !== undefined) state.strings.set(key, value);
  };
}

function setFlag(key: string): Handler {
  return (state, value) => void state.flags.set(key, truthy(value));
}

function addSocket(protocol: 'uwsgi' | 'http'): Handler {
  return (state, value) => {
    if (value !== undefined) state.sockets.push({ protocol, address: value });
  };
}

// uwsgi_opt_chmod_socket: no value (command line) or "1" means the lazy 666; otherwise exactly
// three octal digits, shifted onto whatever an earlier chmod-socket left (uWSGI does not reset it)
const chmodSocket: Handler = (state, value) => {
  const previous = state.chmod?.value ?? 0;
  if (value === undefined || value === '1') {
    state.chmod = { value: previous };
    return;
  }
  if (!/^[0-7]{3}$/.test(value)) {
    state.lines.push(`invalid chmod value: ${value}`);
    state.exit(1);
  }
  let mode = previous;
  for (const digit of value) mode = (mode << 3) + Number(digit);
  state.chmod = { value: mode };
};

// uwsgi_opt_set_16bit: strtoul, capped at 65535; no value means 1
const bufferSize: Handler = (state, value) => {
  const match = value === undefined ? undefined : /^\s*\+?(\d+)/.exec(value);
  const number =
    value === undefined
      ? 1
      : match === null || match === undefined
        ? 0
        : Math.min(65535, Number(match[1]));
  state.numbers.set('buffer-size', number);
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  socket: addSocket('uwsgi'),
  'uwsgi-socket': addSocket('uwsgi'),
  'http-socket': addSocket('http'),
  http: (state, value) => {
    if (value !== undefined) state.httpRouters.push(value);
  },
  chdir: setString('chdir'),
  module: setString('module'),
  wsgi: setString('module'),
  'wsgi-file': setString('wsgi-file'),
  file: setString('wsgi-file'),
  callable: setString('callable'),
  home: setString('home'),
  virtualenv: setString('home'),
  venv: setString('home'),
  pyhome: setString('home'),
  'chmod-socket': chmodSocket,
  'chown-socket': setString('chown-socket'),
  uid: setString('uid'),
  gid: setString('gid'),
  master: setFlag('master'),
  processes: setInt('processes'),
  workers: setInt('processes'),
  threads: setInt('threads'),
  'enable-threads': setFlag('enable-threads'),
  vacuum: setFlag('vacuum'),
  'die-on-term': setFlag('die-on-term'),
  'buffer-size': bufferSize,
  daemonize: setString('daemonize'),
  logto: setString('logto'),
  pidfile: setString('pidfile'),
  harakiri: setInt('harakiri'),
  'max-requests': setInt('max-requests'),
  'static-map': (state, value) => {
    if (value === undefined) return;
    state.staticMaps.push(value);
    const equal = value.indexOf('=');
    if (equal < 0) {
      state.lines.push(`invalid static map syntax: ${value}`);
      state.exit(1);
    }
    state.lines.push(
      `[uwsgi-static] added mapping for ${value.slice(0, equal)} => ${value.slice(equal + 1)}`,
    );
  },
  strict: (state, value) => {
    state.strict = truthy(value);
  },
  plugin: (state, value) => {
    for (const name of (value ?? '').split(',')) state.loadPlugin(name);
  },
  plugins: (state, value) => {
    for (const name of (value ?? '').split(',')) state.loadPlugin(name);
  },
  ini: (state, value) => {
    if (value !== undefined) state.loadIni(value);
  },
  include: (state, value) => {
    if (value !== undefined) state.loadConfig(value);
  },
  help: (state) => showHelp(state),
  usage: (state) => showHelp(state),
  version: (state) => {
    state.lines.push(state.buildVersion);
    state.exit(0);
  },
};
