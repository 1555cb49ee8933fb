// nginx as a process on the machine (real-output-shell.md §6.2, §6.3, §8.2): start with Debian's
// layout, the pid file, `ps` and `ss` entries, a second start that cannot bind, reloads that fail
// (the old config keeps serving, the error goes to error.log) and succeed, stop, `nginx -s`, and
// the access log's lines.

import { describe, expect, it } from 'vitest';
import { latin1Bytes, latin1Text } from '../../../src/protocol/index.ts';
import { TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_NGINX_FILE_TEXT } from '../../../src/gateway/nginx/debian-file-text.ts';
import { startNginx, type NginxProcess } from '../../../src/gateway/nginx/nginx-process.ts';
import { nginxSignalCommand } from '../../../src/gateway/nginx/nginx-signal.ts';
import { sendClientRequest } from '../../../src/gateway/net/client-request.ts';
import type { SocketAddress } from '../../../src/gateway/net/socket-address.ts';
import { servingMachine, type ServingMachine } from './support/serving-machine.ts';
import { uwsgi } from './uwsgi/test-machine.ts';

const LOCALHOST_8080: SocketAddress = { kind: 'inet', host: 'localhost', port: 8080 };
const CURL = (method = 'GET', path = '/'): string =>
  `${method} ${path} HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n`;
const TYPO_SITE = TUTORIAL_SITE.replace('uwsgi_pass unix', 'uwsgi_pas unix');

function started(machine: ServingMachine): NginxProcess {
  const result = startNginx(machine);
  if (!result.ok) throw new Error(result.stderr.join('\n'));
  expect(result.stderr).toEqual([]);
  return result.process;
}

function statusOf(machine: ServingMachine, request = CURL(), target = LOCALHOST_8080): string {
  const outcome = sendClientRequest(machine.net, target, latin1Bytes(request));
  if (outcome.kind === 'connect-failed') return outcome.error.parenthesized;
  return latin1Text(outcome.bytes).split('\r\n')[0]!;
}

function file(machine: ServingMachine, path: string): string {
  return latin1Text(machine.fs.readFile(path));
}

function withUwsgi(machine: ServingMachine): void {
  uwsgi(
    machine,
    'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --chmod-socket=666',
  );
}

