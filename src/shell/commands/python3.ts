// python3 (Debian 12's /usr/bin/python3.11, Python 3.11.2), started as itself or through a venv's
// bin/python links — which Python it is decides what it imports (python-environment.ts). What the
// course does with it: `--version`; `-m venv DIR` (with or without python3-venv's ensurepip,
// real-output-shell.md §1.3/§1.4); `-m pip`; a venv's pip launcher script (bin/pip runs through
// its python); `-c` with imports and prints (§1.4's `import flask; print(flask.__file__)`); and
// `python3 app.py`, which runs Flask's development server in the foreground until Ctrl-C.
// SIMPLIFIED: there is no interactive interpreter and no general Python; the simulator says so.

import type { CommandOutcome } from '../bash/command-runner.ts';
import type { SignalName } from '../bash/signals.ts';
import { createVenv } from '../machine/python-venv.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import {
  devServerPlan,
  FlaskDevServer,
  loadScriptApp,
  werkzeugVersion,
  type DevServerPlan,
} from '../programs/flask-dev-server.ts';
import { hasPip, installedDistributions, runPip } from '../programs/pip-program.ts';
import {
  moduleLocation,
  pythonEnvironment,
  type PythonEnvironment,
} from '../programs/python-environment.ts';

const PYTHON_VERSION = 'Python 3.11.2';
/** python3.11-venv's ensurepip: without it Debian's venv stops half-way (§1.3). */
const ENSUREPIP = '/usr/lib/python3.11/ensurepip/__init__.py';
/** `python3 -m venv` takes about 2.5 s (it runs ensurepip, §1.4). */
const VENV_MS = 2_500;

const VENV_USAGE = `usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear]
            [--upgrade] [--without-pip] [--prompt PROMPT] [--upgrade-deps]
            ENV_DIR [ENV_DIR ...]
`;

interface Interpreter {
  readonly context: ProgramContext;
  /** sys.executable: the path it was started as (`/usr/bin/python3`, `…/.venv/bin/python`). */
  readonly executable: string;
  readonly env: PythonEnvironment;
}

export const python3: CommandDefinition = {
  name: 'python3',
  programs: ['/usr/bin/python3.11'],
  options: ['-m', '-c', '--version', '-V'],
  run: (context) => {
    const executable = context.executable ?? '/usr/bin/python3';
    const python: Interpreter = {
      context,
      executable,
      env: pythonEnvironment(context.machine, executable),
    };
    return runPython(python, context.argv.slice(1));
  },
};

async function runPython(python: Interpreter, args: readonly string[]): Promise<CommandOutcome> {
  const { context } = python;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-V' || arg === '--version') {
      context.stdout.write(`${PYTHON_VERSION}\n`);
      return 0;
    }
    if (arg === '-m' || arg === '-c') {
      const value = args[i + 1];
      if (value === undefined) return argumentExpected(python, arg);
      return arg === '-m' ? runModule(python, value, args.slice(i + 2)) : runCode(python, value);
    }
    if (/^-m./.test(arg)) return runModule(python, arg.slice(2), args.slice(i + 1));
    if (/^-c./.test(arg)) return runCode(python, arg.slice(2));
    if (/^-[BEIOqsSuv]+$/.test(arg)) continue;
    if (arg === '-X' || arg === '-W') {
      if (args[i + 1] === undefined) return argumentExpected(python, arg);
      i++;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      // CPython's getopt: `Unknown option: -Z` for a short one, `unknown option --foo` for a long one
      const what = arg.startsWith('--')
        ? `unknown option ${arg}`
        : `Unknown option: ${arg.slice(0, 2)}`;
      context.stderr.write(
        `${what}\nusage: ${python.executable} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`,
      );
      return 2;
    }
    return runFile(python, arg, args.slice(i + 1));
  }
  context.stderr.write(
    'uwsgi-lab: the simulator has no interactive Python; run a file, -m venv, -m pip or -c\n',
  );
  return 1;
}

