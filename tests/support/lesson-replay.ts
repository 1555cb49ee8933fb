// Replays a lesson's console blocks in the simulated shell, as `cli shell` runs it (the same
// MachineShell the browser terminal drives): the machine of a scenario, started as the lab starts
// it, and the commands typed one at a time. A command that holds the terminal (uWSGI in the
// foreground, `python3 app.py`) gets Ctrl-C once it has printed what it prints at once, as the
// reader would press it; the terminal's `^C` echo comes before what the program prints then.
// A `npm run -s cli -- …` command is the course's own CLI, run in-process from the project root.

import { TextInput } from '../../src/shell/bash/text-input.ts';
import { MachineShell } from '../../src/shell/machine-shell.ts';
import {
  scenario as scenarioNamed,
  startScenarioPrograms,
} from '../../src/shell/scenarios/index.ts';
// the commands' module registers the program layer (starters, resumers)
import '../../src/shell/commands/index.ts';
import { runCli } from '../../src/cli/main.ts';
import { maskLine } from './output-mask.ts';

/** How long a command may run before it gets Ctrl-C (real time; the machine's time is its own). */
const HOLD_MS = 500;

/** SGR sequences: pip and curl colour their output on a terminal. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** A line as the checks compare it: colours dropped, times and pids masked, ends trimmed. */
export const comparable = (line: string): string => maskLine(line.replace(COLOUR, '')).trim();

/** A fresh machine of the scenario with its programs started, and root's shell on it. */
export function scenarioShell(name: string): MachineShell {
  const scenario = scenarioNamed(name);
  if (scenario === undefined) throw new Error(`no scenario ${name}`);
  const machine = scenario.build(1);
  startScenarioPrograms(machine, scenario);
  return new MachineShell(machine, { cwd: scenario.cwd, term: 'dumb' });
}

/** Runs one command line as typed at the prompt; what it printed, stdout and stderr together. */
export async function typed(shell: MachineShell, command: string): Promise<string> {
  const cli = /^npm run -s cli -- (.*?)(?: \| head -n (\d+))?$/.exec(command);
  if (cli !== null) return courseCli(cli[1] ?? '', cli[2]);
  let printed = '';
  const screen = { write: (text: string) => void (printed += text), terminal: { columns: 80 } };
  let done = false;
  const step = shell.session
    .submit(command, { stdin: new TextInput(''), stdout: screen, stderr: screen })
    .then(() => {
      done = true;
    });
  for (let waited = 0; waited < HOLD_MS && !done; waited += 25)
    await new Promise((resolve) => setTimeout(resolve, 25));
  if (!done) {
    printed += '^C';
    shell.session.interrupt();
  }
  await step;
  return printed;
}

/** `npm run -s cli -- ARGS [| head -n N]`: the CLI's stdout and stderr (arguments without quotes). */
async function courseCli(args: string, head: string | undefined): Promise<string> {
  let printed = '';
  const decoder = new TextDecoder();
  await runCli(args.split(/\s+/), {
    readStdin: () => Promise.resolve(new Uint8Array()),
    stdout: (data) => void (printed += typeof data === 'string' ? data : decoder.decode(data)),
    stderr: (text) => void (printed += text),
  });
  return head === undefined ? printed : printed.split('\n').slice(0, Number(head)).join('\n');
}
