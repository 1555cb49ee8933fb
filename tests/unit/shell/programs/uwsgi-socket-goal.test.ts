// The goal `app-on-uwsgi-socket`: the packet its check sends is the one real nginx 1.22.1 sent for
// the same request (tests/fixtures/vectors/get-root.hex, with the captured client port), and the
// check is met only when the app answers through uWSGI on /tmp/uwsgi.sock — started as the
// tutorial starts it — with a detail saying why not: nothing listening, no app, an HTTP socket.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode, hexOf, latin1Bytes } from '../../../../src/protocol/index.ts';
import { parseUrl, type ParsedUrl } from '../../../../src/shell/programs/http-client.ts';
import { nginxGetVars } from '../../../../src/shell/programs/uwsgi-socket-check.ts';
import { GOALS, goalCheck, type ScenarioName } from '../../../../src/shell/scenarios/index.ts';
import type { Machine } from '../../../../src/shell/machine/machine.ts';
import { runLine, scenarioBench } from './scenario-shell.ts';

const GOAL = GOALS['app-on-uwsgi-socket'];

async function check(machine: Machine): Promise<{ met: boolean; detail: string }> {
  const run = goalCheck(GOAL.id);
  if (run === undefined) throw new Error('no check registered');
  return run(machine, GOAL);
}

describe('the packet the check sends', () => {
  it('is byte for byte what nginx sent for GET / in the capture', () => {
    const captured = readFileSync(
      new URL('../../../fixtures/vectors/get-root.hex', import.meta.url),
      'utf8',
    ).replace(/\s+/g, '');
    const url = parseUrl('http://127.0.0.1:8080/') as ParsedUrl;
    const vars = nginxGetVars({
      url,
      headers: [
        ['Host', 'helloworld.haruair.com'],
        ['User-Agent', 'curl/7.88.1'],
        ['Accept', '*/*'],
      ],
      remotePort: 42692,
    });
    const packet = encode({ vars: vars.map(([k, v]) => [latin1Bytes(k), latin1Bytes(v)]) });
    expect(hexOf(packet)).toBe(captured);
  });
});

describe('app-on-uwsgi-socket', () => {
  it('is met once the tutorial’s uwsgi command serves the app (pip’s uWSGI in the venv)', async () => {
    const { machine, shell } = scenarioBench('original');
    const before = await check(machine);
    expect(before.met).toBe(false);
    for (const line of [
      'source .venv/bin/activate',
      'pip install uwsgi',
      'uwsgi -s /tmp/uwsgi.sock --module app --callable app --venv .venv > /tmp/uwsgi.log 2>&1 &',
      // the background job starts while the shell waits for the next line
      'sleep 1',
    ])
      expect((await runLine(shell, line)).status, line).toBe(0);
    // the tutorial's command line leaves a 755 socket: root may write to it, nginx's www-data not
    expect(machine.fs.lstat('/tmp/uwsgi.sock').mode & 0o777).toBe(0o755);
    const result = await check(machine);
    expect(result).toEqual({ met: true, detail: 'HTTP/1.1 200 OK · Hello World!' });
    const entry = machine.journeys.latest();
    expect(entry?.origin).toEqual({ kind: 'goal', goal: 'app-on-uwsgi-socket' });
    expect(entry?.journey.hops.map((hop) => hop.kind)).toContain('uwsgi-packet');
    expect(machine.fs.readText('/tmp/uwsgi.log')).toMatch(/\{32 vars in 3\d\d bytes\}.* GET \/ =>/);
  });

  const NOT_MET: [ScenarioName, string, RegExp][] = [
    [
      'original',
      'nothing listens on the socket',
      /^connect\(\) to unix:\/tmp\/uwsgi\.sock failed \(2: No such file or directory\)/,
    ],
    [
      'broken-502-socket',
      'the socket is stale',
      /^connect\(\) to unix:\/tmp\/uwsgi\.sock failed \(111: Connection refused\)/,
    ],
    [
      'broken-no-app',
      'uWSGI has no app',
      /^HTTP\/1\.1 500 Internal Server Error · --- no python application found/,
    ],
    ['broken-http-socket', 'the socket speaks HTTP', /upstream prematurely closed connection/],
  ];
  for (const [name, why, detail] of NOT_MET)
    it(`is not met when ${why} (${name})`, async () => {
      const result = await check(scenarioBench(name).machine);
      expect(result.met).toBe(false);
      expect(result.detail).toMatch(detail);
    });

  it('is met on a machine where uWSGI serves the app (uwsgi-running)', async () => {
    expect(await check(scenarioBench('uwsgi-running').machine)).toEqual({
      met: true,
      detail: 'HTTP/1.1 200 OK · Hello World!',
    });
  });
});
