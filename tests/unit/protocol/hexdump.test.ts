// Hex dumps as the real tools print them (tests/fixtures/hexdumps, made by make-hexdumps.sh), read
// back to the vectors' bytes; and formatHexDump against hexdump -C's own output.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { formatHexDump } from '../../../src/protocol/hexdump/format-hex-dump.ts';
import { HexDumpError } from '../../../src/protocol/hexdump/hex-dump-error.ts';
import { parseHexDump, type DumpFormat } from '../../../src/protocol/hexdump/parse-hex-dump.ts';
import { parseHttpResponse } from '../../../src/protocol/http/http-parser.ts';
import { HEXDUMPS_DIR, vectorBytes } from './vector-files.ts';

const dump = (file: string): string => readFileSync(`${HEXDUMPS_DIR}${file}`, 'utf8');

// A frame as tshark -x prints it (offset, two spaces, bytes), without the text column.
function tsharkLines(frame: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < frame.length; at += 16) {
    lines.push(
      `${at.toString(16).padStart(4, '0')}  ${Buffer.from(frame.subarray(at, at + 16))
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 ')}`,
    );
  }
  return lines.join('\n');
}

function dumpError(text: string): HexDumpError {
  try {
    parseHexDump(text);
  } catch (error) {
    if (error instanceof HexDumpError) return error;
    throw error;
  }
  throw new Error('expected a HexDumpError');
}

const VECTOR_DUMPS: readonly [file: string, format: DumpFormat][] = [
  ['get-query.xxd', 'xxd'],
  ['get-query.xxd-u-g1', 'xxd'],
  ['get-query.xxd-p', 'plain'],
  ['get-query.xxd-i', 'c-array'],
  ['get-query.hexdump-C', 'hexdump-c'],
  ['get-query.od-Ax-tx1z', 'od'],
  ['get-query.od-tx1', 'od'],
  ['long-nonascii-header.hexdump-C', 'hexdump-c'],
  ['long-nonascii-header.od-Ax-tx1z', 'od'],
  ['long-nonascii-header.xxd-a', 'xxd'],
  ['post-form.hexdump-C', 'hexdump-c'],
  ['manual-echo.xxd', 'xxd'],
];

describe('dumps of the vectors, by xxd, hexdump and od', () => {
  it('covers every dump file in the fixtures folder', () => {
    const files = readdirSync(HEXDUMPS_DIR).filter((file) => !/\.(md|sh)$/.test(file));
    const captures = files.filter((file) => file.startsWith('get-query-tcp8001'));
    expect([...VECTOR_DUMPS.map(([file]) => file), ...captures].sort()).toEqual(files.sort());
  });

  it.each(VECTOR_DUMPS)('%s reads back to the vector’s bytes (%s)', (file, format) => {
    const parsed = parseHexDump(dump(file));
    expect(parsed.format).toBe(format);
    expect(parsed.bytes).toEqual(vectorBytes(file.slice(0, file.indexOf('.'))));
  });

  it('reads the vectors’ own .hex files (32 bytes a line) as plain hex', () => {
    const text = readFileSync(`${HEXDUMPS_DIR}../vectors/long-nonascii-header.hex`, 'utf8');
    expect(parseHexDump(text)).toMatchObject({
      format: 'plain',
      bytes: vectorBytes('long-nonascii-header'),
    });
  });
});

