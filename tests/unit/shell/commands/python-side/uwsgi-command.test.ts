// The uwsgi command on the `original` machine — Debian's modular build and the one pip builds in
// the venv — compared line by line with real-output-shell.md §2–§4 (tests/fixtures/shell/
// python-side/): refused without the plugin, the start-up logs, the fatal missing venv, the
// tutorial's ini, and stopping with Ctrl-C.

import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../../../src/shell/machine/machine.ts';
import { installPackage } from '../../../../../src/shell/machine/install-package.ts';
import { TUTORIAL_UWSGI_INI } from '../../../../../src/shell/machine/tutorial-files.ts';
import { withPythonPlugin } from '../../../../../src/shell/scenarios/tutorial-machines.ts';
import { uwsgiInstances } from '../../../../../src/shell/programs/uwsgi-instance.ts';
import {
  fixture,
  interrupted,
  masked,
  originalBench,
  removeTree,
  statusTranscript,
  terminalTranscript,
} from './python-bench.ts';

const plugin = (machine: Machine): void => {
  installPackage(machine, 'uwsgi-plugin-python3');
};

/** §2's `$ command` then `uWSGI output (…)` pairs. */
function refusals(text: string): { command: string; output: string }[] {
  return [...text.matchAll(/```console\n\$ (.*)\n```\n\n[^\n]*\n\n```text\n([\s\S]*?)```/g)].map(
    (m) => ({ command: m[1]!, output: m[2]! }),
  );
}

describe('Debian’s uwsgi without its Python plugin (§2.1, §3.1)', () => {
  it('refuses the tutorial’s options before starting anything, status 1', async () => {
    const pairs = refusals(fixture('uwsgi-refused.txt'));
    expect(pairs).toHaveLength(4);
    for (const { command, output } of pairs) {
      const { shell, machine } = originalBench();
      expect(await statusTranscript(shell, [command])).toBe(
        `$ ${command}\n${output}[exit status 1]\n`,
      );
      expect(machine.fs.lexists('/tmp/uwsgi.sock')).toBe(false);
    }
  });

  it('the tutorial’s ini starts in full dynamic mode, ignoring module, callable and virtualenv', async () => {
    const bench = originalBench((machine) =>
      machine.fs.writeText('/home/ubuntu/helloWorld/uwsgi.ini', TUTORIAL_UWSGI_INI),
    );
    const { output, status } = await interrupted(bench, 'uwsgi uwsgi.ini');
    expect(masked(output)).toBe(masked(fixture('uwsgi-ini-without-plugin.txt')));
    // no master: SIGINT ends it silently with status 30 (§4)
    expect(status).toBe(30);
  });
});

describe('with --plugin python3 first (§2.2, §2.4)', () => {
  it('starts, and cannot import the placeholder module: full dynamic mode', async () => {
    const bench = originalBench(plugin);
    const { output, status } = await interrupted(
      bench,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv',
    );
    expect(masked(output)).toBe(masked(fixture('uwsgi-plugin-yourapplication.txt')));
    expect(status).toBe(30);
    const ls = await statusTranscript(bench.shell, ['ls -l /tmp/uwsgi.sock']);
    expect(masked(ls)).toBe(
      masked(
        '$ ls -l /tmp/uwsgi.sock\nsrwxr-xr-x 1 root root 0 Nov 26 07:19 /tmp/uwsgi.sock\n[exit status 0]\n',
      ),
    );
  });

  it('a plain venv without Flask: the import error, and it runs on in full dynamic mode', async () => {
    const bench = originalBench((machine) => {
      plugin(machine);
      removeTree(machine, '/home/ubuntu/helloWorld/.venv');
    });
    await statusTranscript(bench.shell, ['python3 -m venv .venv']);
    const { output, status } = await interrupted(
      bench,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv --chmod-socket=666',
    );
    expect(masked(output)).toBe(masked(fixture('uwsgi-plain-venv-import-error.txt')));
    expect(status).toBe(30);
  });

  it('--venv .venv without a .venv: Python’s fatal error, status 1', async () => {
    const { shell } = originalBench((machine) => {
      plugin(machine);
      removeTree(machine, '/home/ubuntu/helloWorld/.venv');
    });
    const command =
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv --chmod-socket=666';
    expect(masked(await statusTranscript(shell, [command]))).toBe(
      masked(`$ ${command}\n${fixture('uwsgi-venv-missing.txt')}[exit status 1]\n`),
    );
  });
});

