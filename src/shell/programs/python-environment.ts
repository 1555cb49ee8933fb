// Which Python a command runs as: Debian's /usr/bin/python3.11 on its own, or through a venv's
// bin/python (a symlink to it: CPython finds pyvenv.cfg one level above the executable it was
// started as, PEP 405). What it can import follows: a venv sees its site-packages (and Debian's
// dist-packages with include-system-site-packages = true); the system Python sees the python3-*
// packages and /usr/local's dist-packages.

import { normalizePath } from '../../gateway/fs.ts';
import { isStdlib } from '../../gateway/apps/index.ts';
import type { Machine } from '../machine/machine.ts';

export const PYTHON_SITE = 'lib/python3.11/site-packages';
/** Where pip puts what it installs into the system Python (--break-system-packages). */
export const LOCAL_DIST_PACKAGES = '/usr/local/lib/python3.11/dist-packages';
export const DEBIAN_DIST_PACKAGES = '/usr/lib/python3/dist-packages';

export interface PythonEnvironment {
  /** The executable as started (`/home/ubuntu/helloWorld/.venv/bin/python`). */
  readonly executable: string;
  /** The venv's folder, when it runs in one. */
  readonly venv: string | undefined;
  /** include-system-site-packages = true. */
  readonly systemSite: boolean;
}

export function pythonEnvironment(machine: Machine, executable: string): PythonEnvironment {
  const bin = normalizePath(`${executable}/..`);
  const prefix = normalizePath(`${bin}/..`);
  const config = readText(machine, `${prefix}/pyvenv.cfg`);
  if (config === undefined) return { executable, venv: undefined, systemSite: false };
  return {
    executable,
    venv: prefix,
    systemSite: /^\s*include-system-site-packages\s*=\s*true\s*$/im.test(config),
  };
}

/** Where `import NAME` finds it, or undefined (ModuleNotFoundError). */
export function moduleLocation(
  machine: Machine,
  env: PythonEnvironment,
  name: string,
): string | undefined {
  const top = name.split('.')[0]!;
  if (isStdlib(top)) return `/usr/lib/python3.11/${top}`;
  const look = (dir: string): string | undefined => {
    const fs = machine.fs;
    if (fs.tryStat(`${dir}/${top}/__init__.py`)?.type === 'file')
      return `${dir}/${top}/__init__.py`;
    if (fs.tryStat(`${dir}/${top}`)?.type === 'directory') return `${dir}/${top}/__init__.py`;
    if (fs.tryStat(`${dir}/${top}.py`)?.type === 'file') return `${dir}/${top}.py`;
    return undefined;
  };
  if (env.venv !== undefined) {
    const own = look(`${env.venv}/${PYTHON_SITE}`);
    if (own !== undefined || !env.systemSite) return own;
  }
  const local = look(LOCAL_DIST_PACKAGES);
  if (local !== undefined) return local;
  if (machine.systemPythonModules.has(top)) return `${DEBIAN_DIST_PACKAGES}/${top}/__init__.py`;
  return look(DEBIAN_DIST_PACKAGES);
}

function readText(machine: Machine, path: string): string | undefined {
  return machine.fs.tryStat(path)?.type === 'file' ? machine.fs.readText(path) : undefined;
}
