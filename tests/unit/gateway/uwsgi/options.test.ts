// uWSGI's command line and ini files, against what real uWSGI 2.0.21 printed
// (../shared/reference/real-output.md §5.10, real-output-shell.md §2.1, §3, §5, §10, and probes of
// the Debian binary): options read in order, plugins adding options, abbreviations, refusals with
// glibc's getopt messages, ini keys ignored unless strict, chmod-socket's two meanings.

import { describe, expect, it } from 'vitest';
import { DEBIAN_BUILD } from '../../../../src/gateway/uwsgi/builds.ts';
import { readUwsgiCommand } from '../../../../src/gateway/uwsgi/uwsgi-command.ts';
import { readIni } from '../../../../src/gateway/uwsgi/ini-file.ts';
import { APP_DIR, TUTORIAL_INI, testMachine } from './test-machine.ts';

function read(command: string, files: Record<string, string> = {}) {
  const machine = testMachine();
  for (const [name, text] of Object.entries(files)) machine.fs.put(`${APP_DIR}/${name}`, text);
  return readUwsgiCommand(command.split(' '), {
    fs: machine.fs,
    cwd: APP_DIR,
    build: DEBIAN_BUILD,
  });
}

function refused(
  command: string,
  files: Record<string, string> = {},
): { lines: readonly string[]; status: number } {
  const outcome = read(command, files);
  if (outcome.kind !== 'exit') throw new Error(`${command} was not refused`);
  return { lines: outcome.lines, status: outcome.status };
}

describe("Debian's modular uWSGI without --plugin python3 (real-output-shell.md §2.1)", () => {
  for (const [command, option] of [
    ['uwsgi -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv', '--module'],
    ['uwsgi -s /tmp/uwsgi.sock --wsgi-file app.py --callable app -H .venv', '--wsgi-file'],
    [
      'uwsgi -s /tmp/uwsgi.sock --module yourapplication --callable app --venv .venv --plugin python3',
      '--module',
    ],
    [
      'uwsgi -s /tmp/uwsgi.sock --module app --plugin python3 --callable app --venv .venv',
      '--module',
    ],
  ] as const) {
    it(command, () => {
      expect(refused(command)).toEqual({
        lines: [`uwsgi: unrecognized option '${option}'`, 'getopt_long() error'],
        status: 1,
      });
    });
  }

  it('accepts the Python options once --plugin python3 came first, in any position before them', () => {
    for (const command of [
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv',
      'uwsgi -s /tmp/uwsgi.sock --plugin python3 --module app --callable app --venv .venv',
    ]) {
      const outcome = read(command);
      expect(outcome.kind).toBe('start');
      if (outcome.kind === 'start') {
        expect(outcome.settings.module).toBe('app');
        expect(outcome.settings.home).toBe('.venv');
        expect(outcome.settings.sockets).toEqual([
          { protocol: 'uwsgi', address: '/tmp/uwsgi.sock' },
        ]);
      }
    }
  });

  it('--plugin python: the plugin file is not there (real-output.md §5.10)', () => {
    expect(
      refused('uwsgi -s /tmp/uwsgi.sock --plugin python --wsgi-file app.py --callable app'),
    ).toEqual({
      lines: [
        'open("/usr/lib/uwsgi/plugins/python_plugin.so"): No such file or directory [core/utils.c line 3731]',
        '!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/python_plugin.so: cannot open shared object file: No such file or directory !!!',
        "uwsgi: unrecognized option '--wsgi-file'",
        'getopt_long() error',
      ],
      status: 1,
    });
  });

  it('--plugin python311 is the same plugin as python3 (the alternatives link)', () => {
    const outcome = read(
      'uwsgi --plugin python3 --plugin python311 -s /tmp/uwsgi.sock --module app',
    );
    expect(outcome.kind === 'start' ? outcome.settings.plugins : []).toEqual(['python']);
  });

  it('--http is ambiguous without the http plugin (real-output-shell.md §10)', () => {
    expect(refused('uwsgi --plugin python3 --http 127.0.0.1:18099 --wsgi-file app.py')).toEqual({
      lines: [
        "uwsgi: option '--http' is ambiguous; possibilities: '--http-socket' '--http-socket-modifier1' '--http-socket-modifier2' '--http11-socket' '--https-socket' '--https-socket-modifier1' '--https-socket-modifier2'",
        'getopt_long() error',
      ],
      status: 1,
    });
    const outcome = read('uwsgi --plugin python3,http --http 127.0.0.1:18099 --wsgi-file app.py');
    expect(outcome.kind === 'start' ? outcome.settings.httpRouters : []).toEqual([
      '127.0.0.1:18099',
    ]);
  });
});

