// The two uWSGI builds a Debian 12 machine can have. Debian's packaged one (uwsgi-core 2.0.21-5.1)
// is modular: the core alone knows no Python, and `--plugin python3` loads
// /usr/lib/uwsgi/plugins/python3_plugin.so (an alternatives link to python311_plugin.so). The one
// `pip install uwsgi` compiles in a virtualenv is monolithic: Python and the plugins of
// buildconf/base.ini are built in, it looks for other plugins in `.`, and without libpcre3-dev it
// has no internal routing (real-output-shell.md §1.7, §2.5).

import type { OptionGroup } from './option-specs.ts';

export type BuildId = 'debian' | 'pip';

/** A plugin the model knows: what loading it adds. */
export interface PluginModel {
  /** The plugin's own name (`up->name`): loading another file with the same name is a no-op. */
  readonly name: string;
  /** Its options, if the model knows them. */
  readonly options?: OptionGroup;
  /** The modifier1 it answers (python 0, ping 100, echo 101); generic plugins have none. */
  readonly modifier1?: number;
}

export interface UwsgiBuild {
  readonly id: BuildId;
  /** `uwsgi --version` and the banner: `2.0.21-debian` / `2.0.21`. */
  readonly version: string;
  /** `detected binary path: …` (/proc/self/exe: the real file, symlinks resolved). */
  readonly binaryPath: string;
  /** `compiled with version: …` (the text after it). */
  readonly compiled: string;
  /** Lines the banner has for the regex engine, after `clock source` or after the binary path. */
  readonly pcreLine: string | undefined;
  readonly routingWarning: string | undefined;
  /** UWSGI_PLUGIN_DIR, where `--plugin NAME` looks for NAME_plugin.so. */
  readonly pluginDir: string;
  /** Plugins compiled in, loaded from the start, in order. */
  readonly embedded: readonly string[];
}

/** The plugins the model gives behaviour to, by the name their file carries. */
export const PLUGIN_MODELS: Readonly<Record<string, PluginModel>> = {
  python: { name: 'python', options: 'python', modifier1: 0 },
  python3: { name: 'python', options: 'python', modifier1: 0 },
  python311: { name: 'python', options: 'python', modifier1: 0 },
  http: { name: 'http', options: 'http' },
  ping: { name: 'ping', options: 'ping', modifier1: 100 },
  echo: { name: 'echo', modifier1: 101 },
  corerouter: { name: 'corerouter' },
};

export const DEBIAN_BUILD: UwsgiBuild = {
  id: 'debian',
  version: '2.0.21-debian',
  binaryPath: '/usr/bin/uwsgi-core',
  compiled: '12.2.0 on 19 May 2023 13:59:29',
  pcreLine: 'pcre jit disabled',
  routingWarning: undefined,
  pluginDir: '/usr/lib/uwsgi/plugins',
  embedded: [],
};

/**
 * The uWSGI pip builds inside a virtualenv: its binary is VENV/bin/uwsgi, compiled on the day of
 * the install (`compiledOn`, e.g. `26 November 2026 07:14:53`).
 */
export function pipBuild(venv: string, compiledOn: string): UwsgiBuild {
  return {
    id: 'pip',
    version: '2.0.21',
    binaryPath: `${venv.replace(/\/+$/, '')}/bin/uwsgi`,
    compiled: `12.2.0 on ${compiledOn}`,
    pcreLine: undefined,
    routingWarning: '!!! no internal routing support, rebuild with pcre support !!!',
    pluginDir: '.',
    embedded: ['python', 'ping', 'http', 'pip-extra'],
  };
}
