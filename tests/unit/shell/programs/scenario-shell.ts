// A scenario's machine with its programs started by the program layer, and root's shell on it, in
// the two forms the captures take: `$ cmd` / output / `[exit status N]` (commands run with stdout
// and stderr on one pipe, as real-output-shell.md's harness ran them) and a terminal session with
// prompts. Pids, times and dates differ from a capture's; `masked` replaces them on both sides.

import { readFileSync } from 'node:fs';
import { TextInput } from '../../../../src/shell/bash/text-input.ts';
import { MachineShell } from '../../../../src/shell/machine-shell.ts';
import type { Machine } from '../../../../src/shell/machine/machine.ts';
import {
  SCENARIOS,
  startScenarioPrograms,
  type ScenarioName,
} from '../../../../src/shell/scenarios/index.ts';
import { Collector } from '../machine-transcript.ts';
// the commands' module registers the program layer (starters, resumers, goal checks)
import '../../../../src/shell/commands/index.ts';

export interface ScenarioBench {
  readonly machine: Machine;
  readonly shell: MachineShell;
}

/** The scenario's machine (seed 1) with its programs running and a shell in its folder. */
export function scenarioBench(name: ScenarioName, seed = 1): ScenarioBench {
  const scenario = SCENARIOS[name];
  const machine = scenario.build(seed);
  if (!startScenarioPrograms(machine, scenario)) throw new Error('no program layer');
  const shell = new MachineShell(machine, { cwd: scenario.cwd, term: 'dumb' });
  return { machine, shell };
}

/** Each line as `$ line`, its output (stdout and stderr together), `[exit status N]`. */
export async function statusTranscript(
  shell: MachineShell,
  lines: readonly string[],
): Promise<string> {
  const out = new Collector();
  for (const line of lines) {
    out.write(`$ ${line}\n`);
    const step = await shell.session.submit(line, {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    out.write(`[exit status ${step.kind === 'more' ? '?' : step.status}]\n`);
  }
  return out.text;
}

/** An interactive session on a terminal of `columns`: prompt, the line, what it printed. */
export async function terminalTranscript(
  shell: MachineShell,
  lines: readonly string[],
  columns = 80,
): Promise<string> {
  const out = new Collector();
  const terminal = { write: out.write, terminal: { columns } };
  const streams = { stdin: new TextInput(''), stdout: terminal, stderr: terminal };
  shell.session.state.variables.set('TERM', 'xterm');
  for (const line of lines) {
    out.write(shell.session.takeJobNotices());
    out.write(`${await shell.session.prompt(streams)}${line}\n`);
    const step = await shell.session.submit(line, streams);
    if (step.kind === 'exit') break;
  }
  return out.text;
}

/** Runs one line; its stdout and stderr apart, and its status. */
export async function runLine(
  shell: MachineShell,
  line: string,
): Promise<{ stdout: string; stderr: string; status: number }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const step = await shell.session.submit(line, {
    stdin: new TextInput(''),
    stdout,
    stderr,
  });
  return {
    stdout: stdout.text,
    stderr: stderr.text,
    status: step.kind === 'more' ? -1 : step.status,
  };
}

/** A file of tests/fixtures/shell/service-side/. */
export function fixture(name: string): string {
  return readFileSync(
    new URL(`../../../fixtures/shell/service-side/${name}`, import.meta.url),
    'utf8',
  );
}

/** The part of a `$ cmd` / `[exit status N]` capture that `command` printed, with its status line. */
export function captured(text: string, command: string, occurrence = 0): string {
  const marker = `$ ${command}\n`;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(marker, at + 1);
    if (at < 0) throw new Error(`no "${command}" in the capture`);
  }
  const end = text.indexOf('[exit status', at);
  return text.slice(at, text.indexOf('\n', end) + 1);
}

/**
 * What a terminal shows: CRLF line ends as plain ones, and of a line curl's progress meter
 * rewrote with `\r`, only its last state (the captures in the reference are rendered that way).
 */
export function rendered(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

/** Pids, clock times and dates replaced (and the text rendered), so a capture and a replay compare. */
export function masked(text: string): string {
  return rendered(text)
    .replace(/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+:/g, 'DATE [$1] PID#PID:')
    .replace(/Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT/g, 'Date: DATE')
    .replace(/\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000/g, 'LOGTIME')
    .replace(/pid=\d+/g, 'pid=PID')
    .replace(/\broot@vm:/g, 'root@helloworld:');
}