describe('getopt_long, as glibc 2.36 reports (probed on the Debian binary)', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['uwsgi --socket', "uwsgi: option '--socket' requires an argument"],
    ['uwsgi -s', "uwsgi: option requires an argument -- 's'"],
    ['uwsgi --master=1', "uwsgi: option '--master' doesn't allow an argument"],
    ['uwsgi --zzz', "uwsgi: unrecognized option '--zzz'"],
    ['uwsgi -Z', "uwsgi: invalid option -- 'Z'"],
    ['uwsgi --modul app', "uwsgi: unrecognized option '--modul'"],
    [
      'uwsgi --sock /tmp/x',
      "uwsgi: option '--sock' is ambiguous; possibilities: '--socket' '--socket-protocol' '--socket-timeout' '--socket-send-timeout' '--socket-write-timeout' '--socket-sndbuf' '--socket-rcvbuf'",
    ],
    ['uwsgi --plugin', "uwsgi: option '--plugin' requires an argument"],
    ['uwsgi -p', "uwsgi: option requires an argument -- 'p'"],
    ['uwsgi --version --zzz', "uwsgi: unrecognized option '--zzz'"],
  ];
  for (const [command, message] of cases) {
    it(command, () => {
      expect(refused(command)).toEqual({ lines: [message, 'getopt_long() error'], status: 1 });
    });
  }

  it('takes an unambiguous abbreviation for the full name (--modul once the python plugin is in)', () => {
    const outcome = read('uwsgi --plugin python3 --modul app -s /tmp/uwsgi.sock');
    expect(outcome.kind === 'start' ? outcome.settings.module : undefined).toBe('app');
  });

  it('reads one-letter forms and clusters: -s PATH, -M, -p2, -w, -H', () => {
    const outcome = read('uwsgi --plugin python3 -s /tmp/a.sock -Mp2 -w app -H .venv -b 8192');
    expect(outcome.kind).toBe('start');
    if (outcome.kind !== 'start') return;
    expect(outcome.settings).toMatchObject({
      master: true,
      processes: 2,
      module: 'app',
      home: '.venv',
      bufferSize: 8192,
    });
  });

  it('--version prints the build and exits 0 (after the whole line is read)', () => {
    expect(refused('uwsgi --processes=abc --version')).toEqual({
      lines: ['2.0.21-debian'],
      status: 0,
    });
  });

  it('--chmod-socket 666: the optional argument needs "=", so 666 becomes a config file name', () => {
    expect(refused('uwsgi --chmod-socket 666 --socket /tmp/x.sock')).toEqual({
      lines: ['unable to load configuration from 666'],
      status: 1,
    });
  });

  it('caps --buffer-size at 65535 and reads --socket=… and the aliases', () => {
    const outcome = read(
      'uwsgi --plugin python3 --socket=/tmp/a.sock --uwsgi-socket 127.0.0.1:3031 --http-socket :9090 --workers 3 --buffer-size 100000 --virtualenv /v --wsgi x',
    );
    expect(outcome.kind).toBe('start');
    if (outcome.kind !== 'start') return;
    expect(outcome.settings.sockets).toEqual([
      { protocol: 'uwsgi', address: '/tmp/a.sock' },
      { protocol: 'uwsgi', address: '127.0.0.1:3031' },
      { protocol: 'http', address: ':9090' },
    ]);
    expect(outcome.settings).toMatchObject({
      processes: 3,
      bufferSize: 65535,
      home: '/v',
      module: 'x',
    });
  });
});

describe('chmod-socket (real-output-shell.md §5)', () => {
  it('without a value on the command line means 666', () => {
    const outcome = read('uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --chmod-socket');
    expect(outcome.kind === 'start' ? outcome.settings.chmodSocket : undefined).toEqual({
      value: 0,
    });
  });

  it('a value that is not three octal digits is refused', () => {
    expect(
      refused('uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --chmod-socket=abc'),
    ).toEqual({ lines: ['invalid chmod value: abc'], status: 1 });
  });

  for (const [line, value] of [
    ['chmod-socket=', ''],
    ['chmod-socket', ''],
    ['chmod-socket = true', 'true'],
  ] as const) {
    it(`in an ini, "${line}" is an error, not 666`, () => {
      const ini = TUTORIAL_INI.replace('chmod-socket=666', line);
      expect(refused('uwsgi uwsgi.ini', { 'uwsgi.ini': ini })).toEqual({
        lines: [
          '[uWSGI] getting INI configuration from uwsgi.ini',
          `invalid chmod value: ${value}`,
        ],
        status: 1,
      });
    });
  }
});

