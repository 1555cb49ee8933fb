// The builder's "try it in the terminal": what the button types, run on the page terminal's
// machine (nginx-ready: the tutorial set up, nginx and uWSGI running) for several sets of inputs,
// ends with curl getting the app's text through nginx from the new files — and each file is on the
// machine exactly as the builder wrote it.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  followDefaults,
  type BuilderInputs,
} from '../../../src/components/builder/builder-inputs.ts';
import {
  APP_TEXT,
  builderScenario,
  terminalCommands,
} from '../../../src/components/builder/builder-scenario.ts';
import { buildConfigs } from '../../../src/components/builder/config-builder.ts';
import { latin1Text } from '../../../src/protocol/index.ts';
import { runLine, scenarioBench } from '../shell/programs/scenario-shell.ts';

const base = (change: Partial<BuilderInputs>): BuilderInputs =>
  followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, ...change });

const CASES: readonly [string, BuilderInputs][] = [
  ['the defaults', DEFAULT_INPUTS],
  ['a systemd unit and its own socket under /run', base({ systemd: true })],
  ['a TCP socket', base({ socket: 'tcp' })],
];

describe('the builder’s commands in the terminal', () => {
  for (const [name, inputs] of CASES) {
    it(`${name}: the files land as written and curl gets ${APP_TEXT}`, async () => {
      const result = buildConfigs(inputs);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const scenario = builderScenario(result.outputs);
      const bench = scenarioBench('nginx-ready');
      const transcript: string[] = [];
      let last = '';
      for (const command of terminalCommands(scenario)) {
        const run = await runLine(bench.shell, command);
        last = run.stdout;
        transcript.push(`$ ${command}`, run.stdout + run.stderr, `[${run.status}]`);
        // systemd-analyze verify has not a word to say about the unit, as the real one (interop)
        if (command.startsWith('systemd-analyze '))
          expect([run.stdout + run.stderr, run.status], transcript.join('\n')).toEqual(['', 0]);
      }
      for (const file of scenario.files)
        expect(latin1Text(bench.machine.fs.readFile(file.path))).toBe(file.text);
      expect(last, transcript.join('\n')).toContain('HTTP/1.1 200 OK');
      expect(last.endsWith(APP_TEXT), transcript.join('\n')).toBe(true);
    });
  }

  it('types each file with a quoted here-document, then checks the unit before installing it', () => {
    const result = buildConfigs(base({ systemd: true }));
    if (!result.ok) throw new Error('refused');
    const commands = terminalCommands(builderScenario(result.outputs));
    expect(commands[0]).toMatch(
      /^cat > \/home\/ubuntu\/helloWorld\/uwsgi\.ini <<'EOF'\n\[uwsgi\]\n/,
    );
    const verify = commands.findIndex((command) => command.startsWith('systemd-analyze verify '));
    const reload = commands.indexOf('systemctl daemon-reload');
    expect(verify).toBeGreaterThan(0);
    expect(verify).toBeLessThan(reload);
  });
});
