// Drives a ShellSession the way `bash --noediting -i` reads a non-terminal stdin: a prompt, then
// whatever the line printed, line after line; at the end of input, Ctrl-D. The text is what the
// recorder in tests/fixtures/bash captured from the real bash (stdout and stderr together).

import { ShellSession } from '../../../src/shell/bash/shell-session.ts';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { Collector, type FakeMachine } from './fake-host.ts';

export async function runTranscript(
  machine: FakeMachine,
  lines: readonly string[],
): Promise<string> {
  const session = new ShellSession(machine.host, machine.state, {
    user: 'root',
    uid: 0,
    hostname: 'vm',
  });
  const out = new Collector();
  const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
  for (const line of lines) {
    out.write(session.takeJobNotices());
    out.write(await session.prompt(streams));
    const step = await session.submit(line, streams);
    if (step.kind === 'exit') return out.text;
  }
  // Ctrl-D until the shell ends (a here-document cut off by end of input runs first).
  for (;;) {
    out.write(session.takeJobNotices());
    out.write(await session.prompt(streams));
    const step = await session.endOfInput(streams);
    if (step.kind === 'exit') return out.text;
  }
}
