// pip 23.0.1 as Debian 12 has it, run by whichever Python started it: Debian's /usr/bin/pip
// (python3-pip) for the system Python, a venv's bin/pip (its launcher script, run by the venv's
// python) or `python3 -m pip`. Outside a venv `pip install` is refused by PEP 668 with the text
// of /usr/lib/python3.11/EXTERNALLY-MANAGED (real-output-shell.md §1.1); inside one it installs
// Flask or uWSGI into the venv (§1.7: uWSGI is compiled, and its binary lands in the venv's bin/,
// not /usr/local/bin). `--version`, `list`, `freeze`, `help` read what is installed.

import { FsError } from '../../gateway/fs.ts';
import type { ProgramContext } from '../program.ts';
import type { Machine } from '../machine/machine.ts';
import {
  installFlaskIntoVenv,
  installUwsgiIntoVenv,
  PIP_UWSGI_VERSION,
} from '../machine/python-venv.ts';
import { FLASK_DISTRIBUTIONS } from '../machine/python-venv-data.ts';
import { PIP_HELP_TEXT } from './pip-help-text.ts';
import {
  DEBIAN_DIST_PACKAGES,
  LOCAL_DIST_PACKAGES,
  PYTHON_SITE,
  type PythonEnvironment,
} from './python-environment.ts';

export const PIP_VERSION = '23.0.1';

/** Where Debian keeps the PEP 668 marker (python3.11's EXTERNALLY-MANAGED). */
const EXTERNALLY_MANAGED = '/usr/lib/python3.11/EXTERNALLY-MANAGED';

/** Names as the distributions' metadata spells them (`pip list` shows these). */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  flask: 'Flask',
  jinja2: 'Jinja2',
  markupsafe: 'MarkupSafe',
  werkzeug: 'Werkzeug',
  uwsgi: 'uWSGI',
};

/** `pip freeze` leaves out the installer's own tools (pip's freeze.py DEV_PKGS). */
const FREEZE_SKIPS = new Set(['pip', 'setuptools', 'wheel', 'distribute']);

/** Flask's distributions in the order pip installs them (dependencies first). */
const FLASK_INSTALL_ORDER = [
  'markupsafe',
  'itsdangerous',
  'click',
  'blinker',
  'Werkzeug',
  'Jinja2',
  'flask',
];

export interface PipRun {
  readonly context: ProgramContext;
  readonly python: PythonEnvironment;
  /** The arguments after `pip` (or `-m pip`). */
  readonly args: readonly string[];
}

interface Distribution {
  readonly key: string;
  readonly name: string;
  readonly version: string;
  /** The site folder it is in. */
  readonly folder: string;
}

class PipExit {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

export async function runPip(run: PipRun): Promise<number> {
  try {
    return await dispatch(run);
  } catch (error) {
    if (error instanceof PipExit) return error.status;
    throw error;
  }
}

async function dispatch(run: PipRun): Promise<number> {
  const { context, args } = run;
  const general = args.findIndex((arg) => !isGeneralOption(arg));
  const command = general < 0 ? undefined : args[general];
  const before = general < 0 ? args : args.slice(0, general);
  if (before.includes('-V') || before.includes('--version')) {
    context.stdout.write(`pip ${PIP_VERSION} from ${pipLocation(run.python)} (python 3.11)\n`);
    return 0;
  }
  if (command === undefined || command === 'help' || before.includes('-h')) {
    context.stdout.write(PIP_HELP_TEXT);
    return 0;
  }
  const rest = args.slice(general + 1);
  switch (command) {
    case 'install':
      return install(run, rest);
    case 'list':
      return list(run);
    case 'freeze':
      return freeze(run);
    default:
      if (/^-/.test(command)) {
        context.stderr.write(`${usage('<command> [options]')}\nno such option: ${command}\n`);
        return 2;
      }
      context.stderr.write(`ERROR: unknown command "${command}"\n`);
      return 1;
  }
}

function isGeneralOption(arg: string): boolean {
  return /^(-[qv]+|-V|--version|-h|--help|--isolated|--no-color|--no-input|--require-virtualenv|--disable-pip-version-check|--no-cache-dir|--debug)$/.test(
    arg,
  );
}

function usage(what: string): string {
  return `\nUsage:   \n  pip ${what}\n`;
}

/** Where pip itself lives for this Python. */
export function pipLocation(python: PythonEnvironment): string {
  return python.venv === undefined
    ? `${DEBIAN_DIST_PACKAGES}/pip`
    : `${python.venv}/${PYTHON_SITE}/pip`;
}

/** Whether `import pip` works for this Python (python3 -m pip). */
export function hasPip(machine: Machine, python: PythonEnvironment): boolean {
  return machine.fs.tryStat(pipLocation(python))?.type === 'directory';
}

// ---------------------------------------------------------------------------------- install

const INSTALL_USAGE = `install [options] <requirement specifier> [package-index-options] ...
  pip install [options] -r <requirements file> [package-index-options] ...
  pip install [options] [-e] <vcs project url> ...
  pip install [options] [-e] <local project path> ...
  pip install [options] <archive url/path> ...`;

interface InstallRequest {
  readonly names: readonly string[];
  readonly breakSystem: boolean;
  readonly index: string | undefined;
}

function readInstall(run: PipRun, args: readonly string[]): InstallRequest {
  const names: string[] = [];
  let breakSystem = false;
  let index: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--break-system-packages') breakSystem = true;
    else if (arg === '-i' || arg === '--index-url') index = args[++i];
    else if (arg.startsWith('--index-url=')) index = arg.slice('--index-url='.length);
    else if (arg === '-U' || arg === '--upgrade' || isGeneralOption(arg)) continue;
    else if (arg.startsWith('-')) {
      run.context.stderr.write(`${usage(INSTALL_USAGE)}\nno such option: ${arg}\n`);
      throw new PipExit(2);
    } else names.push(arg);
  }
  return { names, breakSystem, index };
}

