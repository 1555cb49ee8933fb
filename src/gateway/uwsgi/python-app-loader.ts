// The python plugin's part of start-up (plugins/python/python_plugin.c and pyloader.c): the
// interpreter's lines (version, the virtualenv of `home`, threads), then loading app 0 from
// `module` or `wsgi-file` and `callable` (default `application`) — with the messages uWSGI and
// Python print when the module is missing, the file does not compile, Flask cannot be imported
// from the virtualenv, or the callable is not there. The app is imported once, here: a changed
// app.py is seen only after a restart or a reload.

import { FsError, normalizePath, type MachineFs } from '../fs.ts';
import { findCallable, isStdlib, loadModule, type ModuleLoad } from '../apps/app-module.ts';
import { knownApp } from '../apps/known-apps.ts';
import type { WsgiApp } from '../apps/wsgi-app.ts';
import type { UwsgiMachine } from './uwsgi-machine.ts';
import type { UwsgiSettings } from './uwsgi-settings.ts';

export const PYTHON_VERSION_LINE =
  'Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]';

/** What `home` points at, as the interpreter found it. */
export interface PythonHome {
  /** As given (relative names stay relative in the log lines). */
  readonly given: string;
  readonly path: string;
  /** pyvenv.cfg is there (PEP 405). */
  readonly venv: boolean;
  /** include-system-site-packages = true in pyvenv.cfg. */
  readonly systemSite: boolean;
}

export type PythonInit =
  | {
      readonly kind: 'ok';
      readonly lines: readonly string[];
      readonly home: PythonHome | undefined;
      readonly interpreter: string;
    }
  /** Python could not start (a `home` that is not a folder): uWSGI exits with status 1. */
  | { readonly kind: 'fatal'; readonly lines: readonly string[] };

/** `0x7f1abb160018`-like: where the main interpreter's state lives (differs every run). */
export function interpreterAddress(random: () => number): string {
  const high = (random() & 0xffff).toString(16).padStart(4, '0');
  const digit = (random() & 0xf).toString(16);
  return `0x7f${high}${digit}60018`;
}

export function initPython(
  settings: UwsgiSettings,
  machine: UwsgiMachine,
  cwd: string,
): PythonInit {
  const lines = [PYTHON_VERSION_LINE];
  let home: PythonHome | undefined;
  if (settings.home !== undefined) {
    const given = settings.home;
    const path = given.startsWith('/') ? normalizePath(given) : normalizePath(`${cwd}/${given}`);
    if (!isDirectory(machine.fs, path))
      return {
        kind: 'fatal',
        lines: [...lines, ...homeNotADirectory(given, path, machine.random.next())],
      };
    const config = readText(machine.fs, `${path}/pyvenv.cfg`);
    const venv = config !== undefined;
    if (venv) lines.push(`PEP 405 virtualenv detected: ${given}`);
    lines.push(`Set PythonHome to ${given}`);
    const systemSite =
      config !== undefined && /^\s*include-system-site-packages\s*=\s*true\s*$/im.test(config);
    home = { given, path, venv, systemSite };
  }
  if (settings.threads <= 1 && !settings.enableThreads)
    lines.push(
      '*** Python threads support is disabled. You can enable it with --enable-threads ***',
    );
  const interpreter = interpreterAddress(() => machine.random.next());
  lines.push(`Python main interpreter initialized at ${interpreter}`);
  return { kind: 'ok', lines, home, interpreter };
}

