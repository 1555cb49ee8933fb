// uWSGI's option tables as data: which names exist, whether each takes an argument, its
// one-letter form, and whether it acts at once (UWSGI_OPT_IMMEDIATE: `plugin`, `ini`, `strict`…).
// The lists come from the real 2.0.21 (option-table.ts, generated); this file reads them.

import {
  CORE_OPTIONS,
  HTTP_OPTIONS,
  PING_OPTIONS,
  PIP_EMBEDDED_EXTRA_OPTIONS,
  PYTHON_OPTIONS,
} from './option-table.ts';

/** getopt's has_arg: no_argument, required_argument, optional_argument. */
export type ArgKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  readonly name: string;
  readonly arg: ArgKind;
  /** The one-letter form (`-s` for socket), when there is one. */
  readonly short: string | undefined;
  /** Applied as soon as it is read (plugins, config files, strict mode). */
  readonly immediate: boolean;
  /** Turns the master process on (UWSGI_OPT_MASTER and the log-master flags). */
  readonly master: boolean;
}

const KINDS: Readonly<Record<string, ArgKind>> = { n: 'none', r: 'required', o: 'optional' };

function parseTable(text: string): OptionSpec[] {
  const specs: OptionSpec[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [name = '', kind = 'n', short = '-', flags = ''] = line.split(' ');
    specs.push({
      name,
      arg: KINDS[kind] ?? 'none',
      short: short === '-' ? undefined : short,
      immediate: flags.includes('i'),
      master: flags.includes('m'),
    });
  }
  return specs;
}

/** The option groups: uWSGI's core, and what each modelled plugin adds. */
export type OptionGroup = 'core' | 'python' | 'http' | 'ping' | 'pip-extra';

const cache = new Map<OptionGroup, readonly OptionSpec[]>();
const SOURCES: Readonly<Record<OptionGroup, string>> = {
  core: CORE_OPTIONS,
  python: PYTHON_OPTIONS,
  http: HTTP_OPTIONS,
  ping: PING_OPTIONS,
  'pip-extra': PIP_EMBEDDED_EXTRA_OPTIONS,
};

export function optionGroup(group: OptionGroup): readonly OptionSpec[] {
  let specs = cache.get(group);
  if (specs === undefined) {
    specs = parseTable(SOURCES[group]);
    cache.set(group, specs);
  }
  return specs;
}

/** The first option with this exact name, as uwsgi_opt_get finds it. */
export function findOption(table: readonly OptionSpec[], name: string): OptionSpec | undefined {
  return table.find((spec) => spec.name === name);
}