describe('starting nginx', () => {
  it('binds 0.0.0.0:8080, writes /run/nginx.pid, runs a root master and www-data workers (§8.2)', () => {
    const machine = servingMachine();
    const nginx = started(machine);
    expect(file(machine, '/run/nginx.pid')).toBe(`${nginx.pid}\n`);
    expect(nginx.processes()).toEqual([
      {
        user: 'root',
        pid: 26474,
        ppid: 1,
        command: 'nginx: master process /usr/sbin/nginx',
        role: 'master',
      },
      {
        user: 'www-data',
        pid: 26475,
        ppid: 26474,
        command: 'nginx: worker process',
        role: 'worker',
      },
      {
        user: 'www-data',
        pid: 26476,
        ppid: 26474,
        command: 'nginx: worker process',
        role: 'worker',
      },
    ]);
    expect(
      machine.net
        .listeners()
        .map((listener) => [listener.address, listener.backlog, listener.owner]),
    ).toEqual([
      [{ kind: 'inet', host: '0.0.0.0', port: 8080 }, 511, { pid: 26474, command: 'nginx' }],
    ]);
    withUwsgi(machine);
    expect(statusOf(machine)).toBe('HTTP/1.1 200 OK');
  });

  it('a config error: the [emerg] line on stderr in error-log format, exit 1, nothing bound or logged (§6.3)', () => {
    const machine = servingMachine({ site: TYPO_SITE });
    const result = startNginx(machine);
    expect(result).toEqual({
      ok: false,
      status: 1,
      stderr: [
        '2026/11/26 06:40:17 [emerg] 26473#26473: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
      ],
    });
    expect(machine.net.listeners()).toEqual([]);
    expect(file(machine, '/var/log/nginx/error.log')).toBe('');
    expect(statusOf(machine)).toBe('(111: Connection refused)');
  });

  it('a second nginx cannot bind: five tries, then "still could not bind()", on stderr and in error.log', () => {
    const machine = servingMachine();
    started(machine);
    const second = startNginx(machine);
    const line = 'bind() to 0.0.0.0:8080 failed (98: Address already in use)';
    expect(second).toEqual({
      ok: false,
      status: 1,
      stderr: [
        ...Array<string>(5).fill(`nginx: [emerg] ${line}`),
        'nginx: [emerg] still could not bind()',
      ],
    });
    expect(file(machine, '/var/log/nginx/error.log')).toBe(
      [
        ...Array<string>(5).fill(`2026/11/26 06:40:17 [emerg] 26477#26477: ${line}`),
        '2026/11/26 06:40:17 [emerg] 26477#26477: still could not bind()',
        '',
      ].join('\n'),
    );
  });

  it("Debian's own default site: 80 and [::]:80 both bound, the welcome page on both", () => {
    const machine = servingMachine({
      site: DEBIAN_NGINX_FILE_TEXT['/etc/nginx/sites-available/default']!,
    });
    started(machine);
    expect(machine.net.listeners().map((listener) => listener.address)).toEqual([
      { kind: 'inet', host: '0.0.0.0', port: 80 },
      { kind: 'inet', host: '::', port: 80 },
    ]);
    const request =
      'GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n';
    expect(statusOf(machine, request, { kind: 'inet', host: '127.0.0.1', port: 80 })).toBe(
      'HTTP/1.1 200 OK',
    );
    expect(statusOf(machine, request, { kind: 'inet', host: '::1', port: 80 })).toBe(
      'HTTP/1.1 200 OK',
    );
  });

  it('the pid directive names the pid file (a relative path is under the prefix), and nginx -s reads it there', () => {
    const machine = servingMachine();
    const conf = file(machine, '/etc/nginx/nginx.conf');
    machine.fs.put(
      '/etc/nginx/nginx.conf',
      conf.replace('pid /run/nginx.pid;', 'pid /run/nginx-lab.pid;'),
    );
    const nginx = started(machine);
    expect(file(machine, '/run/nginx-lab.pid')).toBe(`${nginx.pid}\n`);
    const sent: number[] = [];
    nginxSignalCommand(machine, 'quit', (pid) => sent.push(pid) > 0);
    expect(sent).toEqual([nginx.pid]);
    machine.fs.put(
      '/etc/nginx/nginx.conf',
      conf.replace('pid /run/nginx.pid;', 'pid /run/a.pid;\npid /run/b.pid;'),
    );
    expect(nginx.reload().logged).toEqual([
      '2026/11/26 06:40:17 [emerg] 26474#26474: "pid" directive is duplicate in /etc/nginx/nginx.conf:4',
    ]);
  });

  it('a unix listen socket is made 0666 and removed when nginx stops', () => {
    const machine = servingMachine({
      site: TUTORIAL_SITE.replace('listen 8080;', 'listen unix:/run/site.sock;'),
    });
    const nginx = started(machine);
    expect(machine.fs.lstat('/run/site.sock')).toMatchObject({ type: 'socket', mode: 0o666 });
    nginx.stop();
    expect(() => machine.fs.lstat('/run/site.sock')).toThrow();
  });
});

describe('reloading and stopping', () => {
  it('a reload that fails logs the [emerg] to error.log as the master and keeps the old config serving (§6.3)', () => {
    const machine = servingMachine();
    const nginx = started(machine);
    withUwsgi(machine);
    const workers = nginx.workerPids;
    machine.fs.put('/etc/nginx/sites-available/default', TYPO_SITE);
    expect(nginx.signal('HUP')).toEqual({
      ok: false,
      logged: [
        '2026/11/26 06:40:17 [emerg] 26474#26474: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
      ],
    });
    expect(file(machine, '/var/log/nginx/error.log')).toBe(
      '2026/11/26 06:40:17 [emerg] 26474#26474: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14\n',
    );
    expect(nginx.workerPids).toBe(workers);
    expect(statusOf(machine)).toBe('HTTP/1.1 200 OK');
  });

  it('a reload that loads: new workers, the new listen address, the old one closed', () => {
    const machine = servingMachine();
    const nginx = started(machine);
    withUwsgi(machine);
    machine.fs.put(
      '/etc/nginx/sites-available/default',
      TUTORIAL_SITE.replace('listen 8080;', 'listen 8081;'),
    );
    expect(nginx.reload()).toEqual({ ok: true, logged: [] });
    expect(nginx.workerPids).toEqual([26478, 26479]);
    expect(statusOf(machine)).toBe('(111: Connection refused)');
    expect(
      statusOf(machine, CURL().replace('localhost:8080', 'localhost:8081'), {
        kind: 'inet',
        host: '127.0.0.1',
        port: 8081,
      }),
    ).toBe('HTTP/1.1 200 OK');
  });

  it('stop closes the socket and removes the pid file; ps lists nothing', () => {
    const machine = servingMachine();
    const nginx = started(machine);
    nginx.signal('QUIT');
    expect(nginx.running).toBe(false);
    expect(nginx.processes()).toEqual([]);
    expect(() => machine.fs.stat('/run/nginx.pid')).toThrow();
    expect(statusOf(machine)).toBe('(111: Connection refused)');
    expect(nginx.signal('HUP')).toBeUndefined();
  });
});

