// Debian's max_headers (1.22.1-9+deb12u8 and later): at most 1000 accepted request header lines by
// default; the 1001st is refused with the "Request Header Or Cookie Too Large" page, and ignored
// lines (underscores) do not count. The counts were measured on the real nginx 1.22.1-9+deb12u11.

import { describe, expect, it } from 'vitest';
import { latin1Bytes, latin1Text } from '../../../src/protocol/index.ts';
import { debianNginxMachine, TUTORIAL_SITE } from '../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../src/gateway/nginx/load-config.ts';
import { simulateRequest } from '../../../src/gateway/nginx/simulate.ts';
import { nginxTest } from '../../../src/gateway/nginx/commands.ts';

const NOW = new Date(Date.UTC(2026, 10, 26, 9, 19, 5));
const BIG_BUFFERS = 'large_client_header_buffers 4 64k;';

function request(kept: number, ignored = 0): string {
  const lines = ['Host: x'];
  for (let i = 0; i < kept - 2; i++) lines.push(`X-H${i}: v`);
  for (let i = 0; i < ignored; i++) lines.push(`X_U${i}: v`);
  lines.push('Connection: close');
  return `GET / HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function statusFor(site: string, raw: string): { status: string; log: string[] } {
  const machine = debianNginxMachine(site);
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok) throw loaded.error;
  const { response, handling } = simulateRequest(
    latin1Bytes(raw),
    { ...machine, config: loaded.config },
    { remoteAddr: '127.0.0.1', remotePort: 40000, localAddr: '127.0.0.1', localPort: 8080 },
    NOW,
  );
  const text = response === undefined ? '' : latin1Text(response);
  return {
    status: text.split('\r\n')[0] ?? '',
    // info level: not in Debian's error.log, but recorded as the reason of the refusal
    log: handling.decisions.flatMap((d) => (d.kind === 'request-refused' ? [d.reason] : [])),
  };
}

const site = (extra: string): string =>
  TUTORIAL_SITE.replace('listen 8080;', `listen 8080;\n        ${extra}`);

describe('max_headers', () => {
  it('accepts 1000 header lines and refuses the 1001st with 400', () => {
    expect(statusFor(site(BIG_BUFFERS), request(1000)).status).not.toMatch(/^HTTP\/1.1 400/);
    const refused = statusFor(site(BIG_BUFFERS), request(1001));
    expect(refused.status).toBe('HTTP/1.1 400 Bad Request');
    expect(refused.log.join('\n')).toContain('client sent too many header lines');
  });

  it('does not count the lines it ignores', () => {
    expect(statusFor(site(BIG_BUFFERS), request(1000, 2)).status).not.toMatch(/^HTTP\/1.1 400/);
  });

  it('follows the directive', () => {
    const small = site(`${BIG_BUFFERS}\n        max_headers 5;`);
    expect(statusFor(small, request(5)).status).not.toMatch(/^HTTP\/1.1 400/);
    expect(statusFor(small, request(6)).status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('is known to nginx -t in http and server, not in location', () => {
    expect(nginxTest({ config: site('max_headers 5;') }).status).toBe(0);
    const inLocation = nginxTest({
      config: TUTORIAL_SITE.replace(
        'try_files $uri @helloworld;',
        'try_files $uri @helloworld; max_headers 5;',
      ),
    });
    expect(inLocation.status).toBe(1);
    expect(inLocation.output).toContain('"max_headers" directive is not allowed here');
    const notNumber = nginxTest({ config: site('max_headers abc;') });
    expect(notNumber.output).toContain('"max_headers" directive invalid number');
  });
});
