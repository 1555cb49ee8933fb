// What the client and the error log get when uWSGI cannot be reached or does not answer, with the
// exact lines real nginx 1.22.1 logged (real-output.md 5.1–5.3 and 5.7), and uwsgi_pass addresses
// with variables.

import { describe, expect, it } from 'vitest';
import { latin1Bytes, latin1Text } from '../../../src/protocol/index.ts';
import { debianNginxMachine, TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../src/gateway/nginx/load-config.ts';
import {
  processRequest,
  type NginxHandling,
} from '../../../src/gateway/nginx/request-processing.ts';
import { specialPage } from '../../../src/gateway/nginx/error-pages.ts';
import {
  upstreamFailureResponse,
  type UpstreamFailure,
} from '../../../src/gateway/nginx/response.ts';
import { simulateRequest } from '../../../src/gateway/nginx/simulate.ts';
import { accessLogLine } from '../../../src/gateway/nginx/access-log.ts';

const REQUEST =
  'GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n';
const CONTEXT =
  ', client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"';

function handle(site: string, request = REQUEST): NginxHandling {
  const machine = debianNginxMachine(site);
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok) throw loaded.error;
  return processRequest(latin1Bytes(request), {
    config: loaded.config,
    fs: machine.fs,
    users: machine.users,
    connection: {
      remoteAddr: '127.0.0.1',
      remotePort: 40000,
      localAddr: '127.0.0.1',
      localPort: 8080,
    },
  });
}

describe('upstream failures', () => {
  const outcome = handle(TUTORIAL_SITE).outcome;
  if (outcome.kind !== 'upstream') throw new Error('expected uwsgi_pass');

  it.each<[UpstreamFailure, number, string, string]>([
    [
      'ENOENT',
      502,
      'crit',
      `connect() to unix:/tmp/uwsgi.sock failed (2: No such file or directory) while connecting to upstream${CONTEXT}`,
    ],
    [
      'EACCES',
      502,
      'crit',
      `connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream${CONTEXT}`,
    ],
    [
      'ECONNREFUSED',
      502,
      'error',
      `connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused) while connecting to upstream${CONTEXT}`,
    ],
    [
      'ECONNRESET',
      502,
      'error',
      `recv() failed (104: Connection reset by peer) while reading response header from upstream${CONTEXT}`,
    ],
    [
      'ETIMEDOUT',
      504,
      'error',
      `upstream timed out (110: Connection timed out) while reading response header from upstream${CONTEXT}`,
    ],
  ])('%s → %i and the line nginx logs', (failure, status, level, text) => {
    const response = upstreamFailureResponse(failure, outcome.request, new Date(), outcome.address);
    expect(response.status).toBe(status);
    expect(response.errorLog).toEqual([{ level, text }]);
    const bytes = latin1Text(response.bytes);
    expect(bytes).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(bytes).toContain('\r\nConnection: keep-alive\r\n');
    expect(bytes.endsWith(specialPage(status, 'on')!)).toBe(true);
  });
});

describe('uwsgi_pass with variables', () => {
  const site = `upstream app_backend {\n    server 127.0.0.1:3031;\n}\n${TUTORIAL_SITE.replace('uwsgi_pass unix:/tmp/uwsgi.sock;', 'uwsgi_pass $http_x_backend;')}`;

  it('passes nginx -t and picks the address per request', () => {
    const named = handle(
      site,
      REQUEST.replace('\r\n\r\n', '\r\nX-Backend: app_backend\r\n\r\n'),
    ).outcome;
    expect(named.kind === 'upstream' && named.address).toBe('127.0.0.1:3031');
    const unix = handle(
      site,
      REQUEST.replace('\r\n\r\n', '\r\nX-Backend: unix:/run/app.sock\r\n\r\n'),
    ).outcome;
    expect(unix.kind === 'upstream' && unix.address).toBe('unix:/run/app.sock');
  });

  it('answers 502 for a name it would need a resolver for', () => {
    const handling = handle(
      site,
      REQUEST.replace('\r\n\r\n', '\r\nX-Backend: app.internal:3031\r\n\r\n'),
    );
    expect(handling.outcome.kind === 'respond' && handling.outcome.response.status).toBe(502);
    expect(handling.errorLog[0]?.text).toMatch(
      /^no resolver defined to resolve app\.internal, client: /,
    );
  });
});

describe("Debian's default site", () => {
  it('serves the welcome page for / through try_files $uri/ and index', () => {
    const machine = debianNginxMachine(
      new TextDecoder().decode(
        debianNginxMachine().fs.readFile('/etc/nginx/sites-available/default'),
      ),
    );
    const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
    if (!loaded.ok) throw loaded.error;
    const result = simulateRequest(
      latin1Bytes('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'),
      { ...machine, config: loaded.config },
      {
        remoteAddr: '127.0.0.1',
        remotePort: 40000,
        localAddr: '127.0.0.1',
        localPort: 80,
      },
    );
    const kinds = result.handling.decisions.map((d) => d.kind);
    expect(kinds).toEqual([
      'request-read',
      'server-selected',
      'location-search',
      'try-files',
      'index',
      'internal-redirect',
      'location-search',
      'try-files',
      'static',
    ]);
    const text = latin1Text(result.response!);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain('\r\nContent-Type: text/html\r\nContent-Length: 615\r\n');
  });
});

describe('access.log', () => {
  it("writes Debian's combined lines as captured (real-output-shell.md 6.1)", () => {
    const now = new Date(Date.UTC(2026, 10, 26, 7, 23, 46));
    const entry = {
      remoteAddr: '127.0.0.1',
      request: 'GET /nope HTTP/1.1',
      status: 404,
      bodyBytesSent: 207,
      referer: undefined,
      userAgent: 'curl/7.88.1',
    };
    expect(accessLogLine(entry, now)).toBe(
      '127.0.0.1 - - [26/Nov/2026:07:23:46 +0000] "GET /nope HTTP/1.1" 404 207 "-" "curl/7.88.1"',
    );
    expect(accessLogLine({ ...entry, request: 'GET /\xed\x95\x9c "x" HTTP/1.1' }, now)).toContain(
      '"GET /\\xED\\x95\\x9C \\x22x\\x22 HTTP/1.1"',
    );
  });
});

describe('try_files as the worker user', () => {
  it('treats a folder the worker cannot search as missing, and logs it at crit', () => {
    const machine = debianNginxMachine(
      TUTORIAL_SITE.replace('root /var/www/html;', 'root /home/ubuntu/site;'),
    );
    machine.fs.mkdirs('/home/ubuntu/site', { mode: 0o700 });
    machine.fs.chmod('/home/ubuntu', 0o700);
    machine.fs.put('/home/ubuntu/site/a.html', 'x');
    const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
    if (!loaded.ok) throw loaded.error;
    const handling = processRequest(latin1Bytes(REQUEST.replace('GET / ', 'GET /a.html ')), {
      config: loaded.config,
      fs: machine.fs,
      users: machine.users,
      connection: {
        remoteAddr: '127.0.0.1',
        remotePort: 40000,
        localAddr: '127.0.0.1',
        localPort: 8080,
      },
    });
    const tryFiles = handling.decisions.find((d) => d.kind === 'try-files');
    expect(tryFiles?.kind === 'try-files' && tryFiles.checks[0]?.found).toBe('forbidden');
    expect(handling.errorLog[0]).toMatchObject({
      level: 'crit',
      text: expect.stringMatching(
        /^stat\(\) "\/home\/ubuntu\/site\/a\.html" failed \(13: Permission denied\), client: /,
      ),
    });
    expect(handling.outcome.kind).toBe('upstream');
  });
});
