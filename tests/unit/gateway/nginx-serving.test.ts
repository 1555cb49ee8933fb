// The interpreter on Debian's layout: server selection by Host, try_files against the file system,
// static files and index pages with nginx's own headers, nginx's error pages byte for byte, and
// the decisions it records (plain, serializable data).

import { describe, expect, it } from 'vitest';
import { decode, latin1Bytes, latin1Text, utf8Text } from '../../../src/protocol/index.ts';
import { debianNginxMachine, TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { specialPage, statusLine } from '../../../src/gateway/nginx/error-pages.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../src/gateway/nginx/load-config.ts';
import { simulateRequest } from '../../../src/gateway/nginx/simulate.ts';
import { httpDate } from '../../../src/gateway/nginx/response.ts';
import type { NginxDecision } from '../../../src/gateway/nginx/decisions.ts';

const NOW = new Date(Date.UTC(2026, 10, 26, 7, 23, 46));

function serve(
  site: string,
  request: string,
  setup?: (machine: ReturnType<typeof debianNginxMachine>) => void,
  remotePort = 40974,
) {
  const machine = debianNginxMachine(site);
  setup?.(machine);
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok) throw loaded.error;
  return simulateRequest(
    latin1Bytes(request),
    { ...machine, config: loaded.config },
    {
      remoteAddr: '127.0.0.1',
      remotePort,
      localAddr: '127.0.0.1',
      localPort: 8080,
    },
    NOW,
  );
}

function decision<K extends NginxDecision['kind']>(
  decisions: readonly NginxDecision[],
  kind: K,
): Extract<NginxDecision, { kind: K }> {
  const found = decisions.find((d) => d.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} decision`);
  return found as Extract<NginxDecision, { kind: K }>;
}

const WITHOUT_ROOT = TUTORIAL_SITE.replace('        root /var/www/html;\n\n', '');
const CURL = (path: string, host = 'localhost:8080'): string =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n`;

describe('the tutorial block without root (real-output-shell.md 6.1)', () => {
  it('sends DOCUMENT_ROOT /usr/share/nginx/html and HTTP_HOST without the port', () => {
    const { handling } = serve(WITHOUT_ROOT, CURL('/'));
    if (handling.outcome.kind !== 'upstream') throw new Error('not passed upstream');
    const packet = decode(handling.outcome.packet);
    if (packet.kind !== 'vars') throw new Error('no vars');
    expect(packet.datasize).toBe(358);
    expect(packet.vars.map(([k, v]) => `${utf8Text(k)!}=${utf8Text(v)!}`)).toEqual([
      'QUERY_STRING=',
      'REQUEST_METHOD=GET',
      'CONTENT_TYPE=',
      'CONTENT_LENGTH=',
      'REQUEST_URI=/',
      'PATH_INFO=/',
      'DOCUMENT_ROOT=/usr/share/nginx/html',
      'SERVER_PROTOCOL=HTTP/1.1',
      'REQUEST_SCHEME=http',
      'REMOTE_ADDR=127.0.0.1',
      'REMOTE_PORT=40974',
      'SERVER_PORT=8080',
      'SERVER_NAME=helloworld.haruair.com',
      'HTTP_HOST=localhost',
      'HTTP_USER_AGENT=curl/7.88.1',
      'HTTP_ACCEPT=*/*',
    ]);
  });

  it('serves /index.html from the compiled-in root itself, as captured', () => {
    const { response, handling } = serve(WITHOUT_ROOT, CURL('/index.html'));
    const tryFiles = decision(handling.decisions, 'try-files');
    expect(tryFiles.checks).toEqual([
      {
        candidate: '$uri',
        path: '/usr/share/nginx/html/index.html',
        wanted: 'file',
        found: 'file',
      },
    ]);
    expect(tryFiles.result).toEqual({ kind: 'file', uri: '/index.html' });
    const text = latin1Text(response!);
    expect(text.slice(0, text.indexOf('\r\n\r\n') + 4)).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Thu, 26 Nov 2026 07:23:46 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 19 Oct 2022 08:02:20 GMT\r\nConnection: keep-alive\r\nETag: "634faf0c-267"\r\nAccept-Ranges: bytes\r\n\r\n',
    );
    expect(text).toContain('<title>Welcome to nginx!</title>');
  });
});

