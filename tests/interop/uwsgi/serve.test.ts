// `uwsgi-lab serve` behind real nginx 1.22: nginx's uwsgi_pass reaches it, curl gets the app's
// text, a POST body comes back from the echo app, and serve's request log line counts the vars
// and bytes of the packet real nginx sent (recorded, for the same request shape, by a listener
// behind another location).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { latin1Text } from '../../../src/protocol/byte-text.ts';
import { startPacketListener, type PacketListener } from '../support/packet-listener.ts';
import {
  describeWithPrograms,
  findProgram,
  makeTempDir,
  runProgram,
  startNginx,
  waitForSocket,
  type RunningNginx,
  type TempDir,
} from '../support/real-programs.ts';

const CLI = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

interface Serve {
  readonly child: ChildProcess;
  readonly stderr: () => string;
}

async function startServe(socket: string, app: string): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--socket', socket, '--app', app, '--chmod-socket', '666'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  await waitForSocket(socket, 10_000);
  return { child, stderr: () => stderr };
}

function stopServe(serve: Serve | undefined): Promise<number | null> {
  if (serve === undefined) return Promise.resolve(null);
  const { child } = serve;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describeWithPrograms('uwsgi-lab serve behind real nginx', ['nginx', 'curl'], () => {
  let dir: TempDir;
  let nginx: RunningNginx;
  let hello: Serve;
  let echo: Serve;
  let recorder: PacketListener;

  const curl = async (...args: string[]): Promise<string> => {
    const run = await runProgram(findProgram('curl')!, ['-s', '-i', ...args]);
    return latin1Text(run.stdout);
  };

  beforeAll(async () => {
    dir = makeTempDir('uwsgi-lab-serve');
    hello = await startServe(`${dir.path}/hello.sock`, 'hello');
    echo = await startServe(`${dir.path}/echo.sock`, 'echo');
    recorder = await startPacketListener(`${dir.path}/recorder.sock`, () =>
      new TextEncoder().encode('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    nginx = await startNginx({
      dir: dir.path,
      server: (port) => `server {
    listen 127.0.0.1:${port};
    server_name helloworld.haruair.com;
    location = / { include uwsgi_params; uwsgi_pass unix:${dir.path}/hello.sock; }
    location /echo { include uwsgi_params; uwsgi_pass unix:${dir.path}/echo.sock; }
    location /rcrd { include uwsgi_params; uwsgi_pass unix:${dir.path}/recorder.sock; }
}`,
    });
  });

  afterAll(async () => {
    await nginx?.stop();
    await stopServe(hello);
    await stopServe(echo);
    await recorder?.close();
    dir?.cleanup();
  });

  it("GET / through nginx: the hello app's text, and uWSGI's request line", async () => {
    const response = await curl(`http://127.0.0.1:${nginx.port}/`);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/[\d.]+\r\n/);
    expect(response).toMatch(
      /\r\nContent-Type: text\/html; charset=utf-8\r\nContent-Length: 12\r\n/,
    );
    expect(response.endsWith('\r\n\r\nHello World!')).toBe(true);
    expect(hello.stderr()).toMatch(
      /\n\[pid: \d+\|app: 0\|req: 1\/1\] 127\.0\.0\.1 \(\) \{\d+ vars in \d+ bytes\} \[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] GET \/ => generated 12 bytes in \d+ msecs \(HTTP\/1\.1 200\) 2 headers in 79 bytes \(1 switches on core 0\)\n/,
    );
  });

  it('a POST body comes back from the echo app; the log line counts the vars and bytes nginx sent', async () => {
    const body = 'name=Ada+Lovelace&city=%EC%84%9C%EC%9A%B8';
    const echoed = await curl('-d', body, `http://127.0.0.1:${nginx.port}/echo`);
    expect(echoed).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(echoed).toContain('\r\nContent-Type: application/x-www-form-urlencoded\r\n');
    expect(echoed.endsWith(`\r\n\r\n${body}`)).toBe(true);
    // the same request to a recording listener: the packet real nginx builds for it
    await curl('-d', body, `http://127.0.0.1:${nginx.port}/rcrd`);
    const packet = recorder.packets.at(-1)!;
    const vars = packet.vars.length * 2;
    const datasize = packet.header.datasize;
    expect(echo.stderr()).toContain(`] 127.0.0.1 () {${vars} vars in ${datasize} bytes} [`);
    // uWSGI counts the head it wrote, status line and blank line included (79 for hello world)
    const head = `HTTP/1.1 200 OK\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    expect(echo.stderr()).toMatch(
      new RegExp(
        `\\] POST /echo => generated ${body.length} bytes in \\d+ msecs \\(HTTP/1\\.1 200\\) 2 headers in ${head.length} bytes \\(1 switches on core 0\\)\\n`,
      ),
    );
  });

  it('stops on SIGINT with status 0 and removes its socket', async () => {
    expect(await stopServe(hello)).toBe(0);
    expect(existsSync(`${dir.path}/hello.sock`)).toBe(false);
  });
});
