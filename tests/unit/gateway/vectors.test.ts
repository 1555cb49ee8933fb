// The shared vectors: every request curl sent (NAME.http) goes through the nginx model with the
// capture's server block and client port and must give the packet real nginx 1.22.1 sent
// (NAME.hex) byte for byte; real uWSGI's answer (uwsgi-resp-NAME.hex) must then reach the client
// as curl printed it in NAME.txt (Date masked).

import { describe, expect, it } from 'vitest';
import { hexOf, latin1Text } from '../../../src/protocol/index.ts';
import { nginxPacket } from '../../../src/gateway/nginx/commands.ts';
import { debianNginxMachine } from '../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../src/gateway/nginx/load-config.ts';
import { processRequest } from '../../../src/gateway/nginx/request-processing.ts';
import {
  clientResponseFromUpstream,
  upstreamLogName,
} from '../../../src/gateway/nginx/response.ts';
import { curlView, maskDate, readVectors, VECTOR_SITE } from './support/vectors.ts';

const vectors = readVectors();

describe('shared vectors through the nginx model', () => {
  it('has the request vectors', () => {
    expect(vectors.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'get-root',
        'get-query',
        'head',
        'post-form',
        'post-chunked',
        'long-nonascii-header',
        'over-4096',
        'no-app',
      ]),
    );
  });

  it.each(vectors.map((v) => [v.name, v] as const))(
    '%s: nginx-packet gives NAME.hex byte for byte',
    (_, vector) => {
      const result = nginxPacket({
        request: vector.request,
        config: VECTOR_SITE,
        remotePort: vector.remotePort,
      });
      expect('hex' in result ? result.hex : result.error).toBe(hexOf(vector.packet));
    },
  );

  it.each(vectors.filter((v) => v.uwsgiResponse !== undefined).map((v) => [v.name, v] as const))(
    '%s: uWSGI answer reaches the client as curl showed it',
    (_, vector) => {
      const machine = debianNginxMachine(VECTOR_SITE);
      const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
      if (!loaded.ok) throw loaded.error;
      const handling = processRequest(vector.request, {
        config: loaded.config,
        fs: machine.fs,
        users: machine.users,
        connection: {
          remoteAddr: '127.0.0.1',
          remotePort: vector.remotePort,
          localAddr: '127.0.0.1',
          localPort: 8080,
        },
      });
      const outcome = handling.outcome;
      if (outcome.kind !== 'upstream') throw new Error(`nginx answered itself: ${outcome.kind}`);
      const response = clientResponseFromUpstream(
        vector.uwsgiResponse!,
        outcome.request,
        new Date(),
        upstreamLogName(outcome.address),
      );
      expect(maskDate(curlView(latin1Text(response.bytes)))).toBe(maskDate(vector.clientResult));
    },
  );

  it('over-4096: the empty answer is nginx 502 with the log line real nginx wrote', () => {
    const vector = vectors.find((v) => v.name === 'over-4096')!;
    const machine = debianNginxMachine(VECTOR_SITE);
    const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
    if (!loaded.ok) throw loaded.error;
    const handling = processRequest(vector.request, {
      config: loaded.config,
      fs: machine.fs,
      users: machine.users,
      connection: {
        remoteAddr: '127.0.0.1',
        remotePort: vector.remotePort,
        localAddr: '127.0.0.1',
        localPort: 8080,
      },
    });
    if (handling.outcome.kind !== 'upstream') throw new Error('expected an upstream packet');
    const response = clientResponseFromUpstream(
      new Uint8Array(0),
      handling.outcome.request,
      new Date(),
      upstreamLogName(handling.outcome.address),
    );
    expect(response.errorLog).toEqual([
      {
        level: 'error',
        text: 'upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"',
      },
    ]);
  });
});
