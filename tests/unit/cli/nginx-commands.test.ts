// `uwsgi-lab nginx-packet` and `uwsgi-lab nginx-t`, run in-process through runCli with buffers for
// stdin/stdout/stderr: every captured request gives the bytes real nginx sent, nginx's own answers
// are one line and exit status 1, bad input one line and exit status 2, and nginx-t prints what
// `nginx -t` prints (timestamp masked) with its exit status.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/main.ts';
import { TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { bytesFromHex, latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';

const VECTORS = fileURLToPath(new URL('../../fixtures/vectors/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'uwsgi-lab-nginx-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(
  args: readonly string[],
  stdin: string | Uint8Array = new Uint8Array(0),
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readStdin: async () => (typeof stdin === 'string' ? utf8Bytes(stdin) : stdin),
    stdout: (data) => {
      stdout += typeof data === 'string' ? data : new TextDecoder().decode(data);
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

/** Each captured request (NAME.http) with its client port and nginx's server block from NAME.txt. */
const vectors = readdirSync(VECTORS)
  .filter((name) => name.endsWith('.http'))
  .map((name) => name.slice(0, -'.http'.length))
  .sort()
  .map((name) => {
    const txt = readFileSync(`${VECTORS}${name}.txt`, 'utf8');
    const port = /^REMOTE_PORT: (\d+)/m.exec(txt)?.[1];
    if (port === undefined) throw new Error(`${name}.txt names no REMOTE_PORT`);
    // "nginx server block (…):" then the block, indented by two spaces, up to an empty line
    const lines = txt.split('\n');
    const start = lines.findIndex((line) => line.startsWith('nginx server block')) + 1;
    const end = lines.indexOf('', start);
    const site = `${lines
      .slice(start, end)
      .map((line) => line.slice(2))
      .join('\n')}\n`;
    return { name, port, site, http: `${VECTORS}${name}.http`, hex: `${VECTORS}${name}.hex` };
  });

function vars(hex: string): Map<string, string> {
  const packet = decode(bytesFromHex(hex.replace(/\s+/g, '')));
  if (packet.kind !== 'vars') throw new Error('not vars');
  return new Map(packet.vars.map(([key, value]) => [latin1Text(key), latin1Text(value)]));
}

const GET = 'GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n';

describe('nginx-packet', () => {
  it('has the captured requests', () => {
    expect(vectors.map((v) => v.name)).toEqual(
      expect.arrayContaining(['get-root', 'get-query', 'post-form', 'post-chunked', 'over-4096']),
    );
    for (const vector of vectors)
      expect(vector.site, vector.name).toMatch(/^server \{\n.*\n\}\n$/s);
  });

  it.each(vectors)(
    '$name: the request with its REMOTE_PORT gives $name.hex exactly, with the tutorial’s site and with the capture’s',
    async ({ port, site, http, hex }) => {
      const expected = readFileSync(hex, 'utf8');
      const tutorial = await cli(['nginx-packet', '--request', http, '--remote-port', port]);
      expect(tutorial).toEqual({ status: 0, stdout: expected, stderr: '' });
      const captured = await cli([
        'nginx-packet',
        '--request',
        http,
        '--remote-port',
        port,
        '--config',
        file('capture-site', site),
      ]);
      expect(captured).toEqual({ status: 0, stdout: expected, stderr: '' });
    },
  );

  it('reads the request from stdin for -, the config from stdin for --config -', async () => {
    const vector = vectors.find((v) => v.name === 'get-root')!;
    const expected = readFileSync(vector.hex, 'utf8');
    const request = new Uint8Array(readFileSync(vector.http));
    expect(
      await cli(['nginx-packet', '--request', '-', '--remote-port', vector.port], request),
    ).toEqual({ status: 0, stdout: expected, stderr: '' });
    const viaStdin = await cli(
      ['nginx-packet', '--request', vector.http, '--remote-port', vector.port, '--config', '-'],
      vector.site,
    );
    expect(viaStdin.stdout).toBe(expected);
  });

  it('uses 127.0.0.1, port 50000 by default, and --remote-addr and --remote-port', async () => {
    const plain = vars((await cli(['nginx-packet', '--request', file('get.http', GET)])).stdout);
    expect([plain.get('REMOTE_ADDR'), plain.get('REMOTE_PORT')]).toEqual(['127.0.0.1', '50000']);
    const given = vars(
      (
        await cli([
          'nginx-packet',
          '--request',
          file('get.http', GET),
          '--remote-addr',
          '2001:db8::7',
          '--remote-port',
          '1',
        ])
      ).stdout,
    );
    expect([given.get('REMOTE_ADDR'), given.get('REMOTE_PORT')]).toEqual(['2001:db8::7', '1']);
  });

  it('--config is the site in Debian’s layout: include uwsgi_params finds Debian’s file', async () => {
    const site = `server {
    listen 3000;
    server_name example.org;
    location / {
        include uwsgi_params;
        uwsgi_param APP_ENV dev;
        uwsgi_modifier1 30;
        uwsgi_pass 127.0.0.1:3031;
    }
}
`;
    const run = await cli([
      'nginx-packet',
      '--request',
      file('get-app.http', 'GET /app?a=1 HTTP/1.1\nHost: Example.org:3000\n\n'),
      '--config',
      file('app-site', site),
    ]);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.slice(0, 2)).toBe('1e'); // modifier1 30
    const packet = vars(run.stdout);
    expect([...packet.keys()]).toEqual([
      'QUERY_STRING',
      'REQUEST_METHOD',
      'CONTENT_TYPE',
      'CONTENT_LENGTH',
      'REQUEST_URI',
      'PATH_INFO',
      'DOCUMENT_ROOT',
      'SERVER_PROTOCOL',
      'REQUEST_SCHEME',
      'REMOTE_ADDR',
      'REMOTE_PORT',
      'SERVER_PORT',
      'SERVER_NAME',
      'HTTP_HOST',
      'APP_ENV',
    ]);
    expect(packet.get('SERVER_PORT')).toBe('3000');
    expect(packet.get('HTTP_HOST')).toBe('example.org');
    expect(packet.get('DOCUMENT_ROOT')).toBe('/usr/share/nginx/html');
  });

  it('prints one line and exits with 1 when nginx sends nothing upstream', async () => {
    const bigBuffers = TUTORIAL_SITE.replace(
      'root /var/www/html;',
      'root /var/www/html;\n        large_client_header_buffers 4 32k;',
    );
    const bigHeaders = `GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\n${[0, 1, 2]
      .map((i) => `X-${i}: ${'v'.repeat(30000)}\r\n`)
      .join('')}\r\n`;
    const cases: [string, string, string | undefined, string][] = [
      [
        'a ".." above the root',
        'GET /a/../.. HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n',
        undefined,
        'nginx answered 400 itself (client sent invalid request); nothing was sent upstream',
      ],
      [
        'HTTP/1.1 without Host',
        'GET / HTTP/1.1\r\n\r\n',
        undefined,
        'nginx answered 400 itself (client sent HTTP/1.1 request without "Host" header); nothing was sent upstream',
      ],
      [
        // 90351 bytes of vars (real nginx, with its 5-digit port: "uwsgi request is too big: 90352")
        'vars over 65535 bytes',
        bigHeaders,
        bigBuffers,
        'nginx answered 500 itself (uwsgi request is too big: 90351); nothing was sent upstream',
      ],
      [
        'a body over client_max_body_size',
        'POST / HTTP/1.1\r\nHost: helloworld.haruair.com\r\nContent-Length: 2000000\r\n\r\n',
        undefined,
        'nginx answered 413 itself (client intended to send too large body: 2000000 bytes, over client_max_body_size 1048576); nothing was sent upstream',
      ],
      [
        'a file try_files finds',
        'GET /index.nginx-debian.html HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n',
        undefined,
        'nginx answered 200 itself (it serves the file /var/www/html/index.nginx-debian.html); nothing was sent upstream',
      ],
      [
        'a return',
        GET,
        TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'return 403;'),
        'nginx answered 403 itself (return 403 at /etc/nginx/sites-enabled/default:9); nothing was sent upstream',
      ],
      [
        'try_files =404',
        GET,
        TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'try_files $uri =404;'),
        'nginx answered 404 itself (try_files ended in =404 at /etc/nginx/sites-enabled/default:9); nothing was sent upstream',
      ],
      [
        'a head without its empty line',
        'GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\n',
        undefined,
        'the request is incomplete: nginx would wait for more bytes (the head ends with an empty line, and a body is as long as its Content-Length says)',
      ],
      [
        'a config nginx does not start with',
        GET,
        TUTORIAL_SITE.replace('uwsgi_pass unix', 'uwsgi_pas unix'),
        'nginx: [emerg] unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14 (nginx does not start with this config, so nothing was sent upstream; nginx-t prints what nginx -t says)',
      ],
      [
        'a site that listens on a unix socket only',
        GET,
        'server {\n    listen unix:/run/site.sock;\n}\n',
        'nginx does not listen on 127.0.0.1:80',
      ],
    ];
    for (const [what, request, config, line] of cases) {
      const args = ['nginx-packet', '--request', file('request.http', request)];
      if (config !== undefined) args.push('--config', file('site', config));
      expect(await cli(args), what).toEqual({
        status: 1,
        stdout: '',
        stderr: `uwsgi-lab: nginx-packet: ${line}\n`,
      });
    }
  });

  it('refuses bad input with one line and exit status 2', async () => {
    const get = file('get.http', GET);
    const cases: [string[], string, string][] = [
      [[], '', '--request FILE|- is required'],
      [
        ['--request', join(work, 'missing.http')],
        '',
        `--request: cannot read ${join(work, 'missing.http')}: no such file or directory (ENOENT)`,
      ],
      [['--request', work], '', `--request: cannot read ${work}: is a directory (EISDIR)`],
      [
        ['--request', file('empty.http', '')],
        '',
        `--request: the request (${join(work, 'empty.http')}) is empty`,
      ],
      [['--request', '-'], '', '--request: the request is empty'],
      [
        ['--request', get, '--config', join(work, 'missing.conf')],
        '',
        `--config: cannot read ${join(work, 'missing.conf')}: no such file or directory (ENOENT)`,
      ],
      [['--request', '-', '--config', '-'], GET, '--request and --config cannot both read stdin'],
      [
        ['--request', get, '--remote-port', '65536'],
        '',
        '--remote-port must be a port number from 1 to 65535, not "65536"',
      ],
      [
        ['--request', get, '--remote-port', 'http'],
        '',
        '--remote-port must be a port number from 1 to 65535, not "http"',
      ],
      [
        ['--request', get, '--remote-addr', 'localhost'],
        '',
        '--remote-addr must be an IPv4 or IPv6 address, not "localhost"',
      ],
      [['--request', get, 'extra'], '', 'unexpected argument "extra" (see --help)'],
      [['--reqest', get], '', "Unknown option '--reqest' (see --help)"],
    ];
    for (const [args, stdin, message] of cases) {
      expect(await cli(['nginx-packet', ...args], stdin), message).toEqual({
        status: 2,
        stdout: '',
        stderr: `uwsgi-lab: nginx-packet: ${message}\n`,
      });
    }
  });

  it('documents its options, the layout and the tutorial’s site', async () => {
    const run = await cli(['nginx-packet', '--help']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(
      'usage: uwsgi-lab nginx-packet --request FILE|- [--config FILE] [--remote-addr A] [--remote-port P]',
    );
    for (const text of [
      '--request FILE|-',
      '--config FILE|-',
      '--remote-addr A',
      '--remote-port P',
      '/etc/nginx/sites-enabled/default',
      'include uwsgi_params',
      '32 bytes a line',
      'exit status: 0 a packet was printed, 1 nginx sends nothing upstream, 2 bad options or input',
    ])
      expect(run.stdout).toContain(text);
    for (const line of TUTORIAL_SITE.trimEnd().split('\n'))
      if (line !== '') expect(run.stdout).toContain(`  ${line}\n`);
  });
});

describe('nginx-t', () => {
  const OK =
    'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n';

  /** The error-log stamp masked, after checking it is now (UTC) and this process's id. */
  function masked(stderr: string, started: Date): string {
    return stderr.replace(
      /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] (\d+)#(\d+): /gm,
      (
        _,
        y: string,
        mo: string,
        d: string,
        h: string,
        mi: string,
        s: string,
        level: string,
        pid: string,
        tid: string,
      ) => {
        const stamp = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
        expect(stamp).toBeGreaterThanOrEqual(Math.floor(started.getTime() / 1000) * 1000);
        expect(stamp).toBeLessThanOrEqual(Date.now());
        expect([Number(pid), Number(tid)]).toEqual([process.pid, process.pid]);
        return `YYYY/MM/DD HH:MM:SS [${level}] PID#PID: `;
      },
    );
  }

  it('a good config: nginx’s two lines on stderr, exit status 0', async () => {
    expect(await cli(['nginx-t'])).toEqual({ status: 0, stdout: '', stderr: OK });
    expect(await cli(['nginx-t', '--config', file('tutorial-site', TUTORIAL_SITE)])).toEqual({
      status: 0,
      stdout: '',
      stderr: OK,
    });
    expect(await cli(['nginx-t', '--config', '-'], TUTORIAL_SITE)).toEqual({
      status: 0,
      stdout: '',
      stderr: OK,
    });
  });

  it('a broken config: the error-log line, then test failed, exit status 1', async () => {
    const cases: [string, string, string][] = [
      [
        'uwsgi_pass unix',
        'uwsgi_pas unix',
        'unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
      ],
      [
        'uwsgi_pass unix:/tmp/uwsgi.sock;',
        'uwsgi_pass unix:/tmp/uwsgi.sock',
        'unexpected "}" in /etc/nginx/sites-enabled/default:15',
      ],
      [
        'include uwsgi_params;',
        'include uwsgi_param;',
        'open() "/etc/nginx/uwsgi_param" failed (2: No such file or directory) in /etc/nginx/sites-enabled/default:13',
      ],
      [
        'try_files $uri @helloworld;',
        'try_files $uri;',
        'invalid number of arguments in "try_files" directive in /etc/nginx/sites-enabled/default:9',
      ],
    ];
    for (const [from, to, message] of cases) {
      const started = new Date();
      const run = await cli([
        'nginx-t',
        '--config',
        file('broken-site', TUTORIAL_SITE.replace(from, to)),
      ]);
      expect([run.status, run.stdout], to).toEqual([1, '']);
      expect(masked(run.stderr, started)).toBe(
        `YYYY/MM/DD HH:MM:SS [emerg] PID#PID: ${message}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n`,
      );
    }
  });

  it('refuses bad input with one line and exit status 2', async () => {
    const missing = join(work, 'missing.conf');
    expect(await cli(['nginx-t', '--config', missing])).toEqual({
      status: 2,
      stdout: '',
      stderr: `uwsgi-lab: nginx-t: --config: cannot read ${missing}: no such file or directory (ENOENT)\n`,
    });
    expect(await cli(['nginx-t', 'site.conf'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'uwsgi-lab: nginx-t: unexpected argument "site.conf" (see --help)\n',
    });
  });

  it('documents where it prints and what it exits with', async () => {
    const run = await cli(['nginx-t', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: uwsgi-lab nginx-t [--config FILE|-]');
    expect(run.stdout).toContain('stderr');
    expect(run.stdout).toContain(
      'exit status: 0 test is successful, 1 test failed, 2 bad options or an unreadable FILE',
    );
  });
});
