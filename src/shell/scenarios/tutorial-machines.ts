// The machines the scenarios are built from, in the order the tutorial builds them: Debian with
// its packaged uWSGI and Python, the app and its venv; then the Python plugin and an ini; then
// nginx with the tutorial's server block. Each step is a function on a machine, so a scenario is
// a short list of them.

import { debianMachine } from '../machine/base-system.ts';
import { installPackage } from '../machine/install-package.ts';
import type { Machine } from '../machine/machine.ts';
import { createVenv, installFlaskIntoVenv } from '../machine/python-venv.ts';
import {
  TUTORIAL_APP_PY,
  TUTORIAL_DIRECTORY,
  TUTORIAL_NGINX_SITE,
  TUTORIAL_UWSGI_INI,
} from '../machine/tutorial-files.ts';

/** Minutes between the steps, so that `ls -l` shows the order things were made in. */
const STEP_MS = 4 * 60 * 1000;

function install(
  machine: Machine,
  names: readonly string[],
  automatic: readonly string[] = [],
): void {
  for (const name of automatic) installPackage(machine, name, { automatic: true });
  for (const name of names) installPackage(machine, name);
  machine.clock.advance(STEP_MS);
}

/**
 * The start of the original tutorial on Debian 12: Debian's uWSGI (without its Python plugin),
 * python3 with pip and venv, the app in /home/ubuntu/helloWorld (made as root, as captured) and a
 * venv there with Flask installed by pip.
 */
export function originalMachine(seed: number): Machine {
  const machine = debianMachine({ seed });
  install(machine, ['uwsgi'], ['uwsgi-core']);
  install(
    machine,
    ['python3-pip', 'python3-venv'],
    ['python3-pip-whl', 'python3-setuptools-whl', 'python3.11-venv'],
  );
  const fs = machine.fs;
  fs.mkdirs(TUTORIAL_DIRECTORY);
  fs.writeText(`${TUTORIAL_DIRECTORY}/app.py`, TUTORIAL_APP_PY);
  machine.clock.advance(STEP_MS);
  createVenv(fs, `${TUTORIAL_DIRECTORY}/.venv`);
  machine.clock.advance(60 * 1000);
  installFlaskIntoVenv(fs, `${TUTORIAL_DIRECTORY}/.venv`);
  machine.clock.advance(STEP_MS);
  return machine;
}

/**
 * The way that works today with Debian's uWSGI: uwsgi-plugin-python3 installed and the tutorial's
 * ini with `plugin = python3` appended (real-output-shell.md §3.2), with `lines` instead of the
 * tutorial's own where a scenario breaks something.
 */
export function withPythonPlugin(machine: Machine, ini: string = pluginIni()): Machine {
  install(machine, ['uwsgi-plugin-python3']);
  machine.fs.writeText(`${TUTORIAL_DIRECTORY}/uwsgi.ini`, ini);
  machine.clock.advance(STEP_MS);
  return machine;
}

/** The tutorial's ini with `plugin = python3` as its last line, and lines replaced or dropped. */
export function pluginIni(replace: Readonly<Record<string, string | null>> = {}): string {
  const lines = `${TUTORIAL_UWSGI_INI}plugin = python3\n`.split('\n').filter((line) => line !== '');
  const out: string[] = [];
  for (const line of lines) {
    const key = line.split('=')[0]!.trim();
    const replacement = replace[key];
    if (replacement === null) continue;
    out.push(replacement ?? line);
  }
  return `${out.join('\n')}\n`;
}

/** nginx-full installed (Debian starts it), with the tutorial's server block as the default site. */
export function withNginx(machine: Machine): Machine {
  install(machine, ['nginx-full'], ['nginx-common', 'nginx']);
  machine.fs.writeText('/etc/nginx/sites-available/default', TUTORIAL_NGINX_SITE);
  machine.clock.advance(STEP_MS);
  return machine;
}