async function install(run: PipRun, args: readonly string[]): Promise<number> {
  const { context, python } = run;
  const request = readInstall(run, args);
  if (python.venv === undefined && !request.breakSystem && isExternallyManaged(context.machine)) {
    context.stderr.write(externallyManaged(context.machine, context.stderr.terminal !== undefined));
    return 1;
  }
  if (request.names.length === 0) {
    context.stderr.write(
      'ERROR: You must give at least one requirement to install (see "pip help install")\n',
    );
    return 1;
  }
  const out = new PipOutput(context);
  if (request.index !== undefined) out.line(`Looking in indexes: ${request.index}`);
  let status = 0;
  for (const name of request.names) {
    const key = requirementName(name);
    const installed = installedDistributions(context.machine, python).find((d) => d.key === key);
    if (installed !== undefined) {
      out.line(
        `Requirement already satisfied: ${name} in ${displayPath(context.cwd, installed.folder)} (${installed.version})`,
      );
      continue;
    }
    if (key === 'uwsgi') status = Math.max(status, await installUwsgi(run, out));
    else if (key === 'flask' && python.venv !== undefined) installFlask(run, out);
    else if (key === 'flask') {
      // SIMPLIFIED: outside a venv the simulator installs only uWSGI (into /usr/local)
      context.stderr.write(
        'uwsgi-lab: pip: outside a venv the simulator installs only uwsgi; Debian has python3-flask\n',
      );
      return 1;
    } else {
      // SIMPLIFIED: the simulated package index has Flask and uWSGI only; any other name gets
      // pip's answer for a name the index does not know
      out.error(
        `ERROR: Could not find a version that satisfies the requirement ${name} (from versions: none)`,
      );
      out.error(`ERROR: No matching distribution found for ${name}`);
      context.stderr.write('uwsgi-lab: the simulated package index has only flask and uwsgi\n');
      return 1;
    }
  }
  // pip 23's warning when root installs outside a venv (pip/_internal/cli/req_command.py)
  if (python.venv === undefined && status === 0 && context.machine.users.userById(0) !== undefined)
    out.warning(
      "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv",
    );
  return status;
}

