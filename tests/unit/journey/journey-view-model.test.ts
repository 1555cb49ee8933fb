// The trace → view model of the journey stepper: the page's request on nginx-ready sent through
// the real gateway, and hand-made traces for the edges (a client that cannot connect, a journey
// with no hops). Every step's kind, actor, facts and bytes come from the trace.

import { describe, expect, it } from 'vitest';
import { JourneyRecorder, traceBytes, type Journey } from '../../../src/gateway/trace/index.ts';
import {
  journeyViewModel,
  type JourneyStep,
  type JourneyViewModel,
} from '../../../src/components/journey/journey-view-model.ts';
import { pageJourney, scenarioCopies } from '../../../src/components/journey/journey-what-if.ts';
import { latin1Bytes } from '../../../src/protocol/index.ts';

const page = (): JourneyViewModel => pageJourney(scenarioCopies('nginx-ready')).model;

function step(model: JourneyViewModel, kind: JourneyStep['kind']): JourneyStep {
  const found = model.steps.find((candidate) => candidate.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} step`);
  return found;
}

function factValue(s: JourneyStep, id: string): unknown {
  const fact = s.facts.find((candidate) => candidate.id === id);
  if (fact === undefined) throw new Error(`no fact ${id} in ${s.kind}`);
  return fact.value;
}

describe("the page's request (curl http://localhost:8080/ on nginx-ready)", () => {
  const model = page();

  it('has the eight steps in the order the request makes them, numbered from 1', () => {
    expect(model.steps.map((s) => [s.number, s.kind, s.actor, s.toward])).toEqual([
      [1, 'client-request', 'client', 'nginx'],
      [2, 'nginx-decision', 'nginx', 'uwsgi'],
      [3, 'uwsgi-packet', 'nginx', 'uwsgi'],
      [4, 'uwsgi-checks', 'uwsgi', 'app'],
      [5, 'environ', 'uwsgi', 'app'],
      [6, 'app-response', 'app', 'uwsgi'],
      [7, 'uwsgi-response', 'uwsgi', 'nginx'],
      [8, 'nginx-response', 'nginx', 'client'],
    ]);
    expect(model.status).toBe(200);
    expect(model.failedAt).toBeUndefined();
  });

  it("shows the client's bytes as text, with the request line and the connect()", () => {
    const client = step(model, 'client-request');
    expect(client.bytes?.as).toBe('text');
    expect(client.bytes?.hex.startsWith('474554202f20485454502f312e310d0a')).toBe(true); // "GET / HTTP/1.1\r\n"
    expect(factValue(client, 'request')).toEqual({ literal: 'GET /', code: true });
    expect(factValue(client, 'connect')).toEqual({
      key: 'journey.value.connected',
      vars: { target: '127.0.0.1:8080' },
    });
  });

  it("explains nginx's choice: the only server, location / by prefix, try_files, uwsgi_pass", () => {
    const nginx = step(model, 'nginx-decision');
    const values = nginx.facts.map((fact) => fact.value);
    expect(values).toContainEqual({
      key: 'journey.server-by.only',
      vars: { server: 'helloworld.haruair.com', address: '0.0.0.0:8080', host: 'localhost' },
    });
    expect(values).toContainEqual(
      expect.objectContaining({
        key: 'journey.value.location',
        vars: expect.objectContaining({ uri: '/', location: '/', match: 'prefix' }),
      }),
    );
    const tries = nginx.facts.filter(
      (fact) => 'key' in fact.label && fact.label.key === 'journey.fact.try-files',
    );
    expect(tries).toHaveLength(1);
    // $uri is a directory where try_files wants a file: a miss, not a failure (no ✓/✗ mark)
    expect(tries[0]?.value).toEqual({
      key: 'journey.found.directory',
      vars: { candidate: '$uri', path: '/usr/share/nginx/html/', wanted: 'file' },
    });
    expect(tries[0]?.ok).toBeUndefined();
    expect(values).toContainEqual({ literal: '@helloworld', code: true });
    // nginx's connect() to the socket is part of its step
    expect(nginx.facts.some((fact) => fact.id === 'connect' && fact.ok === true)).toBe(true);
  });

  it('has the uwsgi packet as a packet, its datasize read from the header bytes', () => {
    const packet = step(model, 'uwsgi-packet');
    expect(packet.bytes?.as).toBe('uwsgi');
    const hex = packet.bytes!.hex;
    const datasize = Number.parseInt(hex.slice(4, 6) + hex.slice(2, 4), 16); // little-endian
    expect(factValue(packet, 'datasize')).toEqual({ literal: String(datasize), code: true });
    expect(hex.length / 2).toBe(4 + datasize);
  });

  it("lists uWSGI's checks, all passed, and the environ lines", () => {
    const checks = step(model, 'uwsgi-checks');
    expect(checks.facts.map((fact) => [fact.id, fact.ok])).toEqual([
      ['check-buffer-size', true],
      ['check-modifier1', true],
      ['check-vars', true],
      ['check-app', true],
    ]);
    const environ = step(model, 'environ');
    expect(environ.lines).toContain("REQUEST_METHOD: 'GET'");
    expect(environ.lines).toContain("HTTP_HOST: 'localhost'");
  });

  it("has the app's status and body, uWSGI's log line and nginx's added headers", () => {
    const app = step(model, 'app-response');
    expect(factValue(app, 'status')).toEqual({ literal: '200 OK', code: true });
    expect(app.bytes).toEqual({ hex: '48656c6c6f20576f726c6421', as: 'text' }); // Hello World!
    const uwsgi = step(model, 'uwsgi-response');
    expect(uwsgi.bytes?.as).toBe('http-response');
    expect(uwsgi.logs).toHaveLength(1);
    expect(uwsgi.logs[0]?.source).toBe('uwsgi');
    expect(uwsgi.logs[0]?.lines[0]).toMatch(
      /^\[pid: \d+\|app: 0\|req: 1\/1\] 127\.0\.0\.1 \(\) \{32 vars in \d+ bytes\}/,
    );
    const nginx = step(model, 'nginx-response');
    const added = nginx.facts
      .filter((fact) => 'key' in fact.label && fact.label.key === 'journey.change.header-added')
      .map((fact) => ('literal' in fact.value ? fact.value.literal.split(':')[0] : ''));
    expect(added).toEqual(['Server', 'Date', 'Connection']);
  });
});

describe('hand-made traces', () => {
  function journey(build: (recorder: JourneyRecorder) => void): Journey {
    const recorder = new JourneyRecorder(7, 0);
    build(recorder);
    return recorder.journey();
  }

  it('a client that cannot connect stops at step 1, with curl-side words', () => {
    const model = journeyViewModel(
      journey((r) => {
        r.record({
          kind: 'client-request',
          actor: 'client',
          bytes: traceBytes(latin1Bytes('GET / HTTP/1.1\r\n\r\n')),
          method: 'GET',
          target: '/',
        });
        r.record({
          kind: 'connect',
          actor: 'client',
          target: '127.0.0.1:8080',
          ok: false,
          error: '(111: Connection refused)',
        });
        r.record({
          kind: 'failure',
          actor: 'client',
          code: 'connect-refused',
          message: 'Failed to connect to 127.0.0.1 port 8080: Connection refused',
          log: [],
        });
      }),
    );
    expect(model.id).toBe(7);
    expect(model.steps).toHaveLength(1);
    expect(model.failedAt).toBe(1);
    expect(model.status).toBe(0);
    expect(model.steps[0]?.failure?.message).toContain('Connection refused');
    expect(model.steps[0]?.facts.find((fact) => fact.id === 'connect')?.ok).toBe(false);
  });

  it('a journey with no hops has no steps', () => {
    const model = journeyViewModel(journey(() => undefined));
    expect(model.steps).toEqual([]);
    expect(model.failedAt).toBeUndefined();
    expect(model.logs).toEqual([]);
  });

  it('a failure before any step opens the client step for it', () => {
    const model = journeyViewModel(
      journey((r) =>
        r.record({ kind: 'failure', actor: 'nginx', code: 'x', message: 'boom', log: ['line'] }),
      ),
    );
    expect(model.steps.map((s) => s.kind)).toEqual(['client-request']);
    expect(model.steps[0]?.logs).toEqual([{ source: 'nginx', lines: ['line'] }]);
  });
});