describe('try_files', () => {
  it('records every candidate and falls through to the named location', () => {
    const { handling } = serve(TUTORIAL_SITE, CURL('/static/app.css', 'helloworld.haruair.com'));
    const tryFiles = decision(handling.decisions, 'try-files');
    expect(tryFiles.checks).toEqual([
      { candidate: '$uri', path: '/var/www/html/static/app.css', wanted: 'file', found: 'missing' },
    ]);
    expect(tryFiles.result).toEqual({ kind: 'named', name: '@helloworld' });
    expect(decision(handling.decisions, 'named-location').location?.name).toBe('@helloworld');
    expect(handling.outcome.kind).toBe('upstream');
  });

  it('tests $uri/ as a folder and =404 as nginx own 404', () => {
    const site = TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'try_files $uri $uri/ =404;');
    const { handling, response } = serve(site, CURL('/missing', 'helloworld.haruair.com'));
    const tryFiles = decision(handling.decisions, 'try-files');
    expect(tryFiles.checks.map((c) => [c.candidate, c.path, c.wanted])).toEqual([
      ['$uri', '/var/www/html/missing', 'file'],
      ['$uri/', '/var/www/html/missing', 'directory'],
    ]);
    expect(tryFiles.result).toEqual({ kind: 'status', status: 404 });
    expect(latin1Text(response!)).toContain('\r\n\r\n' + specialPage(404, 'on'));
  });

  it('is not fooled by a folder where a file is wanted', () => {
    const { handling } = serve(TUTORIAL_SITE, CURL('/', 'helloworld.haruair.com'));
    expect(decision(handling.decisions, 'try-files').checks[0]?.found).toBe('directory');
    expect(handling.outcome.kind).toBe('upstream');
  });
});

describe('server selection', () => {
  const sites = `${TUTORIAL_SITE}server {\n    listen 8080 default_server;\n    server_name *.example.com ~^api\\d+\\.test$;\n    return 200 "other";\n}\n`;
  it.each([
    ['helloworld.haruair.com', 0, 'exact'],
    ['www.example.com', 1, 'wildcard-head'],
    ['api7.test', 1, 'regex'],
    ['unknown.test', 1, 'default'],
  ])('Host %s → server %i (%s)', (host, index, by) => {
    const { handling } = serve(sites, CURL('/', host));
    const selected = decision(handling.decisions, 'server-selected');
    expect([selected.server.index, selected.by]).toEqual([index, by]);
  });
});

describe('nginx pages', () => {
  it('are the sizes real nginx sends (502: 157, 500: 177, 494: 233 bytes)', () => {
    expect(specialPage(502, 'on')?.length).toBe(157);
    expect(specialPage(500, 'on')?.length).toBe(177);
    expect(specialPage(494, 'on')?.length).toBe(233);
    expect(specialPage(404, 'off')).toContain('<hr><center>nginx</center>');
    expect(specialPage(200, 'on')).toBeUndefined();
    expect(statusLine(404)).toBe('HTTP/1.1 404 Not Found');
    expect(statusLine(299)).toBe('HTTP/1.1 299');
  });

  it('pad error pages for Chrome (msie_padding)', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
    const site = TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'return 404;');
    const { response } = serve(site, `GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: ${chrome}\r\n\r\n`);
    expect(latin1Text(response!)).toContain(
      '<!-- a padding to disable MSIE and Chrome friendly error page -->',
    );
  });

  it('redirects a folder to its name with a slash', () => {
    const site = TUTORIAL_SITE.replace('try_files $uri @helloworld;', 'index index.html;');
    const { response } = serve(site, CURL('/html', 'helloworld.haruair.com'), (m) =>
      m.fs.mkdirs('/var/www/html/html'),
    );
    expect(latin1Text(response!)).toMatch(
      /^HTTP\/1\.1 301 Moved Permanently\r\n[^]*\r\nLocation: http:\/\/helloworld\.haruair\.com:8080\/html\/\r\n/,
    );
  });

  it('formats dates as nginx does', () => {
    expect(httpDate(NOW)).toBe('Thu, 26 Nov 2026 07:23:46 GMT');
  });
});

describe('decisions', () => {
  it('are plain data that survive JSON', () => {
    const { handling } = serve(TUTORIAL_SITE, CURL('/hello?x=1', 'helloworld.haruair.com'));
    expect(JSON.parse(JSON.stringify(handling.decisions))).toEqual(handling.decisions);
    expect(handling.decisions.map((d) => d.kind)).toEqual([
      'request-read',
      'server-selected',
      'location-search',
      'try-files',
      'named-location',
      'uwsgi',
    ]);
    const uwsgi = decision(handling.decisions, 'uwsgi');
    expect(uwsgi.address).toBe('unix:/tmp/uwsgi.sock');
    expect(uwsgi.headers.find((h) => h.header === 'Host')?.hiddenBy).toBe('HTTP_HOST');
    expect(uwsgi.params.find((p) => p.key === 'HTTPS')).toMatchObject({ value: '', skipped: true });
    expect(uwsgi.params[0]?.at).toEqual({ file: '/etc/nginx/uwsgi_params', line: 2 });
  });

  it('name the locations tested', () => {
    const { handling } = serve(TUTORIAL_SITE, CURL('/x', 'helloworld.haruair.com'));
    const search = decision(handling.decisions, 'location-search');
    expect(search.result).toBe('prefix');
    expect(search.location).toEqual({
      name: '/',
      modifier: '',
      at: { file: '/etc/nginx/sites-enabled/default', line: 8 },
    });
    expect(search.tests[0]).toMatchObject({ kind: 'static', node: '/', outcome: 'prefix' });
  });
});
