// What the recordings cannot show, because it needs a terminal, a second process or the program
// registry: ls's columns on a terminal, `tail -f` following what another process appends until
// Ctrl-C or `kill`, the process table while a command runs, sudo's environment, `#!` scripts run by
// the program their interpreter is, programs the simulation does not have, Tab completion, man.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandRecording } from '../../../fixtures/shell/record-commands.ts';
import { TextInput } from '../../../../src/shell/bash/text-input.ts';
import { CommandRegistry } from '../../../../src/shell/command-registry.ts';
import { builtinCommands } from '../../../../src/shell/commands/index.ts';
import { completionWord } from '../../../../src/shell/line-editor-completion.ts';
import { MachineShell } from '../../../../src/shell/machine-shell.ts';
import type { CommandDefinition } from '../../../../src/shell/program.ts';
import { SCENARIOS } from '../../../../src/shell/scenarios/index.ts';
import { Collector, freshDebian, transcriptShell, workMachine } from '../machine-transcript.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../../fixtures/shell/commands-recording.json', import.meta.url), 'utf8'),
) as CommandRecording;

/** Runs one line with stdout on a terminal of `columns`. */
async function onTerminal(shell: MachineShell, line: string, columns = 80): Promise<string> {
  const out = new Collector();
  const terminal = { write: out.write, terminal: { columns } };
  await shell.session.submit(line, {
    stdin: new TextInput(''),
    stdout: terminal,
    stderr: terminal,
  });
  return out.text;
}

async function run(shell: MachineShell, line: string): Promise<string> {
  const out = new Collector();
  await shell.session.submit(line, { stdin: new TextInput(''), stdout: out, stderr: out });
  return out.text;
}

describe('ls on a terminal', () => {
  it('prints columns, with tabs, quoting names that need it (as ls -C --quoting-style=shell-escape)', async () => {
    const recorded = recording.cases.find((c) => c.name === 'ls quoting')!.output;
    const expected = recorded.split('$ ')[1]!;
    expect(await onTerminal(transcriptShell(workMachine()), 'ls')).toBe(expected);
  });

  it('uses the terminal’s width', async () => {
    const shell = transcriptShell(workMachine());
    const narrow = await onTerminal(shell, 'ls', 30);
    expect(
      Math.max(...narrow.split('\n').map((l) => l.replace(/\t/g, '        ').length)),
    ).toBeLessThan(30);
    expect(await onTerminal(shell, 'ls | cat')).toContain('a b.txt\napp.py\n');
  });
});

