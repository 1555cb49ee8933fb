// What `python3 -m venv DIR` makes on Debian 12 (Python 3.11.2 with python3-venv): bin/ with the
// activate scripts, pip's launchers and the python links, include/, lib/python3.11/site-packages
// with what ensurepip installs, the lib64 link and pyvenv.cfg — recorded from real runs
// (python-venv-data.ts). And what `pip install flask` adds inside it. Used by the scenarios and by
// the python3 and pip commands, so both make the same venv.

import { normalizePath } from '../../gateway/fs.ts';
import type { Vfs } from '../vfs/vfs.ts';
import {
  ACTIVATE_PS1_SIZE,
  ENSUREPIP_SITE_PACKAGES,
  FLASK_DISTRIBUTIONS,
  FLASK_SCRIPT_TEMPLATE,
  FLASK_SITE_PACKAGES,
  VENV_TEMPLATES,
} from './python-venv-data.ts';

export interface VenvOptions {
  /** `--system-site-packages`: the venv also sees Debian's packages (python3-flask). */
  readonly systemSitePackages?: boolean;
  /**
   * ensurepip ran (python3-venv is installed). Without it Debian's venv stops after the python
   * links: no activate, no pip (real-output-shell.md §1.3).
   */
  readonly withPip?: boolean;
  /** The process umask (Debian root's 022). */
  readonly umask?: number;
  /** `--prompt`: the activate scripts' prefix (default the folder's name); pyvenv.cfg records it. */
  readonly prompt?: string;
  /** The command line pyvenv.cfg records; default as `python3 -m venv` with the absolute path. */
  readonly command?: string;
}

/** The Python version Debian 12 has (python3.11 3.11.2). */
export const PYTHON_VERSION = '3.11.2';

export function createVenv(fs: Vfs, path: string, options: VenvOptions = {}): void {
  const dir = normalizePath(path);
  const umask = options.umask ?? 0o022;
  const dirMode = 0o777 & ~umask;
  const fileMode = 0o666 & ~umask;
  const execMode = 0o777 & ~umask;
  fs.mkdirs(dir, { mode: dirMode });
  for (const sub of [
    'bin',
    'include',
    'include/python3.11',
    'lib',
    'lib/python3.11',
    'lib/python3.11/site-packages',
  ]) {
    if (!fs.exists(`${dir}/${sub}`)) fs.mkdir(`${dir}/${sub}`, { mode: dirMode });
  }
  if (!fs.lexists(`${dir}/lib64`)) fs.symlink('lib', `${dir}/lib64`);
  const flags = options.systemSitePackages === true ? '--system-site-packages ' : '';
  fs.writeText(
    `${dir}/pyvenv.cfg`,
    `home = /usr/bin
include-system-site-packages = ${options.systemSitePackages === true ? 'true' : 'false'}
version = ${PYTHON_VERSION}
executable = /usr/bin/python3.11
${options.prompt === undefined ? '' : `prompt = '${options.prompt}'\n`}command = ${options.command ?? `/usr/bin/python3 -m venv ${flags}${dir}`}
`,
    { mode: fileMode },
  );
  for (const [name, target] of [
    ['python', 'python3'],
    ['python3', '/usr/bin/python3'],
    ['python3.11', 'python3'],
  ] as const) {
    if (!fs.lexists(`${dir}/bin/${name}`)) fs.symlink(target, `${dir}/bin/${name}`);
  }
  if (options.withPip === false) return;
  // venv's __VENV_PROMPT__: `(NAME) `, NAME the folder's name or --prompt (the recorded
  // templates were made for `.venv`)
  const prompt = `(${options.prompt ?? dir.slice(dir.lastIndexOf('/') + 1)}) `;
  const fill = (template: string): string =>
    template.replaceAll('__VENV_DIR__', dir).replaceAll("'(.venv) '", `'${prompt}'`);
  fs.writeText(`${dir}/bin/activate`, fill(VENV_TEMPLATES.activate), { mode: fileMode });
  fs.writeText(`${dir}/bin/activate.csh`, fill(VENV_TEMPLATES['activate.csh']), { mode: fileMode });
  fs.writeText(`${dir}/bin/activate.fish`, fill(VENV_TEMPLATES['activate.fish']), {
    mode: fileMode,
  });
  fs.writeFile(`${dir}/bin/Activate.ps1`, new Uint8Array(0), {
    mode: fileMode,
    standInSize: ACTIVATE_PS1_SIZE,
  });
  for (const name of ['pip', 'pip3', 'pip3.11']) {
    fs.writeText(`${dir}/bin/${name}`, fill(VENV_TEMPLATES.pip), { mode: execMode });
  }
  layEntries(fs, dir, ENSUREPIP_SITE_PACKAGES, umask);
}