function argumentExpected(python: Interpreter, option: string): number {
  python.context.stderr.write(
    `Argument expected for the ${option} option\nusage: ${python.executable} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`,
  );
  return 2;
}

// ------------------------------------------------------------------------------------ -m

async function runModule(
  python: Interpreter,
  module: string,
  args: readonly string[],
): Promise<CommandOutcome> {
  const { context } = python;
  if (module === 'venv') return makeVenv(python, args);
  if (module === 'pip') {
    if (!hasPip(context.machine, python.env)) {
      context.stderr.write(`${python.executable}: No module named pip\n`);
      return 1;
    }
    return runPip({ context, python: python.env, args });
  }
  if (moduleLocation(context.machine, python.env, module) === undefined) {
    context.stderr.write(`${python.executable}: No module named ${module}\n`);
    return 1;
  }
  if (module === 'flask') return runFlaskCli(python, args);
  context.stderr.write(`uwsgi-lab: python3 -m ${module} is not part of the simulation\n`);
  return 1;
}

function makeVenv(python: Interpreter, args: readonly string[]): number {
  const { context } = python;
  const { machine, stdout, stderr } = context;
  let systemSite = false;
  let withoutPip = false;
  let clear = false;
  let prompt: string | undefined;
  const dirs: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--system-site-packages') systemSite = true;
    else if (arg === '--without-pip') withoutPip = true;
    else if (arg === '--clear') clear = true;
    else if (arg === '--prompt' && args[i + 1] !== undefined) prompt = args[++i];
    else if (arg.startsWith('--prompt=')) prompt = arg.slice('--prompt='.length);
    else if (arg === '--symlinks') continue;
    else if (arg === '-h' || arg === '--help') {
      stdout.write(VENV_USAGE);
      return 0;
    } else if (arg.startsWith('-')) unknown.push(arg);
    else dirs.push(arg);
  }
  if (dirs.length === 0 || unknown.length > 0) {
    stderr.write(
      `${VENV_USAGE}venv: error: ${dirs.length === 0 ? 'the following arguments are required: ENV_DIR' : `unrecognized arguments: ${unknown.join(' ')}`}\n`,
    );
    return 2;
  }
  const ensurepip = machine.fs.tryStat(ENSUREPIP)?.type === 'file';
  const umask = context.shell.state.umask;
  for (const dir of dirs) {
    const path = context.resolve(dir);
    machine.clock.advance(VENV_MS);
    if (clear) clearFolder(context, path);
    // pyvenv.cfg's command: sys.executable and the options, in venv's order (Python 3.11)
    const recorded = [
      ...(withoutPip ? ['--without-pip'] : []),
      ...(systemSite ? ['--system-site-packages'] : []),
      ...(clear ? ['--clear'] : []),
      ...(prompt === undefined ? [] : [`--prompt="${prompt}"`]),
    ];
    createVenv(machine.fs, path, {
      systemSitePackages: systemSite,
      withPip: ensurepip && !withoutPip,
      umask,
      command: [python.executable, '-m', 'venv', ...recorded, path].join(' '),
      ...(prompt === undefined ? {} : { prompt }),
    });
    if (!ensurepip && !withoutPip) {
      // Debian's patch to venv, on stdout (§1.3)
      stdout.write(`The virtual environment was not created successfully because ensurepip is not
available.  On Debian/Ubuntu systems, you need to install the python3-venv
package using the following command.

    apt install python3.11-venv

You may need to use sudo with that command.  After installing the python3-venv
package, recreate your virtual environment.

Failing command: ${path}/bin/python3

`);
      return 1;
    }
  }
  return 0;
}

