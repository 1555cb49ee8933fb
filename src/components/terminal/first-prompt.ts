// The prompt a scenario's shell shows first, for the server-rendered placeholder: worked out at
// build time by the same shell the browser runs later, so nothing moves when the terminal opens.
import { MachineShell } from '../../shell/machine-shell.ts';
import type { Scenario } from '../../shell/scenarios/index.ts';
import { TerminalSession } from '../../shell/terminal-session.ts';
import { stripAnsi } from '../../shell/terminal-width.ts';

const prompts = new Map<string, string>();

export async function firstPrompt(scenario: Scenario): Promise<string> {
  const known = prompts.get(scenario.name);
  if (known !== undefined) return known;
  const shell = new MachineShell(scenario.build(1), { cwd: scenario.cwd });
  let screen = '';
  const session = new TerminalSession({
    shell: shell.session,
    write: (data) => void (screen += data),
  });
  await session.start();
  const prompt = stripAnsi(screen).split('\r\n').at(-1) ?? '';
  prompts.set(scenario.name, prompt);
  return prompt;
}
