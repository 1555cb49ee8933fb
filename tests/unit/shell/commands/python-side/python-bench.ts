// The `original` scenario's machine, named `vm` as the capture machine was, with root's shell in
// the tutorial's folder, and the two forms real-output-shell.md's captures take: `$ cmd` / output /
// `[exit status N]` (stdout and stderr on one pipe) and a terminal session with prompts. Pids,
// times and addresses differ from a capture's; `masked` replaces them on both sides.

import { readFileSync } from 'node:fs';
import { TextInput } from '../../../../../src/shell/bash/text-input.ts';
import type { OutputSink } from '../../../../../src/shell/bash/command-runner.ts';
import { MachineShell } from '../../../../../src/shell/machine-shell.ts';
import type { Machine } from '../../../../../src/shell/machine/machine.ts';
import { ORIGINAL } from '../../../../../src/shell/scenarios/original.ts';
import { Collector } from '../../machine-transcript.ts';

export interface Bench {
  readonly machine: Machine;
  readonly shell: MachineShell;
}

/** The original scenario as `vm`, with `prepare` run on its machine first. */
export function originalBench(
  prepare: (machine: Machine) => void = () => {},
  cwd = ORIGINAL.cwd,
): Bench {
  const machine = ORIGINAL.build(1);
  machine.hostname = 'vm';
  prepare(machine);
  return { machine, shell: new MachineShell(machine, { cwd, term: 'dumb' }) };
}

/** Each line as `$ line`, its output (stdout and stderr together), `[exit status N]`. */
export async function statusTranscript(
  shell: MachineShell,
  lines: readonly string[],
  stdin = '',
): Promise<string> {
  const out = new Collector();
  for (const line of lines) {
    out.write(`$ ${line}\n`);
    const step = await shell.session.submit(line, {
      stdin: new TextInput(stdin),
      stdout: out,
      stderr: out,
    });
    out.write(`[exit status ${step.kind === 'more' ? '?' : step.status}]\n`);
  }
  return out.text;
}

/** Colour escapes (ESC [ … m): captures shown "rendered" have none. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** An interactive session on an 80-column terminal: prompt, the line, what it printed. */
export async function terminalTranscript(
  shell: MachineShell,
  lines: readonly string[],
): Promise<string> {
  const out = new Collector();
  const terminal: OutputSink = { write: out.write, terminal: { columns: 80 } };
  const streams = { stdin: new TextInput(''), stdout: terminal, stderr: terminal };
  for (const line of lines) {
    out.write(shell.session.takeJobNotices());
    out.write(`${await shell.session.prompt(streams)}${line}\n`);
    const step = await shell.session.submit(line, streams);
    if (step.kind === 'exit') break;
  }
  return out.text.replace(SGR, '');
}

/** Runs a line that keeps running, sends it `signal` once it has started, and waits for it. */
export async function interrupted(
  bench: Bench,
  line: string,
  signal: 'SIGINT' | 'SIGTERM' | 'SIGQUIT' = 'SIGINT',
): Promise<{ output: string; status: number }> {
  const out = new Collector();
  const before = new Set(bench.machine.processes.list().map((p) => p.pid));
  const step = bench.shell.session.submit(line, {
    stdin: new TextInput(''),
    stdout: out,
    stderr: out,
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const started = bench.machine.processes
    .list()
    .find((p) => !before.has(p.pid) && (p.comm === 'uwsgi' || p.comm.startsWith('python')));
  if (started === undefined) throw new Error(`${line}: nothing started`);
  bench.machine.processes.signal(started.pid, signal);
  const done = await step;
  return { output: out.text, status: done.kind === 'more' ? -1 : done.status };
}

/** `rm -rf PATH` on the machine (a scenario's venv, before a test makes its own). */
export function removeTree(machine: Machine, path: string): void {
  const fs = machine.fs;
  const stat = fs.tryLstat(path);
  if (stat === undefined) return;
  if (stat.kind === 'directory') {
    for (const name of fs.readDir(path)) removeTree(machine, `${path}/${name}`);
    fs.rmdir(path);
  } else fs.unlink(path);
}

/** A file of tests/fixtures/shell/python-side/. */
export function fixture(name: string): string {
  return readFileSync(
    new URL(`../../../../fixtures/shell/python-side/${name}`, import.meta.url),
    'utf8',
  );
}

/** The part of a `$ cmd` / `[exit status N]` capture that `command` printed, with its status line. */
export function captured(text: string, command: string): string {
  const at = text.indexOf(`$ ${command}\n`);
  if (at < 0) throw new Error(`no "${command}" in the capture`);
  const end = text.indexOf('[exit status', at);
  return text.slice(at, text.indexOf('\n', end) + 1);
}

/** Start times, pids, addresses, build dates and clock times replaced. */
export function masked(text: string): string {
  return text
    .replace(/on \[[A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d \d{4}\]/g, 'on [TIME]')
    .replace(/pid: \d+/g, 'pid: PID')
    .replace(/0x[0-9a-f]{8,16}/g, '0xADDRESS')
    .replace(
      /compiled with version: 12\.2\.0 on \d+ [A-Z][a-z]+ \d{4} \d\d:\d\d:\d\d/g,
      'compiled ON',
    )
    .replace(/ Nov 26 \d\d:\d\d /g, ' Nov 26 HH:MM ')
    .replace(/\d+(\.\d)? MB\/s eta/g, 'RATE eta');
}