describe('nginx -s', () => {
  it('reload: "signal process started" on stderr, SIGHUP to the pid in /run/nginx.pid (§6.2)', () => {
    const machine = servingMachine();
    const nginx = started(machine);
    const sent: [number, string][] = [];
    const result = nginxSignalCommand(machine, 'reload', (pid, signal) => {
      sent.push([pid, signal]);
      return true;
    });
    expect(result).toEqual({
      status: 0,
      stderr: ['2026/11/26 06:40:17 [notice] 26477#26477: signal process started'],
    });
    expect(sent).toEqual([[nginx.pid, 'HUP']]);
  });

  it('with a config error: only the [emerg] line, no signal, exit 1 (§6.3)', () => {
    const machine = servingMachine();
    started(machine);
    machine.fs.put('/etc/nginx/sites-available/default', TYPO_SITE);
    const result = nginxSignalCommand(machine, 'reload', () => {
      throw new Error('no signal may be sent');
    });
    expect(result).toEqual({
      status: 1,
      stderr: [
        '2026/11/26 06:40:17 [emerg] 26477#26477: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
      ],
    });
  });

  it('nginx not running: no pid file; a stale pid file: kill() fails', () => {
    const machine = servingMachine();
    expect(nginxSignalCommand(machine, 'stop', () => true)).toEqual({
      status: 1,
      stderr: [
        '2026/11/26 06:40:17 [notice] 26473#26473: signal process started',
        '2026/11/26 06:40:17 [error] 26473#26473: open() "/run/nginx.pid" failed (2: No such file or directory)',
      ],
    });
    machine.fs.put('/run/nginx.pid', '4242\n');
    expect(nginxSignalCommand(machine, 'quit', () => false).stderr.at(-1)).toBe(
      '2026/11/26 06:40:17 [alert] 26474#26474: kill(4242, 3) failed (3: No such process)',
    );
  });
});

describe('the access log', () => {
  it("Debian's combined lines: GET through uWSGI, HEAD (0 bytes), nginx's own file (§6.1, §8.2)", () => {
    const machine = servingMachine();
    started(machine);
    withUwsgi(machine);
    statusOf(machine);
    statusOf(machine, CURL('HEAD'));
    statusOf(machine, CURL('GET', '/index.nginx-debian.html'));
    expect(file(machine, '/var/log/nginx/access.log')).toBe(
      [
        '127.0.0.1 - - [26/Nov/2026:06:40:17 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/7.88.1"',
        '127.0.0.1 - - [26/Nov/2026:06:40:17 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.88.1"',
        '127.0.0.1 - - [26/Nov/2026:06:40:17 +0000] "GET /index.nginx-debian.html HTTP/1.1" 200 615 "-" "curl/7.88.1"',
        '',
      ].join('\n'),
    );
  });

  it('a server-level error_log and access_log get that server’s lines', () => {
    const machine = servingMachine({
      site: TUTORIAL_SITE.replace(
        '        root /var/www/html;\n',
        '        root /var/www/html;\n        error_log /var/log/nginx/hello.error.log;\n        access_log /var/log/nginx/hello.access.log;\n',
      ),
    });
    started(machine);
    expect(statusOf(machine)).toBe('HTTP/1.1 502 Bad Gateway');
    expect(file(machine, '/var/log/nginx/error.log')).toBe('');
    expect(file(machine, '/var/log/nginx/hello.error.log')).toContain(
      '(2: No such file or directory) while connecting to upstream',
    );
    expect(file(machine, '/var/log/nginx/hello.access.log')).toContain('"GET / HTTP/1.1" 502 157');
    expect(file(machine, '/var/log/nginx/access.log')).toBe('');
  });
});
