// `uwsgi-lab shell`: a scripted session on the `original` scenario (no prompt, one line at a
// time, a command reading stdin gets the lines after its own, the exit status is the shell's), its
// options and errors, and the same shell on a (fake) terminal with a prompt, Tab and Ctrl-D.

import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { runShell, type TerminalStreams } from '../../../src/cli/commands/shell.ts';
import { runCli } from '../../../src/cli/main.ts';
import { utf8Bytes } from '../../../src/protocol/byte-text.ts';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function io(stdin: string): { io: CliIo; result: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      readStdin: async () => utf8Bytes(stdin),
      stdout: (data) => {
        stdout += typeof data === 'string' ? data : new TextDecoder().decode(data);
      },
      stderr: (text) => {
        stderr += text;
      },
    },
    result: () => ({ stdout, stderr }),
  };
}

async function shell(args: readonly string[], stdin: string): Promise<Run> {
  const { io: streams, result } = io(stdin);
  let status: number;
  try {
    status = await runShell(args, streams, undefined);
  } catch (error) {
    // main turns a CliError into one line and status 2
    return { status: 2, stdout: '', stderr: (error as Error).message };
  }
  return { status, ...result() };
}

describe('uwsgi-lab shell, scripted', () => {
  it('runs the tutorial’s first steps on the original scenario', async () => {
    const run = await shell(
      ['--scenario', 'original'],
      [
        'pwd',
        'ls -a',
        'ls -l /usr/bin/uwsgi /etc/alternatives/uwsgi',
        'mv /usr/bin/uwsgi /usr/bin/uwsgi-old',
        'ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi',
        'ls -l /usr/local/bin/uwsgi',
        'cat /etc/os-release | head -1',
        'exit 3',
        'echo never',
      ].join('\n'),
    );
    expect(run.stdout).toBe(`/home/ubuntu/helloWorld
.
..
.venv
app.py
lrwxrwxrwx 1 root root 19 May 19  2023 /etc/alternatives/uwsgi -> /usr/bin/uwsgi-core
lrwxrwxrwx 1 root root 23 May 19  2023 /usr/bin/uwsgi -> /etc/alternatives/uwsgi
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
`);
    expect(run.stderr).toBe(`ls: cannot access '/usr/local/bin/uwsgi': No such file or directory
exit
`);
    expect(run.status).toBe(3);
  });

  it('hands the lines after a command to what it reads from stdin, as bash < script does', async () => {
    const run = await shell([], 'cat > notes.txt\nfirst line\nsecond line\n');
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const again = await shell([], 'cat\nstill input\n');
    expect(again.stdout).toBe('still input\n');
  });

  it('ends with the last command’s status at the end of input, and is the same every time', async () => {
    const script = 'echo $$ $RANDOM_NOT_SET\nls /nope\n';
    const first = await shell(['--seed', '42'], script);
    expect(first.status).toBe(2);
    expect(await shell(['--seed', '42'], script)).toEqual(first);
    expect((await shell(['--seed', '43'], script)).stdout).not.toBe(first.stdout);
  });

  it('starts the scenario’s programs: on nginx-ready curl answers through nginx and uWSGI', async () => {
    const run = await shell(
      ['--scenario', 'nginx-ready'],
      [
        'cat /etc/nginx/sites-enabled/default | grep uwsgi_pass',
        'curl -s http://localhost:8080/',
        'systemctl is-active nginx',
      ].join('\n'),
    );
    expect(run.stdout).toBe(
      '                uwsgi_pass unix:/tmp/uwsgi.sock;\nHello World!active\n',
    );
    expect(run.stderr).toBe('');
  });

  it('refuses unknown scenarios, bad seeds and operands', async () => {
    expect((await shell(['--scenario', 'nope'], '')).stderr).toMatch(
      /^no scenario "nope" \(scenarios: original, uwsgi-running/,
    );
    expect((await shell(['--seed', 'x'], '')).stderr).toBe('--seed wants a whole number, not "x"');
    expect((await shell(['extra'], '')).status).toBe(2);
  });

  it('prints its help through the CLI', async () => {
    const { io: streams, result } = io('');
    expect(await runCli(['shell', '--help'], streams)).toBe(0);
    expect(result().stdout).toContain('usage: uwsgi-lab shell [--scenario NAME] [--seed N]');
    expect(result().stdout).toContain('broken-502-permission');
  });
});

describe('uwsgi-lab shell on a terminal', () => {
  it('shows the prompt, completes with Tab, runs lines and ends on Ctrl-D', async () => {
    let screen = '';
    let listener: (data: string) => void = () => undefined;
    let closed = false;
    const terminal: TerminalStreams = {
      columns: () => 80,
      onData: (l) => (listener = l),
      onResize: () => undefined,
      write: (data) => (screen += data),
      close: () => (closed = true),
    };
    const { io: streams } = io('');
    const done = runShell(['--scenario', 'original'], streams, terminal);
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    await settle();
    expect(screen).toBe('root@helloworld:/home/ubuntu/helloWorld# ');
    listener('cat ap\t');
    await settle();
    // the editor moves back over `ap` and writes the completed word
    expect(screen.endsWith('cat ap\u001b[2Dapp.py ')).toBe(true);
    listener('\r');
    await settle();
    expect(screen).toContain('return "Hello World!"\r\n');
    listener('\x04');
    expect(await done).toBe(0);
    expect(screen.endsWith('exit\r\n')).toBe(true);
    expect(closed).toBe(true);
  });
});
