// `python3 app.py` (Flask's development server in the foreground until Ctrl-C), and the two small
// programs of the python side: find (findutils 4.9.0's answers, checked against the real one on
// Debian 12) and sleep (coreutils 9.1).

import { describe, expect, it } from 'vitest';
import { interrupted, originalBench, statusTranscript } from './python-bench.ts';

describe('python3 app.py', () => {
  it('runs Flask’s development server in the venv until Ctrl-C, which ends it with status 0', async () => {
    const bench = originalBench();
    await statusTranscript(bench.shell, ['source .venv/bin/activate']);
    const { output, status } = await interrupted(bench, 'python app.py');
    expect(output).toBe(` * Serving Flask app 'app'
 * Debug mode: off
WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.
 * Running on http://127.0.0.1:5000
Press CTRL+C to quit
`);
    expect(status).toBe(0);
    // the port is free again
    expect(bench.machine.net.listeners().some((l) => l.address.kind === 'inet')).toBe(false);
  });

  it('the system python has no Flask: ModuleNotFoundError at the import line, status 1', async () => {
    const { shell } = originalBench();
    expect(await statusTranscript(shell, ['python3 app.py'])).toBe(`$ python3 app.py
Traceback (most recent call last):
  File "/home/ubuntu/helloWorld/app.py", line 1, in <module>
    from flask import Flask
ModuleNotFoundError: No module named 'flask'
[exit status 1]
`);
  });
});

describe('flask (bin/flask, python3 -m flask)', () => {
  it('--version names the venv’s Flask; run without an app file is Flask’s usage error', async () => {
    const { shell } = originalBench();
    expect(
      await statusTranscript(shell, [
        'source .venv/bin/activate',
        'flask --version',
        'cd /tmp',
        'python -m flask run',
      ]),
    ).toBe(`$ source .venv/bin/activate
[exit status 0]
$ flask --version
Python 3.11.2
Flask 3.1.3
Werkzeug 3.1.9
[exit status 0]
$ cd /tmp
[exit status 0]
$ python -m flask run
Usage: flask run [OPTIONS]
Try 'flask run --help' for help.

Error: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.
[exit status 2]
`);
  });

  it('flask run finds app.py and serves it until Ctrl-C', async () => {
    const bench = originalBench();
    await statusTranscript(bench.shell, ['source .venv/bin/activate']);
    const { output, status } = await interrupted(bench, 'flask run --port 5001');
    expect(output).toContain(' * Running on http://127.0.0.1:5001\n');
    expect(status).toBe(0);
  });
});

describe('find', () => {
  it('walks with -maxdepth, -name and -type, in the file system’s order', async () => {
    const { shell } = originalBench();
    expect(
      await statusTranscript(shell, [
        'find .venv -maxdepth 1',
        "find . -maxdepth 2 -name '*.py'",
        'find .venv/bin -type l',
        "find .venv -maxdepth 1 -type d -o -name 'py*.cfg'",
      ]),
    ).toBe(`$ find .venv -maxdepth 1
.venv
.venv/bin
.venv/include
.venv/lib
.venv/lib64
.venv/pyvenv.cfg
[exit status 0]
$ find . -maxdepth 2 -name '*.py'
./app.py
[exit status 0]
$ find .venv/bin -type l
.venv/bin/python
.venv/bin/python3
.venv/bin/python3.11
[exit status 0]
$ find .venv -maxdepth 1 -type d -o -name 'py*.cfg'
.venv
.venv/bin
.venv/include
.venv/lib
.venv/pyvenv.cfg
[exit status 0]
`);
  });

  it('words its errors as findutils 4.9.0 does', async () => {
    const { shell } = originalBench();
    expect(
      await statusTranscript(shell, [
        'find /nope',
        'find . -foo',
        'find . -name',
        'find . -type q',
        'find . -maxdepth x',
        'find app.py/',
      ]),
    ).toBe(`$ find /nope
find: ‘/nope’: No such file or directory
[exit status 1]
$ find . -foo
find: unknown predicate \`-foo'
[exit status 1]
$ find . -name
find: missing argument to \`-name'
[exit status 1]
$ find . -type q
find: Unknown argument to -type: q
[exit status 1]
$ find . -maxdepth x
find: Expected a positive decimal integer argument to -maxdepth, but got ‘x’
[exit status 1]
$ find app.py/
find: ‘app.py/’: Not a directory
[exit status 1]
`);
  });
});

describe('sleep', () => {
  it('moves the machine’s clock by the sum of its intervals; refuses bad ones', async () => {
    const { shell, machine } = originalBench();
    const before = machine.clock.now();
    expect(await statusTranscript(shell, ['sleep 1 0.5m', 'sleep', 'sleep x'])).toBe(`$ sleep 1 0.5m
[exit status 0]
$ sleep
sleep: missing operand
Try 'sleep --help' for more information.
[exit status 1]
$ sleep x
sleep: invalid time interval 'x'
Try 'sleep --help' for more information.
[exit status 1]
`);
    expect(machine.clock.now() - before).toBeGreaterThanOrEqual(31_000);
  });
});
