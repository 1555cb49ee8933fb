// Runs a whole script through root's interactive shell without a terminal, as `cli shell` does
// with a piped stdin: each line is submitted in turn (no prompt is shown, as none is asked for),
// job notices come before the next line, and at the end of input the shell ends as bash does at
// end of file. Returns the shell's exit status.

import type { OutputSink } from './bash/command-runner.ts';
import type { MachineShell } from './machine-shell.ts';
import { ScriptInput } from './script-input.ts';

export interface ScriptStreams {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
}

export async function runScript(
  shell: MachineShell,
  text: string,
  streams: ScriptStreams,
): Promise<number> {
  const input = new ScriptInput(text);
  const session = shell.session;
  const io = { stdin: input, stdout: streams.stdout, stderr: streams.stderr };
  for (let line = input.nextLine(); line !== undefined; line = input.nextLine()) {
    streams.stderr.write(session.takeJobNotices());
    const step = await session.submit(line, io);
    if (step.kind === 'exit') return step.status;
  }
  // end of input: a half-typed command is cut off as bash cuts it; then the shell ends
  if (session.continuing) {
    const step = await session.endOfInput(io);
    if (step.kind === 'exit') return step.status;
  }
  streams.stderr.write(session.takeJobNotices());
  return session.state.lastStatus;
}