function requirementName(spec: string): string {
  return spec
    .split(/[<>=!~;[ ]/)[0]!
    .toLowerCase()
    .replaceAll('_', '-');
}

/** pip's display_path: under the working directory it is shown as `./…`. */
function displayPath(cwd: string, path: string): string {
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return path.startsWith(base) ? `./${path.slice(base.length)}` : path;
}

function isExternallyManaged(machine: Machine): boolean {
  return machine.fs.tryStat(EXTERNALLY_MANAGED)?.type === 'file';
}

/**
 * pip's ExternallyManagedEnvironment error, rendered as rich draws it (§1.1): the marker's
 * `Error` value in a box, coloured on a terminal.
 */
function externallyManaged(machine: Machine, colour: boolean): string {
  const value = markerError(machine.fs.readText(EXTERNALLY_MANAGED));
  const paint = (code: string, text: string): string =>
    colour ? `\x1b[${code}m${text}\x1b[0m` : text;
  const lines = [
    `${paint('1;31', 'error')}: ${paint('1', 'externally-managed-environment')}`,
    '',
    `${paint('31', '×')} This environment is externally managed`,
    ...value.map((line, i) => `${paint('31', i === 0 ? '╰─>' : '   ')} ${line}`),
    '',
    `${paint('1;35', 'note')}: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.`,
    `${paint('1;36', 'hint')}: See PEP 668 for the detailed specification.`,
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/** configparser's multi-line `Error=` value: continuation lines lose their indent. */
function markerError(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^Error\s*=/.test(line));
  if (start < 0) return [];
  const value = [lines[start]!.replace(/^Error\s*=\s*/, '')];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !/^\s/.test(line)) break;
    value.push(line.trim());
  }
  while (value.at(-1) === '') value.pop();
  return value;
}

/** pip's log: INFO on stdout, warnings and errors on stderr (yellow and red on a terminal). */
class PipOutput {
  readonly #context: ProgramContext;
  constructor(context: ProgramContext) {
    this.#context = context;
  }
  get terminal(): boolean {
    return this.#context.stdout.terminal !== undefined;
  }
  line(text: string): void {
    this.#context.stdout.write(`${text}\n`);
  }
  warning(text: string): void {
    const colour = this.#context.stderr.terminal !== undefined;
    this.#context.stderr.write(colour ? `\x1b[33m${text}\x1b[0m\n` : `${text}\n`);
  }
  error(text: string): void {
    const colour = this.#context.stderr.terminal !== undefined;
    this.#context.stderr.write(colour ? `\x1b[31m${text}\x1b[0m\n` : `${text}\n`);
  }
}

/** A step pip shows with a spinner on a terminal and as started/finished lines otherwise. */
function step(out: PipOutput, text: string, result: 'done' | 'error'): void {
  if (out.terminal) out.line(`  ${text} ... ${result}`);
  else {
    out.line(`  ${text}: started`);
    out.line(`  ${text}: finished with status '${result}'`);
  }
}

/** rich's download bar, finished (37 columns through a pipe, 40 on a terminal, §1.7). */
function downloadBar(out: PipOutput, machine: Machine, kB: number): void {
  const width = out.terminal ? 40 : 37;
  const speed = (1 + (machine.random.next() % 900) / 100).toFixed(1);
  out.line(
    `     ${'━'.repeat(width)} ${kB.toFixed(1)}/${kB.toFixed(1)} kB ${speed} MB/s eta 0:00:00`,
  );
}

function hex(machine: Machine, length: number): string {
  let text = '';
  while (text.length < length) text += machine.random.next().toString(16).padStart(8, '0');
  return text.slice(0, length);
}

/**
 * `pip install uwsgi` in a venv: the sdist is downloaded and compiled (§1.7). With `wheel`
 * importable (an ssp venv, Debian's python3-wheel) pip builds a wheel; else the legacy
 * `setup.py install`. Compiling needs gcc, which `apt-get install python3-pip` brings through
 * its Recommends (build-essential); without it setup.py fails as captured. RECONSTRUCTED: with
 * PyPI the Downloading line names PyPI's file; the download speed varies.
 */
