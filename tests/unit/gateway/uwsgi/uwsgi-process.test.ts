// The uWSGI model started as the tutorial starts it, against the texts real uWSGI 2.0.21 printed
// (../shared/reference/real-output.md §3, real-output-shell.md §2–§5, §8.2): start-up logs for each
// way of starting it, both builds, the virtualenv cases, signals and reloads, stale sockets, socket
// permissions as nginx's www-data worker meets them, and `ps`.

import { describe, expect, it } from 'vitest';
import { pipBuild } from '../../../../src/gateway/uwsgi/builds.ts';
import { CAPTURE_APP_SOURCE } from '../../../../src/gateway/apps/known-apps.ts';
import { APP_DIR, HELLO_APP, TUTORIAL_INI, masked, testMachine, uwsgi } from './test-machine.ts';
import { vectorBytes } from '../../protocol/vector-files.ts';

// real-output.md §3a, verbatim (cwd /home/ubuntu/helloWorld)
const BANNER_3A = `*** Starting uWSGI 2.0.21-debian (64bit) on [Thu Nov 26 06:40:17 2026] ***
compiled with version: 12.2.0 on 19 May 2023 13:59:29
os: Linux-6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0
nodename: vm
machine: x86_64
clock source: unix
pcre jit disabled
detected number of CPU cores: 2
current working directory: /home/ubuntu/helloWorld
detected binary path: /usr/bin/uwsgi-core
uWSGI running as root, you can use --uid/--gid/--chroot options
*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** 
*** WARNING: you are running uWSGI without its master process manager ***
your processes number limit is 96365
your memory page size is 4096 bytes
detected max file descriptor number: 20000
lock engine: pthread robust mutexes
thunder lock: disabled (you can enable it with --thunder-lock)
uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3
uWSGI running as root, you can use --uid/--gid/--chroot options
*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** 
Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]
*** Python threads support is disabled. You can enable it with --enable-threads ***
Python main interpreter initialized at 0x7f1abb160018
uWSGI running as root, you can use --uid/--gid/--chroot options
*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** 
your server socket listen backlog is limited to 100 connections
your mercy for graceful operations on workers is 60 seconds
mapped 72920 bytes (71 KB) for 1 cores
*** Operational MODE: single process ***
WSGI app 0 (mountpoint='') ready in 1 seconds on interpreter 0x7f1abb160018 pid: 26473 (default app)
uWSGI running as root, you can use --uid/--gid/--chroot options
*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** 
*** uWSGI is running in multiple interpreter mode ***
spawned uWSGI worker 1 (and the only) (pid: 26473, cores: 1)`;

function lines(text: string): string[] {
  return text.split('\n');
}

function request(
  machine: ReturnType<typeof testMachine>,
  who = machine.wwwData,
  name = 'get-root',
) {
  const connection = machine.net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, who);
  if (!connection.ok) return { error: connection.error.parenthesized };
  const reply = connection.connection.exchange(vectorBytes(name));
  return { text: new TextDecoder().decode(reply.bytes), end: reply.end };
}