// CPython's dump when PYTHONHOME has no standard library (captured in real-output-shell.md §2.4)
function homeNotADirectory(given: string, absolute: string, random: number): string[] {
  const thread = `0x00007f${(random >>> 0).toString(16).padStart(8, '0').slice(0, 7)}440`;
  return [
    `!!! Python Home is not a directory: ${given} !!!`,
    `Set PythonHome to ${given}`,
    'Python path configuration:',
    `  PYTHONHOME = '${given}'`,
    '  PYTHONPATH = (not set)',
    `  program name = '${given}/bin/python'`,
    '  isolated = 0',
    '  environment = 1',
    '  user site = 1',
    '  safe_path = 0',
    '  import site = 1',
    '  is in build tree = 0',
    `  stdlib dir = '${given}/lib/python3.11'`,
    `  sys._base_executable = '${absolute}/bin/python'`,
    `  sys.base_prefix = '${given}'`,
    `  sys.base_exec_prefix = '${given}'`,
    "  sys.platlibdir = 'lib'",
    `  sys.executable = '${absolute}/bin/python'`,
    `  sys.prefix = '${given}'`,
    `  sys.exec_prefix = '${given}'`,
    '  sys.path = [',
    `    '${given}/lib/python311.zip',`,
    `    '${given}/lib/python3.11',`,
    `    '${given}/lib/python3.11/lib-dynload',`,
    '  ]',
    'Fatal Python error: init_fs_encoding: failed to get the Python codec of the filesystem encoding',
    'Python runtime state: core initialized',
    "ModuleNotFoundError: No module named 'encodings'",
    '',
    `Current thread ${thread} (most recent call first):`,
    '  <no Python frame>',
  ];
}

export interface AppLoad {
  readonly lines: readonly string[];
  readonly app: WsgiApp | undefined;
  /** What was loaded, for people: `module app, callable app`. */
  readonly what: string;
}

/** Loads app 0 (from the folder uWSGI is in after `chdir`). */
export function loadPythonApp(
  settings: UwsgiSettings,
  machine: UwsgiMachine,
  cwd: string,
  home: PythonHome | undefined,
  pid: number,
  interpreter: string,
): AppLoad {
  const lines: string[] = [];
  const canImport = (module: string): boolean => importable(machine, home, module);
  const now = (): number => machine.clock.now();
  let app: WsgiApp | undefined;
  let what: string;
  if (settings.module !== undefined) {
    let module = settings.module;
    let callable = settings.callable ?? 'application';
    const colon = module.indexOf(':');
    if (colon >= 0) {
      callable = module.slice(colon + 1);
      module = module.slice(0, colon);
    }
    what = `module ${module}, callable ${callable}`;
    const found = findModuleFile(machine.fs, cwd, module);
    if (found.kind === 'missing') lines.push(`ModuleNotFoundError: ${found.message}`);
    else {
      const text = readText(machine.fs, found.path) ?? '';
      app = appFrom(
        text,
        { file: found.path, name: module },
        callable,
        canImport,
        now,
        lines,
        undefined,
      );
    }
  } else if (settings.wsgiFile !== undefined) {
    const file = settings.wsgiFile;
    const callable = settings.callable ?? 'application';
    what = `file ${file}, callable ${callable}`;
    const path = file.startsWith('/') ? normalizePath(file) : normalizePath(`${cwd}/${file}`);
    const text = readText(machine.fs, path);
    if (text === undefined) lines.push(`failed to open python file ${file}`);
    else
      app = appFrom(
        text,
        { file, name: `uwsgi_file_${file.replace(/\.py$/, '').replace(/[./]/g, '_')}` },
        callable,
        canImport,
        now,
        lines,
        file,
      );
  } else {
    return { lines, app: undefined, what: 'no module or file given' };
  }
  if (app === undefined)
    lines.push("unable to load app 0 (mountpoint='') (callable not found or import error)");
  else
    lines.push(
      `WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter ${interpreter} pid: ${pid} (default app)`,
    );
  return { lines, app, what };
}

function appFrom(
  text: string,
  source: { readonly file: string; readonly name: string },
  callable: string,
  canImport: (module: string) => boolean,
  now: () => number,
  lines: string[],
  wsgiFile: string | undefined,
): WsgiApp | undefined {
  const known = knownApp(text);
  if (known !== undefined && !canImport('flask')) {
    // the modelled app imports Flask on its first line
    lines.push(
      'Traceback (most recent call last):',
      `  File "${source.file}", line ${firstFlaskImport(text)}, in <module>`,
      `    ${flaskImportText(text)}`,
      "ModuleNotFoundError: No module named 'flask'",
    );
    return undefined;
  }
  if (known !== undefined) {
    if (known.callable !== callable) return missingCallable(lines, wsgiFile);
    return known.make({ file: source.file, now });
  }
  const load: ModuleLoad = loadModule(
    { text, file: source.file, name: source.name },
    { canImport, now },
  );
  if (load.kind === 'exception') {
    lines.push(...load.error.lines());
    if (load.error.syntax !== undefined && wsgiFile !== undefined)
      lines.push(`failed to compile ${wsgiFile}`);
    return undefined;
  }
  if (load.kind === 'unsupported') {
    lines.push(...unsupportedNote(source.file, load.line, load.text, load.what));
    return undefined;
  }
  const found = findCallable(load, callable, { now });
  if (found.kind === 'app') return found.app;
  if (found.kind === 'unsupported') {
    lines.push(...unsupportedNote(source.file, found.line, found.text, found.what));
    return undefined;
  }
  return missingCallable(lines, wsgiFile);
}

