// "Change a setting, see the bytes change": every preset re-run through the real gateway on a copy
// of nginx-ready's machine, against the page's request on another copy. Each changes the journey
// the way real nginx 1.22 and uWSGI 2.0.21 do (real-output.md §5 for the failures' log lines).

import { describe, expect, it } from 'vitest';
import { compareJourneys } from '../../../src/components/journey/journey-diff.ts';
import { applyPreset } from '../../../src/components/journey/journey-presets.ts';
import { PRESET_IDS, type PresetId } from '../../../src/components/journey/preset-ids.ts';
import {
  pageJourney,
  scenarioCopies,
  whatIf,
  type WhatIf,
} from '../../../src/components/journey/journey-what-if.ts';
import type {
  JourneyStep,
  JourneyViewModel,
} from '../../../src/components/journey/journey-view-model.ts';
import type { Paragraph } from '../../../src/components/packet/ui-text.ts';

const copies = scenarioCopies('nginx-ready');

function run(id: PresetId): Extract<WhatIf, { ok: true }> {
  const result = whatIf(copies, id);
  if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.problem)}`);
  return result;
}

const kinds = (model: JourneyViewModel): string[] => model.steps.map((step) => step.kind);
const stepOf = (model: JourneyViewModel, kind: JourneyStep['kind']): JourneyStep =>
  model.steps.find((step) => step.kind === kind)!;
const logLines = (model: JourneyViewModel, source: 'nginx' | 'uwsgi'): string[] =>
  model.logs.filter((log) => log.source === source).flatMap((log) => log.lines);

/** The notes of a step as plain strings: keys and literals joined. */
function notes(result: Extract<WhatIf, { ok: true }>, kind: JourneyStep['kind']): string[] {
  const step = stepOf(result.after, kind);
  const change = result.diff.steps.get(step.number);
  return (change?.notes ?? []).map((note: Paragraph) =>
    note.map((part) => ('key' in part ? part.key : part.literal)).join(' '),
  );
}

const FULL = [
  'client-request',
  'nginx-decision',
  'uwsgi-packet',
  'uwsgi-checks',
  'environ',
  'app-response',
  'uwsgi-response',
  'nginx-response',
];

describe('the page against itself', () => {
  it('two runs on two copies differ in nothing (Date and REMOTE_PORT are not changes)', () => {
    const a = pageJourney(copies).model;
    const b = pageJourney(copies).model;
    const diff = compareJourneys(a, b);
    expect([...diff.steps.values()].filter((change) => change.changed)).toEqual([]);
    expect(diff.missing).toEqual([]);
  });
});

describe('every preset changes the journey as real nginx and uWSGI would', () => {
  it('covers the nine presets', () => {
    expect(PRESET_IDS).toHaveLength(9);
  });

  it("without include uwsgi_params: only the headers go as vars; Werkzeug's KeyError, nginx 502", () => {
    const r = run('no-uwsgi-params');
    expect(kinds(r.after)).toEqual(FULL);
    const packet = notes(r, 'uwsgi-packet');
    expect(packet.some((n) => n.startsWith('journey.diff.datasize'))).toBe(true);
    expect(packet.find((n) => n.startsWith('journey.diff.var-removed'))).toContain(
      'REQUEST_METHOD',
    );
    // Werkzeug reads environ["REQUEST_METHOD"]: the app raises, uWSGI closes without an answer
    expect(logLines(r.after, 'uwsgi')).toContain("KeyError: 'REQUEST_METHOD'");
    expect(r.after.failedAt).toBe(7);
    expect(r.diff.status).toEqual({ before: 200, after: 502 });
  });

  it("another socket path in nginx's config: connect() fails with (2: No such file or directory)", () => {
    const r = run('socket-path');
    expect(kinds(r.after)).toEqual(['client-request', 'nginx-decision', 'nginx-response']);
    expect(r.after.status).toBe(502);
    expect(r.after.failedAt).toBe(2);
    expect(stepOf(r.after, 'nginx-decision').failure?.message).toBe(
      'connect() to unix:/tmp/app.sock failed (2: No such file or directory) while connecting to upstream',
    );
    expect(logLines(r.after, 'nginx')[0]).toMatch(
      /\[crit\] \d+#\d+: \*\d+ connect\(\) to unix:\/tmp\/app\.sock failed \(2: No such file or directory\)/,
    );
    expect(r.diff.missing).toEqual(FULL.slice(2, 7));
  });

  it('without chmod-socket: the socket is root 755 and nginx gets (13: Permission denied)', () => {
    const r = run('no-chmod-socket');
    expect(r.after.status).toBe(502);
    expect(r.after.failedAt).toBe(2);
    expect(logLines(r.after, 'nginx')[0]).toContain(
      'connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream',
    );
  });

  it('http-socket instead of socket: uWSGI reads the packet as HTTP, nginx 502', () => {
    const r = run('http-socket');
    expect(r.after.failedAt).toBe(4);
    expect(stepOf(r.after, 'uwsgi-checks').facts.map((f) => [f.id, f.ok])).toEqual([
      ['check-http', false],
    ]);
    expect(r.after.status).toBe(502);
    expect(logLines(r.after, 'nginx')[0]).toContain(
      'upstream prematurely closed connection while reading response header from upstream',
    );
  });

  it('a 5 kB cookie: over buffer-size 4096, uWSGI refuses the block and nginx 502', () => {
    const r = run('cookie-5k');
    expect(r.after.failedAt).toBe(4);
    expect(r.after.status).toBe(502);
    expect(logLines(r.after, 'uwsgi')).toEqual([
      expect.stringMatching(/^invalid request block size: \d{4} \(max 4096\)\.\.\.skip$/),
    ]);
    expect(logLines(r.after, 'nginx')[0]).toContain(
      'recv() failed (104: Connection reset by peer)',
    );
    expect(notes(r, 'client-request')[0]).toMatch(/^journey\.diff\.length/);
    expect(notes(r, 'uwsgi-packet').find((n) => n.startsWith('journey.diff.var-added'))).toContain(
      'HTTP_COOKIE',
    );
  });

  it('a 9 kB cookie: nginx answers 400 itself, uWSGI never hears of it', () => {
    const r = run('cookie-9k');
    expect(kinds(r.after)).toEqual(['client-request', 'nginx-decision', 'nginx-response']);
    expect(r.after.status).toBe(400);
    expect(r.after.failedAt).toBe(2);
    expect(stepOf(r.after, 'nginx-decision').failure?.message).toMatch(
      /^client sent too long header line: "Cookie: session=x+/,
    );
  });

  it('a Korean query string: QUERY_STRING and REQUEST_URI carry the percent-encoded UTF-8', () => {
    const r = run('korean-query');
    expect(r.after.status).toBe(200);
    expect(stepOf(r.after, 'environ').lines).toContain("QUERY_STRING: 'name=%ED%95%9C%EA%B8%80'");
    const changed = notes(r, 'environ').find((n) => n.startsWith('journey.diff.environ-changed'));
    expect(changed).toContain('QUERY_STRING');
    expect(changed).toContain('REQUEST_URI');
  });

  it('a POST with a body: CONTENT_LENGTH 20, and the hello-world route answers 405', () => {
    const r = run('post-body');
    expect(stepOf(r.after, 'environ').lines).toContain("CONTENT_LENGTH: '20'");
    expect(notes(r, 'environ').find((n) => n.startsWith('journey.diff.environ-added'))).toContain(
      'HTTP_CONTENT_LENGTH',
    );
    expect(r.after.status).toBe(405);
  });

  it('a chunked POST: nginx de-chunks it but still passes HTTP_TRANSFER_ENCODING', () => {
    const r = run('post-chunked');
    const environ = stepOf(r.after, 'environ').lines ?? [];
    expect(environ).toContain("CONTENT_LENGTH: '20'");
    expect(environ).toContain("HTTP_TRANSFER_ENCODING: 'chunked'");
    const packet = stepOf(r.after, 'uwsgi-packet').bytes!.hex;
    expect(packet.endsWith(Buffer.from('name=haruair&lang=ko').toString('hex'))).toBe(true);
  });
});

describe('a preset that has nothing to change says so', () => {
  it('on a machine without nginx', () => {
    const machine = scenarioCopies('uwsgi-running')();
    expect(applyPreset(machine, 'no-uwsgi-params')).toEqual({
      ok: false,
      problem: { kind: 'no-nginx' },
    });
  });

  it('when the line is not in the config', () => {
    const machine = copies();
    expect(applyPreset(machine, 'no-uwsgi-params').ok).toBe(true);
    expect(applyPreset(machine, 'no-uwsgi-params')).toEqual({
      ok: false,
      problem: {
        kind: 'not-found',
        file: '/etc/nginx/sites-available/default',
        text: 'include uwsgi_params;',
      },
    });
  });

  it('on a machine without uWSGI', () => {
    const machine = scenarioCopies('original')();
    expect(applyPreset(machine, 'http-socket')).toEqual({
      ok: false,
      problem: { kind: 'no-uwsgi' },
    });
  });
});