describe('start-up logs (real-output.md §3, real-output-shell.md §2–§3)', () => {
  it('§3a: the command-line style, exactly (date, address and pid aside)', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi -s /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable app --chmod-socket=666',
    );
    expect(masked(process.output)).toEqual(masked(lines(BANNER_3A)));
    expect(process.output[0]).toBe(
      '*** Starting uWSGI 2.0.21-debian (64bit) on [Thu Nov 26 06:40:17 2026] ***',
    );
    expect(process.running).toBe(true);
    expect(machine.fs.lstat('/tmp/uwsgi.sock')).toMatchObject({
      type: 'socket',
      mode: 0o666,
      uid: 0,
      gid: 0,
    });
    const answer = request(machine);
    expect(answer.text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\n\r\nHello World!',
    );
    expect(process.output.at(-1)).toBe(
      '[pid: 26473|app: 0|req: 1/1] 127.0.0.1 () {32 vars in 363 bytes} [Thu Nov 26 06:40:17 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)',
    );
    request(machine, machine.wwwData, 'get-query');
    expect(process.output.at(-1)).toMatch(
      /^\[pid: 26473\|app: 0\|req: 2\/2\] 127\.0\.0\.1 \(\) \{32 vars in 404 bytes\} .* GET \/hello\?x=1&y=%ED%95%9C => generated 207 bytes in 0 msecs \(HTTP\/1\.1 404\) 2 headers in 87 bytes/,
    );
  });

  it("§3.1: the tutorial's ini without a plugin line: no app, the warning box, and a 502 for nginx", () => {
    const machine = testMachine();
    machine.fs.put(`${APP_DIR}/uwsgi.ini`, TUTORIAL_INI);
    const process = uwsgi(machine, 'uwsgi uwsgi.ini');
    const out = process.output;
    expect(out[0]).toBe('[uWSGI] getting INI configuration from uwsgi.ini');
    expect(out).toContain('chdir() to /home/ubuntu/helloWorld');
    expect(out).not.toContain('Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]');
    expect(out.slice(-13, -1)).toEqual([
      'your server socket listen backlog is limited to 100 connections',
      'your mercy for graceful operations on workers is 60 seconds',
      'mapped 72920 bytes (71 KB) for 1 cores',
      '*** Operational MODE: single process ***',
      '*** no app loaded. going in full dynamic mode ***',
      'uWSGI running as root, you can use --uid/--gid/--chroot options',
      '*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** ',
      '*** uWSGI is running in multiple interpreter mode ***',
      '!!!!!!!!!!!!!! WARNING !!!!!!!!!!!!!!',
      'no request plugin is loaded, you will not be able to manage requests.',
      'you may need to install the package for your language of choice, or simply load it with --plugin.',
      '!!!!!!!!!!! END OF WARNING !!!!!!!!!!',
    ]);
    expect(out.at(-1)).toBe(
      `spawned uWSGI worker 1 (and the only) (pid: ${process.pid}, cores: 1)`,
    );
    // the two root-warning pairs around the missing Python lines, as captured
    const bound = out.indexOf('uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3');
    expect(out.slice(bound + 1, bound + 6)).toEqual([
      'uWSGI running as root, you can use --uid/--gid/--chroot options',
      '*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** ',
      'uWSGI running as root, you can use --uid/--gid/--chroot options',
      '*** WARNING: you are running uWSGI as root !!! (use the --uid flag) *** ',
      'your server socket listen backlog is limited to 100 connections',
    ]);
    expect(request(machine)).toEqual({ text: '', end: 'close' });
    expect(out.at(-1)).toBe('-- unavailable modifier requested: 0 --');
    expect(machine.fs.lstat('/tmp/uwsgi.sock').mode).toBe(0o666);
  });

  it("§2.2: --venv with a virtualenv that sees Debian's Flask; no chmod-socket: 755 and EACCES for www-data", () => {
    const machine = testMachine({ venv: 'ssp' });
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv',
    );
    const out = process.output;
    const python = out.indexOf('Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]');
    expect(out.slice(python + 1, python + 4)).toEqual([
      'PEP 405 virtualenv detected: .venv',
      'Set PythonHome to .venv',
      '*** Python threads support is disabled. You can enable it with --enable-threads ***',
    ]);
    expect(machine.fs.lstat('/tmp/uwsgi.sock').mode).toBe(0o755);
    expect(request(machine)).toEqual({ error: '(13: Permission denied)' });
    // root may connect: the app answers
    expect(request(machine, { uid: 0, gid: 0, groups: [0] }).text).toContain('Hello World!');
  });

  it('§2.2: the literal tutorial placeholder --module yourapplication', () => {
    const machine = testMachine({ venv: 'ssp' });
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv',
    );
    const at = process.output.indexOf('*** Operational MODE: single process ***');
    expect(process.output.slice(at + 1, at + 4)).toEqual([
      "ModuleNotFoundError: No module named 'yourapplication'",
      "unable to load app 0 (mountpoint='') (callable not found or import error)",
      '*** no app loaded. going in full dynamic mode ***',
    ]);
  });

  it("§2.3: a plain virtualenv cannot import Flask: the traceback, then uWSGI's own 500", () => {
    for (const [form, file] of [
      ['--module app', '/home/ubuntu/helloWorld/app.py'],
      ['--wsgi-file app.py', 'app.py'],
    ] as const) {
      const machine = testMachine({ venv: 'plain' });
      const process = uwsgi(
        machine,
        `uwsgi --plugin python3 -s /tmp/uwsgi.sock ${form} --callable app --venv .venv --chmod-socket=666`,
      );
      const at = process.output.indexOf('*** Operational MODE: single process ***');
      expect(process.output.slice(at + 1, at + 7)).toEqual([
        'Traceback (most recent call last):',
        `  File "${file}", line 1, in <module>`,
        '    from flask import Flask',
        "ModuleNotFoundError: No module named 'flask'",
        "unable to load app 0 (mountpoint='') (callable not found or import error)",
        '*** no app loaded. going in full dynamic mode ***',
      ]);
      expect(request(machine).text).toBe(
        'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nInternal Server Error',
      );
      expect(masked(process.output.slice(-2))).toEqual(
        masked([
          '--- no python application found, check your startup logs for errors ---',
          '[pid: 9698|app: -1|req: -1/1] 127.0.0.1 () {32 vars in 363 bytes} [Thu Nov 26 07:19:36 2026] GET / => generated 21 bytes in 0 msecs (HTTP/1.1 500) 2 headers in 83 bytes (1 switches on core 0)',
        ]),
      );
    }
  });

  it('§2.4: --venv naming no folder: Python cannot start, uWSGI exits 1 and leaves its socket', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv --chmod-socket=666',
    );
    expect(process.exitStatus).toBe(1);
    const at = process.output.indexOf(
      'Python version: 3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]',
    );
    expect(masked(process.output.slice(at + 1))).toEqual(
      masked(
        lines(`!!! Python Home is not a directory: .venv !!!
Set PythonHome to .venv
Python path configuration:
  PYTHONHOME = '.venv'
  PYTHONPATH = (not set)
  program name = '.venv/bin/python'
  isolated = 0
  environment = 1
  user site = 1
  safe_path = 0
  import site = 1
  is in build tree = 0
  stdlib dir = '.venv/lib/python3.11'
  sys._base_executable = '/home/ubuntu/helloWorld/.venv/bin/python'
  sys.base_prefix = '.venv'
  sys.base_exec_prefix = '.venv'
  sys.platlibdir = 'lib'
  sys.executable = '/home/ubuntu/helloWorld/.venv/bin/python'
  sys.prefix = '.venv'
  sys.exec_prefix = '.venv'
  sys.path = [
    '.venv/lib/python311.zip',
    '.venv/lib/python3.11',
    '.venv/lib/python3.11/lib-dynload',
  ]
Fatal Python error: init_fs_encoding: failed to get the Python codec of the filesystem encoding
Python runtime state: core initialized
ModuleNotFoundError: No module named 'encodings'

Current thread 0x00007f93ebaff440 (most recent call first):
  <no Python frame>`),
      ),
    );
    expect(machine.fs.lstat('/tmp/uwsgi.sock').type).toBe('socket');
    expect(
      machine.net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, machine.wwwData),
    ).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
  });

  it('§2.5: the pip-built uWSGI has Python inside and no pcre', () => {
    const machine = testMachine({ venv: 'ssp' });
    machine.fs.put(`${APP_DIR}/uwsgi.ini`, TUTORIAL_INI);
    const build = pipBuild('/home/ubuntu/helloWorld/.venv', '26 November 2026 07:14:53');
    const process = uwsgi(machine, 'uwsgi uwsgi.ini', { build });
    const out = process.output;
    expect(out.slice(0, 12)).toEqual([
      '[uWSGI] getting INI configuration from uwsgi.ini',
      out[1]!,
      'compiled with version: 12.2.0 on 26 November 2026 07:14:53',
      'os: Linux-6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0',
      'nodename: vm',
      'machine: x86_64',
      'clock source: unix',
      'detected number of CPU cores: 2',
      'current working directory: /home/ubuntu/helloWorld',
      'detected binary path: /home/ubuntu/helloWorld/.venv/bin/uwsgi',
      '!!! no internal routing support, rebuild with pcre support !!!',
      'uWSGI running as root, you can use --uid/--gid/--chroot options',
    ]);
    expect(out[1]).toMatch(/^\*\*\* Starting uWSGI 2\.0\.21 \(64bit\) on \[/);
    expect(out).toContain('PEP 405 virtualenv detected: /home/ubuntu/helloWorld/.venv');
    expect(out).toContain('Set PythonHome to /home/ubuntu/helloWorld/.venv');
    expect(request(machine).text).toContain('Hello World!');
  });

  it("--http-socket: nginx's uwsgi packet gets no answer and no log line (real-output.md §5.4); curl's HTTP does", () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --http-socket /tmp/uwsgi.sock --plugin python3 --wsgi-file app.py --callable app --chmod-socket=666',
    );
    expect(process.output).toContain('uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3');
    const logged = process.output.length;
    expect(request(machine)).toEqual({ text: '', end: 'close' });
    expect(process.output.length).toBe(logged);
    const connection = machine.net.connect(
      { kind: 'unix', path: '/tmp/uwsgi.sock' },
      machine.wwwData,
    );
    if (!connection.ok) throw new Error('no connection');
    const reply = connection.connection.exchange(
      new TextEncoder().encode(
        'GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      ),
    );
    expect(new TextDecoder().decode(reply.bytes)).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\n\r\nHello World!',
    );
    expect(masked([process.output.at(-1)!])).toEqual(
      masked([
        '[pid: 26586|app: 0|req: 1/1] 0.0.0.0 () {24 vars in 235 bytes} [Thu Nov 26 06:40:25 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)',
      ]),
    );
  });

  it('--http with the http plugin: the router gateway speaks HTTP and hands the workers a uwsgi packet (§10)', () => {
    for (const [command, build] of [
      ['uwsgi --plugin python3,http --http 127.0.0.1:18099 --module app --callable app', undefined],
      [
        'uwsgi --http 127.0.0.1:18099 --module app --callable app',
        pipBuild('/home/ubuntu/helloWorld/.venv', '26 November 2026 07:14:53'),
      ],
    ] as const) {
      const machine = testMachine();
      const process = uwsgi(machine, command, build === undefined ? {} : { build });
      const at = process.output.indexOf(
        'thunder lock: disabled (you can enable it with --thunder-lock)',
      );
      expect(masked(process.output.slice(at + 1, at + 4))).toEqual(
        masked([
          'uWSGI http bound on 127.0.0.1:18099 fd 4',
          `spawned uWSGI http 1 (pid: ${process.pid + 1})`,
          'uwsgi socket 0 bound to TCP address 127.0.0.1:32967 (port auto-assigned) fd 3',
        ]),
      );
      const connection = machine.net.connect(
        { kind: 'inet', host: '127.0.0.1', port: 18099 },
        machine.wwwData,
      );
      if (!connection.ok) throw new Error('router not listening');
      const reply = connection.connection.exchange(
        new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n'),
      );
      expect(new TextDecoder().decode(reply.bytes)).toBe(
        'HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\n\r\nHello World!',
      );
      // real-output capture cli-http-router-get: {22 vars in 210 bytes}, protocol HTTP/1.0
      expect(masked([process.output.at(-1)!])).toEqual(
        masked([
          '[pid: 15674|app: 0|req: 1/1] 127.0.0.1 () {22 vars in 210 bytes} [Thu Nov 26 08:53:55 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.0 200) 2 headers in 79 bytes (1 switches on core 0)',
        ]),
      );
      expect(process.processes().map((entry) => entry.role)).toEqual(['worker', 'http']);
    }
  });

  it("an app.py that is the capture tool's app runs as its model", () => {
    const machine = testMachine();
    machine.fs.put(`${APP_DIR}/app.py`, CAPTURE_APP_SOURCE);
    uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    expect(request(machine, machine.wwwData, 'get-query').text).toBe(
      new TextDecoder().decode(vectorBytes('uwsgi-resp-get-query')),
    );
  });

  it('imports the app once: a changed app.py is seen only after a reload', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666 --master',
    );
    machine.fs.put(`${APP_DIR}/app.py`, HELLO_APP.replace('Hello World!', 'Hello again!'));
    expect(request(machine).text).toContain('Hello World!');
    process.signal('TERM');
    expect(process.running).toBe(true);
    expect(request(machine).text).toContain('Hello again!');
  });
});

