// Real nginx 1.22.1 → uwsgi_pass → a listener built on PacketReader. The vectors' curl commands
// go through the tutorial's server block; the listener must read the exact packet nginx sends —
// the vector's bytes with only the ports changed — and curl must get the listener's answer. Then
// the requests `uwsgi-lab request` builds go to real nginx as they are: the nginx model must build
// the very bytes real nginx sent, and where real nginx answers itself, say the same status.

import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error.ts';
import {
  rawHttpRequest,
  REQUEST_CLIENT,
  requestPacket,
  type ClientRequest,
} from '../../../src/cli/client-request.ts';
import { nginxPacket } from '../../../src/gateway/nginx/commands.ts';
import { latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { encode } from '../../../src/protocol/encode.ts';
import type { UwsgiVar } from '../../../src/protocol/packet.ts';
import {
  startPacketListener,
  type PacketListener,
  type ReceivedPacket,
} from '../support/packet-listener.ts';
import {
  describeWithPrograms,
  findProgram,
  makeTempDir,
  runProgram,
  startNginx,
  type RunningNginx,
  type TempDir,
} from '../support/real-programs.ts';
import { vectorBytes } from '../../unit/protocol/vector-files.ts';

const HOST = 'helloworld.haruair.com';

// The vectors' curl commands (see each NAME.txt), without the shell.
const CASES: readonly { name: string; path: string; args: readonly string[] }[] = [
  { name: 'get-root', path: '/', args: ['-H', `Host: ${HOST}`] },
  { name: 'get-query', path: '/hello?x=1&y=%ED%95%9C', args: ['-H', `Host: ${HOST}`] },
  {
    name: 'post-form',
    path: '/submit',
    args: ['-H', `Host: ${HOST}`, '-d', 'name=haruair&lang=ko'],
  },
  {
    name: 'post-chunked',
    path: '/submit',
    args: ['-H', `Host: ${HOST}`, '-H', 'Transfer-Encoding: chunked', '-d', 'name=haruair&lang=ko'],
  },
  // 5377 bytes of vars: more than uWSGI's buffer-size takes, but a valid packet for the codec
  {
    name: 'over-4096',
    path: '/',
    args: ['-H', `Host: ${HOST}`, '-H', `X-Big: ${'b'.repeat(5000)}`],
  },
  {
    name: 'long-nonascii-header',
    path: '/headers',
    args: ['-H', `Host: ${HOST}`, '-H', `X-Long: ${'a'.repeat(3000)}`, '-H', 'X-Name: 한글'],
  },
];

/** The tutorial's server block, as capture-vectors serves it; the nginx model reads it too. */
const site = (port: number, socket: string): string => `
    server {
        listen 127.0.0.1:${port};
        server_name ${HOST};
        root /var/www/html;

        location / {
            try_files $uri @helloworld;
        }

        location @helloworld {
            include uwsgi_params;
            uwsgi_pass unix:${socket};
        }
    }`;

/** The packet with REMOTE_PORT and SERVER_PORT set to other values (lengths re-computed). */
function withPorts(packet: Uint8Array, remotePort: string, serverPort: string): Uint8Array {
  const decoded = decode(packet);
  if (decoded.kind !== 'vars') throw new Error('not a vars packet');
  return encode({
    modifier1: decoded.modifier1,
    modifier2: decoded.modifier2,
    vars: decoded.vars.map(([key, value]): UwsgiVar => {
      const k = latin1Text(key);
      if (k === 'REMOTE_PORT') return [key, utf8Bytes(remotePort)];
      if (k === 'SERVER_PORT') return [key, utf8Bytes(serverPort)];
      return [key, value];
    }),
    body: decoded.body,
  });
}

/**
 * Sends raw bytes to nginx and reads its answer (up to the end of its Content-Length body, or
 * until nginx closes); resolves with the answer and the client's port.
 */
function sendRaw(port: number, bytes: Uint8Array): Promise<{ answer: string; localPort: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let localPort = 0;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer: latin1Text(new Uint8Array(Buffer.concat(chunks))), localPort });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('nginx did not answer within 10 s'));
    }, 10_000);
    socket.on('connect', () => {
      localPort = socket.localPort ?? 0;
      socket.write(bytes);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = latin1Text(new Uint8Array(Buffer.concat(chunks)));
      const headEnd = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)\r\n/i.exec(text.slice(0, headEnd + 2));
      if (headEnd >= 0 && length !== null && text.length >= headEnd + 4 + Number(length[1]))
        finish();
    });
    socket.on('end', finish);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function answerFor(packet: ReceivedPacket): Uint8Array {
  const body = `PacketReader read ${packet.vars.length} vars and ${packet.body.length} body bytes\n`;
  return utf8Bytes(
    `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nX-Listener: packet-reader\r\n\r\n${body}`,
  );
}

