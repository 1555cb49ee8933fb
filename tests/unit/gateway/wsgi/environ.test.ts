// The WSGI environ the model builds for every captured request vector equals what real uWSGI
// 2.0.21 + Flask 2.2.2 built (tests/fixtures/uwsgi/environ/NAME.txt, captured with the
// environ-dumping app; see tests/fixtures/uwsgi/README.md), key for key and value for value.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { environDumperApp } from '../../../../src/gateway/apps/environ-dumper-app.ts';
import { JourneyRecorder } from '../../../../src/gateway/trace/journey.ts';
import { ManualClock } from '../../../../src/gateway/uwsgi/uwsgi-machine.ts';
import { serveConnection } from '../../../../src/gateway/uwsgi/uwsgi-request.ts';
import { environFromVars, environLines, WsgiErrors } from '../../../../src/gateway/wsgi/environ.ts';
import { latin1Bytes } from '../../../../src/protocol/index.ts';
import { vectorBytes } from '../../protocol/vector-files.ts';

const ENVIRON_DIR = fileURLToPath(new URL('../../../fixtures/uwsgi/environ/', import.meta.url));
const names = readdirSync(ENVIRON_DIR)
  .filter((file) => file.endsWith('.txt'))
  .map((file) => file.slice(0, -4))
  .sort();

function serve(name: string) {
  const recorder = new JourneyRecorder(1, 0);
  const result = serveConnection(
    vectorBytes(name),
    'uwsgi',
    {
      pid: 1,
      bufferSize: 4096,
      modifiers: new Set([0]),
      app: environDumperApp(),
      threads: 1,
      processes: 1,
      version: '2.0.21-debian',
      nodename: 'vm',
      clock: new ManualClock(0),
      utcOffsetMinutes: 0,
      log: () => undefined,
      counters: { appRequests: 0, total: 0 },
    },
    { name: '/tmp/uwsgi.sock', remoteAddr: '' },
    recorder,
  );
  return { result, journey: recorder.journey() };
}

describe('environ of every vector, as real uWSGI + Flask built it', () => {
  it('has a capture for every request vector', () => {
    expect(names).toEqual([
      'get-query',
      'get-root',
      'head',
      'long-nonascii-header',
      'no-app',
      'over-4096',
      'post-chunked',
      'post-form',
    ]);
  });

  for (const name of names) {
    it(name, () => {
      const expected = readFileSync(`${ENVIRON_DIR}${name}.txt`, 'utf8');
      const { result, journey } = serve(name);
      if (expected.startsWith('(no environ')) {
        expect(journey.hops.some((hop) => hop.kind === 'environ')).toBe(false);
        expect(result.reply.bytes.length).toBe(0);
        return;
      }
      const hop = journey.hops.find((candidate) => candidate.kind === 'environ');
      expect(hop?.kind === 'environ' ? hop.lines : []).toEqual(expected.split('\n').slice(0, -2));
      if (name !== 'head') {
        const body = new TextDecoder().decode(result.response?.body);
        expect(body).toBe(expected);
      }
    });
  }
});

describe('environFromVars', () => {
  const errors = new WsgiErrors(() => undefined);
  const options = {
    threads: 1,
    processes: 1,
    core: 0,
    uwsgiVersion: '2.0.21-debian',
    nodename: 'helloworld',
    errors,
  };

  it('gives each byte of a header value the code point of the same number (not windows-1252)', () => {
    const environ = environFromVars(
      [[latin1Bytes('HTTP_X'), Uint8Array.of(0x80, 0x9c, 0xed, 0xff)]],
      new Uint8Array(0),
      options,
    );
    expect(environ.get('HTTP_X')).toBe('\u0080\u009c\u00ed\u00ff');
    // TextDecoder('latin1') would have made 0x80 the euro sign
    expect(environ.get('HTTP_X')).not.toContain('€');
  });

  it('keeps a repeated key in its first place with the last value, as a dict does', () => {
    const environ = environFromVars(
      [
        [latin1Bytes('HTTP_COOKIE'), latin1Bytes('a=1')],
        [latin1Bytes('PATH_INFO'), latin1Bytes('/')],
        [latin1Bytes('HTTP_COOKIE'), latin1Bytes('b=2')],
      ],
      new Uint8Array(0),
      options,
    );
    expect([...environ.keys()].slice(0, 2)).toEqual(['HTTP_COOKIE', 'PATH_INFO']);
    expect(environ.get('HTTP_COOKIE')).toBe('b=2');
  });

  it('sets wsgi.multithread, wsgi.multiprocess, uwsgi.core and the https scheme from what uWSGI knows', () => {
    const environ = environFromVars(
      [[latin1Bytes('HTTPS'), latin1Bytes('on')]],
      new Uint8Array(0),
      { ...options, threads: 2, processes: 2, core: 1 },
    );
    const lines = environLines(environ);
    expect(lines).toContain('wsgi.multithread: True');
    expect(lines).toContain('wsgi.multiprocess: True');
    expect(lines).toContain('uwsgi.core: 1');
    expect(lines).toContain("wsgi.url_scheme: 'https'");
    expect(lines).toContain("uwsgi.node: b'helloworld'");
  });
});