describe('signals (real-output-shell.md §4)', () => {
  const start = (extra: string) => {
    const machine = testMachine();
    machine.fs.put(
      `${APP_DIR}/uwsgi.ini`,
      `${TUTORIAL_INI.replace('virtualenv=/home/ubuntu/helloWorld/.venv\n', '')}plugin = python3\n`,
    );
    return { machine, process: uwsgi(machine, `uwsgi uwsgi.ini ${extra}`) };
  };
  const socketLeft = (machine: ReturnType<typeof testMachine>): boolean => {
    try {
      return machine.fs.lstat('/tmp/uwsgi.sock').type === 'socket';
    } catch {
      return false;
    }
  };
  const buried = [
    'SIGINT/SIGTERM received...killing workers...',
    'worker 1 buried after 1 seconds',
    'goodbye to uWSGI.',
  ];

  it('--master, INT or QUIT: the three lines, status 0, socket left', () => {
    for (const signal of ['INT', 'QUIT'] as const) {
      const { machine, process } = start('--master');
      expect(process.signal(signal)).toEqual(buried);
      expect(process.exitStatus).toBe(0);
      expect(socketLeft(machine)).toBe(true);
    }
  });

  it('--master, TERM: a binary reload, as captured; the socket is inherited', () => {
    const { machine, process } = start('--master');
    const lines = process.signal('TERM');
    expect(lines.slice(0, 8)).toEqual([
      '...brutally killing workers...',
      'worker 1 buried after 1 seconds',
      'binary reloading uWSGI...',
      'chdir() to /home/ubuntu/helloWorld',
      'closing all non-uwsgi socket fds > 2 (max_fd = 20000)...',
      'found fd 3 mapped to socket 0 (/tmp/uwsgi.sock)',
      'running /usr/bin/uwsgi-core',
      '[uWSGI] getting INI configuration from uwsgi.ini',
    ]);
    expect(lines).toContain('uwsgi socket 0 inherited UNIX address /tmp/uwsgi.sock fd 3');
    expect(lines).toContain('mapped 145840 bytes (142 KB) for 1 cores');
    expect(lines.at(-2)).toBe(`gracefully (RE)spawned uWSGI master process (pid: ${process.pid})`);
    expect(lines.at(-1)).toMatch(/^spawned uWSGI worker 1 \(pid: \d+, cores: 1\)$/);
    expect(process.running).toBe(true);
    expect(request(machine).text).toContain('Hello World!');
    expect(process.signal('INT')).toEqual(buried);
  });

  it('--master --die-on-term, TERM: stops like INT', () => {
    const { process } = start('--master --die-on-term');
    expect(process.signal('TERM')).toEqual(buried);
    expect(process.exitStatus).toBe(0);
  });

  it('--master --vacuum, INT: removes the socket', () => {
    const { machine, process } = start('--master --vacuum');
    expect(process.signal('INT')).toEqual([
      ...buried,
      'VACUUM: unix socket /tmp/uwsgi.sock removed.',
    ]);
    expect(socketLeft(machine)).toBe(false);
  });

  it('--master --processes 2 --vacuum, Ctrl-C', () => {
    const { process } = start('--master --processes 2 --vacuum');
    expect(process.output).toContain('mapped 218760 bytes (213 KB) for 2 cores');
    expect(process.output).toContain('*** Operational MODE: preforking ***');
    expect(process.signal('INT')).toEqual([
      'SIGINT/SIGTERM received...killing workers...',
      'worker 1 buried after 1 seconds',
      'worker 2 buried after 1 seconds',
      'goodbye to uWSGI.',
      'VACUUM: unix socket /tmp/uwsgi.sock removed.',
    ]);
  });

  it('no master: INT and TERM end it silently with status 30 and leave the socket; QUIT is ignored', () => {
    for (const signal of ['INT', 'TERM'] as const) {
      const { machine, process } = start('');
      expect(process.signal(signal)).toEqual([]);
      expect(process.exitStatus).toBe(30);
      expect(socketLeft(machine)).toBe(true);
      expect(request(machine)).toEqual({ error: '(111: Connection refused)' });
    }
    const { machine, process } = start('');
    expect(process.signal('QUIT')).toEqual([]);
    expect(process.running).toBe(true);
    expect(request(machine).text).toContain('Hello World!');
  });

  it('no master --vacuum, INT: VACUUM, status 30', () => {
    const { machine, process } = start('--vacuum');
    expect(process.signal('INT')).toEqual(['VACUUM: unix socket /tmp/uwsgi.sock removed.']);
    expect(process.exitStatus).toBe(30);
    expect(request(machine)).toEqual({ error: '(2: No such file or directory)' });
  });
});