describe('socket paths (§4.3)', () => {
  it('a directory where the socket goes: unlink fails, bind refuses, status 1', async () => {
    const { shell } = originalBench((machine) => {
      plugin(machine);
      machine.fs.mkdir('/tmp/uwsgi.sock');
    });
    const text = await statusTranscript(shell, [
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv',
    ]);
    expect(text).toMatch(
      /thunder lock: disabled \(you can enable it with --thunder-lock\)\nerror removing unix socket, unlink\(\): Is a directory \[core\/socket\.c line 198\]\nbind\(\): Address already in use \[core\/socket\.c line 230\]\n\[exit status 1\]\n$/,
    );
  });

  it('a stale socket left by a stopped uWSGI is replaced silently', async () => {
    const bench = originalBench(plugin);
    const line =
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv';
    await interrupted(bench, line);
    const first = bench.machine.fs.stat('/tmp/uwsgi.sock').ino;
    const { output } = await interrupted(bench, line);
    expect(output).toContain('uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3\n');
    expect(bench.machine.fs.stat('/tmp/uwsgi.sock').ino).not.toBe(first);
  });
});

describe('the uWSGI pip built in the venv (§2.5)', () => {
  it('needs no plugin: its banner names the venv’s binary and its build date', async () => {
    const bench = originalBench();
    await statusTranscript(bench.shell, ['source .venv/bin/activate', 'pip install uwsgi']);
    const { output, status } = await interrupted(
      bench,
      'uwsgi -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv',
    );
    expect(masked(output)).toBe(masked(fixture('uwsgi-pip-build-yourapplication.txt')));
    expect(status).toBe(30);
  });
});

describe('stopping it (§4.2)', () => {
  it('Ctrl-C with --master: the workers are buried, goodbye, status 0; the socket stays', async () => {
    const bench = originalBench((machine) => withPythonPlugin(machine));
    const real = fixture('uwsgi-master-ctrl-c.txt').split('\n');
    const { output, status } = await interrupted(bench, 'uwsgi uwsgi.ini --master');
    const end = real.findIndex((line) => line === 'goodbye to uWSGI.');
    const expected = real.slice(1, end + 1).map((line) => line.replace(/^\^C/, ''));
    expect(masked(output)).toBe(masked(`${expected.join('\n')}\n`));
    expect(status).toBe(0);
    const after = await terminalTranscript(bench.shell, ['echo $?', 'ls -l /tmp/uwsgi.sock']);
    expect(masked(after)).toBe(masked(`${real.slice(end + 1, end + 5).join('\n')}\n`));
  });

  it('& gives the prompt back at once; the instance runs on, in the process table', async () => {
    const bench = originalBench((machine) => withPythonPlugin(machine));
    // the background job starts once the shell is back at its prompt (here: during `sleep`)
    const text = await statusTranscript(bench.shell, ['uwsgi uwsgi.ini &', 'sleep 1']);
    expect(text).toMatch(/^\$ uwsgi uwsgi.ini &\n\[1\] \d+\n\[exit status 0\]\n/);
    expect(text).toContain('[uWSGI] getting INI configuration from uwsgi.ini\n');
    const [instance] = uwsgiInstances(bench.machine);
    expect(instance?.running).toBe(true);
    expect(bench.machine.processes.byPid(instance!.pid)?.command).toBe('uwsgi uwsgi.ini');
    instance!.signal('SIGINT');
    expect(uwsgiInstances(bench.machine)).toHaveLength(0);
  });

  it('--daemonize gives the prompt back at once: a daemon with no terminal, logging to its file', async () => {
    const bench = originalBench(plugin);
    const text = await statusTranscript(bench.shell, [
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv --master --daemonize /tmp/uwsgi.log',
    ]);
    expect(text).toMatch(/--daemonize \/tmp\/uwsgi\.log\n\[exit status 0\]\n$/);
    expect(bench.machine.fs.readText('/tmp/uwsgi.log')).toMatch(
      /spawned uWSGI worker 1 \(pid: \d+, cores: 1\)\n$/,
    );
    const [instance] = uwsgiInstances(bench.machine);
    const master = bench.machine.processes.byPid(instance!.pid);
    expect([master?.tty, master?.state, master?.ppid]).toEqual(['?', 'S', 1]);
    instance!.signal('SIGINT');
  });

  it('--version goes to stdout', async () => {
    const { shell } = originalBench();
    const out = await statusTranscript(shell, ['uwsgi --version 2>/dev/null']);
    expect(out).toBe('$ uwsgi --version 2>/dev/null\n2.0.21-debian\n[exit status 0]\n');
  });
});
