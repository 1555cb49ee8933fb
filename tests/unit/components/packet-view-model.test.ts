// The packet view's model: every byte in exactly one field, rows of 16 and 8 that cover each byte
// once, fields and bytes mapped both ways, HTTP responses, broken packets and partial views.

import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  byteRows,
  leavesOf,
  packetViewModel,
  selectField,
  targetOfByte,
  type PacketViewModel,
} from '../../../src/components/packet/packet-view-model.ts';
import { utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { encode } from '../../../src/protocol/encode.ts';
import {
  requestVectorNames,
  responseVectorNames,
  vectorBytes,
  VECTORS_DIR,
} from '../protocol/vector-files.ts';
import { readFileSync } from 'node:fs';

const ALL = [...requestVectorNames(), ...responseVectorNames()].filter(
  (name) => vectorBytes(name).length > 0,
);

function coverage(model: PacketViewModel, width: 8 | 16): number[] {
  const counts = new Array<number>(model.bytes.length).fill(0);
  for (const row of byteRows(model, width)) {
    let at = row.offset;
    for (const run of row.runs) {
      expect(run.start).toBe(at); // runs are contiguous and in order
      for (let i = run.start; i < run.end; i++) {
        counts[i] = (counts[i] ?? 0) + 1;
        expect(model.leafOfByte[i]).toBe(run.field);
      }
      at = run.end;
    }
    expect(at - row.offset).toBeLessThanOrEqual(width);
    expect(row.offset % width).toBe(0);
  }
  return counts;
}

describe('packetViewModel', () => {
  for (const name of ALL) {
    it(`covers every byte of ${name} exactly once, in rows of 16 and of 8`, () => {
      const model = packetViewModel(vectorBytes(name));
      const ones = new Array<number>(model.bytes.length).fill(1);
      const leaves = new Array<number>(model.bytes.length).fill(0);
      for (const field of model.fields) {
        if (field.children.length > 0) continue;
        for (let i = field.start; i < field.end; i++) leaves[i] = (leaves[i] ?? 0) + 1;
      }
      expect(leaves).toEqual(ones);
      expect(coverage(model, 16)).toEqual(ones);
      expect(coverage(model, 8)).toEqual(ones);
      expect(byteRows(model, 16)).toHaveLength(Math.ceil(model.bytes.length / 16));
      expect(byteRows(model, 8)).toHaveLength(Math.ceil(model.bytes.length / 8));
    });
  }

  it('numbers fields in tree order: descendants are the ids up to `last`', () => {
    const model = packetViewModel(vectorBytes('post-form'));
    for (const field of model.fields) {
      for (const child of field.children) {
        expect(child).toBeGreaterThan(field.id);
        expect(child).toBeLessThan(field.last);
        expect(model.fields[child]?.parent).toBe(field.id);
        expect(model.fields[child]?.level).toBe(field.level + 1);
      }
      const inside = model.fields.slice(field.id + 1, field.last);
      expect(inside.every((other) => ancestorsOf(model, other.id).includes(field.id))).toBe(true);
    }
    expect(model.treeRoots.map((id) => model.fields[id]?.kind)).toEqual(['header', 'vars', 'body']);
  });

  it('maps a byte to its field and a field to its bytes, both ways', () => {
    const model = packetViewModel(vectorBytes('get-root'));
    // byte 1 and 2 are datasize's; pointing at either means datasize, not half of it
    expect(model.fields[targetOfByte(model, 1)!]?.kind).toBe('datasize');
    expect(model.fields[targetOfByte(model, 2)!]?.kind).toBe('datasize');
    expect(model.fields[targetOfByte(model, 0)!]?.kind).toBe('modifier1');
    for (let byte = 0; byte < model.bytes.length; byte++) {
      const field = model.fields[targetOfByte(model, byte)!]!;
      expect(byte).toBeGreaterThanOrEqual(field.start);
      expect(byte).toBeLessThan(field.end);
      expect(leavesOf(model, field.id).map((leaf) => leaf.id)).toContain(model.leafOfByte[byte]);
    }
    for (const field of model.fields) {
      const bytes = leavesOf(model, field.id).flatMap((leaf) =>
        Array.from({ length: leaf.end - leaf.start }, (_, i) => leaf.start + i),
      );
      expect(bytes).toEqual(
        Array.from({ length: field.end - field.start }, (_, i) => field.start + i),
      );
    }
    // REQUEST_METHOD's value: offset 38 in the capture's listing (@20 + 2 + 14 + 2)
    const method = selectField(model.fields, 'var:REQUEST_METHOD')!;
    const value = model.fields[model.fields[method]!.children[3]!]!;
    expect([value.kind, value.start, value.end]).toEqual(['value', 38, 41]);
    expect(model.leafOfByte[38]).toBe(value.id);
  });

  it('names vars by number or key, and var N counts from 1', () => {
    const model = packetViewModel(vectorBytes('get-root'));
    expect(selectField(model.fields, 'var:1')).toBe(selectField(model.fields, 'var:QUERY_STRING'));
    expect(model.fields[selectField(model.fields, 'var:16')!]?.ordinal).toBe(16);
    expect(selectField(model.fields, 'var:17')).toBeUndefined();
    expect(selectField(model.fields, 'var:NOPE')).toBeUndefined();
  });

  it('reads an HTTP response (uWSGI’s answer) as status line, headers, blank line and body', () => {
    const model = packetViewModel(vectorBytes('uwsgi-resp-get-root'));
    expect(model.kind).toBe('http-response');
    expect(model.broken).toBeUndefined();
    expect(model.treeRoots.map((id) => model.fields[id]?.kind)).toEqual([
      'status-line',
      'http-headers',
      'head-end',
      'http-body',
    ]);
    const headers = model.fields.filter((field) => field.kind === 'http-header');
    expect(headers.map((field) => field.kind === 'http-header' && field.value)).toEqual([
      { name: 'Content-Type', value: 'text/html; charset=utf-8' },
      { name: 'Content-Length', value: '12' },
    ]);
    const body = model.fields.find((field) => field.kind === 'http-body');
    expect(body?.kind === 'http-body' && new TextDecoder().decode(body.value.body)).toBe(
      'Hello World!',
    );
  });

  it('reads a head without its announced body as the answer to HEAD, and one without length to the close', () => {
    const head = packetViewModel(vectorBytes('uwsgi-resp-head'));
    const body = head.fields.find((field) => field.kind === 'http-body');
    expect(head.broken).toBeUndefined();
    expect(body?.kind === 'http-body' && body.value.headRequest).toBe(true);
    const noApp = packetViewModel(vectorBytes('uwsgi-resp-no-app'));
    const closeBody = noApp.fields.find((field) => field.kind === 'http-body');
    expect(closeBody?.kind === 'http-body' && closeBody.value.framing.type).toBe('close');
  });

  it('shows a cut-off packet up to the break: the pairs that arrived whole, then the break', () => {
    const model = packetViewModel(vectorBytes('get-root').subarray(0, 100));
    expect(model.broken).toMatchObject({ protocol: 'uwsgi', code: 'datasize-mismatch', offset: 4 });
    expect(model.errorByte).toBe(4);
    // QUERY_STRING … REQUEST_URI end at byte 91 (the capture's listing: PATH_INFO starts @91)
    expect(model.fields.filter((field) => field.kind === 'var')).toHaveLength(5);
    const broken = model.fields.find((field) => field.kind === 'broken')!;
    expect([broken.start, broken.end]).toEqual([91, 100]);
    expect(coverage(model, 16)).toEqual(new Array<number>(100).fill(1));
  });

  it('marks the first byte of HTTP sent to a uwsgi socket, and a broken HTTP header line', () => {
    const http = readFileSync(`${VECTORS_DIR}get-root.http`);
    const request = packetViewModel(new Uint8Array(http));
    expect(request.kind).toBe('uwsgi');
    expect(request.broken?.code).toBe('looks-like-http');
    expect(request.errorByte).toBe(0);

    const bad = packetViewModel(
      utf8Bytes('HTTP/1.1 200 OK\r\nContent-Type: a\r\nno colon\r\n\r\n'),
    );
    expect(bad.broken).toMatchObject({ protocol: 'http', code: 'bad-header' });
    expect(bad.fields.map((field) => field.kind)).toEqual([
      'status-line',
      'http-headers',
      'http-header',
      'broken',
    ]);
  });

  it('reads the ping reply 64 00 00 01 as a header alone, and a vars block is kept with any modifier', () => {
    const pong = packetViewModel(Uint8Array.of(0x64, 0, 0, 1));
    expect(pong.modifier1).toBe(100);
    expect(pong.fields.map((field) => field.kind)).toEqual([
      'header',
      'modifier1',
      'datasize',
      'datasize-low',
      'datasize-high',
      'modifier2',
    ]);
    const echo = packetViewModel(encode({ kind: 'payload', modifier1: 101, payload: 'hi' }));
    expect(echo.treeRoots.map((id) => echo.fields[id]?.kind)).toEqual(['header', 'payload']);
  });

  it('shows a part: a window widened to whole rows, or the rows of chosen fields', () => {
    const bytes = vectorBytes('get-root');
    const rows = packetViewModel(bytes, { window: { from: 20, to: 40 } });
    expect(rows.window).toEqual({ from: 16, to: 48 });
    expect(byteRows(rows, 16).map((row) => row.offset)).toEqual([16, 32]);
    const picked = packetViewModel(bytes, { fields: ['header', 'var:REQUEST_METHOD'] });
    expect(picked.treeRoots.map((id) => picked.fields[id]?.kind)).toEqual(['header', 'var']);
    expect(picked.window).toEqual({ from: 0, to: 48 });
    expect(() => packetViewModel(bytes, { fields: ['var:NOPE'] })).toThrow(/no field "var:NOPE"/);
    const capped = packetViewModel(bytes, { maxBytes: 100 });
    expect(capped.window).toEqual({ from: 0, to: 112 });
  });
});