describe('stale sockets and second instances (real-output-shell.md §4.3)', () => {
  it('a stale socket file is replaced silently at the next start', () => {
    const machine = testMachine();
    const first = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    first.signal('INT');
    expect(request(machine)).toEqual({ error: '(111: Connection refused)' });
    machine.clock.advance(3000);
    const second = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    expect(second.output).toContain('uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3');
    expect(second.output.filter((line) => /unlink|bind\(\)/.test(line))).toEqual([]);
    expect(request(machine).text).toContain('Hello World!');
  });

  it('a second instance takes the path over; the first keeps running, unreachable', () => {
    const machine = testMachine();
    const first = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    machine.clock.advance(3000);
    const second = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    request(machine);
    expect(first.running).toBe(true);
    expect(second.output.at(-1)).toMatch(/^\[pid: \d+\|app: 0\|req: 1\/1\]/);
    expect(first.output.at(-1)).toMatch(/^spawned uWSGI worker/);
  });

  it('a directory at the path: unlink fails, bind fails', () => {
    const machine = testMachine();
    machine.fs.mkdir('/tmp/uwsgi.sock');
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app',
    );
    expect(process.output.slice(-3)).toEqual([
      'thunder lock: disabled (you can enable it with --thunder-lock)',
      'error removing unix socket, unlink(): Is a directory [core/socket.c line 198]',
      'bind(): Address already in use [core/socket.c line 230]',
    ]);
    expect(process.exitStatus).toBe(1);
  });

  it('a stale root-owned socket in /tmp, uWSGI as nobody: Operation not permitted', () => {
    const machine = testMachine();
    machine.fs.mksocket('/tmp/uwsgi.sock', { mode: 0o666 });
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app',
    );
    process.signal('KILL');
    const nobody = { uid: 65534, gid: 65534, groups: [65534] };
    const again = startAs(machine, nobody);
    expect(again.output.slice(-2)).toEqual([
      'error removing unix socket, unlink(): Operation not permitted [core/socket.c line 198]',
      'bind(): Address already in use [core/socket.c line 230]',
    ]);
  });

  it('a TCP port in use', () => {
    const machine = testMachine();
    uwsgi(machine, 'uwsgi --plugin python3 --socket 127.0.0.1:3031 --module app --callable app');
    const second = uwsgi(
      machine,
      'uwsgi --plugin python3 --socket 127.0.0.1:3031 --module app --callable app',
    );
    expect(second.output.slice(-2)).toEqual([
      'probably another instance of uWSGI is running on the same address (127.0.0.1:3031).',
      'bind(): Address already in use [core/socket.c line 769]',
    ]);
    expect(second.exitStatus).toBe(1);
  });
});

