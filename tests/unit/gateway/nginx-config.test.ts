// The configuration side: Debian's files as data (byte for byte), the directive table nginx's
// checks come from, include with globs, values (sizes, times), scripts with variables, listen
// addresses, the location search's ordering quirks, and `nginx -t`'s output.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEBIAN_NGINX_FILE_TEXT } from '../../../src/gateway/nginx/debian-file-text.ts';
import { debianNginxMachine, TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { directiveSpecs, resolveDirective } from '../../../src/gateway/nginx/directive-lookup.ts';
import {
  NGX_HTTP_LOC_CONF,
  NGX_HTTP_SRV_CONF,
  NGX_MAIN_CONF,
} from '../../../src/gateway/nginx/directive-flags.ts';
import { expandGlob } from '../../../src/gateway/nginx/include-glob.ts';
import { parseListen } from '../../../src/gateway/nginx/listen-address.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../src/gateway/nginx/load-config.ts';
import { nginxPacket, nginxTest } from '../../../src/gateway/nginx/commands.ts';
import { compileScript, evaluateScript, ScriptError } from '../../../src/gateway/nginx/script.ts';
import { parseOffset, parseSize, parseTime } from '../../../src/gateway/nginx/values.ts';
import { MemoryFs } from '../../../src/gateway/testing/memory-fs.ts';
import { ConfigError } from '../../../src/gateway/nginx/config-error.ts';
import { latin1Bytes } from '../../../src/protocol/index.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/nginx/debian-files/', import.meta.url));

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? fixtureFiles(path) : [path];
  });
}

describe("Debian's nginx files", () => {
  it('are byte-identical copies of the package files', () => {
    const files = fixtureFiles(FIXTURES);
    expect(files.length).toBe(Object.keys(DEBIAN_NGINX_FILE_TEXT).length);
    for (const file of files) {
      const relative = file.slice(FIXTURES.length);
      const path = relative.startsWith('html/')
        ? `/usr/share/nginx/${relative}`
        : `/etc/${relative}`;
      expect(DEBIAN_NGINX_FILE_TEXT[path], path).toBe(readFileSync(file, 'latin1'));
    }
  });

  it('are installed with the sites-enabled symlink and the index page copy', () => {
    const { fs } = debianNginxMachine();
    const fresh = new MemoryFs();
    expect(fs.readDir('/etc/nginx').sort()).toEqual(
      [
        'conf.d',
        'fastcgi.conf',
        'fastcgi_params',
        'mime.types',
        'modules-available',
        'modules-enabled',
        'nginx.conf',
        'proxy_params',
        'scgi_params',
        'sites-available',
        'sites-enabled',
        'snippets',
        'uwsgi_params',
      ].sort(),
    );
    expect(fs.readFile('/var/www/html/index.nginx-debian.html')).toEqual(
      fs.readFile('/usr/share/nginx/html/index.html'),
    );
    expect(fs.stat('/var/log/nginx').gid).toBe(4);
    expect(fresh.readDir('/')).toEqual([]);
  });

  it('include the Debian security line in uwsgi_params', () => {
    expect(DEBIAN_NGINX_FILE_TEXT['/etc/nginx/uwsgi_params']).toContain(
      'uwsgi_param  HTTP_HOST        $host;',
    );
  });
});

describe('directive table', () => {
  it("holds nginx's rows for the directives the course uses", () => {
    expect(directiveSpecs('uwsgi_pass')[0]).toMatchObject({
      module: 'http_uwsgi',
      moduleType: 'http',
    });
    expect(directiveSpecs('server').map((s) => s.module)).toEqual(['http_core', 'http_upstream']);
    expect(directiveSpecs('stream')).toEqual([]);
  });

  it('drives the generic checks', () => {
    const at = { file: '/f', line: 3 };
    const context = { moduleType: 'http' as const, cmdType: NGX_HTTP_SRV_CONF };
    expect(() => resolveDirective('uwsgi_pas', 1, ';', context, at)).toThrow(
      'unknown directive "uwsgi_pas" in /f:3',
    );
    expect(() => resolveDirective('uwsgi_pass', 1, ';', context, at)).toThrow(
      '"uwsgi_pass" directive is not allowed here in /f:3',
    );
    expect(() =>
      resolveDirective('try_files', 1, ';', { moduleType: 'http', cmdType: NGX_HTTP_LOC_CONF }, at),
    ).toThrow('invalid number of arguments in "try_files" directive in /f:3');
    expect(() =>
      resolveDirective('http', 0, ';', { moduleType: 'core', cmdType: NGX_MAIN_CONF }, at),
    ).toThrow('directive "http" has no opening "{" in /f:3');
    expect(() => resolveDirective('listen', 1, '{', context, at)).toThrow(
      'directive "listen" is not terminated by ";" in /f:3',
    );
  });
});

describe('include', () => {
  const fs = new MemoryFs()
    .put('/etc/x/b.conf', '')
    .put('/etc/x/a.conf', '')
    .put('/etc/x/.hidden.conf', '')
    .put('/etc/x/c.txt', '');
  fs.mkdirs('/etc/x/d.conf');

  it('globs like glob(3): sorted, no dot files', () => {
    expect(expandGlob(fs, '/etc/x/*.conf')).toEqual([
      '/etc/x/a.conf',
      '/etc/x/b.conf',
      '/etc/x/d.conf',
    ]);
    expect(expandGlob(fs, '/etc/x/[ab].conf')).toEqual(['/etc/x/a.conf', '/etc/x/b.conf']);
    expect(expandGlob(fs, '/etc/none/*')).toEqual([]);
  });

  it('reads included files in place, and reports a folder as nginx does', () => {
    const site = 'include /etc/nginx/conf.d/*.conf;\n' + TUTORIAL_SITE;
    const machine = debianNginxMachine(site);
    machine.fs.mkdirs('/etc/nginx/conf.d/bad.conf');
    const result = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
    expect(result.ok === false && result.error.text).toBe(
      'pread() "/etc/nginx/conf.d/bad.conf" failed (21: Is a directory)',
    );
  });
});

