// `nginx -t`: the model against every config of the corpus captured from real nginx 1.22.1 with
// Debian's layout — same exit status, same text (timestamps and pids masked).

import { describe, expect, it } from 'vitest';
import { modelNginxTest, readNginxTestCorpus } from './support/nginx-t-corpus.ts';

const corpus = readNginxTestCorpus();

describe('nginx -t corpus', () => {
  it('holds at least 40 configs, refused and accepted', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.some((c) => c.status === 0)).toBe(true);
    expect(corpus.filter((c) => c.status === 1).length).toBeGreaterThan(40);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
    const model = modelNginxTest(testCase);
    expect(model.output).toBe(testCase.output);
    expect(model.status).toBe(testCase.status);
  });

  // the error classes the course teaches, each present in the corpus with real nginx's words
  it.each([
    'unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
    'unexpected "}" in /etc/nginx/sites-enabled/default:10',
    'unexpected end of file, expecting "}" in',
    'unexpected end of file, expecting ";" or "}" in',
    'invalid parameter "server_name" in /etc/nginx/sites-enabled/default:4',
    'invalid number of arguments in "try_files" directive in',
    '"location" directive is not allowed here in',
    'duplicate location "/" in',
    'open() "/etc/nginx/uwsgi_param" failed (2: No such file or directory) in /etc/nginx/sites-enabled/default:13',
    'getgrnam("nobody") failed in /etc/nginx/nginx.conf:1',
    'unknown "app_env" variable',
    'invalid port in upstream "127.0.0.1:99999"',
    'a duplicate default server for 0.0.0.0:8080 in',
    'invalid host in upstream "/tmp/uwsgi.sock" in /etc/nginx/sites-enabled/default:14',
  ])('covers %s', (text) => {
    expect(corpus.some((c) => c.output.includes(text))).toBe(true);
  });
});
