// encode and encodingLength: the bytes nginx would write, datasize computed, and every refusal.

import { describe, expect, it } from 'vitest';
import { encode, encodingLength } from '../../../src/protocol/encode.ts';
import { catchPacketError, hex } from './test-helpers.ts';
import { vectorBytes } from './vector-files.ts';

describe('encode', () => {
  it('writes the header byte by byte, datasize little-endian, then key/value pairs and the body', () => {
    const bytes = encode({ modifier1: 0, modifier2: 0, vars: [['PATH_INFO', '/']], body: 'ab' });
    expect(bytes).toEqual(hex('00 0e 00 00  0900 504154485f494e464f  0100 2f  6162'));
  });

  it('defaults both modifiers to 0 and the body to none', () => {
    expect(encode({ vars: [] })).toEqual(hex('00000000'));
  });

  it('uses both datasize bytes above 255, as nginx does (3000 → b8 0b)', () => {
    const bytes = encode({ vars: [['HTTP_X_LONG', 'a'.repeat(3000)]] });
    expect(bytes.subarray(0, 4)).toEqual(hex('00 c7 0b 00'));
    expect(bytes.subarray(4 + 2 + 11, 4 + 2 + 11 + 2)).toEqual(hex('b8 0b'));
  });

  it('counts lengths in UTF-8 bytes, not string length, and takes raw bytes as they are', () => {
    const bytes = encode({
      vars: [
        ['HTTP_X_NAME', '한글'],
        [hex('ff'), hex('00fe')],
      ],
    });
    expect(bytes).toEqual(
      hex('00 1c 00 00  0b00 485454505f585f4e414d45 0600 ed959ceab880  0100 ff 0200 00fe'),
    );
  });

  it('writes a payload packet: echo and ping', () => {
    expect(encode({ modifier1: 101, payload: 'hello uwsgi' })).toEqual(vectorBytes('manual-echo'));
    expect(encode({ modifier1: 100, payload: '' })).toEqual(vectorBytes('manual-ping'));
    expect(encode({ modifier1: 100, modifier2: 1, payload: new Uint8Array(0) })).toEqual(
      vectorBytes('uwsgi-resp-ping'),
    );
  });

  it('goes up to datasize 65535 and encodingLength agrees', () => {
    const packet = { vars: [['K', 'v'.repeat(65530)]] as const };
    expect(encodingLength(packet)).toBe(4 + 65535);
    expect(encode(packet).length).toBe(4 + 65535);
  });

  it('refuses datasize 65536 in nginx’s words', () => {
    const error = catchPacketError(() => encode({ vars: [['K', 'v'.repeat(65531)]] }));
    expect([error.code, error.offset, error.message]).toEqual([
      'too-big',
      1,
      'uwsgi request is too big: 65536',
    ]);
    expect(
      catchPacketError(() => encode({ modifier1: 101, payload: new Uint8Array(65536) })).message,
    ).toBe('uwsgi request is too big: 65536');
  });

  it('refuses a key or value over 65535 bytes', () => {
    const error = catchPacketError(() => encode({ vars: [['K', new Uint8Array(65536)]] }));
    expect([error.code, error.offset, error.message]).toEqual([
      'field-too-long',
      7,
      'value is 65536 bytes; a 16-bit length holds at most 65535',
    ]);
    expect(catchPacketError(() => encode({ vars: [['k'.repeat(70000), '']] })).message).toBe(
      'key is 70000 bytes; a 16-bit length holds at most 65535',
    );
  });

  it('refuses an empty key unless allowEmptyKeys', () => {
    const error = catchPacketError(() =>
      encode({
        vars: [
          ['A', 'b'],
          ['', 'x'],
        ],
      }),
    );
    expect([error.code, error.offset, error.message]).toEqual([
      'empty-key',
      10,
      'empty key: uWSGI refuses a zero key length',
    ]);
    expect(encode({ vars: [['', 'x']] }, { allowEmptyKeys: true })).toEqual(
      hex('00 05 00 00 0000 0100 78'),
    );
  });

  it('refuses modifiers outside 0–255', () => {
    for (const [modifier1, modifier2] of [
      [256, 0],
      [-1, 0],
      [1.5, 0],
      [0, 300],
    ] as const) {
      const error = catchPacketError(() => encode({ modifier1, modifier2, vars: [] }));
      expect(error.code).toBe('modifier-range');
    }
    expect(catchPacketError(() => encode({ modifier1: 256, vars: [] })).message).toBe(
      'modifier1 must be an integer from 0 to 255, not 256',
    );
    expect(catchPacketError(() => encode({ modifier2: 300, vars: [] })).offset).toBe(3);
  });

  it('refuses strings with a lone surrogate, which have no UTF-8 form', () => {
    const error = catchPacketError(() => encode({ vars: [['K', 'a\ud800b']] }));
    expect([error.code, error.offset, error.message]).toEqual([
      'not-unicode',
      9,
      'value has a lone surrogate, which has no UTF-8 form',
    ]);
    expect(encode({ vars: [['K', '😀']] })).toEqual(hex('00 09 00 00 0100 4b 0400 f09f9880'));
  });
});
