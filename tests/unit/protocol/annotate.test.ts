// annotate: every field of a packet as a byte range, and a broken packet up to where it broke.

import { describe, expect, it } from 'vitest';
import { annotate, type FieldRange } from '../../../src/protocol/annotate.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { hex, leafCoverage } from './test-helpers.ts';
import { vectorBytes } from './vector-files.ts';

// [field, start, end] of the leaves, in order.
function leaves(ranges: readonly FieldRange[]): [string, number, number][] {
  return ranges.flatMap((range) =>
    range.children.length > 0 && range.field !== 'datasize'
      ? leaves(range.children)
      : [[range.field, range.start, range.end] as [string, number, number]],
  );
}

describe('annotate', () => {
  it('names the header fields, the datasize bytes and their little-endian reading', () => {
    const [header] = annotate(vectorBytes('get-root'));
    expect(header).toMatchObject({ field: 'header', start: 0, end: 4, value: null });
    const [modifier1, datasize, modifier2] = header!.children;
    expect(modifier1).toMatchObject({ field: 'modifier1', start: 0, end: 1, value: 0 });
    expect(datasize).toMatchObject({ field: 'datasize', start: 1, end: 3, value: 363 });
    expect(datasize!.children).toEqual([
      { field: 'datasize-low', start: 1, end: 2, value: 0x6b, children: [] },
      { field: 'datasize-high', start: 2, end: 3, value: 0x01, children: [] },
    ]);
    expect(modifier2).toMatchObject({ field: 'modifier2', start: 3, end: 4, value: 0 });
  });

  it('names each var’s key length, key, value length and value, and the body', () => {
    const ranges = annotate(encode({ vars: [['CONTENT_LENGTH', '2']], body: 'ab' }));
    expect(leaves(ranges)).toEqual([
      ['modifier1', 0, 1],
      ['datasize', 1, 3],
      ['modifier2', 3, 4],
      ['key-length', 4, 6],
      ['key', 6, 20],
      ['value-length', 20, 22],
      ['value', 22, 23],
      ['body', 23, 25],
    ]);
    const vars = ranges[1]!;
    expect(vars.children[0]?.children.map((child) => child.value)).toEqual([
      14,
      new TextEncoder().encode('CONTENT_LENGTH'),
      1,
      hex('32'),
    ]);
  });

  it('shows a payload, and trailing bytes after the packet', () => {
    expect(leaves(annotate(hex('650200006869ff')))).toEqual([
      ['modifier1', 0, 1],
      ['datasize', 1, 3],
      ['modifier2', 3, 4],
      ['payload', 4, 6],
      ['trailing', 6, 7],
    ]);
    // ping: nothing after the header
    expect(leaves(annotate(hex('64000000'))).map(([field]) => field)).toEqual([
      'modifier1',
      'datasize',
      'modifier2',
    ]);
  });

  it('annotates a truncated header as far as it goes, then marks the break', () => {
    const ranges = annotate(hex('00 6b'));
    expect(leaves(ranges)).toEqual([
      ['modifier1', 0, 1],
      ['broken', 1, 2],
    ]);
    const broken = ranges[ranges.length - 1]!;
    expect(broken.field === 'broken' && [broken.value.code, broken.value.offset]).toEqual([
      'truncated-header',
      0,
    ]);
    expect(leaves(annotate(new Uint8Array(0)))).toEqual([['broken', 0, 0]]);
  });

  it('annotates the whole pairs of a short packet, then marks datasize-mismatch', () => {
    const bytes = vectorBytes('get-root').subarray(0, 30);
    const ranges = annotate(bytes);
    expect(leaves(ranges)).toEqual(
      [
        ['modifier1', 0, 1],
        ['datasize', 1, 3],
        ['modifier2', 3, 4],
        ['key-length', 4, 6],
        ['key', 6, 18],
        ['value-length', 18, 20],
        ['value', 20, 20],
        ['key-length', 20, 22],
        ['key', 22, 29],
        ['broken', 29, 30],
      ]
        .slice(0, 7)
        .concat([['broken', 20, 30]]),
    );
    expect(leafCoverage(ranges, bytes.length)).toEqual(new Array(30).fill(1));
  });

  it('keeps the key of a pair whose value length lies, and breaks at that length', () => {
    const bytes = hex('00 08 00 00  0100 4b  0900 41 42 43'); // value length 9, 3 bytes left
    const ranges = annotate(bytes);
    expect(leaves(ranges)).toEqual([
      ['modifier1', 0, 1],
      ['datasize', 1, 3],
      ['modifier2', 3, 4],
      ['key-length', 4, 6],
      ['key', 6, 7],
      ['broken', 7, 12],
    ]);
    const broken = ranges[ranges.length - 1]!;
    expect(broken.field === 'broken' && [broken.value.code, broken.value.offset]).toEqual([
      'value-overflow',
      7,
    ]);
  });

  it('marks a datasize over bufferSize after the header', () => {
    const ranges = annotate(vectorBytes('over-4096'), { bufferSize: 4096 });
    expect(leaves(ranges).slice(-1)).toEqual([['broken', 4, 5381]]);
    const broken = ranges[ranges.length - 1]!;
    expect(broken.field === 'broken' && broken.value.message).toBe(
      'invalid request block size: 5377 (max 4096)...skip',
    );
  });

  it('marks a short body', () => {
    const ranges = annotate(vectorBytes('post-form').subarray(0, 504));
    expect(leaves(ranges).slice(-1)).toEqual([['broken', 494, 504]]);
  });
});