function startAs(
  machine: ReturnType<typeof testMachine>,
  credentials: { uid: number; gid: number; groups: number[] },
) {
  return uwsgi2(machine, credentials);
}

import { startUwsgi } from '../../../../src/gateway/uwsgi/uwsgi-process.ts';
import { DEBIAN_BUILD } from '../../../../src/gateway/uwsgi/builds.ts';

function uwsgi2(
  machine: ReturnType<typeof testMachine>,
  credentials: { uid: number; gid: number; groups: number[] },
) {
  return startUwsgi(machine, {
    argv: 'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app'.split(' '),
    cwd: APP_DIR,
    build: DEBIAN_BUILD,
    credentials,
  });
}

describe("socket permissions for nginx's www-data (real-output-shell.md §5)", () => {
  for (const [option, mode, answer] of [
    ['', 0o755, '(13: Permission denied)'],
    ['--chmod-socket=666', 0o666, 'ok'],
    ['--chmod-socket', 0o666, 'ok'],
    ['--chmod-socket=664', 0o664, '(13: Permission denied)'],
    ['--chmod-socket=660', 0o660, '(13: Permission denied)'],
    ['--chmod-socket=777', 0o777, 'ok'],
    ['--chmod-socket=622', 0o622, 'ok'],
    ['--chmod-socket=660 --chown-socket=www-data', 0o660, 'ok'],
  ] as const) {
    it(`${option || '(no chmod-socket)'}: mode ${mode.toString(8)}, ${answer}`, () => {
      const machine = testMachine();
      const process = uwsgi(
        machine,
        `uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app ${option}`,
      );
      expect(machine.fs.lstat('/tmp/uwsgi.sock').mode).toBe(mode);
      const result = request(machine);
      expect(result.error ?? 'ok').toBe(answer);
      if (option === '--chmod-socket')
        expect(process.output).toContain('chmod() socket to 666 for lazy and brave users');
    });
  }

  it('search permission on every folder above the socket counts too', () => {
    const machine = testMachine();
    machine.fs.mkdirs('/run/app', { mode: 0o700 });
    uwsgi(
      machine,
      'uwsgi --plugin python3 -s /run/app/uwsgi.sock --module app --callable app --chmod-socket=666',
    );
    expect(
      machine.net.connect({ kind: 'unix', path: '/run/app/uwsgi.sock' }, machine.wwwData),
    ).toMatchObject({ ok: false, error: { parenthesized: '(13: Permission denied)' } });
  });
});