describe('values', () => {
  it('parse sizes and times as nginx', () => {
    expect([parseSize('8k'), parseSize('1M'), parseSize('10MB'), parseOffset('2g')]).toEqual([
      8192,
      1048576,
      undefined,
      2 * 1024 ** 3,
    ]);
    expect([
      parseTime('60', false),
      parseTime('1m 30s', false),
      parseTime('500ms', false),
      parseTime('1h30m', true),
    ]).toEqual([60000, 90000, 500, 5400]);
    expect([
      parseTime('1hour', false),
      parseTime('5ms', true),
      parseTime('1s 1m', false),
      parseTime('1y', false),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('compile and evaluate scripts', () => {
    const script = compileScript('$document_root${URI}x$1');
    expect(script.parts).toEqual([
      { kind: 'variable', name: 'document_root' },
      { kind: 'variable', name: 'uri' },
      { kind: 'text', text: 'x' },
      { kind: 'capture', index: 1 },
    ]);
    const scope = {
      variable: (name: string) => ({ document_root: '/srv', uri: '/a' })[name],
      capture: () => '7',
    };
    expect(evaluateScript(script, scope)).toBe('/srv/ax7');
    expect(() => compileScript('cost 5$')).toThrow(new ScriptError('invalid variable name'));
    expect(() => compileScript('${uri')).toThrow(
      new ScriptError('the closing bracket in "uri" variable is missing'),
    );
  });

  it('read listen addresses', () => {
    const at = { file: '/f', line: 1 };
    const addr = (args: string[]): string => {
      const r = parseListen(args, at);
      return r.kind === 'ok'
        ? r.listens.map((l) => `${l.addrText}${l.defaultServer ? ' default' : ''}`).join()
        : r.message;
    };
    expect(addr(['8080'])).toBe('0.0.0.0:8080');
    expect(addr(['127.0.0.1:8080', 'default_server'])).toBe('127.0.0.1:8080 default');
    expect(addr(['[::]:80'])).toBe('[::]:80');
    expect(addr(['*:80'])).toBe('0.0.0.0:80');
    expect(addr(['localhost:8080'])).toBe('127.0.0.1:8080');
    expect(addr(['unix:/run/a.sock'])).toBe('unix:/run/a.sock');
    expect(addr(['8080', 'server_name'])).toBe('invalid parameter "server_name"');
    expect(addr(['80800'])).toBe('invalid port in "80800" of the "listen" directive');
  });
});

describe('nginx -t and nginx-packet', () => {
  const clock = { now: new Date(Date.UTC(2026, 10, 26, 6, 40, 19)), pid: 26512 };

  it("print Debian's success lines for the tutorial's block", () => {
    expect(nginxTest({ clock })).toEqual({
      output:
        'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
      status: 0,
    });
  });

  it('print the error in error-log format, then test failed', () => {
    const config = TUTORIAL_SITE.replace('uwsgi_pass unix', 'uwsgi_pas unix');
    expect(nginxTest({ config, clock })).toEqual({
      output:
        '2026/11/26 06:40:19 [emerg] 26512#26512: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14\nnginx: configuration file /etc/nginx/nginx.conf test failed\n',
      status: 1,
    });
  });

  it('show UTF-8 in messages as text', () => {
    const config =
      'server {\n    location /한글 {\n        return 200;\n    }\n    location /한글 {\n    }\n}\n';
    expect(nginxTest({ config, clock }).output).toContain(
      'duplicate location "/한글" in /etc/nginx/sites-enabled/default:5',
    );
  });

  it('nginx-packet explains when nothing goes upstream', () => {
    const request = latin1Bytes('GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n');
    expect(
      nginxPacket({
        request,
        config: TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'return 403;'),
      }),
    ).toMatchObject({
      error: 'nginx answered 403 itself; nothing was sent upstream',
    });
    expect(nginxPacket({ request, config: 'server {\n  listen 80\n}\n' })).toMatchObject({
      error: 'nginx: [emerg] unexpected "}" in /etc/nginx/sites-enabled/default:3',
    });
    const big = `GET / HTTP/1.1\r\nHost: a\r\n${['A', 'B', 'C', 'D', 'E', 'F'].map((x) => `X-${x}: ${'h'.repeat(12000)}\r\n`).join('')}\r\n`;
    const roomy = TUTORIAL_SITE.replace(
      'root /var/www/html;',
      'root /var/www/html;\n        large_client_header_buffers 16 16k;',
    );
    expect(nginxPacket({ request: latin1Bytes(big), config: roomy })).toMatchObject({
      error:
        'nginx answered 500 itself (uwsgi request is too big: 72366); nothing was sent upstream',
    });
    expect(
      nginxPacket({ request: latin1Bytes('GET / HTTP/1.1\r\nHost: a\r\n'), config: TUTORIAL_SITE }),
    ).toMatchObject({
      error: 'the request is incomplete: nginx would wait for more bytes',
    });
  });

  it('ConfigError carries code, level, detail and position', () => {
    const error = new ConfigError('duplicate-location', 'duplicate location "/"', {
      file: '/f',
      line: 2,
    });
    expect([error.code, error.level, error.detail, error.text]).toEqual([
      'duplicate-location',
      'emerg',
      'duplicate location "/"',
      'duplicate location "/" in /f:2',
    ]);
  });
});
