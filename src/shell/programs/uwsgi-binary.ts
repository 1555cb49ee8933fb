// Which uWSGI an executable is: Debian's uwsgi-core (reached through /usr/bin/uwsgi and the
// alternatives links) or the one `pip install uwsgi` built into a venv's bin/ (its own program id,
// `pip:uwsgi`). The pip build's banner names its venv and the day it was compiled — just before
// pip wrote the binary.

import { normalizePath } from '../../gateway/fs.ts';
import { strftime } from '../../gateway/strftime.ts';
import type { Machine } from '../machine/machine.ts';
import { PIP_UWSGI_PROGRAM } from '../machine/python-venv.ts';
import type { UwsgiBuildChoice } from './uwsgi-instance.ts';

/** Debian's binary, as its package installs it. */
export const DEBIAN_UWSGI_PROGRAM = '/usr/bin/uwsgi-core';
/** The program id pip's build carries (python-venv.ts writes it). */
export { PIP_UWSGI_PROGRAM };

/** Seconds `setup.py install` spent between compiling and copying the binary (§1.7: ~8 s). */
const BUILD_SECONDS = 8;

/** The build of the uWSGI at `path` (absolute), or undefined when it is not a uWSGI. */
export function uwsgiBuildOf(machine: Machine, path: string): UwsgiBuildChoice | undefined {
  const stat = machine.fs.tryStat(path);
  if (stat === undefined || stat.type !== 'file') return undefined;
  if (stat.program === DEBIAN_UWSGI_PROGRAM) return { kind: 'debian' };
  if (stat.program !== PIP_UWSGI_PROGRAM) return undefined;
  const real = machine.fs.realpath(path);
  const venv = normalizePath(`${real}/../..`);
  return { kind: 'pip', venv, compiledOn: buildDate(stat.mtimeMs - BUILD_SECONDS * 1000) };
}

/** uwsgiconfig.py's UWSGI_BUILD_DATE, `%d %B %Y %H:%M:%S`: `26 November 2026 07:14:53` (UTC). */
function buildDate(ms: number): string {
  return strftime('%d %B %Y %H:%M:%S', ms);
}