/** `--clear`: what the folder held goes first (venv's clear_directory). */
function clearFolder(context: ProgramContext, path: string): void {
  const fs = context.machine.fs;
  const remove = (at: string): void => {
    const stat = fs.tryLstat(at);
    if (stat === undefined) return;
    if (stat.kind === 'directory') {
      for (const name of fs.readDir(at)) remove(`${at}/${name}`);
      fs.rmdir(at);
    } else fs.unlink(at);
  };
  if (fs.tryStat(path)?.type === 'directory')
    for (const name of fs.readDir(path)) remove(`${path}/${name}`);
}

// ------------------------------------------------------------------------------------ -c

/**
 * `-c`: the statements the course types (`import flask`, `print(flask.__file__)`, printing a
 * string). SIMPLIFIED: anything else is named as outside the simulation.
 */
function runCode(python: Interpreter, code: string): number {
  const { context } = python;
  const statements = code
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const imported = new Map<string, string>();
  for (const statement of statements) {
    const plain = /^import\s+([\w.]+(?:\s*,\s*[\w.]+)*)$/.exec(statement);
    const from = /^from\s+([\w.]+)\s+import\s+[\w, ]+$/.exec(statement);
    const modules = plain?.[1]?.split(/\s*,\s*/) ?? (from === null ? undefined : [from[1]!]);
    if (modules !== undefined) {
      for (const module of modules) {
        const location = moduleLocation(context.machine, python.env, module);
        if (location === undefined) {
          const top = module.split('.')[0]!;
          context.stderr.write(
            `Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nModuleNotFoundError: No module named '${top}'\n`,
          );
          return 1;
        }
        imported.set(module, location);
      }
      continue;
    }
    const printFile = /^print\(\s*([\w.]+)\.__file__\s*\)$/.exec(statement);
    if (printFile !== null && imported.has(printFile[1]!)) {
      context.stdout.write(`${imported.get(printFile[1]!)!}\n`);
      continue;
    }
    const printText = /^print\(\s*(['"])(.*)\1\s*\)$/.exec(statement);
    if (printText !== null) {
      context.stdout.write(`${printText[2]!}\n`);
      continue;
    }
    if (statement === 'pass') continue;
    context.stderr.write(
      `uwsgi-lab: python3 -c: the simulator runs imports and print() of a module's __file__ or a string, not: ${statement}\n`,
    );
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------- files

async function runFile(
  python: Interpreter,
  file: string,
  args: readonly string[],
): Promise<CommandOutcome> {
  const { context } = python;
  const fs = context.machine.fs;
  const path = context.resolve(file);
  const stat = fs.tryStat(path);
  if (stat === undefined) {
    context.stderr.write(
      `${python.executable}: can't open file '${path}': [Errno 2] No such file or directory\n`,
    );
    return 2;
  }
  if (stat.type === 'directory') {
    context.stderr.write(`${python.executable}: can't find '__main__' module in '${file}'\n`);
    return 1;
  }
  const text = fs.readText(path);
  // a console-script launcher (a venv's bin/pip, pip3…)
  if (/^from pip\._internal\.cli\.main import main$/m.test(text))
    return runPip({ context, python: python.env, args });
  // a venv's bin/flask
  if (/^from flask\.cli import main$/m.test(text)) return runFlaskCli(python, args);
  const plan = devServerPlan(text);
  const loaded = loadScriptApp(context.machine, python.env, path, text, plan?.callable ?? 'app');
  if (loaded.kind === 'error') {
    const last = loaded.lines.at(-1) ?? '';
    // a script that defines no `app` and runs no server has simply finished
    if (plan === undefined && last.startsWith('NameError: name ')) return 0;
    for (const line of loaded.lines) context.stderr.write(`${line}\n`);
    return 1;
  }
  if (plan === undefined) return 0;
  return serve(python, path, plan, loaded.app);
}

// ------------------------------------------------------------------------------- flask CLI

const FLASK_NOT_FOUND = `Usage: flask run [OPTIONS]
Try 'flask run --help' for help.

Error: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.
`;

/**
 * `flask [--app NAME] run [--host H] [--port P]` and `flask --version` (bin/flask or
 * `python3 -m flask`): the app is found as Flask's CLI finds it (--app, FLASK_APP, else app.py or
 * wsgi.py here) and served by the development server. SIMPLIFIED: other commands and options
 * are named as outside the simulation.
 */
async function runFlaskCli(python: Interpreter, args: readonly string[]): Promise<CommandOutcome> {
  const { context } = python;
  const { machine, stdout, stderr } = context;
  let appName = context.env.get('FLASK_APP');
  let command: string | undefined;
  let host = '127.0.0.1';
  let port = 5000;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--version') {
      const version = (name: string): string =>
        installedDistributions(machine, python.env).find((d) => d.key === name)?.version ?? '?';
      stdout.write(`Python 3.11.2\nFlask ${version('flask')}\nWerkzeug ${version('werkzeug')}\n`);
      return 0;
    }
    if (arg === '--app' || arg === '-A') appName = args[++i];
    else if (arg.startsWith('--app=')) appName = arg.slice('--app='.length);
    else if (command === 'run' && (arg === '--host' || arg === '-h')) host = args[++i] ?? host;
    else if (command === 'run' && (arg === '--port' || arg === '-p')) port = Number(args[++i]);
    else if (command === undefined && !arg.startsWith('-')) command = arg;
    else {
      stderr.write(
        `uwsgi-lab: flask ${arg}: not part of the simulation (flask run, --app, --version)\n`,
      );
      return 2;
    }
  }
  if (command !== 'run') {
    stderr.write('uwsgi-lab: the simulator runs `flask run` and `flask --version` only\n');
    return 2;
  }
  const candidates =
    appName === undefined ? ['app.py', 'wsgi.py'] : [`${appName.replace(/:.*$/, '')}.py`];
  const file = candidates
    .map((name) => context.resolve(name))
    .find((path) => machine.fs.tryStat(path)?.type === 'file');
  if (file === undefined || !Number.isInteger(port)) {
    stderr.write(FLASK_NOT_FOUND);
    return 2;
  }
  const callable =
    appName?.includes(':') === true ? appName.slice(appName.indexOf(':') + 1) : 'app';
  const loaded = loadScriptApp(machine, python.env, file, machine.fs.readText(file), callable);
  if (loaded.kind === 'error') {
    for (const line of loaded.lines) stderr.write(`${line}\n`);
    return 1;
  }
  return serve(python, file, { host, port, debug: false, callable }, loaded.app);
}

/** `app.run()`: Werkzeug's server in the foreground until Ctrl-C (which ends it silently, 0). */
async function serve(
  python: Interpreter,
  file: string,
  plan: DevServerPlan,
  app: Parameters<typeof FlaskDevServer.start>[1]['app'],
): Promise<CommandOutcome> {
  const { context } = python;
  const { machine, stderr, signals } = context;
  const pid = context.pid ?? machine.pids.next();
  const server = FlaskDevServer.start(machine, {
    file,
    plan,
    app,
    werkzeug: werkzeugVersion(moduleLocation(machine, python.env, 'flask')),
    log: (line) => stderr.write(`${line}\n`),
    colour: stderr.terminal !== undefined,
    pid,
    ...(context.process === undefined ? {} : { handle: context.process }),
    resume: {
      file,
      cwd: context.cwd,
      executable: python.executable,
      argv: [...context.argv],
      pid,
    },
  });
  if (server === undefined) return 1;
  let unsubscribe = (): void => undefined;
  try {
    return await new Promise<CommandOutcome>((resolve) => {
      const fatal = (signal: SignalName): void => resolve({ signal });
      unsubscribe = signals.subscribe((signal) => {
        // KeyboardInterrupt: run_simple returns quietly and the script ends with status 0
        if (signal === 'SIGINT') resolve(0);
        else if (signal === 'SIGTERM' || signal === 'SIGHUP' || signal === 'SIGQUIT') fatal(signal);
      });
      void signals.whenKilled().then(fatal);
    });
  } finally {
    unsubscribe();
    server.stop();
  }
}