async function installUwsgi(run: PipRun, out: PipOutput): Promise<number> {
  const { context, python } = run;
  const machine = context.machine;
  // root's pip outside a venv installs under /usr/local (scripts in /usr/local/bin), with
  // Debian's python3-wheel at hand
  const prefix = python.venv ?? '/usr/local';
  const wheel =
    (python.venv === undefined || python.systemSite) && machine.packages.isInstalled('python3-pip');
  out.line('Collecting uwsgi');
  out.line('  Downloading uwsgi-2.0.21.tar.gz (808 kB)');
  downloadBar(out, machine, 808.5);
  step(out, 'Preparing metadata (setup.py)', 'done');
  const compiler = machine.packages.isInstalled('python3-pip');
  if (!compiler) return compilerMissing(run, out);
  if (wheel) {
    out.line('Building wheels for collected packages: uwsgi');
    step(out, 'Building wheel for uwsgi (setup.py)', 'done');
    out.line(
      `  Created wheel for uwsgi: filename=uWSGI-2.0.21-cp311-cp311-linux_x86_64.whl size=549656 sha256=${hex(machine, 64)}`,
    );
    const id = hex(machine, 56);
    out.line(
      `  Stored in directory: /root/.cache/pip/wheels/${id.slice(0, 2)}/${id.slice(2, 4)}/${id.slice(4, 6)}/${id.slice(6)}`,
    );
    out.line('Successfully built uwsgi');
    out.line('Installing collected packages: uwsgi');
  } else {
    out.line('Installing collected packages: uwsgi');
    out.warning(
      "  DEPRECATION: uwsgi is being installed using the legacy 'setup.py install' method, because it does not have a 'pyproject.toml' and the 'wheel' package is not installed. pip 23.1 will enforce this behaviour change. A possible replacement is to enable the '--use-pep517' option. Discussion can be found at https://github.com/pypa/pip/issues/8559",
    );
  }
  // compiling takes a while (about 19 s, §1.7); the binary is written at the end
  machine.clock.advance(19_000);
  await Promise.resolve();
  if (!wheel) step(out, 'Running setup.py install for uwsgi', 'done');
  installUwsgiIntoVenv(machine.fs, prefix, {
    wheel,
    ...(python.venv === undefined ? { site: LOCAL_DIST_PACKAGES } : {}),
  });
  out.line(`Successfully installed uwsgi-${PIP_UWSGI_VERSION}`);
  return 0;
}

/** §1.7's failure without a C compiler (legacy install, plain venv). */
function compilerMissing(run: PipRun, out: PipOutput): number {
  const { context, python } = run;
  const machine = context.machine;
  const site = `${python.venv ?? '/usr/local'}/${PYTHON_SITE}`;
  const temp = `/tmp/pip-install-${hex(machine, 8)}/uwsgi_${hex(machine, 32)}`;
  out.line('Installing collected packages: uwsgi');
  out.warning(
    "  DEPRECATION: uwsgi is being installed using the legacy 'setup.py install' method, because it does not have a 'pyproject.toml' and the 'wheel' package is not installed. pip 23.1 will enforce this behaviour change. A possible replacement is to enable the '--use-pep517' option. Discussion can be found at https://github.com/pypa/pip/issues/8559",
  );
  step(out, 'Running setup.py install for uwsgi', 'error');
  const inner = [
    `${site}/setuptools/_distutils/dist.py:265: UserWarning: Unknown distribution option: 'descriptions'`,
    '  warnings.warn(msg)',
    'running install',
    `${site}/setuptools/command/install.py:34: SetuptoolsDeprecationWarning: setup.py install is deprecated. Use build and pip and other standards-based tools.`,
    '  warnings.warn(',
    'using profile: buildconf/default.ini',
    "detected include path: ['/usr/lib/gcc/x86_64-linux-gnu/12/include', '/usr/local/include', '/usr/include/x86_64-linux-gnu', '/usr/include']",
    'Traceback (most recent call last):',
    `  File "${temp}/uwsgiconfig.py", line 750, in __init__`,
    "    gcc_version_components = gcc_version.split('.')",
    '                             ^^^^^^^^^^^^^^^^^',
    "AttributeError: 'NoneType' object has no attribute 'split'",
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "<string>", line 2, in <module>',
    '  File "<pip-setuptools-caller>", line 34, in <module>',
    `  File "${temp}/setup.py", line 117, in <module>`,
    '    setup(',
    `  File "${site}/setuptools/__init__.py", line 108, in setup`,
    '    return distutils.core.setup(**attrs)',
    '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${site}/setuptools/_distutils/core.py", line 185, in setup`,
    '    return run_commands(dist)',
    '           ^^^^^^^^^^^^^^^^^^',
    `  File "${site}/setuptools/_distutils/core.py", line 201, in run_commands`,
    '    dist.run_commands()',
    `  File "${site}/setuptools/_distutils/dist.py", line 969, in run_commands`,
    '    self.run_command(cmd)',
    `  File "${site}/setuptools/dist.py", line 1213, in run_command`,
    '    super().run_command(command)',
    `  File "${site}/setuptools/_distutils/dist.py", line 988, in run_command`,
    '    cmd_obj.run()',
    `  File "${temp}/setup.py", line 77, in run`,
    '    conf = uc.uConf(get_profile())',
    '           ^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${temp}/uwsgiconfig.py", line 758, in __init__`,
    '    raise Exception("you need a C compiler to build uWSGI")',
    'Exception: you need a C compiler to build uWSGI',
  ];
  const lines = [
    '  error: subprocess-exited-with-error',
    '  ',
    '  × Running setup.py install for uwsgi did not run successfully.',
    '  │ exit code: 1',
    `  ╰─> [${inner.length} lines of output]`,
    ...inner.map((line) => (line === '' ? '      ' : `      ${line}`)),
    '      [end of output]',
    '  ',
    '  note: This error originates from a subprocess, and is likely not a problem with pip.',
    'error: legacy-install-failure',
    '',
    '× Encountered error while trying to install package.',
    '╰─> uwsgi',
    '',
    'note: This is an issue with the package mentioned above, not pip.',
    'hint: See above for output from the failure.',
  ];
  for (const line of lines) context.stderr.write(`${line}\n`);
  return 1;
}

