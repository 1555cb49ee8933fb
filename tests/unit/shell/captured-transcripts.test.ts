// The shell side of the captures in ../shared/reference/real-output-shell.md, replayed on the
// `original` scenario's machine named `vm` as the capture machine was: §1.8 (the tutorial's
// `mv`/`ln -s` and bash's hash table) and §1.5 (`source .venv/bin/activate`). uwsgi and python
// stand in as test programs printing their --version: the commands are the next layer's.

import { describe, expect, it } from 'vitest';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { CommandRegistry } from '../../../src/shell/command-registry.ts';
import { builtinCommands } from '../../../src/shell/commands/index.ts';
import { MachineShell } from '../../../src/shell/machine-shell.ts';
import type { CommandDefinition } from '../../../src/shell/program.ts';
import { SCENARIOS } from '../../../src/shell/scenarios/index.ts';
import { DEACTIVATE_TEXT } from '../../../src/shell/venv-activation.ts';
import { Collector } from './machine-transcript.ts';

/** Version printers in place of the real programs (their own layer comes next). */
const STAND_INS: CommandDefinition[] = [
  {
    name: 'uwsgi',
    programs: ['/usr/bin/uwsgi-core'],
    run: ({ stdout }) => {
      stdout.write('2.0.21-debian\n');
      return 0;
    },
  },
  {
    name: 'python3',
    programs: ['/usr/bin/python3.11'],
    run: ({ stdout }) => {
      stdout.write('Python 3.11.2\n');
      return 0;
    },
  },
];

function originalShell(): MachineShell {
  const machine = SCENARIOS.original.build(1);
  machine.hostname = 'vm';
  return new MachineShell(machine, {
    cwd: SCENARIOS.original.cwd,
    registry: new CommandRegistry([...builtinCommands(), ...STAND_INS]),
  });
}

/** An interactive session on a terminal: prompt, the typed line echoed, its output. */
async function terminalTranscript(shell: MachineShell, lines: readonly string[]): Promise<string> {
  const session = shell.session;
  const out = new Collector();
  const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
  for (const line of lines) {
    out.write(session.takeJobNotices());
    out.write(`${await session.prompt(streams)}${line}\n`);
    const step = await session.submit(line, streams);
    if (step.kind === 'exit') break;
  }
  return out.text;
}

describe('real-output-shell.md §1.8: the tutorial’s mv / ln -s and bash’s hash table', () => {
  it('says No such file or directory until hash -r, then command not found', async () => {
    const shell = originalShell();
    const text = await terminalTranscript(shell, [
      'uwsgi --version',
      'ls -l /usr/bin/uwsgi /etc/alternatives/uwsgi',
      'mv /usr/bin/uwsgi /usr/bin/uwsgi-old',
      'uwsgi --version',
      'ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi',
      'ls -l /usr/bin/uwsgi /usr/bin/uwsgi-old',
      'uwsgi --version',
      'hash -r',
      'uwsgi -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv',
      'echo $?',
      'uwsgi-old --version',
      'which uwsgi; echo $?',
      'exit',
    ]);
    // the capture's only difference: the time the link was made
    expect(text.replace(/Nov 26 \d\d:\d\d/, 'Nov 26 07:18'))
      .toBe(`root@vm:/home/ubuntu/helloWorld# uwsgi --version
2.0.21-debian
root@vm:/home/ubuntu/helloWorld# ls -l /usr/bin/uwsgi /etc/alternatives/uwsgi
lrwxrwxrwx 1 root root 19 May 19  2023 /etc/alternatives/uwsgi -> /usr/bin/uwsgi-core
lrwxrwxrwx 1 root root 23 May 19  2023 /usr/bin/uwsgi -> /etc/alternatives/uwsgi
root@vm:/home/ubuntu/helloWorld# mv /usr/bin/uwsgi /usr/bin/uwsgi-old
root@vm:/home/ubuntu/helloWorld# uwsgi --version
bash: /usr/bin/uwsgi: No such file or directory
root@vm:/home/ubuntu/helloWorld# ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi
root@vm:/home/ubuntu/helloWorld# ls -l /usr/bin/uwsgi /usr/bin/uwsgi-old
lrwxrwxrwx 1 root root 20 Nov 26 07:18 /usr/bin/uwsgi -> /usr/local/bin/uwsgi
lrwxrwxrwx 1 root root 23 May 19  2023 /usr/bin/uwsgi-old -> /etc/alternatives/uwsgi
root@vm:/home/ubuntu/helloWorld# uwsgi --version
bash: /usr/bin/uwsgi: No such file or directory
root@vm:/home/ubuntu/helloWorld# hash -r
root@vm:/home/ubuntu/helloWorld# uwsgi -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv
bash: uwsgi: command not found
root@vm:/home/ubuntu/helloWorld# echo $?
127
root@vm:/home/ubuntu/helloWorld# uwsgi-old --version
2.0.21-debian
root@vm:/home/ubuntu/helloWorld# which uwsgi; echo $?
1
root@vm:/home/ubuntu/helloWorld# exit
exit
`);
  });

  it('keeps the hash table in a saved session', async () => {
    const shell = originalShell();
    await terminalTranscript(shell, ['uwsgi --version', 'mv /usr/bin/uwsgi /usr/bin/uwsgi-old']);
    const saved = JSON.parse(JSON.stringify(shell.toJSON())) as ReturnType<MachineShell['toJSON']>;
    const again = new MachineShell(shell.machine, {
      saved,
      registry: new CommandRegistry([...builtinCommands(), ...STAND_INS]),
    });
    const text = await terminalTranscript(again, ['uwsgi --version', 'hash']);
    expect(text).toContain('bash: /usr/bin/uwsgi: No such file or directory');
    expect(text).toContain('   2\t/usr/bin/uwsgi\n');
  });
});

