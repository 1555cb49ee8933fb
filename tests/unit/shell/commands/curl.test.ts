// curl on the machine, compared line by line with real-output-shell.md §8.1 (a terminal), §8.2
// (`curl -s -v` on a pipe) and §6.3, and with curl 7.88.1's own messages: each request is a real
// journey through the socket table to nginx and uWSGI, recorded in machine.journeys.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  captured,
  fixture,
  masked,
  runLine,
  scenarioBench,
  statusTranscript,
  terminalTranscript,
} from '../programs/scenario-shell.ts';

// eslint-disable-next-line no-control-regex
const noBold = (text: string): string => text.replace(/\x1b\[(1|0)m/g, '');

describe('curl through nginx and uWSGI', () => {
  it('on a terminal: -v, -I, plain, -i as §8.1 shows them', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    machine.hostname = 'vm';
    shell.session.state.variables.set('PS1', '\\u@\\h:\\w\\$ ');
    const lines = [
      'curl -v http://localhost:8080/',
      'curl -I http://localhost:8080/',
      'curl http://localhost:8080/',
      'curl -i http://localhost:8080/',
    ];
    const text = await terminalTranscript(shell, lines);
    const expected = fixture('curl-terminal.txt').replace(/root@vm:[^#]*# exit\nexit\n$/, '');
    expect(masked(noBold(text)).replaceAll('root@vm:', 'root@helloworld:')).toBe(masked(expected));
  });

  it('on a terminal -i and -I print the header names in bold', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const text = await terminalTranscript(shell, ['curl -I http://localhost:8080/']);
    expect(text).toContain('\x1b[1mServer\x1b[0m: nginx/1.22.1\r\n');
    expect(text).toContain('HTTP/1.1 200 OK\r\n');
  });

  it('-s -v on a pipe: the data line and CRLF header lines (§8.2)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const command = 'curl -s -v http://localhost:8080/';
    const text = await statusTranscript(shell, [command]);
    const expected = captured(fixture('looking-around.txt'), command);
    expect(masked(text)).toBe(masked(expected));
    expect(text).toContain('> GET / HTTP/1.1\r\n');
  });

  it('when nothing listens: exit 7, the same words on a terminal (§8.1) and with -v', async () => {
    const { shell } = scenarioBench('uwsgi-running');
    const text = await terminalTranscript(shell, [
      'curl http://localhost:8080/',
      'echo $?',
      'curl -v http://localhost:8080/',
    ]);
    const expected = fixture('curl-refused-terminal.txt');
    expect(masked(text).replaceAll('root@helloworld:/home/ubuntu/helloWorld#', 'root@vm:~#')).toBe(
      masked(expected).replaceAll('root@helloworld:', 'root@vm:'),
    );
  });

  it('-w %{http_code} and -o /dev/null (§6.3)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const command = 'curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:8080/';
    expect(await statusTranscript(shell, [command])).toBe(`$ ${command}\n200\n[exit status 0]\n`);
  });

  it('the progress meter on a pipe (curl without -s)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const result = await runLine(shell, 'curl http://localhost:8080/');
    expect(result.stdout).toBe('Hello World!');
    expect(result.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        '\r100    12  100    12    0     0   2400      0 --:--:-- --:--:-- --:--:--  2400\n',
    );
  });

  it('each curl is a journey: client → nginx → uwsgi packet → uWSGI → app and back', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    await runLine(shell, 'curl -s http://localhost:8080/');
    const hops = machine.journeys.latest()!.journey.hops.map((hop) => `${hop.kind}:${hop.actor}`);
    expect(hops).toEqual([
      'client-request:client',
      'connect:client',
      'nginx-decision:nginx',
      'connect:nginx',
      'uwsgi-packet:nginx',
      'uwsgi-checks:uwsgi',
      'environ:uwsgi',
      'app-response:app',
      'uwsgi-response:uwsgi',
      'nginx-response:nginx',
    ]);
  });

  it('a 502 from nginx when uWSGI is not there, its journey ends at nginx’s connect()', async () => {
    const { machine, shell } = scenarioBench('broken-502-socket');
    const result = await runLine(shell, 'curl -s -i http://localhost:8080/');
    expect(result.stdout).toMatch(/^HTTP\/1.1 502 Bad Gateway\r\n/);
    const entry = machine.journeys.latest()!;
    expect(entry.origin).toEqual({ kind: 'command', line: 'curl -s -i http://localhost:8080/' });
    expect(
      entry.journey.hops.some((hop) => hop.kind === 'connect' && hop.actor === 'nginx' && !hop.ok),
    ).toBe(true);
  });

  it('removes dot segments as curl does; --path-as-is keeps them', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    await runLine(shell, 'curl -s http://localhost:8080/a/../b/./c/..');
    const request = (): unknown =>
      machine.journeys.latest()!.journey.hops.find((hop) => hop.kind === 'client-request');
    expect(request()).toMatchObject({ target: '/b/' });
    await runLine(shell, 'curl -s --path-as-is http://localhost:8080/a/../b');
    expect(request()).toMatchObject({ target: '/a/../b' });
  });

  it('-X, -d and -H shape the request as curl 7.88 does', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const result = await runLine(
      shell,
      "curl -s -v -X PUT -d 'a=1' -H 'X-Test: yes' -o /dev/null http://localhost:8080/",
    );
    expect(result.stderr).toContain(
      '> PUT / HTTP/1.1\r\n> Host: localhost:8080\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> X-Test: yes\r\n> Content-Length: 3\r\n> Content-Type: application/x-www-form-urlencoded\r\n> \r\n} [3 bytes data]\n',
    );
  });

  it("-H 'Transfer-Encoding: chunked' with -d: the body as one chunk, no Content-Length (captured)", async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    await runLine(
      shell,
      "curl -s -H 'Host: helloworld.haruair.com' -H 'Transfer-Encoding: chunked' -d 'name=haruair&lang=ko' http://localhost:8080/submit",
    );
    const hop = machine.journeys
      .latest()!
      .journey.hops.find((candidate) => candidate.kind === 'client-request');
    const sent = hop?.kind === 'client-request' ? hop.bytes.hex : '';
    // the bytes real curl 7.88.1 sent for the same request (capture-vectors' post-chunked)
    const real = readFileSync('tests/fixtures/vectors/post-chunked.http');
    expect(sent).toBe(real.toString('hex'));
  });

  it('--unix-socket speaks HTTP straight to a socket: to uWSGI’s uwsgi socket, an empty reply', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const result = await runLine(shell, 'curl -sv --unix-socket /tmp/uwsgi.sock http://localhost/');
    // real-output.md §5.5: uWSGI answers plain HTTP on its uwsgi socket with nothing
    expect(result.stderr).toBe(
      '*   Trying /tmp/uwsgi.sock:0...\n* Connected to localhost (/tmp/uwsgi.sock) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: localhost\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n* Empty reply from server\n* Closing connection 0\n',
    );
    expect(result.status).toBe(52);
    const missing = await runLine(shell, 'curl -v --unix-socket /tmp/nope.sock http://localhost/');
    expect(missing.stderr).toContain(
      '* Immediate connect fail for /tmp/nope.sock: No such file or directory\n',
    );
    expect(missing.status).toBe(7);
  });

  it('an output file it cannot open: the warning after the zero line, then (23) (captured)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const result = await runLine(shell, 'curl -o /nonexist/x http://localhost:8080/');
    expect(result).toEqual({
      stdout: '',
      stderr:
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        'Warning: Failed to open the file /nonexist/x: No such file or directory\n' +
        '\r100    12  100    12    0     0   2400      0 --:--:-- --:--:-- --:--:--  2400\n' +
        'curl: (23) Failure writing output to destination\n',
      status: 23,
    });
  });

  it('https to nginx’s plain port: the TLS handshake fails, (35) (captured)', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    const before = machine.journeys.list().length;
    const result = await runLine(shell, 'curl -s -v https://localhost:8080/');
    expect(result).toEqual({
      stdout: '',
      stderr: `*   Trying 127.0.0.1:8080...
* Connected to localhost (127.0.0.1) port 8080 (#0)
* ALPN: offers h2,http/1.1
} [5 bytes data]
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
} [512 bytes data]
*  CAfile: /etc/ssl/certs/ca-certificates.crt
*  CApath: /etc/ssl/certs
{ [5 bytes data]
* OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number
* Closing connection 0
`,
      status: 35,
    });
    // no HTTP request was sent
    expect(machine.journeys.list().length).toBe(before);
  });

  it('bad command lines in curl’s words (captured)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const text = await statusTranscript(shell, [
      'curl --foo',
      'curl -H',
      'curl',
      'curl ftp2://x/',
      'curl -s -w "%{foo}|%{http_code}\\n" http://localhost:8080/',
      'curl -f -s http://localhost:8080/nope',
      'curl -s -o /nonexist/x http://localhost:8080/',
      'curl -sS -o /nonexist/x http://localhost:8080/',
    ]);
    expect(text).toBe(`$ curl --foo
curl: option --foo: is unknown
curl: try 'curl --help' or 'curl --manual' for more information
[exit status 2]
$ curl -H
curl: option -H: requires parameter
curl: try 'curl --help' or 'curl --manual' for more information
[exit status 2]
$ curl
curl: try 'curl --help' or 'curl --manual' for more information
[exit status 2]
$ curl ftp2://x/
  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                 Dload  Upload   Total   Spent    Left  Speed
  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0
curl: (1) Protocol "ftp2" not supported or disabled in libcurl
[exit status 1]
$ curl -s -w "%{foo}|%{http_code}\\n" http://localhost:8080/
curl: unknown --write-out variable: 'foo'
Hello World!|200
[exit status 0]
$ curl -f -s http://localhost:8080/nope
[exit status 22]
$ curl -s -o /nonexist/x http://localhost:8080/
[exit status 23]
$ curl -sS -o /nonexist/x http://localhost:8080/
curl: (23) Failure writing output to destination
[exit status 23]
`);
  });
});
