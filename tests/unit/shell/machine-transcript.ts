// The simulated side of the recorded cases: a Debian 12 machine with the cases' work tree (every
// entry at TREE_TIME), root's shell in it with the recorder's prompt (`$ `), fed the lines the way
// `bash --noediting -i` reads a stdin that is not a terminal, then Ctrl-D.

import {
  TREE_TIME,
  WORK_DIRECTORY,
  WORK_ROOT,
  WORK_TREE,
} from '../../fixtures/shell/command-cases.ts';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { debianMachine } from '../../../src/shell/machine/base-system.ts';
import type { Machine } from '../../../src/shell/machine/machine.ts';
import {
  restoreMachine,
  snapshotMachine,
  type MachineSnapshot,
} from '../../../src/shell/machine/machine-snapshot.ts';
import { MachineShell } from '../../../src/shell/machine-shell.ts';

export class Collector {
  text = '';
  readonly write = (text: string): void => {
    this.text += text;
  };
}

const bases = new Map<number, MachineSnapshot>();

/** A fresh Debian 12 machine (booted once per seed, then restored from its snapshot: fast). */
export function freshDebian(seed = 1): Machine {
  let base = bases.get(seed);
  if (base === undefined) {
    base = snapshotMachine(debianMachine({ seed }));
    bases.set(seed, base);
  }
  return restoreMachine(base);
}

/** Debian with WORK_TREE at WORK_DIRECTORY, as record-commands.ts makes it for real. */
export function workMachine(seed = 1): Machine {
  const machine = freshDebian(seed);
  const fs = machine.fs;
  fs.mkdirs(WORK_DIRECTORY);
  for (const entry of WORK_TREE) {
    const path = `${WORK_DIRECTORY}/${entry.path}`;
    switch (entry.kind) {
      case 'file':
        fs.writeText(path, entry.text, { mode: entry.mode ?? 0o644 });
        break;
      case 'directory':
        fs.mkdir(path, { mode: entry.mode ?? 0o755 });
        break;
      case 'symlink':
        fs.symlink(entry.target, path);
        break;
      case 'socket':
        fs.mksocket(path, { mode: entry.mode });
        break;
    }
  }
  const ms = TREE_TIME * 1000;
  for (const path of [
    ...WORK_TREE.map((e) => `${WORK_DIRECTORY}/${e.path}`).reverse(),
    WORK_DIRECTORY,
    WORK_ROOT,
  ]) {
    fs.setTimes(path, ms, ms, false);
  }
  return machine;
}

/** A root shell on `machine` in `cwd` with the recorder's environment. */
export function transcriptShell(machine: Machine, cwd = WORK_DIRECTORY): MachineShell {
  const shell = new MachineShell(machine, { cwd, term: 'dumb' });
  const variables = shell.session.state.variables;
  variables.set('PS1', '$ ');
  variables.set('PS2', '> ');
  return shell;
}

/** Types `lines` into the shell as bash reads a non-terminal stdin; returns all it printed. */
export async function runMachineTranscript(
  shell: MachineShell,
  lines: readonly string[],
): Promise<string> {
  const session = shell.session;
  const out = new Collector();
  const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
  for (const line of lines) {
    out.write(session.takeJobNotices());
    out.write(await session.prompt(streams));
    const step = await session.submit(line, streams);
    if (step.kind === 'exit') return out.text;
  }
  for (;;) {
    out.write(session.takeJobNotices());
    out.write(await session.prompt(streams));
    const step = await session.endOfInput(streams);
    if (step.kind === 'exit') return out.text;
  }
}