/** `pip install flask` inside the venv: Flask and its dependencies, and bin/flask. */
export function installFlaskIntoVenv(fs: Vfs, path: string, umask = 0o022): readonly string[] {
  const dir = normalizePath(path);
  layEntries(fs, dir, FLASK_SITE_PACKAGES, umask);
  fs.writeText(`${dir}/bin/flask`, FLASK_SCRIPT_TEMPLATE.replaceAll('__VENV_DIR__', dir), {
    mode: 0o777 & ~umask,
  });
  return FLASK_DISTRIBUTIONS;
}

/** What `pip install uwsgi` built: the binary, and how pip recorded the distribution. */
export interface UwsgiInstallOptions {
  /**
   * pip built a wheel (the `wheel` package was importable: an ssp venv on Debian, python3-wheel)
   * and installed it (dist-info); else the legacy `setup.py install` (egg-info).
   */
  readonly wheel: boolean;
  readonly umask?: number;
  /**
   * Where the distribution goes; default the venv's site-packages. Root's pip outside a venv
   * (--break-system-packages) uses /usr/local/lib/python3.11/dist-packages, with PATH = /usr/local.
   */
  readonly site?: string;
}

/** The program id the uwsgi binary pip builds carries (the uwsgi command runs it as that build). */
export const PIP_UWSGI_PROGRAM = 'pip:uwsgi';

/** The size of the uwsgi binary uWSGI 2.0.21's setup.py builds (real-output-shell.md §1.7). */
export const PIP_UWSGI_BINARY_SIZE = 1309904;
export const PIP_UWSGI_VERSION = '2.0.21';

/**
 * `pip install uwsgi` inside the venv: `bin/uwsgi` (the program `pip:uwsgi`, monolithic, Python
 * built in), `uwsgidecorators.py`, and its distribution record. RECONSTRUCTED: the binary's
 * size is the captured one; the record's file names follow setuptools 66 / pip 23 (their sizes
 * are not carried).
 */
export function installUwsgiIntoVenv(fs: Vfs, path: string, options: UwsgiInstallOptions): void {
  const dir = normalizePath(path);
  const umask = options.umask ?? 0o022;
  const site = options.site ?? `${dir}/lib/python3.11/site-packages`;
  const record = options.wheel
    ? `uWSGI-${PIP_UWSGI_VERSION}.dist-info`
    : `uWSGI-${PIP_UWSGI_VERSION}-py3.11.egg-info`;
  const files = options.wheel
    ? ['INSTALLER', 'METADATA', 'RECORD', 'REQUESTED', 'WHEEL', 'top_level.txt']
    : ['PKG-INFO', 'SOURCES.txt', 'dependency_links.txt', 'installed-files.txt', 'top_level.txt'];
  if (!fs.exists(`${site}/${record}`)) fs.mkdirs(`${site}/${record}`, { mode: 0o777 & ~umask });
  for (const name of files) fs.writeText(`${site}/${record}/${name}`, '', { mode: 0o666 & ~umask });
  fs.writeText(`${site}/uwsgidecorators.py`, '', { mode: 0o666 & ~umask });
  fs.writeFile(`${dir}/bin/uwsgi`, new Uint8Array(0), {
    mode: 0o777 & ~umask,
    standInSize: PIP_UWSGI_BINARY_SIZE,
    program: PIP_UWSGI_PROGRAM,
  });
}

/** The venv's own python (`bin/python3`), whose shebang pip's launchers carry. */
export function venvPython(path: string): string {
  return `${normalizePath(path)}/bin/python3`;
}

function layEntries(fs: Vfs, dir: string, entries: string, umask: number): void {
  for (const line of entries.split('\n')) {
    if (line === '') continue;
    const [head = '', ...rest] = line.split(' ');
    const kind = head[0];
    if (kind === 'l') {
      const at = `${dir}/${rest[0]!}`;
      if (!fs.lexists(at)) fs.symlink(rest[1]!, at);
    } else if (kind === 'd') {
      const at = `${dir}/${rest[0]!}`;
      if (!fs.exists(at)) fs.mkdir(at, { mode: parseInt(head.slice(1), 8) & ~umask });
    } else {
      // pip writes the files; their text is not carried (the simulation knows the packages by name)
      fs.writeFile(`${dir}/${rest[1]!}`, new Uint8Array(0), {
        mode: parseInt(head.slice(1), 8) & ~umask,
        standInSize: Number(rest[0]),
      });
    }
  }
}
