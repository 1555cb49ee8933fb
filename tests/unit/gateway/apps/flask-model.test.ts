// The Flask models answer what real Flask 2.2.2 / Werkzeug 2.2.2 answer, byte for byte:
// tests/fixtures/uwsgi/flask-responses.json was written by the real ones (tools/flask-responses.py;
// the interop suite re-runs it). The order of the methods in Allow comes from a Python set, which
// changes from process to process, so Allow is compared as a set.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureApp } from '../../../../src/gateway/apps/capture-app.ts';
import { pyFloatRepr, pyJsonDumps, pyJsonLoads } from '../../../../src/gateway/apps/python-json.ts';
import { requestDataApp } from '../../../../src/gateway/apps/request-data-app.ts';
import { helloWorldApp } from '../../../../src/gateway/apps/hello-world.ts';
import { rawWsgiApp } from '../../../../src/gateway/apps/raw-wsgi-app.ts';
import { latin1Text, utf8Bytes } from '../../../../src/protocol/index.ts';
import { testClientCall } from './test-client.ts';

interface Case {
  readonly app: 'request-data' | 'capture';
  readonly method: string;
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: string;
  readonly responseHeaders: [string, string][];
  readonly responseBody: string;
}

const CASES = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../fixtures/uwsgi/flask-responses.json', import.meta.url)),
    'utf8',
  ),
) as Case[];

function allowAsSet(
  headers: readonly (readonly [string, string])[],
): (readonly [string, string])[] {
  return headers.map(([name, value]) =>
    name === 'Allow'
      ? ([name, value.split(', ').sort().join(', ')] as const)
      : ([name, value] as const),
  );
}

describe('the Flask models against real Flask 2.2.2', () => {
  const apps = { 'request-data': requestDataApp(), capture: captureApp() };
  for (const item of CASES) {
    it(`${item.app}: ${item.method} ${item.target}`, () => {
      const call = testClientCall(
        apps[item.app],
        item.method,
        item.target,
        item.headers,
        utf8Bytes(item.body),
      );
      expect(call.status).toBe(item.status);
      expect(allowAsSet(call.headers)).toEqual(allowAsSet(item.responseHeaders));
      expect(Buffer.concat(call.chunks.map((chunk) => Buffer.from(chunk))).toString('latin1')).toBe(
        item.responseBody,
      );
    });
  }

  it('hello world and the raw WSGI application', () => {
    expect(
      latin1Text(testClientCall(helloWorldApp(), 'GET', '/', {}, new Uint8Array(0)).chunks[0]!),
    ).toBe('Hello World!');
    const raw = testClientCall(rawWsgiApp(), 'GET', '/anything', {}, new Uint8Array(0));
    expect(raw.status).toBe('200 OK');
    expect(raw.headers).toEqual([
      ['Content-Type', 'text/plain'],
      ['Content-Length', '12'],
    ]);
  });
});

describe("Python's json", () => {
  it('keeps ints and floats apart and writes them as Python does', () => {
    expect(
      pyJsonDumps(
        pyJsonLoads(
          '{"b": 1, "a": [1.0, 1e-7, 1e16, 100000000000000000000, 1.5e300, -0.0, 0.0001]}',
        ),
      ),
    ).toBe('{"a":[1.0,1e-07,1e+16,100000000000000000000,1.5e+300,-0.0,0.0001],"b":1}');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pyJsonDumps(pyJsonLoads('"\\ud83d\\ude00 \\u0007 é"'))).toBe(
      '"\\ud83d\\ude00 \\u0007 \\u00e9"',
    );
    expect(() => pyJsonLoads('{"a": 1,}')).toThrow();
    expect(pyJsonDumps(pyJsonLoads('NaN'))).toBe('NaN');
  });
});
