// python3, pip and venv on the `original` machine, compared line by line with
// real-output-shell.md §1 (tests/fixtures/shell/python-side/).

import { describe, expect, it } from 'vitest';
import {
  installPackage,
  removePackageFiles,
} from '../../../../../src/shell/machine/install-package.ts';
import type { Machine } from '../../../../../src/shell/machine/machine.ts';
import { PIP_UWSGI_PROGRAM } from '../../../../../src/shell/machine/python-venv.ts';
import {
  captured,
  fixture,
  masked,
  originalBench,
  removeTree,
  statusTranscript,
  terminalTranscript,
} from './python-bench.ts';

const withoutVenv = (machine: Machine): void => {
  removeTree(machine, '/home/ubuntu/helloWorld/.venv');
};

describe('pip outside a venv (§1.1, §1.2)', () => {
  it('refuses with PEP 668’s externally-managed-environment text on stderr, status 1', async () => {
    const real = fixture('pip-outside-venv.txt');
    const { shell } = originalBench();
    for (const command of [
      'pip install uwsgi',
      'pip3 install uwsgi',
      'python3 -m pip install uwsgi',
      'pip --version',
    ]) {
      expect(await statusTranscript(shell, [command])).toBe(captured(real, command));
    }
  });

  it('--break-system-packages: root’s pip builds into /usr/local, so the tutorial’s ln -s works', async () => {
    const { shell } = originalBench();
    const text = await statusTranscript(shell, [
      'pip install --break-system-packages uwsgi',
      'mv /usr/bin/uwsgi /usr/bin/uwsgi-old',
      'ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi',
      'hash -r',
      'uwsgi --version',
    ]);
    expect(text).toContain(
      "Successfully installed uwsgi-2.0.21\nWARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv\n[exit status 0]\n",
    );
    expect(text).toMatch(/\$ uwsgi --version\n2\.0\.21\n\[exit status 0\]\n$/);
  });

  it('colours it on a terminal as rich does', async () => {
    const { shell } = originalBench();
    const out = { text: '' };
    const sink = { write: (t: string) => (out.text += t), terminal: { columns: 80 } };
    const { TextInput } = await import('../../../../../src/shell/bash/text-input.ts');
    await shell.session.submit('pip install uwsgi', {
      stdin: new TextInput(''),
      stdout: sink,
      stderr: sink,
    });
    expect(out.text.split('\n').slice(0, 4)).toEqual([
      '\x1b[1;31merror\x1b[0m: \x1b[1mexternally-managed-environment\x1b[0m',
      '',
      '\x1b[31m×\x1b[0m This environment is externally managed',
      '\x1b[31m╰─>\x1b[0m To install Python packages system-wide, try apt install',
    ]);
  });

  it('without python3-pip: bash’s command not found, and No module named pip', async () => {
    const { shell } = originalBench(
      (machine) => removePackageFiles(machine, 'python3-pip'),
      '/root',
    );
    const real = fixture('pip-missing.txt');
    const lines = [...real.matchAll(/^root@vm:[^#]*# (.*)$/gm)].map((m) => m[1]!);
    expect(await terminalTranscript(shell, lines)).toBe(real);
  });
});

describe('python3 -m venv (§1.3, §1.4, §1.5)', () => {
  it('without python3-venv: Debian’s message on stdout, a half-made venv, status 1', async () => {
    const { shell } = originalBench((machine) => {
      withoutVenv(machine);
      removePackageFiles(machine, 'python3-venv');
      removePackageFiles(machine, 'python3.11-venv');
    });
    const real = fixture('venv-without-ensurepip.txt');
    const lines = [...real.matchAll(/^root@vm:[^#]*# (.*)$/gm)].map((m) => m[1]!);
    expect(await terminalTranscript(shell, lines)).toBe(real);
  });

  it('with it: silent; pyvenv.cfg, import errors, pip list and --version as captured', async () => {
    const { shell } = originalBench((machine) => {
      withoutVenv(machine);
      for (const name of ['python3-flask', 'python3-werkzeug', 'python3-jinja2'])
        installPackage(machine, name);
    });
    expect(await statusTranscript(shell, ['python3 -m venv .venv'])).toBe(
      '$ python3 -m venv .venv\n[exit status 0]\n',
    );
    const real = fixture('venv-both-kinds.txt');
    for (const command of [
      'cat .venv/pyvenv.cfg',
      ".venv/bin/python -c 'import flask'",
      '.venv/bin/pip list',
      '.venv/bin/pip --version',
      'rm -rf .venv',
      'python3 -m venv --system-site-packages .venv',
    ]) {
      expect(await statusTranscript(shell, [command])).toBe(captured(real, command));
    }
    const second = real.slice(real.indexOf('$ python3 -m venv --system-site-packages'));
    for (const command of [
      'cat .venv/pyvenv.cfg',
      ".venv/bin/python -c 'import flask; print(flask.__file__)'",
    ]) {
      expect(await statusTranscript(shell, [command])).toBe(captured(second, command));
    }
  });

  it('names the prompt after the folder, or --prompt; --clear empties it first', async () => {
    const { shell, machine } = originalBench();
    const text = await statusTranscript(shell, [
      'python3 -m venv /tmp/env',
      'source /tmp/env/bin/activate',
      'echo "$VIRTUAL_ENV_PROMPT"',
      'deactivate',
      'python3 -m venv --clear --prompt web .venv',
      'tail -1 .venv/pyvenv.cfg',
    ]);
    expect(text).toContain('$ echo "$VIRTUAL_ENV_PROMPT"\n(env) \n');
    expect(text).toContain(
      'command = /usr/bin/python3 -m venv --clear --prompt="web" /home/ubuntu/helloWorld/.venv\n',
    );
    // Flask, which pip had put there, went with --clear
    expect(
      machine.fs.exists('/home/ubuntu/helloWorld/.venv/lib/python3.11/site-packages/flask'),
    ).toBe(false);
  });

  it('activate: the venv’s python and pip first on PATH, python --version', async () => {
    const { shell } = originalBench();
    const real = fixture('venv-activate.txt');
    const lines = [...real.matchAll(/^(?:\(\.venv\) )?root@vm:[^#]*# (.*)$/gm)].map((m) => m[1]!);
    expect(await terminalTranscript(shell, lines)).toBe(real);
  });
});

describe('pip install uwsgi in the venv (§1.7)', () => {
  const download = (text: string): string =>
    masked(text).replace(/Downloading \S+ \(808 kB\)/, 'Downloading FILE (808 kB)');

  it('plain venv: the legacy setup.py install; the binary lands in .venv/bin, not /usr/local/bin', async () => {
    const { shell, machine } = originalBench(withoutVenv);
    await statusTranscript(shell, ['python3 -m venv .venv']);
    const real = fixture('pip-install-uwsgi-plain.txt');
    const command = '.venv/bin/pip install --index-url http://127.0.0.1:8000/simple/ uwsgi';
    expect(download(await statusTranscript(shell, [command]))).toBe(
      download(captured(real, command)),
    );
    const ls = await statusTranscript(shell, ['ls -l .venv/bin/uwsgi /usr/local/bin/uwsgi']);
    const realLs = real.slice(real.indexOf('$ ls -l'));
    expect(masked(ls)).toBe(masked(`${realLs}[exit status 2]\n`));
    expect(machine.fs.stat('/home/ubuntu/helloWorld/.venv/bin/uwsgi').program).toBe(
      PIP_UWSGI_PROGRAM,
    );
  });

  it('ssp venv on a terminal: pip builds a wheel; which uwsgi and uwsgi --version', async () => {
    const { shell } = originalBench(withoutVenv);
    await statusTranscript(shell, ['python3 -m venv --system-site-packages .venv']);
    const real = fixture('pip-install-uwsgi-ssp-terminal.txt');
    const lines = [...real.matchAll(/^(?:\(\.venv\) )?root@vm:[^#]*# (.*)$/gm)].map((m) => m[1]!);
    const hashes = (text: string): string =>
      download(text)
        .replace(/sha256=[0-9a-f]{64}/, 'sha256=HASH')
        .replace(/wheels\/[0-9a-f/]+/, 'wheels/DIR');
    expect(hashes(await terminalTranscript(shell, lines))).toBe(hashes(real));
  });

  it('without a C compiler: setup.py fails as captured, status 1', async () => {
    const { shell, machine } = originalBench(withoutVenv);
    await statusTranscript(shell, ['python3 -m venv .venv']);
    // gcc came with python3-pip's Recommends: without python3-pip there is no compiler
    removePackageFiles(machine, 'python3-pip');
    const real = fixture('pip-install-uwsgi-no-compiler.txt');
    const command = '.venv/bin/pip install --index-url http://127.0.0.1:8000/simple/ uwsgi';
    const temp = (text: string): string =>
      download(text).replace(/pip-install-[a-z0-9]+\/uwsgi_[0-9a-f]+/g, 'pip-install-TEMP');
    expect(temp(await statusTranscript(shell, [command]))).toBe(temp(real));
  });

  it('says which requirement is already satisfied, and that the simulated index is small', async () => {
    const { shell } = originalBench();
    const text = await statusTranscript(shell, [
      '.venv/bin/pip install flask',
      '.venv/bin/pip install requests',
      '.venv/bin/pip freeze',
    ]);
    expect(text).toContain(
      'Requirement already satisfied: flask in ./.venv/lib/python3.11/site-packages (3.1.3)\n[exit status 0]',
    );
    expect(text).toContain(
      'ERROR: No matching distribution found for requests\nuwsgi-lab: the simulated package index has only flask and uwsgi\n[exit status 1]',
    );
    expect(text).toContain('$ .venv/bin/pip freeze\nblinker==1.9.0\nclick==8.5.0\nFlask==3.1.3\n');
  });
});

describe('python3 on its own', () => {
  it('--version, a missing file, -c errors, no REPL', async () => {
    const { shell } = originalBench();
    expect(
      await statusTranscript(shell, [
        'python3 --version',
        'python3 nosuch.py',
        "python3 -c 'import nosuch'",
        'python3 -X',
        'python3 -m nosuch',
      ]),
    ).toBe(`$ python3 --version
Python 3.11.2
[exit status 0]
$ python3 nosuch.py
/usr/bin/python3: can't open file '/home/ubuntu/helloWorld/nosuch.py': [Errno 2] No such file or directory
[exit status 2]
$ python3 -c 'import nosuch'
Traceback (most recent call last):
  File "<string>", line 1, in <module>
ModuleNotFoundError: No module named 'nosuch'
[exit status 1]
$ python3 -X
Argument expected for the -X option
usage: /usr/bin/python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...
Try \`python -h' for more information.
[exit status 2]
$ python3 -m nosuch
/usr/bin/python3: No module named nosuch
[exit status 1]
`);
  });
});