describe('tail -f', () => {
  it('follows what another process appends until Ctrl-C', async () => {
    const machine = workMachine();
    const shell = transcriptShell(machine);
    const out = new Collector();
    const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
    const running = shell.session.submit('tail -f -n 1 logs/access.log', streams);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out.text).toContain('"GET / HTTP/1.1" 502 157');
    const path = '/tmp/uwsgi-lab-shell/work/logs/access.log';
    // nginx writing its log while tail runs
    machine.fs.appendFile(
      path,
      new TextEncoder().encode(
        '127.0.0.1 - - [26/Nov/2026:07:30:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/7.88.1"\n',
      ),
    );
    expect(out.text).toMatch(/" 200 12 "-" "curl\/7\.88\.1"\n$/);
    const tail = machine.processes.list().find((p) => p.command.startsWith('tail -f'));
    expect(tail).toMatchObject({ ppid: shell.pid, tty: 'pts/0', state: 'R+', user: 'root' });
    machine.fs.truncate(path);
    expect(out.text).toContain('tail: logs/access.log: file truncated\n');
    expect(shell.session.interrupt()).toBe(true);
    expect(await running).toEqual({ kind: 'done', status: 130 });
    expect(machine.processes.list().some((p) => p.command.startsWith('tail'))).toBe(false);
  });

  it('ends on `kill PID` (SIGTERM) through the process table', async () => {
    const machine = workMachine();
    const shell = transcriptShell(machine);
    const out = new Collector();
    const running = shell.session.submit('tail -f app.py', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const pid = machine.processes.list().find((p) => p.command === 'tail -f app.py')!.pid;
    expect(machine.processes.signal(pid, 'SIGTERM')).toBe('delivered');
    expect(await running).toEqual({ kind: 'done', status: 143 });
    expect(out.text).toContain('Terminated\n');
  });
});

describe('sudo', () => {
  it('runs the command with Debian’s secure_path, so a venv’s pip is not the one it finds', async () => {
    const machine = SCENARIOS.original.build(1);
    const shell = new MachineShell(machine, { cwd: SCENARIOS.original.cwd });
    await run(shell, 'source .venv/bin/activate');
    expect(await run(shell, 'which pip')).toBe('/home/ubuntu/helloWorld/.venv/bin/pip\n');
    expect(await run(shell, 'sudo which pip')).toBe('/usr/bin/pip\n');
    expect(await run(shell, 'sudo env | grep -E "^(PATH|SUDO_USER|VIRTUAL_ENV)="')).toBe(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nSUDO_USER=root\n',
    );
    expect(await run(shell, 'sudo nope; echo $?')).toBe('sudo: nope: command not found\n1\n');
    expect(await run(shell, 'sudo')).toMatch(/^usage: sudo -h \| -K \| -k \| -V\n/);
  });
});

describe('running programs', () => {
  const seen: (readonly string[])[] = [];
  const python: CommandDefinition = {
    name: 'python3',
    programs: ['/usr/bin/python3.11'],
    run: ({ argv, executable }) => {
      seen.push([executable ?? '', ...argv]);
      return 0;
    },
  };

  it('runs a #! script by its interpreter’s program, with the script’s path as the kernel passes it', async () => {
    const machine = SCENARIOS.original.build(1);
    const shell = new MachineShell(machine, {
      cwd: SCENARIOS.original.cwd,
      registry: new CommandRegistry([...builtinCommands(), python]),
    });
    await run(shell, '.venv/bin/pip --version');
    await run(shell, 'source .venv/bin/activate; pip install flask');
    expect(seen).toEqual([
      [
        '/home/ubuntu/helloWorld/.venv/bin/python3',
        '/home/ubuntu/helloWorld/.venv/bin/python3',
        '.venv/bin/pip',
        '--version',
      ],
      [
        '/home/ubuntu/helloWorld/.venv/bin/python3',
        '/home/ubuntu/helloWorld/.venv/bin/python3',
        '/home/ubuntu/helloWorld/.venv/bin/pip',
        'install',
        'flask',
      ],
    ]);
    // a program is a process while it runs, a builtin is not
    expect(
      machine.processes
        .list()
        .filter((p) => p.tty === 'pts/0')
        .map((p) => p.command),
    ).toEqual(['bash']);
  });

  it('says so for a program of the machine the simulation does not have', async () => {
    const shell = new MachineShell(freshDebian(), {});
    expect(await run(shell, 'tar --version; echo $?')).toBe(
      'tar: this program is on the machine but not part of the simulation (uwsgi-lab)\n126\n',
    );
    expect(await run(shell, 'cp /usr/bin/ls /tmp/myls; /tmp/myls -d /tmp')).toBe('/tmp\n');
  });

  it('runs #!/bin/sh scripts with dash’s error words', async () => {
    const shell = new MachineShell(freshDebian(), { cwd: '/tmp' });
    await run(shell, "printf '#!/bin/sh\\necho in sh $1\\nnope\\n' > s.sh; chmod +x s.sh");
    expect(await run(shell, './s.sh x; echo $?')).toBe(
      'in sh x\n./s.sh: 3: nope: not found\n127\n',
    );
    expect(await run(shell, 'sh -c "echo \\$0; nope"')).toBe('sh\nsh: 1: nope: not found\n');
    expect(await run(shell, 'bash -c nope; echo $?')).toBe('bash: nope: command not found\n127\n');
  });
});

describe('Tab completion', () => {
  const shell = new MachineShell(SCENARIOS.original.build(1), { cwd: SCENARIOS.original.cwd });
  const complete = (line: string): string[] =>
    shell.completer
      .complete(completionWord(line, line.length).request)
      .map((c) => c.text + (c.directory === true ? '/' : ''));

  it('completes commands from builtins and PATH, files from the folder, options and variables', () => {
    expect(complete('uws')).toEqual(['uwsgi', 'uwsgi-core']);
    expect(complete('hist')).toEqual(['history']);
    expect(complete('cat ap')).toEqual(['app.py']);
    expect(complete('cd .v')).toEqual(['.venv/']);
    expect(complete('ls .venv/bin/act')).toEqual([
      '.venv/bin/activate',
      '.venv/bin/activate.csh',
      '.venv/bin/activate.fish',
    ]);
    expect(complete('ls /etc/alt')).toEqual(['/etc/alternatives/']);
    expect(complete('cat ~/.pro')).toEqual(['~/.profile']);
    expect(complete('ls -l')).toContain('-la');
    expect(complete('echo $VIRTUAL')).toEqual([]);
    expect(complete('echo $HOM')).toEqual(['$HOME']);
    expect(complete('./')).toEqual(['./.venv/']);
  });
});

describe('man and clear', () => {
  it('has pages only for installed programs, and clears the screen and scrollback', async () => {
    const shell = new MachineShell(SCENARIOS.original.build(1), {});
    expect(await run(shell, 'man nginx; echo $?')).toBe('No manual entry for nginx\n16\n');
    const page = await run(shell, 'man uwsgi');
    // 78 columns, the middle centred, as man-db formats for an 80-column terminal
    expect(page.split('\n')[0]).toBe(
      `UWSGI(1)${' '.repeat(25)}User Commands${' '.repeat(24)}UWSGI(1)`,
    );
    expect(page).toContain('--plugin');
    expect(await run(shell, 'clear')).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});
