// The masks used to compare lesson quotes with captured output (tests/support/output-mask.ts):
// two runs of a program agree once masked, and a wrong size, count, status or path still differs.
import { describe, expect, it } from 'vitest';
import { maskLine } from '../../support/output-mask.ts';

const same = (a: string, b: string): void => expect(maskLine(a)).toBe(maskLine(b));
const differ = (a: string, b: string): void => expect(maskLine(a)).not.toBe(maskLine(b));

describe('maskLine', () => {
  it('hides clock times in the nginx, access log, uWSGI, HTTP and ls -l forms', () => {
    same(
      '2026/11/26 09:56:02 [emerg] 5711#5711: unknown directive "uwsgi_pas"',
      '2026/11/27 11:41:09 [emerg] 29140#29140: unknown directive "uwsgi_pas"',
    );
    same('Date: Thu, 26 Nov 2026 08:18:20 GMT', 'Date: Fri, 27 Nov 2026 11:41:11 GMT');
    same(
      '*** Starting uWSGI 2.0.21-debian (64bit) on [Thu Nov 26 07:21:20 2026] ***',
      '*** Starting uWSGI 2.0.21-debian (64bit) on [Thu Nov  3 17:01:02 2026] ***',
    );
    same(
      '127.0.0.1 - - [26/Nov/2026:10:14:25 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/7.88.1"',
      '127.0.0.1 - - [27/Nov/2026:08:00:01 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/7.88.1"',
    );
    same(
      'srw-rw-rw- 1 root root 0 Nov 26 07:20 /tmp/uwsgi.sock',
      'srw-rw-rw- 1 root root 0 Dec  1 23:59 /tmp/uwsgi.sock',
    );
  });

  it('hides pids, interpreter addresses and the mtime half of an ETag', () => {
    same(
      'spawned uWSGI worker 1 (pid: 10087, cores: 1)',
      'spawned uWSGI worker 1 (pid: 22282, cores: 1)',
    );
    same(
      "WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter 0x7f85e2f60018 pid: 10086 (default app)",
      "WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter 0x7fc2b8b60018 pid: 1 (default app)",
    );
    same('ETag: "6b08067d-22"', 'ETag: "6b081bab-22"');
    same(
      'root     17574  0.0  0.0  48892  2236 ?        Ss   07:24   0:00 nginx: master process /usr/sbin/nginx',
      'root       412  1.0  0.1  48892  2240 ?        Ss   11:02   0:01 nginx: master process /usr/sbin/nginx',
    );
  });

  it('keeps sizes, counts, statuses, line numbers and whole seconds', () => {
    differ('ETag: "6b08067d-22"', 'ETag: "6b08067d-23"');
    differ('Content-Length: 167', 'Content-Length: 157');
    differ(
      'srw-rw-rw- 1 root root 0 Nov 26 07:20 /tmp/uwsgi.sock',
      'srw-rw---- 1 root root 0 Nov 26 07:20 /tmp/uwsgi.sock',
    );
    differ('mapped 218760 bytes (213 KB) for 2 cores', 'mapped 145840 bytes (142 KB) for 1 cores');
    differ('in /etc/nginx/sites-enabled/default:12', 'in /etc/nginx/sites-enabled/default:13');
    same('real\t0m4.021s', 'real\t0m4.271s');
    differ('real\t0m4.021s', 'real\t0m6.021s');
    same('502 30.450122', '502 30.398835');
    differ('502 30.450122', '504 60.001234');
  });
});