describe('real-output-shell.md §1.5: source .venv/bin/activate', () => {
  it('prefixes the prompt, puts the venv first on PATH, and deactivate undoes it', async () => {
    const shell = originalShell();
    const text = await terminalTranscript(shell, [
      'echo "$PS1"',
      'source .venv/bin/activate',
      'echo "$PS1"',
      'echo $VIRTUAL_ENV',
      'which python pip uwsgi',
      'type python pip uwsgi',
      'python --version',
      'deactivate',
      'echo "$PS1"',
      'which python; echo $?',
      'exit',
    ]);
    expect(text).toBe(`root@vm:/home/ubuntu/helloWorld# echo "$PS1"
\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ 
root@vm:/home/ubuntu/helloWorld# source .venv/bin/activate
(.venv) root@vm:/home/ubuntu/helloWorld# echo "$PS1"
(.venv) \${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ 
(.venv) root@vm:/home/ubuntu/helloWorld# echo $VIRTUAL_ENV
/home/ubuntu/helloWorld/.venv
(.venv) root@vm:/home/ubuntu/helloWorld# which python pip uwsgi
/home/ubuntu/helloWorld/.venv/bin/python
/home/ubuntu/helloWorld/.venv/bin/pip
/usr/bin/uwsgi
(.venv) root@vm:/home/ubuntu/helloWorld# type python pip uwsgi
python is /home/ubuntu/helloWorld/.venv/bin/python
pip is /home/ubuntu/helloWorld/.venv/bin/pip
uwsgi is /usr/bin/uwsgi
(.venv) root@vm:/home/ubuntu/helloWorld# python --version
Python 3.11.2
(.venv) root@vm:/home/ubuntu/helloWorld# deactivate
root@vm:/home/ubuntu/helloWorld# echo "$PS1"
\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ 
root@vm:/home/ubuntu/helloWorld# which python; echo $?
1
root@vm:/home/ubuntu/helloWorld# exit
exit
`);
  });

  it('defines deactivate as bash prints it, exports PS1, clears the hash, and survives a save', async () => {
    const shell = originalShell();
    const text = await terminalTranscript(shell, [
      'ls > /dev/null',
      'source .venv/bin/activate',
      'hash',
      'type deactivate',
      'export -p | grep -E "PS1|VIRTUAL_ENV"',
    ]);
    expect(text).toContain('hash: hash table empty\n');
    expect(text).toContain(`deactivate is a function\n${DEACTIVATE_TEXT}`);
    // bash's declare -p quoting: `\`, `$`, `"` and backquote get a backslash
    expect(text).toContain(
      'declare -x PS1="(.venv) \\${debian_chroot:+(\\$debian_chroot)}\\\\u@\\\\h:\\\\w\\\\\\$ "\n',
    );
    expect(text).toContain('declare -x VIRTUAL_ENV="/home/ubuntu/helloWorld/.venv"\n');
    const again = new MachineShell(shell.machine, {
      saved: JSON.parse(JSON.stringify(shell.toJSON())) as ReturnType<MachineShell['toJSON']>,
    });
    const after = await terminalTranscript(again, [
      'deactivate',
      'type deactivate',
      'echo "[$VIRTUAL_ENV]"',
    ]);
    expect(after).toContain('bash: type: deactivate: not found\n');
    expect(after).toContain('[]\n');
  });

  it('sees the activate script that a venv without ensurepip lacks (§1.3)', async () => {
    const shell = originalShell();
    shell.machine.fs.unlink('/home/ubuntu/helloWorld/.venv/bin/activate');
    const text = await terminalTranscript(shell, ['source .venv/bin/activate']);
    expect(text).toContain('bash: .venv/bin/activate: No such file or directory\n');
  });
});
