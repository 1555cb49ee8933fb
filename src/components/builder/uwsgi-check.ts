// The generated ini through the project's uWSGI model: Debian's packaged uWSGI 2.0.21 (modular;
// the ini's own `plugin = python3` loads Python) reading `uwsgi --ini FILE` with the ini's
// `strict = true`, so an unknown key stops it as it would stop the real one. A refusal is mapped
// to the field of the line it names; an ini the model accepts must also mean what the inputs said
// (the socket, the app, the numbers), or the builder itself is wrong and says so.

import { MemoryFs } from '../../gateway/testing/memory-fs.ts';
import { DEBIAN_BUILD, installDebianUwsgi, readUwsgiCommand } from '../../gateway/uwsgi/index.ts';
import type { UwsgiSettings } from '../../gateway/uwsgi/index.ts';
import { appFolder, type BuilderInputs, type FieldName } from './builder-inputs.ts';
import { problem, type FieldProblem } from './field-problem.ts';
import type { GeneratedFile } from './generated-file.ts';
import type { ModelCheck } from './model-check.ts';
import { socketAddress } from './uwsgi-ini-text.ts';

// the option a refusal names: strict mode's unknown key, or a handler's bad value
const NAMED_OPTION = [
  /^\[strict-mode\] unknown config directive: (.+)$/,
  /^invalid value for option "([^"]+)"/,
];

function fieldOfKey(ini: GeneratedFile, key: string): FieldName | undefined {
  return ini.lines.find((entry) => entry.text.replace(/\s*=.*$/, '') === key)?.field;
}

function refusal(ini: GeneratedFile, message: string): FieldProblem {
  let field: FieldName | undefined;
  for (const pattern of NAMED_OPTION) {
    const key = pattern.exec(message)?.[1];
    if (key !== undefined) field = fieldOfKey(ini, key);
  }
  return {
    ...problem(
      field ?? 'form',
      field === undefined ? 'builder.model.uwsgi-file' : 'builder.model.uwsgi',
    ),
    quote: { program: 'uwsgi', text: message },
  };
}

/** What the settings must say for these inputs: [option, what the model read, what was meant]. */
function expectations(
  settings: UwsgiSettings,
  inputs: BuilderInputs,
): [string, unknown, unknown][] {
  return [
    [
      'socket',
      settings.sockets.map((s) => `${s.protocol} ${s.address}`).join(', '),
      `uwsgi ${socketAddress(inputs)}`,
    ],
    ['chdir', settings.chdir, appFolder(inputs)],
    ['module', settings.module, inputs.entry === 'module' ? inputs.module : undefined],
    ['wsgi-file', settings.wsgiFile, inputs.entry === 'wsgi-file' ? inputs.wsgiFile : undefined],
    ['callable', settings.callable, inputs.callable],
    [
      'virtualenv',
      settings.home,
      inputs.useVenv ? inputs.venv.replace(/(.)\/+$/, '$1') : undefined,
    ],
    ['processes', settings.processes, Number(inputs.processes)],
    ['threads', settings.threads, Number(inputs.threads)],
    ['plugin', settings.plugins.join(','), 'python'],
    ['strict', settings.strict, true],
    ['master', settings.master, true],
    ['vacuum', settings.vacuum, true],
    ['die-on-term', settings.dieOnTerm, true],
  ];
}

export function checkUwsgiIni(ini: GeneratedFile, inputs: BuilderInputs): ModelCheck {
  const fs = new MemoryFs();
  installDebianUwsgi(fs);
  fs.mkdirs(ini.path.slice(0, ini.path.lastIndexOf('/')) || '/');
  fs.writeFile(ini.path, new TextEncoder().encode(ini.text));
  const outcome = readUwsgiCommand(['uwsgi', '--ini', ini.path], {
    fs,
    cwd: '/',
    build: DEBIAN_BUILD,
  });
  if (outcome.kind === 'exit') {
    const message = outcome.lines.at(-1) ?? `exit status ${outcome.status}`;
    return { problems: [refusal(ini, message)], verdict: undefined };
  }
  const wrong = expectations(outcome.settings, inputs).filter(([, got, want]) => got !== want);
  const problems = wrong.map(([option, got, want]) =>
    problem('form', 'builder.model.mismatch', {
      option,
      got: String(got),
      want: String(want),
    }),
  );
  return { problems, verdict: problems.length === 0 ? outcome.lines.at(-1) : undefined };
}