describe('ini files (real-output-shell.md §3)', () => {
  it("the tutorial's ini without a plugin line: Python keys silently ignored", () => {
    for (const command of ['uwsgi uwsgi.ini', 'uwsgi --ini uwsgi.ini']) {
      const outcome = read(command, { 'uwsgi.ini': TUTORIAL_INI });
      expect(outcome.kind).toBe('start');
      if (outcome.kind !== 'start') return;
      expect(outcome.lines).toEqual(['[uWSGI] getting INI configuration from uwsgi.ini']);
      expect(outcome.settings.ignored).toEqual(['callable', 'module', 'virtualenv']);
      expect(outcome.settings).toMatchObject({
        chdir: '/home/ubuntu/helloWorld',
        chmodSocket: { value: 0o666 },
        plugins: [],
      });
    }
  });

  it('in an ini the place of plugin does not matter', () => {
    const outcome = read('uwsgi uwsgi.ini', { 'uwsgi.ini': `${TUTORIAL_INI}plugin = python3\n` });
    expect(outcome.kind === 'start' ? outcome.settings : undefined).toMatchObject({
      module: 'app',
      callable: 'app',
      home: '/home/ubuntu/helloWorld/.venv',
      ignored: [],
    });
  });

  it('strict mode names the first unknown key (§3.3)', () => {
    const strict = `${TUTORIAL_INI}strict = true\n`;
    expect(refused('uwsgi uwsgi.ini', { 'uwsgi.ini': strict })).toEqual({
      lines: [
        '[uWSGI] getting INI configuration from uwsgi.ini',
        '[strict-mode] unknown config directive: callable',
      ],
      status: 1,
    });
    expect(refused('uwsgi --ini uwsgi.ini', { 'uwsgi.ini': strict })).toEqual({
      lines: [
        '[uWSGI] getting INI configuration from uwsgi.ini',
        '[strict-mode] unknown config directive: callable',
      ],
      status: 1,
    });
    expect(refused('uwsgi --strict uwsgi.ini', { 'uwsgi.ini': TUTORIAL_INI })).toEqual({
      lines: [
        '[uWSGI] getting INI configuration from uwsgi.ini',
        '[strict-mode] unknown config directive: callable',
      ],
      status: 1,
    });
    const typo = `${TUTORIAL_INI}plugin = python3\nstrict = true\nmodul = app\n`;
    expect(refused('uwsgi uwsgi.ini', { 'uwsgi.ini': typo })).toEqual({
      lines: [
        '[uWSGI] getting INI configuration from uwsgi.ini',
        '[strict-mode] unknown config directive: modul',
      ],
      status: 1,
    });
  });

  it('wrong file names (§3.4)', () => {
    expect(refused('uwsgi nosuch.ini')).toEqual({
      lines: [
        'realpath() of nosuch.ini failed: No such file or directory [core/utils.c line 3662]',
      ],
      status: 1,
    });
    expect(refused('uwsgi helloworld', { helloworld: TUTORIAL_INI })).toEqual({
      lines: ['unable to load configuration from helloworld'],
      status: 1,
    });
    const loaded = read('uwsgi --ini helloworld', { helloworld: TUTORIAL_INI });
    expect(loaded.kind).toBe('start');
  });

  it('warns when the [uwsgi] section is missing', () => {
    const outcome = read('uwsgi x.ini', { 'x.ini': 'socket = /tmp/x.sock\n' });
    expect(outcome.lines).toEqual([
      '[uWSGI] getting INI configuration from x.ini',
      '*** WARNING: Can\'t find section "uwsgi" in INI configuration file x.ini ***',
    ]);
  });

  it('reads file.ini:section and the magic %d/%n', () => {
    const outcome = read('uwsgi x.ini:other', {
      'x.ini': '[uwsgi]\nsocket = /a\n[other]\nsocket = %dsock-%n\n',
    });
    expect(outcome.kind === 'start' ? outcome.settings.sockets : []).toEqual([
      { protocol: 'uwsgi', address: `${APP_DIR}/sock-x` },
    ]);
  });
});

describe('readIni', () => {
  it('skips comments and blank lines, trims, takes a bare key as empty, keeps values as written', () => {
    expect(
      readIni('; c\n[uwsgi]\n  # c\n\nsocket =  /tmp/a.sock  \r\nmaster\nx=a=b\n[other]\ny=1\n'),
    ).toEqual({
      entries: [
        { key: 'socket', value: '/tmp/a.sock', line: 5 },
        { key: 'master', value: '', line: 6 },
        { key: 'x', value: 'a=b', line: 7 },
      ],
      gotSection: true,
    });
  });
});
