// `uwsgi-lab request` when the server hangs up without answering, each way it can: a plain end of
// stream, a reset after the packet arrived (what uWSGI does for a datasize over its buffer-size,
// see cli-request-uwsgi.test.ts), and a broken pipe (closed before it took the whole packet).
// Tiny Node servers play the server so each case is certain; the CLI runs as a real process.

import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacketReader } from '../../../src/protocol/packet-reader.ts';
import { makeTempDir, runProgram, type TempDir } from '../support/real-programs.ts';

const CLI = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

type Behaviour = (socket: Socket) => void;

/** Reads the whole packet with PacketReader, then does `then` to the connection. */
function afterPacket(then: (socket: Socket) => void): Behaviour {
  return (socket) => {
    const reader = new PacketReader();
    socket.on('data', (chunk: Buffer) => {
      if (reader.push(chunk).some((event) => event.type === 'end')) then(socket);
    });
  };
}

// Every connection the servers accepted, to close them all at the end.
const accepted = new Set<Socket>();

function serve(
  listen: string | { port: 0; host: '127.0.0.1' },
  behaviour: Behaviour,
): Promise<{ server: Server; address: string }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => {
      accepted.add(socket);
      socket.on('close', () => accepted.delete(socket));
      socket.on('error', () => undefined);
      behaviour(socket);
    });
    const ready = (): void => {
      const bound = server.address();
      resolve({
        server,
        address: typeof bound === 'string' ? bound : `127.0.0.1:${bound?.port ?? 0}`,
      });
    };
    if (typeof listen === 'string') server.listen(listen, ready);
    else server.listen(listen.port, listen.host, ready);
  });
}

describe('uwsgi-lab request when the server closes without answering', () => {
  let dir: TempDir;
  const servers: Server[] = [];
  const start = async (
    listen: Parameters<typeof serve>[0],
    behaviour: Behaviour,
  ): Promise<string> => {
    const { server, address } = await serve(listen, behaviour);
    servers.push(server);
    return address;
  };
  const request = (...args: string[]) => runProgram(process.execPath, [CLI, 'request', ...args]);

  beforeAll(() => {
    dir = makeTempDir('uwsgi-lab-no-answer');
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    dir.cleanup();
  });

  it('a plain end of stream after the whole packet', async () => {
    const socket = await start(
      `${dir.path}/eof.sock`,
      afterPacket((s) => s.end()),
    );
    const run = await request('--socket', socket, '--path', '/x');
    expect([run.status, run.stdout.length]).toEqual([1, 0]);
    expect(run.stderr).toMatch(
      /^uwsgi-lab: request: uWSGI closed the connection without answering \(end of stream after the whole \d+-byte packet was sent\)\n$/,
    );
  });

  it('a reset after the whole packet', async () => {
    const socket = await start(
      { port: 0, host: '127.0.0.1' },
      afterPacket((s) => s.resetAndDestroy()),
    );
    const run = await request('--socket', socket);
    expect([run.status, run.stdout.length]).toEqual([1, 0]);
    expect(run.stderr).toMatch(
      /^uwsgi-lab: request: uWSGI closed the connection without answering \(connection reset after the whole \d+-byte packet was sent, ECONNRESET\)\n$/,
    );
  });

  it('a broken pipe: closed before it took the whole packet', async () => {
    // a million bytes of body cannot all fit in the socket's buffers; the server reads nothing and
    // hangs up (the body stays under nginx's client_max_body_size 1m: over it, nginx answers 413
    // itself and the CLI sends nothing)
    const body = `${dir.path}/body.bin`;
    writeFileSync(body, Buffer.alloc(1_000_000, 0x61));
    const socket = await start(`${dir.path}/pipe.sock`, (s) => s.destroy());
    const run = await request('--socket', socket, '--method', 'POST', '--data-file', body);
    expect([run.status, run.stdout.length]).toEqual([1, 0]);
    expect(run.stderr).toMatch(
      /^uwsgi-lab: request: uWSGI closed the connection without answering \(broken pipe: it closed before it took the whole 1000\d{3}-byte packet(, (EPIPE|ECONNRESET))?\)\n$/,
    );
  });

  it('an answer cut short is printed, and said to be cut short', async () => {
    const partial = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial';
    // TCP: a reset (RST) is a TCP thing; Node cannot reset a unix socket
    const socket = await start(
      { port: 0, host: '127.0.0.1' },
      afterPacket((s) => {
        s.write(partial);
        setTimeout(() => s.resetAndDestroy(), 50);
      }),
    );
    const run = await request('--socket', socket);
    expect(new TextDecoder().decode(run.stdout)).toBe(partial);
    expect([run.status, run.stderr]).toEqual([
      1,
      `uwsgi-lab: request: uWSGI's answer (${partial.length} bytes) was cut short: reset, ECONNRESET\n`,
    ]);
  });

  it('no end within --timeout', async () => {
    const socket = await start(`${dir.path}/silent.sock`, () => undefined);
    const run = await request('--socket', socket, '--timeout', '0.3');
    expect([run.status, run.stderr]).toEqual([
      1,
      'uwsgi-lab: request: uWSGI did not answer within 0.3 s\n',
    ]);
  });
});