describe('processes as data (real-output-shell.md §8.2)', () => {
  it('with a master: the master keeps the command line, workers show as uwsgi', () => {
    const machine = testMachine();
    machine.fs.put(
      `${APP_DIR}/uwsgi.ini`,
      `${TUTORIAL_INI.replace('virtualenv=/home/ubuntu/helloWorld/.venv\n', '')}plugin = python3\n`,
    );
    const process = uwsgi(machine, 'uwsgi uwsgi.ini --master --processes 2');
    expect(process.processes()).toEqual([
      {
        user: 'root',
        pid: process.pid,
        ppid: 1000,
        command: 'uwsgi uwsgi.ini --master --processes 2',
        role: 'master',
      },
      { user: 'root', pid: process.pid + 1, ppid: process.pid, command: 'uwsgi', role: 'worker' },
      { user: 'root', pid: process.pid + 2, ppid: process.pid, command: 'uwsgi', role: 'worker' },
    ]);
    // the last worker to go back to accept() takes the requests
    request(machine);
    expect(process.output.at(-1)).toMatch(
      new RegExp(`^\\[pid: ${process.pid + 2}\\|app: 0\\|req: 1/1\\]`),
    );
    process.signal('INT');
    expect(process.processes()).toEqual([]);
  });

  it('--uid/--gid: the privileges are dropped before the socket is made', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --uid www-data --gid www-data',
    );
    expect(process.output.slice(10, 12)).toEqual(['setgid() to 33', 'setuid() to 33']);
    expect(process.output.filter((line) => line.includes('running as root'))).toEqual([]);
    expect(machine.fs.lstat('/tmp/uwsgi.sock')).toMatchObject({ uid: 33, gid: 33, mode: 0o755 });
    expect(process.processes()[0]?.user).toBe('www-data');
  });

  it('--daemonize: the log goes to the file, the socket is 777 (umask 0), the shell is free', () => {
    const machine = testMachine();
    const process = uwsgi(
      machine,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --daemonize /tmp/uwsgi-d.log',
    );
    expect(process.output).toEqual([]);
    expect(process.detached).toBe(true);
    expect(machine.fs.lstat('/tmp/uwsgi.sock').mode).toBe(0o777);
    const log = new TextDecoder().decode(machine.fs.readFile('/tmp/uwsgi-d.log'));
    expect(log).toMatch(/^\*\*\* Starting uWSGI 2\.0\.21-debian/);
    request(machine);
    expect(new TextDecoder().decode(machine.fs.readFile('/tmp/uwsgi-d.log'))).toContain(
      'GET / => generated 12 bytes',
    );
  });
});