// pyloader.c uwsgi_file_loader names "application" whatever the callable is; the module loader says nothing
function missingCallable(lines: string[], wsgiFile: string | undefined): undefined {
  if (wsgiFile !== undefined)
    lines.push(`unable to find "application" callable in file ${wsgiFile}`);
  return undefined;
}

/** The simulator's own note, marked as such, for an app.py outside what it can run. */
export function unsupportedNote(file: string, line: number, text: string, what: string): string[] {
  return [
    `uwsgi-lab: ${file} line ${line}: the simulator does not run ${what}${text === '' ? '' : `: ${text}`}`,
    'uwsgi-lab: it runs Flask apps whose views return literal values, f-strings, request.args/form/get_json() and jsonify(...), and raw WSGI application(environ, start_response) functions; real Python would import this file.',
  ];
}

function firstFlaskImport(text: string): number {
  const index = text
    .split('\n')
    .findIndex((line) => /^\s*(from\s+flask\s+import|import\s+flask)/.test(line));
  return index < 0 ? 1 : index + 1;
}

function flaskImportText(text: string): string {
  return (text.split('\n')[firstFlaskImport(text) - 1] ?? '').trim();
}

type ModuleFile =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'missing'; readonly message: string };

// importlib on sys.path = [the current folder]: a.b.c → a/b/c.py or a/b/c/__init__.py, each
// parent a package
function findModuleFile(fs: MachineFs, cwd: string, module: string): ModuleFile {
  const parts = module.split('.');
  let folder = cwd;
  for (const [index, part] of parts.entries()) {
    const soFar = parts.slice(0, index + 1).join('.');
    const last = index === parts.length - 1;
    const packageInit = `${folder}/${part}/__init__.py`;
    const file = `${folder}/${part}.py`;
    if (isFile(fs, packageInit)) {
      if (last) return { kind: 'file', path: packageInit };
      folder = `${folder}/${part}`;
      continue;
    }
    if (isFile(fs, file)) {
      if (last) return { kind: 'file', path: file };
      return {
        kind: 'missing',
        message: `No module named '${parts.slice(0, index + 2).join('.')}'; '${soFar}' is not a package`,
      };
    }
    return { kind: 'missing', message: `No module named '${soFar}'` };
  }
  return { kind: 'missing', message: `No module named '${module}'` };
}

function importable(machine: UwsgiMachine, home: PythonHome | undefined, module: string): boolean {
  if (isStdlib(module)) return true;
  if (home === undefined || !home.venv) return machine.systemPythonModules.has(module);
  const site = `${home.path}/lib/python3.11/site-packages`;
  if (isDirectory(machine.fs, `${site}/${module}`) || isFile(machine.fs, `${site}/${module}.py`))
    return true;
  return home.systemSite && machine.systemPythonModules.has(module);
}

function isDirectory(fs: MachineFs, path: string): boolean {
  try {
    return fs.stat(path).type === 'directory';
  } catch (error) {
    if (error instanceof FsError) return false;
    throw error;
  }
}

function isFile(fs: MachineFs, path: string): boolean {
  try {
    return fs.stat(path).type === 'file';
  } catch (error) {
    if (error instanceof FsError) return false;
    throw error;
  }
}

function readText(fs: MachineFs, path: string): string | undefined {
  try {
    return new TextDecoder().decode(fs.readFile(path));
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
}