describeWithPrograms('real nginx → uwsgi_pass → PacketReader', ['nginx', 'curl'], () => {
  let dir: TempDir;
  let listener: PacketListener;
  let nginx: RunningNginx;
  let userAgent: string;
  let socket: string;

  beforeAll(async () => {
    dir = makeTempDir('uwsgi-lab-nginx-reader');
    socket = `${dir.path}/uwsgi.sock`;
    listener = await startPacketListener(socket, answerFor);
    nginx = await startNginx({ dir: `${dir.path}/nginx`, server: (port) => site(port, socket) });
    const version = await runProgram(findProgram('curl')!, ['--version']);
    userAgent = `curl/${/^curl (\S+)/.exec(new TextDecoder().decode(version.stdout))?.[1] ?? '?'}`;
  });

  afterAll(async () => {
    await nginx?.stop();
    await listener?.close();
    dir?.cleanup();
  });

  it.each(CASES)(
    '$name arrives as the vector’s bytes, ports aside, and curl gets the listener’s answer',
    async ({ name, path, args }) => {
      const before = listener.packets.length;
      const curl = await runProgram(findProgram('curl')!, [
        '-s',
        '-i',
        ...args,
        `http://127.0.0.1:${nginx.port}${path}`,
      ]);
      expect(curl.status).toBe(0);
      expect(listener.errors).toEqual([]);
      expect(listener.packets.length).toBe(before + 1);
      const packet = listener.packets[before]!;

      // The vector, with the ports of this run: REMOTE_PORT is curl's, SERVER_PORT nginx's.
      const vector = decode(vectorBytes(name));
      if (vector.kind !== 'vars') throw new Error('not a vars vector');
      const received = new Map(packet.vars.map(([key, value]) => [latin1Text(key), value]));
      const remotePort = received.get('REMOTE_PORT')!;
      expect(latin1Text(remotePort)).toMatch(/^\d+$/);
      const expectedVars: UwsgiVar[] = vector.vars.map(([key, value]) => {
        const k = latin1Text(key);
        if (k === 'REMOTE_PORT') return [key, remotePort];
        if (k === 'SERVER_PORT') return [key, utf8Bytes(String(nginx.port))];
        if (k === 'HTTP_USER_AGENT') return [key, utf8Bytes(userAgent)];
        return [key, value];
      });
      const expected = encode({ vars: expectedVars, body: vector.body });
      expect(packet.bytes).toEqual(expected);
      expect(packet.header.datasize).toBe(expected.length - 4 - vector.body.length);
      expect(packet.body).toEqual(vector.body);

      // what curl printed is the listener's answer, through nginx
      const output = latin1Text(curl.stdout);
      expect(output.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
      expect(output).toContain('\r\nServer: nginx/');
      expect(output).toContain('\r\nX-Listener: packet-reader\r\n');
      expect(
        output.endsWith(
          `\r\n\r\nPacketReader read ${vector.vars.length} vars and ${vector.body.length} body bytes\n`,
        ),
      ).toBe(true);
    },
  );

  // What `uwsgi-lab request` sends is what real nginx sends: its request, sent to real nginx as
  // it is, arrives as the bytes the nginx model builds for it — for paths that need decoding and
  // normalising, odd and repeated headers, bodies plain and chunked.
  const get = (target: string, headers: ClientRequest['headers'] = []): ClientRequest => ({
    method: 'GET',
    target,
    headers,
    body: undefined,
  });
  const body = utf8Bytes('name=%ED%95%9C&city=서울');
  it.each([
    { what: '/a%20b/%ED%95%9C?q=1', request: get('/a%20b/%ED%95%9C?q=1') },
    { what: '//x/./y/../z/?a=b&c', request: get('//x/./y/../z/?a=b&c') },
    { what: '/caf%C3%A9/%2Fslash/%7euser', request: get('/caf%C3%A9/%2Fslash/%7euser') },
    { what: 'raw UTF-8', request: get('/hello?raw=값', [['X-Name', '한글']]) },
    {
      what: 'repeated, underscored and lower-case headers',
      request: get('/cookies', [
        ['Cookie', 'a=1'],
        ['Cookie', 'b=2'],
        ['X_Custom', '1'],
        ['x-lower', 'v'],
      ]),
    },
    { what: 'Host with a port', request: get('/', [['Host', 'HelloWorld.haruair.com:8080']]) },
    { what: 'a POST body', request: { ...get('/submit'), method: 'POST', body } },
    {
      what: 'a chunked POST body',
      request: {
        ...get('/submit', [['Transfer-Encoding', 'chunked']]),
        method: 'POST',
        body,
      },
    },
    {
      what: 'a Content-Type of its own',
      request: { ...get('/api', [['Content-Type', 'application/json']]), method: 'PUT', body },
    },
  ])('$what: real nginx sends the bytes the model builds', async ({ request }) => {
    const before = listener.packets.length;
    const sent = await sendRaw(nginx.port, rawHttpRequest(request));
    expect(sent.answer.startsWith('HTTP/1.1 200 OK\r\n'), sent.answer).toBe(true);
    expect(listener.packets.length).toBe(before + 1);
    const real = listener.packets[before]!.bytes;

    // the model, with this run's site and client port: the same bytes
    const model = nginxPacket({
      request: rawHttpRequest(request),
      config: site(nginx.port, socket),
      remotePort: sent.localPort,
    });
    expect('packet' in model ? model.packet : model.error).toEqual(real);

    // what `uwsgi-lab request` sends: the same, but for its fixed client port and the site's 8080
    expect(requestPacket(request)).toEqual(
      withPorts(real, String(REQUEST_CLIENT.remotePort), '8080'),
    );
  });

  // Where real nginx answers the request itself, `uwsgi-lab request` says it would, with that status.
  it.each([
    { what: 'a ".." above the root', request: get('/a/../..') },
    { what: 'a %-escape that is not one', request: get('/%zz') },
    {
      what: 'a header over large_client_header_buffers',
      request: get('/', [['X-Big', 'b'.repeat(9000)]]),
    },
    { what: 'an empty Host', request: get('/', [['Host', '']]) },
  ])('$what: real nginx answers itself, and so does the model', async ({ request }) => {
    const before = listener.packets.length;
    const sent = await sendRaw(nginx.port, rawHttpRequest(request));
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(sent.answer)?.[1];
    expect(status, sent.answer).toBeDefined();
    expect(listener.packets.length).toBe(before);
    let message = '';
    try {
      requestPacket(request);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(
      new RegExp(`^nginx answered ${status!} itself \\(.+\\); nothing was sent upstream$`),
    );
  });

  it('left nothing in nginx’s error log', () => {
    expect(nginx.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
