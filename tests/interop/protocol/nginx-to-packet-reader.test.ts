// Real nginx 1.22.1 → uwsgi_pass → a listener built on PacketReader. The vectors' curl commands
// go through the tutorial's server block; the listener must read the exact packet nginx sends —
// the vector's bytes with only the ports changed — and curl must get the listener's answer.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { encode } from '../../../src/protocol/encode.ts';
import type { UwsgiVar, VarField } from '../../../src/protocol/packet.ts';
import { uwsgiParamsVars } from '../../../src/cli/uwsgi-params.ts';
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

const byteString = (field: VarField): string =>
  latin1Text(typeof field === 'string' ? utf8Bytes(field) : field);

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

  beforeAll(async () => {
    dir = makeTempDir('uwsgi-lab-nginx-reader');
    const socket = `${dir.path}/uwsgi.sock`;
    listener = await startPacketListener(socket, answerFor);
    nginx = await startNginx({
      dir: `${dir.path}/nginx`,
      // the tutorial's server block, as capture-vectors serves it
      server: (port) => `
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
    }`,
    });
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

  // What `uwsgi-lab request` sends is what real nginx sends: same vars, same order, same bytes
  // (the ports aside), for paths that need decoding and normalising, and for odd headers.
  it.each([
    { path: '/a%20b/%ED%95%9C?q=1', headers: [] },
    { path: '//x/./y/../z/?a=b&c', headers: [] },
    { path: '/caf%C3%A9/%2Fslash/%7euser', headers: [] },
    { path: '/hello?raw=값', headers: [['X-Name', '한글']] },
    {
      path: '/cookies',
      headers: [
        ['Cookie', 'a=1'],
        ['Cookie', 'b=2'],
        ['X_Custom', '1'],
        ['x-lower', 'v'],
      ],
    },
  ] as const)(
    'uwsgi-lab request builds the vars nginx builds for $path',
    async ({ path, headers }) => {
      const before = listener.packets.length;
      const headerArgs = headers.flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
      const curl = await runProgram(findProgram('curl')!, [
        '-s',
        '--path-as-is',
        '-H',
        `Host: ${HOST}`,
        ...headerArgs,
        `http://127.0.0.1:${nginx.port}${path}`,
      ]);
      expect(curl.status).toBe(0);
      const packet = listener.packets[before]!;
      const received = packet.vars.map(([key, value]) => [latin1Text(key), latin1Text(value)]);
      const remotePort = received.find(([key]) => key === 'REMOTE_PORT')![1];
      const built = uwsgiParamsVars({
        method: 'GET',
        target: path,
        headers: [['Host', HOST], ['User-Agent', userAgent], ['Accept', '*/*'], ...headers],
        body: undefined,
      }).map(([key, value]) => {
        const k = byteString(key);
        if (k === 'REMOTE_PORT') return [k, remotePort];
        if (k === 'SERVER_PORT') return [k, String(nginx.port)];
        return [k, byteString(value)];
      });
      expect(received).toEqual(built);
    },
  );

  it('left nothing in nginx’s error log', () => {
    expect(nginx.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