/**
 * `pip install flask` in a venv: Flask 3.1 and its dependencies as wheels. SIMPLIFIED: no
 * capture of this run exists; the Collecting lines name the distributions without their
 * version specifiers and the download lines are left out.
 */
function installFlask(run: PipRun, out: PipOutput): void {
  const { context, python } = run;
  for (const name of ['flask', ...FLASK_INSTALL_ORDER.filter((n) => n !== 'flask').reverse()])
    out.line(`Collecting ${name}`);
  out.line(`Installing collected packages: ${FLASK_INSTALL_ORDER.join(', ')}`);
  context.machine.clock.advance(2_000);
  installFlaskIntoVenv(context.machine.fs, python.venv!);
  out.line(`Successfully installed ${FLASK_DISTRIBUTIONS.join(' ')}`);
}

// ------------------------------------------------------------------------------ list, freeze

/** The distributions this Python sees: `*.dist-info` and `*.egg-info` in its site folders. */
export function installedDistributions(
  machine: Machine,
  python: PythonEnvironment,
): Distribution[] {
  const folders =
    python.venv === undefined
      ? [LOCAL_DIST_PACKAGES, DEBIAN_DIST_PACKAGES]
      : [
          `${python.venv}/${PYTHON_SITE}`,
          ...(python.systemSite ? [LOCAL_DIST_PACKAGES, DEBIAN_DIST_PACKAGES] : []),
        ];
  const found = new Map<string, Distribution>();
  for (const folder of folders) {
    let names: string[];
    try {
      names = machine.fs.readDir(folder);
    } catch (error) {
      if (error instanceof FsError) continue;
      throw error;
    }
    for (const entry of names) {
      const match = /^([A-Za-z0-9_.]+?)-([0-9][^-]*?)(?:-py[0-9.]+)?\.(?:dist|egg)-info$/.exec(
        entry,
      );
      if (match === null) continue;
      const raw = match[1]!;
      const key = raw.toLowerCase().replaceAll('_', '-');
      if (found.has(key)) continue;
      found.set(key, { key, name: DISPLAY_NAMES[raw] ?? raw, version: match[2]!, folder });
    }
  }
  return [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `pip list`: two columns under a dashed rule (pip's tabulate). */
function list(run: PipRun): number {
  const rows = installedDistributions(run.context.machine, run.python).map((d) => [
    d.name,
    d.version,
  ]);
  const table = [['Package', 'Version'], ...rows];
  const width = Math.max(...table.map((row) => row[0]!.length));
  const versionWidth = Math.max(...table.map((row) => row[1]!.length));
  const lines = [table[0]!, ['-'.repeat(width), '-'.repeat(versionWidth)], ...rows].map(
    ([name, version]) => `${name!.padEnd(width)} ${version}`.trimEnd(),
  );
  run.context.stdout.write(lines.map((line) => `${line}\n`).join(''));
  return 0;
}

function freeze(run: PipRun): number {
  const lines = installedDistributions(run.context.machine, run.python)
    .filter((d) => !FREEZE_SKIPS.has(d.key))
    .map((d) => `${d.name}==${d.version}\n`);
  run.context.stdout.write(lines.join(''));
  return 0;
}
