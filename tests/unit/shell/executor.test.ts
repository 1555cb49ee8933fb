// The executor and the session with fake commands: pipelines that stream, redirections and their
// errors, background jobs and their notices (texts as bash 5.2 prints them, from
// ../shared/reference/real-output-shell.md §4), Ctrl-C, `exit`, `export`, `source`, subshells.

import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../../src/shell/bash/command-runner.ts';
import { ShellSession } from '../../../src/shell/bash/shell-session.ts';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { Collector, fakeMachine, type FakeMachine, type FakeMachineOptions } from './fake-host.ts';

function session(options: FakeMachineOptions = {}): {
  machine: FakeMachine;
  shell: ShellSession;
  out: Collector;
  run: (line: string) => Promise<string>;
} {
  const machine = fakeMachine(options);
  const shell = new ShellSession(machine.host, machine.state, {
    user: 'root',
    uid: 0,
    hostname: 'helloworld',
  });
  const out = new Collector();
  const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
  const run = async (line: string): Promise<string> => {
    const start = out.text.length;
    out.write(shell.takeJobNotices());
    await shell.submit(line, streams);
    return out.text.slice(start);
  };
  return { machine, shell, out, run };
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('pipelines', () => {
  it('runs every member at once, streaming through the pipe', async () => {
    let finish: () => void = () => undefined;
    const { shell, out } = session({
      commands: {
        producer: ({ stdout }) => {
          stdout.write('first line\n');
          return new Promise<CommandOutcome>((resolve) => {
            finish = () => {
              stdout.write('second line\n');
              resolve(0);
            };
          });
        },
      },
    });
    const running = shell.submit('producer | cat', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    await settle();
    expect(out.text).toBe('first line\n');
    finish();
    await running;
    expect(out.text).toBe('first line\nsecond line\n');
  });

  it('takes the status of the last member, inverted by !', async () => {
    const { run } = session();
    expect(
      await run('false | true; echo $?; true | false; echo $?; ! false | false; echo $?'),
    ).toBe('0\n1\n0\n');
  });

  it('pipes stderr too with |&', async () => {
    const { run } = session();
    expect(await run('complain oops |& count-lines')).toBe('1\n');
    expect(await run('complain oops | count-lines')).toBe('oops\n0\n');
  });

  it('forks every member; a lone builtin runs in the shell', async () => {
    const { run, machine } = session();
    await run('show-pid');
    await run('echo a | show-pid | cat');
    await run('echo alone');
    const calls = machine.runner.calls.map((c) => [c.argv[0], c.pid] as const);
    expect(calls.sort((a, b) => (a[1] ?? 9999) - (b[1] ?? 9999))).toEqual([
      ['show-pid', 1001],
      ['echo', 1002],
      ['show-pid', 1003],
      ['cat', 1004],
      ['echo', undefined],
    ]);
  });
});

describe('redirections', () => {
  it('writes, appends and reads files through the injected file interface', async () => {
    const { run, machine } = session();
    await run('echo one > /tmp/f; echo two >> /tmp/f');
    expect(machine.files.files.get('/tmp/f')).toBe('one\ntwo\n');
    expect(await run('cat < /tmp/f')).toBe('one\ntwo\n');
    await run('complain err 2> /tmp/e >/dev/null');
    expect(machine.files.files.get('/tmp/e')).toBe('err\n');
  });

  it('resolves relative paths against the working directory', async () => {
    const { run, machine } = session({ cwd: '/tmp' });
    await run('echo x > rel.txt');
    expect(machine.files.files.get('/tmp/rel.txt')).toBe('x\n');
  });

  it('creates the file even when the command does not exist', async () => {
    const { run, machine } = session();
    expect(await run('nosuch > /tmp/created')).toBe('bash: nosuch: command not found\n');
    expect(machine.files.files.get('/tmp/created')).toBe('');
  });

  it('applies redirections in order', async () => {
    const { run, machine } = session();
    await run('complain a > /tmp/x 2>&1');
    expect(machine.files.files.get('/tmp/x')).toBe('a\n');
    expect(await run('complain b 2>&1 > /tmp/y')).toBe('b\n');
    await run('complain c &> /tmp/z; echo d &>> /tmp/z');
    expect(machine.files.files.get('/tmp/z')).toBe('c\nd\n');
  });

  it('fails as bash does, without running the command', async () => {
    const { run, machine } = session({ files: { '/etc/shadow': 'x' } });
    machine.files.readOnly.add('/etc/shadow');
    expect(await run('echo x > /nope/x; echo $?')).toBe(
      'bash: /nope/x: No such file or directory\n1\n',
    );
    expect(await run('echo x > /tmp')).toBe('bash: /tmp: Is a directory\n');
    expect(await run('echo x > /etc/shadow')).toBe('bash: /etc/shadow: Permission denied\n');
    expect(await run('cat < /nope')).toBe('bash: /nope: No such file or directory\n');
    expect(await run('echo x >&3')).toBe('bash: 3: Bad file descriptor\n');
    expect(await run('echo x > $nothing')).toBe('bash: $nothing: ambiguous redirect\n');
    expect(machine.runner.calls.filter((c) => c.argv[1] === 'x')).toEqual([]);
  });

  it('sends an error to stderr as redirected so far', async () => {
    const { run } = session();
    expect(await run('echo x 2>/dev/null > /nope/x')).toBe('');
  });

  it('feeds here-documents and here-strings to stdin', async () => {
    const { run } = session();
    expect(await run("cat <<'EOF'\nlocation / { try_files $uri $uri/ =404; }\nEOF")).toBe(
      'location / { try_files $uri $uri/ =404; }\n',
    );
    expect(await run('cat <<EOF\nlocation / { try_files $uri $uri/ =404; }\nEOF')).toBe(
      'location / { try_files  / =404; }\n',
    );
    expect(await run('cat <<< "$HOME  x"')).toBe('/root  x\n');
  });
});

describe('background jobs', () => {
  it('announces the job, sets $! and lists it as bash does', async () => {
    const { run, shell } = session();
    expect(await run('sleep 100 &')).toBe('[1] 1001\n');
    expect(await run('echo $!')).toBe('1001\n');
    expect(await run('sleep 200 | cat &')).toBe('[2] 1003\n');
    expect(shell.jobs.formatJobs()).toBe(
      '[1]-  Running                 sleep 100 &\n[2]+  Running                 sleep 200 | cat &\n',
    );
    expect(shell.jobs.formatJobs(true)).toBe(
      '[1]- 1001 Running                 sleep 100 &\n[2]+ 1002 Running                 sleep 200 | cat &\n',
    );
  });

  it('tells before the next prompt how a job ended', async () => {
    const { run, shell } = session({
      commands: {
        uwsgi: ({ signals }) => new Promise((resolve) => signals.subscribe(() => resolve(30))),
      },
    });
    await run('uwsgi uwsgi.ini &');
    await settle();
    shell.jobs.find('%1')!.signal('SIGTERM');
    await settle();
    expect(await run('')).toBe('[1]+  Exit 30                 uwsgi uwsgi.ini\n');
    await run('sleep 30 &');
    shell.jobs.find('%1')!.signal('SIGTERM');
    await settle();
    expect(await run('')).toBe('[1]+  Terminated              sleep 30\n');
    await run('sleep 30 &');
    shell.jobs.find('%%')!.signal('SIGKILL');
    await settle();
    expect(await run('')).toBe('[1]+  Killed                  sleep 30\n');
    await run('true &');
    await settle();
    expect(await run('')).toBe('[1]+  Done                    true\n');
    expect(shell.jobs.size).toBe(0);
  });

  it('numbers jobs one past the highest in use, marking current and previous', async () => {
    const { run, shell } = session();
    await run('sleep 40 & sleep 41 &');
    shell.jobs.find('%1')!.signal('SIGTERM');
    await settle();
    expect(await run('')).toBe('[1]-  Terminated              sleep 40\n');
    expect(await run('sleep 42 &')).toBe('[3] 1003\n');
    expect(shell.jobs.formatJobs()).toBe(
      '[2]-  Running                 sleep 41 &\n[3]+  Running                 sleep 42 &\n',
    );
    expect(shell.jobs.find('%sleep 41')?.number).toBe(2);
    expect(shell.jobs.find('%?42')?.number).toBe(3);
    expect(shell.jobs.find('%-')?.number).toBe(2);
    expect(shell.jobs.find('%9')).toBeUndefined();
  });

  it('runs a background and-or list in one subshell', async () => {
    const { run, shell } = session();
    expect(await run('true && exit-with 3 &')).toBe('[1] 1001\n');
    await settle();
    expect(await run('')).toBe('[1]+  Exit 3                  true && exit-with 3\n');
    expect(shell.state.lastBackgroundPid).toBe(1001);
  });

  it('gives a background job empty stdin and its own copy of the variables', async () => {
    const { run } = session();
    await run('A=1 &');
    await settle();
    expect(await run('echo [$A]')).toContain('[]');
  });
});

describe('Ctrl-C', () => {
  it('kills the foreground command, prints a newline and drops the rest of the line', async () => {
    const { shell, out, machine } = session();
    const running = shell.submit('sleep 5; echo after', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    await settle();
    expect(shell.running).toBe(true);
    expect(shell.interrupt()).toBe(true);
    await running;
    expect(out.text).toBe('\n');
    expect(machine.state.lastStatus).toBe(130);
    expect(shell.running).toBe(false);
  });

  it('lets a command that handles SIGINT end its own way (uWSGI: status 30, no newline)', async () => {
    const { shell, out, machine } = session();
    const running = shell.submit('handles-int; echo status $?', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    await settle();
    shell.interrupt();
    await running;
    expect(out.text).toBe('status 30\n');
    expect(machine.state.lastStatus).toBe(0);
  });

  it('interrupts every member of a pipeline', async () => {
    const { shell, out } = session();
    const running = shell.submit('sleep 1 | sleep 2', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    await settle();
    shell.interrupt();
    await running;
    expect(out.text).toBe('\n');
  });

  it('at the prompt, drops a half-typed command and sets $? to 130', async () => {
    const { shell, run, machine } = session();
    await run('echo "open');
    expect(shell.continuing).toBe(true);
    expect(shell.interrupt()).toBe(false);
    expect(shell.continuing).toBe(false);
    expect(machine.state.lastStatus).toBe(130);
    expect(await run('echo $?')).toBe('130\n');
  });

  it('says what killed a foreground command when it was not SIGINT', async () => {
    const { shell, out } = session();
    const running = shell.submit('sleep 9', { stdin: new TextInput(''), stdout: out, stderr: out });
    await settle();
    shell.executor.signal('SIGTERM');
    await running;
    expect(out.text).toBe('Terminated\n');
  });
});

describe('builtins in the executor', () => {
  it('exit prints exit and ends the shell with the status', async () => {
    const { shell, out } = session();
    const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
    expect(await shell.submit('false', streams)).toEqual({ kind: 'done', status: 1 });
    expect(await shell.submit('exit', streams)).toEqual({ kind: 'exit', status: 1 });
    expect(await shell.submit('exit 257', streams)).toEqual({ kind: 'exit', status: 1 });
    expect(await shell.submit('exit -1', streams)).toEqual({ kind: 'exit', status: 255 });
    expect(out.text).toBe('exit\nexit\nexit\n');
  });

  it('exit in a pipeline ends only that member', async () => {
    const { run } = session();
    expect(await run('exit 3 | cat; echo $?')).toBe('0\n');
  });

  it('export marks variables for the environment; A=b cmd sets it for cmd only', async () => {
    const { run, machine } = session({ variables: {} });
    await run('A=1; B=2 env > /tmp/env1; export A; env > /tmp/env2');
    expect(machine.files.files.get('/tmp/env1')).toContain('B=2');
    expect(machine.files.files.get('/tmp/env1')).not.toContain('A=1');
    expect(machine.files.files.get('/tmp/env2')).toContain('A=1');
    expect(machine.files.files.get('/tmp/env2')).not.toContain('B=2');
    expect(await run('export C; export -p')).toBe(
      'declare -x A="1"\ndeclare -x C\ndeclare -x HOME="/root"\n' +
        'declare -x PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n' +
        'declare -x PWD="/root"\n',
    );
  });

  it('export quotes values as declare -p does', async () => {
    const { run } = session();
    expect(await run(`export Q='a"b$c\`d\\e'; export -p | cat > /tmp/q; cat /tmp/q`)).toContain(
      'declare -x Q="a\\"b\\$c\\`d\\\\e"\n',
    );
  });

  it('unset removes, ignoring what is not a name', async () => {
    const { run } = session();
    expect(await run('A=1; unset A 1a; echo [$A] $?')).toBe('[] 0\n');
    expect(await run('unset -q')).toBe(
      'bash: unset: -q: invalid option\nunset: usage: unset [-f] [-v] [-n] [name ...]\n',
    );
  });

  it('keeps changes made in a subshell out of the shell', async () => {
    const { run, machine } = session({ files: { '/srv': null } });
    await run('cd /srv | cat');
    expect(machine.state.cwd).toBe('/root');
    await run('cd /srv');
    expect(machine.state.cwd).toBe('/srv');
    expect(await run('echo $(cd /; A=2; pwd) [$A]; pwd')).toBe('/ []\n/srv\n');
  });

  it('takes the status of the last command substitution for assignments alone', async () => {
    const { run } = session();
    expect(await run('x=$(false); echo $?; y=$(true); echo $?')).toBe('1\n0\n');
  });

  it('reports a runner that throws as a failed command', async () => {
    const { run } = session({
      commands: {
        broken: () => {
          throw new Error('boom');
        },
      },
    });
    expect(await run('broken; echo $?')).toBe('bash: broken: Error: boom\n1\n');
  });
});

describe('source', () => {
  it('runs a script in the current shell, naming it in errors', async () => {
    const { run, machine } = session({
      files: { '/root/script': 'A=sourced\necho one\necho a ;; b\necho two $1\n' },
    });
    expect(await run('source /root/script arg')).toBe(
      "one\n/root/script: line 3: syntax error near unexpected token `;;'\n" +
        "/root/script: line 3: `echo a ;; b'\ntwo arg\n",
    );
    expect(machine.state.variables.get('A')).toBe('sourced');
  });

  it('ends the shell when the script exits', async () => {
    const { shell, out } = session({
      files: { '/root/script': 'echo before\nexit 4\necho after\n' },
    });
    const step = await shell.submit('source /root/script; echo not here', {
      stdin: new TextInput(''),
      stdout: out,
      stderr: out,
    });
    expect(step).toEqual({ kind: 'exit', status: 4 });
    expect(out.text).toBe('before\n');
  });
});

describe('session', () => {
  it('expands Debian PS1 and a venv prefix', async () => {
    const { shell, machine, out } = session({ cwd: '/home/ubuntu/helloWorld' });
    const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
    const variables = machine.state.variables;
    variables.set('PS1', '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ');
    expect(await shell.prompt(streams)).toBe('root@helloworld:/home/ubuntu/helloWorld# ');
    machine.state.cwd = '/root/x';
    expect(await shell.prompt(streams)).toBe('root@helloworld:~/x# ');
    await shell.submit('PS1="(.venv) ${PS1:-}"', streams);
    expect(await shell.prompt(streams)).toBe('(.venv) root@helloworld:~/x# ');
    await shell.submit('echo "a', streams);
    expect(await shell.prompt(streams)).toBe('> ');
  });

  it('prints the history-expanded line before running it', async () => {
    const { run } = session();
    await run('echo one');
    expect(await run('!!')).toBe('echo one\none\n');
    expect(await run('!nope')).toBe('bash: !nope: event not found\n');
  });

  it('says exit on Ctrl-D at the prompt', async () => {
    const { shell, out } = session();
    const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
    expect(await shell.endOfInput(streams)).toEqual({ kind: 'exit', status: 0 });
    expect(out.text).toBe('exit\n');
  });
});
