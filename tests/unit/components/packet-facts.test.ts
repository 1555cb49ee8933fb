// The numbers lessons quote, read by the codec and checked against what the capture tool wrote
// about each vector (an independent reading), and the golden files as the build loads them.

import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureFile } from '../../../src/components/packet/fixture-packets.ts';
import { packetFact } from '../../../src/components/packet/packet-facts.ts';
import {
  expectedRequest,
  expectedResponse,
  requestOf,
  requestVectorNames,
  responseVectorNames,
  vectorBytes,
} from '../protocol/vector-files.ts';

describe('packetFact', () => {
  const root = vectorBytes('get-root');

  it('gives get-root’s header numbers', () => {
    expect(packetFact(root, 'total')).toEqual({ text: '367', code: false });
    expect(packetFact(root, 'datasize')).toEqual({ text: '363', code: false });
    expect(packetFact(root, 'datasize-hex')).toEqual({ text: '6b 01', code: true });
    expect(packetFact(root, 'datasize-value-hex')).toEqual({ text: '0x016b', code: true });
    expect(packetFact(root, 'header-hex')).toEqual({ text: '00 6b 01 00', code: true });
    expect(packetFact(root, 'modifier1').text).toBe('0');
    expect(packetFact(root, 'pairs').text).toBe('16');
    expect(packetFact(root, 'vars').text).toBe('32'); // {32 vars in 363 bytes}
    expect(packetFact(root, 'body').text).toBe('0');
    expect(packetFact(vectorBytes('post-form'), 'body').text).toBe('20');
  });

  it('gives a var’s offset, lengths and value by key or number', () => {
    expect(packetFact(root, 'var-offset', 'REMOTE_PORT').text).toBe('208');
    expect(packetFact(root, 'key-length', 'QUERY_STRING').text).toBe('12');
    expect(packetFact(root, 'key-length-hex', 'QUERY_STRING')).toEqual({
      text: '0c 00',
      code: true,
    });
    expect(packetFact(root, 'value-length', 'REMOTE_PORT').text).toBe('5');
    expect(packetFact(root, 'value', 'REMOTE_PORT')).toEqual({ text: '42692', code: true });
    expect(packetFact(root, 'var-length', '2').text).toBe('21');
  });

  it('refuses what it cannot know, saying why', () => {
    expect(() => packetFact(root, 'colour')).toThrow(/unknown fact "colour"/);
    expect(() => packetFact(root, 'value-length')).toThrow(/needs var=/);
    expect(() => packetFact(root, 'value-length', 'NOPE')).toThrow(/no var NOPE/);
    expect(() => packetFact(root, 'status')).toThrow(/no status-line/);
  });

  for (const name of requestVectorNames()) {
    it(`agrees with ${name}.txt`, () => {
      const expected = expectedRequest(name);
      const bytes = vectorBytes(name);
      expect(packetFact(bytes, 'datasize').text).toBe(String(expected.datasize));
      expect(packetFact(bytes, 'modifier1').text).toBe(String(expected.modifier1));
      if (expected.kind !== 'vars') return;
      expect(packetFact(bytes, 'total').text).toBe(String(expected.total));
      expect(packetFact(bytes, 'pairs').text).toBe(String(expected.pairs));
      expect(packetFact(bytes, 'body').text).toBe(String(expected.bodyLength));
      expected.vars.forEach((pair, i) => {
        const n = String(i + 1);
        expect(packetFact(bytes, 'var-offset', n).text).toBe(String(pair.offset));
        expect(packetFact(bytes, 'key-length', n).text).toBe(String(pair.keyLength));
        expect(packetFact(bytes, 'key-length-hex', n).text).toBe(pair.keyLengthBytes);
        expect(packetFact(bytes, 'value-length', n).text).toBe(String(pair.valueLength));
        expect(packetFact(bytes, 'value-length-hex', n).text).toBe(pair.valueLengthBytes);
      });
    });
  }

  for (const name of responseVectorNames()) {
    const expected = expectedResponse(name);
    if (expected.kind !== 'http') continue;
    it(`agrees with ${name}.txt`, () => {
      const bytes = vectorBytes(name);
      expect(packetFact(bytes, 'total').text).toBe(String(expected.total));
      expect(packetFact(bytes, 'status').text).toBe(expected.statusLine.split(' ')[1]);
      expect(packetFact(bytes, 'head-length').text).toBe(String(expected.headerBlock));
    });
  }
});

describe('fixtureBytes', () => {
  it('loads the golden files as the build does', () => {
    for (const name of requestVectorNames()) expect(fixtureBytes(name)).toEqual(vectorBytes(name));
    for (const name of responseVectorNames()) {
      const request = requestOf(name);
      expect(fixtureFile(request, true)).toBe(`${name}.hex`);
      expect(fixtureBytes(request, true)).toEqual(vectorBytes(name));
    }
    expect(() => fixtureBytes('get-nothing')).toThrow(/no fixture get-nothing.hex .*get-root/);
  });
});
