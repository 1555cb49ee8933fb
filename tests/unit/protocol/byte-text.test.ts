// Bytes as text: strict UTF-8, latin-1 as WSGI means it, and hex.

import { describe, expect, it } from 'vitest';
import {
  bytesFromHex,
  hexOf,
  isWellFormedText,
  latin1Bytes,
  latin1Text,
  utf8Bytes,
  utf8Length,
  utf8Text,
} from '../../../src/protocol/byte-text.ts';
import { hex } from './test-helpers.ts';

describe('byte text', () => {
  it('decodes UTF-8 strictly, short ASCII and long text alike', () => {
    expect(utf8Text(hex('ed959ceab880'))).toBe('한글');
    expect(utf8Text(hex('41ff'))).toBeUndefined();
    expect(utf8Text(new Uint8Array(100).fill(0x61))).toBe('a'.repeat(100));
    expect(utf8Text(Uint8Array.from([...new Uint8Array(100).fill(0x61), 0xc3]))).toBeUndefined();
    expect(utf8Text(hex('efbbbf41'))).toBe('\ufeffA');
  });

  it('measures UTF-8 like TextEncoder does', () => {
    for (const text of ['', 'abc', 'é', '한글', '😀x', 'a\u0800b\uffff'])
      expect(utf8Length(text)).toBe(utf8Bytes(text).length);
    expect(isWellFormedText('a\udc00')).toBe(false);
    expect(isWellFormedText('😀')).toBe(true);
  });

  it('maps each byte to the code point of the same number (not windows-1252)', () => {
    expect(latin1Text(hex('ed959c80'))).toBe('\u00ed\u0095\u009c\u0080');
    expect(latin1Bytes('\u00ed\u0095\u009c\u0080')).toEqual(hex('ed959c80'));
    expect(() => latin1Bytes('한')).toThrow(RangeError);
    expect(latin1Text(new Uint8Array(20000).fill(0x62)).length).toBe(20000);
  });

  it('writes and reads hex', () => {
    expect(hexOf(hex('00ff10'))).toBe('00ff10');
    expect(hexOf(hex('00ff10'), ' ')).toBe('00 ff 10');
    expect(bytesFromHex('00FF10')).toEqual(hex('00ff10'));
    expect(() => bytesFromHex('0')).toThrow(RangeError);
    expect(() => bytesFromHex('zz')).toThrow(RangeError);
  });
});
