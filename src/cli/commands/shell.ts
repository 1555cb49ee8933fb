// `uwsgi-lab shell [--scenario NAME] [--seed N]`: the simulated Debian machine on stdin/stdout —
// the same shell as the browser terminal. On a terminal: a prompt and the line editor (raw mode,
// Tab, history, Ctrl-C). Otherwise the input is a script: each line runs in turn with no prompt
// shown, and a command that reads its standard input gets the lines after its own, as with
// `bash < script`. The exit status is the shell's.

import { MachineShell } from '../../shell/machine-shell.ts';
import { runScript } from '../../shell/script-runner.ts';
import {
  SCENARIOS,
  scenario as findScenario,
  startScenarioPrograms,
} from '../../shell/scenarios/index.ts';
import { TerminalSession } from '../../shell/terminal-session.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo, Command } from '../cli-io.ts';
import { parseOptions } from '../parse-options.ts';

const HELP = `usage: uwsgi-lab shell [--scenario NAME] [--seed N]

Runs root's bash on the simulated Debian 12 machine of a scenario (default: original), reading
commands from stdin: on a terminal with a prompt and line editing, otherwise one line at a time
with no prompt (a script). The machine starts fresh each time; its clock, pids and ports come
from the seed (default 1), so a script prints the same thing every time.

scenarios:
${Object.values(SCENARIOS)
  .map((s) => `  ${s.name.padEnd(22)}${s.summary}`)
  .join('\n')}

options:
  --scenario NAME   the starting machine
  --seed N          the seed (a whole number)
  -h, --help        this text

exit status: the shell's (what \`exit\` says, or the last command's); 2 for bad options
`;

/** Streams of a real terminal, when stdin and stdout are one (main's process). */
export interface TerminalStreams {
  readonly columns: () => number;
  readonly onData: (listener: (data: string) => void) => void;
  readonly onResize: (listener: () => void) => void;
  readonly write: (data: string) => void;
  readonly close: () => void;
}

export const shellCommand: Command = {
  name: 'shell',
  summary: 'the simulated Debian machine on stdin/stdout, as the browser terminal runs it',
  help: HELP,
  run: (args, io) => runShell(args, io, processTerminal()),
};

export async function runShell(
  args: readonly string[],
  io: CliIo,
  terminal: TerminalStreams | undefined,
): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
  const name = values.scenario ?? 'original';
  const scenario = findScenario(name);
  if (scenario === undefined) {
    throw new CliError(
      `no scenario ${JSON.stringify(name)} (scenarios: ${Object.keys(SCENARIOS).join(', ')})`,
    );
  }
  const seedText = values.seed ?? '1';
  if (!/^\d+$/.test(seedText))
    throw new CliError(`--seed wants a whole number, not ${JSON.stringify(seedText)}`);
  const machine = scenario.build(Number(seedText));
  if (!startScenarioPrograms(machine, scenario)) {
    io.stderr(
      `uwsgi-lab: shell: ${scenario.name} runs ${scenario.programs.map((p) => p.program).join(' and ')} from the start, which this build cannot start yet\n`,
    );
  }
  const shell = new MachineShell(machine, {
    cwd: scenario.cwd,
    ...(terminal === undefined ? { term: 'dumb' } : {}),
  });
  if (terminal === undefined) {
    const text = new TextDecoder().decode(await io.readStdin());
    return runScript(shell, text, {
      stdout: { write: (t) => io.stdout(t) },
      stderr: { write: (t) => io.stderr(t) },
    });
  }
  return new Promise<number>((resolve) => {
    const session = new TerminalSession({
      shell: shell.session,
      completer: shell.completer,
      columns: terminal.columns(),
      write: terminal.write,
      onExit: (status) => {
        terminal.close();
        resolve(status);
      },
    });
    terminal.onData((data) => session.input(data));
    terminal.onResize(() => session.resize(terminal.columns()));
    void session.start();
  });
}

/** The process's terminal, when both stdin and stdout are one. */
function processTerminal(): TerminalStreams | undefined {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) return undefined;
  const stdin = process.stdin;
  return {
    columns: () => process.stdout.columns,
    onData: (listener) => {
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.on('data', (data: string) => listener(data));
      stdin.resume();
    },
    onResize: (listener) => {
      process.stdout.on('resize', listener);
    },
    write: (data) => {
      process.stdout.write(data);
    },
    close: () => {
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