describe('captures, by tcpdump and tshark', () => {
  const CAPTURES = [
    'get-query-tcp8001.tcpdump-X',
    'get-query-tcp8001.tcpdump-XX',
    'get-query-tcp8001.tcpdump-x',
    'get-query-tcp8001.tcpdump-xx',
    'get-query-tcp8001-request.tcpdump-X',
    'get-query-tcp8001.tshark-x',
    'get-query-tcp8001-data.tshark-x',
  ];

  it.each(CAPTURES)('%s loses its link, IP and TCP headers and gives nginx’s packet', (file) => {
    const parsed = parseHexDump(dump(file));
    expect(parsed.format).toBe(file.includes('tshark') ? 'tshark' : 'tcpdump');
    expect(parsed.stream).toMatchObject({
      source: '127.0.0.1:48694',
      destination: '127.0.0.1:8001',
      segments: 1,
    });
    const packet = decode(parsed.bytes, { strings: true });
    expect(packet.datasize).toBe(404);
    // the same request as the get-query vector, from another client port (real-output.md §7)
    const expected = decode(vectorBytes('get-query'), { strings: true });
    expect(packet.kind === 'vars' && packet.vars).toEqual(
      expected.kind === 'vars' &&
        expected.vars.map(([key, value]) => [key, key === 'REMOTE_PORT' ? '53748' : value]),
    );
  });

  it('counts the frames of other flows it left out', () => {
    expect(parseHexDump(dump('get-query-tcp8001.tshark-x')).stream?.otherFrames).toBe(5);
    expect(parseHexDump(dump('get-query-tcp8001.tshark-x')).frames?.length).toBe(10);
  });

  it('gives uWSGI’s answer from a capture of the reply alone', () => {
    const parsed = parseHexDump(dump('get-query-tcp8001-response.tshark-x'));
    expect(parsed.stream?.source).toBe('127.0.0.1:8001');
    const response = parseHttpResponse(parsed.bytes);
    expect(response.status).toBe(200);
    expect(parsed.bytes).toEqual(vectorBytes('uwsgi-resp-get-query'));
  });

  it('keeps the frames’ bytes when they are not TCP/IP', () => {
    const parsed = parseHexDump('0000  41 42 43\n\n0000  44\n');
    expect(parsed.format).toBe('tshark');
    expect(latin1Text(parsed.bytes)).toBe('ABCD');
    expect(parsed.stream).toBeUndefined();
  });

  it('refuses a capture with a hole in the stream', () => {
    const text = dump('get-query-tcp8001-request.tcpdump-X');
    // a second segment of the same flow, 10 bytes after the first one ends: sequence +418
    const frame = parseHexDump(text).frames![0]!;
    const later = Uint8Array.from(frame);
    const seq = Buffer.from(later.subarray(24, 28)).readUInt32BE(0) + 418;
    Buffer.from(later.buffer).writeUInt32BE(seq, 24);
    const error = dumpError(`${tsharkLines(frame)}\n\n${tsharkLines(later)}\n`);
    expect([error.code, error.message]).toEqual([
      'stream-gap',
      'the capture misses 10 bytes of the stream from 127.0.0.1:48694 (after byte 408)',
    ]);
  });
});

describe('plain hex as people paste it', () => {
  it.each([
    ['00 94 01 00', '00940100'],
    ['0x00, 0x94, 0x1, 0x00', '00940100'],
    ['\\x00\\x94\\x01\\x00', '00940100'],
    ['00:94:01:00', '00940100'],
    ['0094 0100\r\n', '00940100'],
    ['DEADbeef', 'deadbeef'],
  ])('%j', (text, hex) => {
    expect(Buffer.from(parseHexDump(text).bytes).toString('hex')).toBe(hex);
  });

  it('refuses what is not a dump, saying where', () => {
    expect(dumpError('hello world').code).toBe('unrecognized');
    expect(dumpError('00 94\nGET / HTTP/1.1').message).toBe(
      'line 2 is not in any hex dump form this reads',
    );
    expect(dumpError('009').message).toBe('line 1: an odd number of hex digits (half a byte)');
    expect(dumpError('   \n').code).toBe('empty');
    expect(dumpError('00000000  61 61  |aa|\n*\n').message).toBe(
      'the dump ends with "*" but no offset says where the repeat stops',
    );
    expect(dumpError('00000000  61 61  |aa|\n*\n00000003\n').message).toBe(
      'line 3: "*" does not repeat whole lines up to offset 3',
    );
    const array = dump('get-query.xxd-i').replace(
      'get_query_bin_len = 408',
      'get_query_bin_len = 409',
    );
    expect(dumpError(array).message).toBe('the array has 408 bytes but its length says 409');
    const shifted = dump('get-query.hexdump-C').replace(/^00000010/m, '00000011');
    expect(dumpError(shifted).message).toBe(
      'line 2: the offset says byte 17 but the lines before it hold 16 bytes',
    );
  });
});

describe('formatHexDump', () => {
  it.each(['get-query', 'long-nonascii-header', 'post-form'])(
    'prints %s exactly as hexdump -C does',
    (name) => {
      expect(formatHexDump(vectorBytes(name))).toBe(dump(`${name}.hexdump-C`));
    },
  );

  it('can print 8 bytes a line and without squeezing, and reads back', () => {
    const bytes = utf8Bytes('a'.repeat(40));
    const narrow = formatHexDump(bytes, { width: 8, squeeze: false });
    expect(narrow.split('\n')[0]).toBe('00000000  61 61 61 61 61 61 61 61  |aaaaaaaa|');
    expect(narrow.split('\n').length).toBe(7);
    expect(parseHexDump(formatHexDump(bytes)).bytes).toEqual(bytes);
    expect(formatHexDump(new Uint8Array(0))).toBe('');
  });
});
