// PacketReader: the header, the vars and then the body, in any chunking, the way uWSGI reads them.

import { describe, expect, it } from 'vitest';
import { latin1Text } from '../../../src/protocol/byte-text.ts';
import { PacketReader, type ReaderEvent } from '../../../src/protocol/packet-reader.ts';
import { catchPacketError, hex } from './test-helpers.ts';
import { vectorBytes } from './vector-files.ts';

function feed(reader: PacketReader, bytes: Uint8Array, sizes: readonly number[]): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    events.push(...reader.push(bytes.subarray(at, at + size)));
    at += size;
  }
  return events;
}

describe('PacketReader', () => {
  it('yields header, then vars (with the body length), then the body, then end', () => {
    const reader = new PacketReader();
    const events = feed(reader, vectorBytes('post-form'), [7, 100, 3]);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('header');
    expect(types[1]).toBe('vars');
    expect(types.slice(2, -1).every((type) => type === 'body')).toBe(true);
    expect(types[types.length - 1]).toBe('end');
    const vars = events[1];
    expect(vars?.type === 'vars' && vars.bodyLength).toBe(20);
    const body = events.flatMap((event) => (event.type === 'body' ? [...event.chunk] : []));
    expect(latin1Text(Uint8Array.from(body))).toBe('name=haruair&lang=ko');
    expect(reader.done).toBe(true);
    expect(reader.offset).toBe(514);
    expect(reader.end()).toEqual([]);
  });

  it('checks the buffer size as soon as it has the header, before the block arrives', () => {
    const reader = new PacketReader({ bufferSize: 4096 });
    expect(reader.push(hex('00'))).toEqual([]);
    const error = catchPacketError(() => reader.push(hex('01 15 00')));
    expect([error.code, error.message]).toEqual([
      'too-big',
      'invalid request block size: 5377 (max 4096)...skip',
    ]);
    // and keeps refusing
    expect(catchPacketError(() => reader.push(hex('00')))).toBe(error);
    expect(catchPacketError(() => reader.end())).toBe(error);
  });

  it('reports bytes after the packet as trailing', () => {
    const reader = new PacketReader();
    const events = reader.push(hex('64000000 ffff'));
    expect(events).toEqual([
      { type: 'header', header: { modifier1: 100, datasize: 0, modifier2: 0 } },
      { type: 'payload', payload: new Uint8Array(0) },
      { type: 'end' },
      { type: 'trailing', bytes: hex('ffff') },
    ]);
  });

  it('says where the stream ended too early', () => {
    const atHeader = new PacketReader();
    atHeader.push(hex('006b'));
    expect(catchPacketError(() => atHeader.end()).message).toBe(
      'a uwsgi header is 4 bytes but the input has 2',
    );

    const inBlock = new PacketReader();
    inBlock.push(vectorBytes('get-root').subarray(0, 16));
    const error = catchPacketError(() => inBlock.end());
    expect([error.code, error.offset, error.message]).toEqual([
      'datasize-mismatch',
      4,
      'datasize says 363 bytes but 12 follow',
    ]);

    const inBody = new PacketReader();
    inBody.push(vectorBytes('post-form').subarray(0, 500));
    expect(catchPacketError(() => inBody.end()).message).toBe(
      'CONTENT_LENGTH says 20 bytes of body but 6 follow',
    );

    expect(catchPacketError(() => new PacketReader().end()).code).toBe('truncated-header');
  });

  it('throws the vars block’s error once the block is complete', () => {
    const reader = new PacketReader();
    reader.push(hex('00 05 00 00 0000 01'));
    expect(catchPacketError(() => reader.push(hex('00 78'))).code).toBe('empty-key');
    expect(
      new PacketReader({ allowEmptyKeys: true })
        .push(hex('00 05 00 00 0000 0100 78'))
        .map((e) => e.type),
    ).toEqual(['header', 'vars', 'end']);
  });
});
