// decode: how each modifier is read, the options, and every way a packet can be refused — with the
// exact message, offset and the line real uWSGI 2.0.21 logs for the same bytes.

import { describe, expect, it } from 'vitest';
import { latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { catchPacketError, hex } from './test-helpers.ts';
import { vectorBytes } from './vector-files.ts';

// A vars block by hand: [key, value] pairs as u16-LE length + bytes.
function block(...pairs: [string, string][]): string {
  return pairs
    .map(([key, value]) => {
      const k = Buffer.from(key);
      const v = Buffer.from(value);
      return `${le16(k.length)}${k.toString('hex')}${le16(v.length)}${v.toString('hex')}`;
    })
    .join('');
}
function le16(n: number): string {
  return Buffer.from([n & 0xff, n >> 8]).toString('hex');
}
function packet(
  modifier1: number,
  blockHex: string,
  after = '',
  datasize = blockHex.length / 2,
): Uint8Array {
  return hex(`${modifier1.toString(16).padStart(2, '0')}${le16(datasize)}00${blockHex}${after}`);
}

describe('decode reads the payload as the modifier says', () => {
  it('modifier1 0: a vars block, then CONTENT_LENGTH body bytes, then trailing bytes', () => {
    const bytes = packet(
      0,
      block(['CONTENT_LENGTH', '3'], ['PATH_INFO', '/']),
      Buffer.from('abcXY').toString('hex'),
    );
    const decoded = decode(bytes, { strings: true });
    expect(decoded.kind).toBe('vars');
    if (decoded.kind !== 'vars') return;
    expect(decoded.vars).toEqual([
      ['CONTENT_LENGTH', '3'],
      ['PATH_INFO', '/'],
    ]);
    expect(latin1Text(decoded.body)).toBe('abc');
    expect(latin1Text(decoded.trailing)).toBe('XY');
  });

  it('keeps repeated keys, in order (nginx 1.22 repeats headers)', () => {
    const decoded = decode(packet(0, block(['HTTP_COOKIE', 'a=1'], ['HTTP_COOKIE', 'b=2'])), {
      strings: true,
    });
    expect(decoded.kind === 'vars' && decoded.vars).toEqual([
      ['HTTP_COOKIE', 'a=1'],
      ['HTTP_COOKIE', 'b=2'],
    ]);
  });

  it('gives bytes that are not UTF-8 as bytes, and the rest as strings', () => {
    const bytes = hex('00 0c 00 00  01 00 4b  07 00 ff fe 41 ed 95 9c 42'.replace(/ /g, ''));
    const decoded = decode(bytes, { strings: true });
    expect(decoded.kind === 'vars' && decoded.vars[0]).toEqual(['K', hex('fffe41ed959c42')]);
    const valid = decode(packet(0, '01004b0600' + 'ed959ceab880'), { strings: true });
    expect(valid.kind === 'vars' && valid.vars[0]).toEqual(['K', '한글']);
  });

  it('keeps a leading byte-order mark as bytes of the string', () => {
    const decoded = decode(packet(0, block(['K', '\ufeffx'])), { strings: true });
    expect(decoded.kind === 'vars' && decoded.vars[0]?.[1]).toBe('\ufeffx');
  });

  it('reads CONTENT_LENGTH as uWSGI does: leading digits only, the last one counts', () => {
    const body = (value: string): number => {
      const d = decode(packet(0, block(['CONTENT_LENGTH', value]), '414243444546'));
      return d.kind === 'vars' ? d.body.length : -1;
    };
    expect(body('')).toBe(0);
    expect(body('abc')).toBe(0);
    expect(body('2abc')).toBe(2);
    expect(body(' 2')).toBe(0);
    const twice = decode(
      packet(0, block(['CONTENT_LENGTH', '1'], ['CONTENT_LENGTH', '4']), '414243444546'),
    );
    expect(twice.kind === 'vars' && twice.body.length).toBe(4);
    // matched byte for byte: a lower-case key is just another var
    const lower = decode(packet(0, block(['content_length', '4']), '41424344'));
    expect(lower.kind === 'vars' && lower.body.length).toBe(0);
  });

  it('modifier1 100 (ping): the header alone', () => {
    expect(decode(hex('64000000'))).toMatchObject({
      kind: 'payload',
      modifier1: 100,
      modifier2: 0,
      datasize: 0,
    });
  });

  it('modifier1 101 (echo) and modifiers the docs do not list: opaque payload', () => {
    const echo = decode(vectorBytes('manual-echo'));
    expect(echo.kind === 'payload' && latin1Text(echo.payload)).toBe('hello uwsgi');
    const unknown = decode(hex('fa03000061626364'));
    expect(unknown).toMatchObject({ kind: 'payload', modifier1: 250, datasize: 3 });
    expect(unknown.kind === 'payload' && latin1Text(unknown.payload)).toBe('abc');
    expect(latin1Text(unknown.trailing)).toBe('d');
  });

  it('modifier1 17 (spooler): vars, but no body after them', () => {
    const spool = decode(packet(17, block(['CONTENT_LENGTH', '2']), '4142'));
    expect(spool.kind === 'vars' && spool.body.length).toBe(0);
    expect(spool.trailing.length).toBe(2);
  });

  it('accepts datasize 0 with no vars, and the largest datasize, 65535', () => {
    expect(decode(hex('00000000'))).toMatchObject({ kind: 'vars', vars: [], datasize: 0 });
    const big = encode({ vars: [['K', 'v'.repeat(65535 - 5)]] });
    expect(decode(big).datasize).toBe(65535);
  });

  it('returns views into the input, not copies', () => {
    const bytes = packet(0, block(['K', 'v']));
    const decoded = decode(bytes);
    expect(decoded.kind === 'vars' && decoded.vars[0]?.[1].buffer).toBe(bytes.buffer);
  });
});

describe('decode refuses', () => {
  it('fewer than 4 header bytes: truncated-header at byte 0', () => {
    const error = catchPacketError(() => decode(hex('006b01')));
    expect([error.code, error.offset, error.message]).toEqual([
      'truncated-header',
      0,
      'a uwsgi header is 4 bytes but the input has 3',
    ]);
    expect(error.uwsgiLog).toBe('uwsgi_proto_uwsgi_parser(): Success [proto/uwsgi.c line 40]');
    // no bytes at all: uWSGI logs nothing
    expect(catchPacketError(() => decode(new Uint8Array(0))).uwsgiLog).toBeUndefined();
  });

  it('a datasize that says more than follows: datasize-mismatch at byte 4', () => {
    const error = catchPacketError(() => decode(hex('007c0100 0c00 5155455259')));
    expect([error.code, error.offset, error.message]).toEqual([
      'datasize-mismatch',
      4,
      'datasize says 380 bytes but 7 follow',
    ]);
    expect(error.uwsgiLog).toBe('uwsgi_proto_uwsgi_parser(): Success [proto/uwsgi.c line 40]');
  });

  it('a datasize over bufferSize, with uWSGI’s message, before reading further', () => {
    const error = catchPacketError(() => decode(hex('00011100'), { bufferSize: 4096 }));
    expect([error.code, error.offset, error.message]).toEqual([
      'too-big',
      1,
      'invalid request block size: 4353 (max 4096)...skip',
    ]);
    expect(catchPacketError(() => decode(hex('00011100'), { bufferSize: 100 })).message).toBe(
      'invalid request block size: 4353 (max 100)...skip',
    );
    expect(() => decode(packet(0, block(['K', 'v'])), { bufferSize: 6 })).not.toThrow();
  });

  it('HTTP sent to a uwsgi socket: looks-like-http, with the 21573 the uWSGI docs warn about', () => {
    const error = catchPacketError(() => decode(utf8Bytes('GET / HTTP/1.1\r\nHost: x\r\n\r\n')));
    expect(error.code).toBe('looks-like-http');
    expect(error.message).toBe(
      'this is an HTTP request, not a uwsgi packet: its first 4 bytes read as a uwsgi header give modifier1 71 and datasize 21573, but 23 bytes follow',
    );
    expect(error.uwsgiLog).toBe('invalid request block size: 21573 (max 4096)...skip');
    // with uWSGI's buffer size the refusal is uWSGI's own
    expect(
      catchPacketError(() => decode(utf8Bytes('POST / HTTP/1.1\r\n\r\n'), { bufferSize: 4096 }))
        .message,
    ).toBe('invalid request block size: 21327 (max 4096)...skip');
  });

  it('uWSGI’s own HTTP answer: looks-like-http, not a packet', () => {
    const error = catchPacketError(() => decode(vectorBytes('uwsgi-resp-get-root')));
    expect([error.code, error.offset, error.message]).toEqual([
      'looks-like-http',
      0,
      'this is an HTTP response (uWSGI answers with raw HTTP), not a uwsgi packet: "HTTP" read as a uwsgi header gives modifier1 72 and datasize 21588, but 87 bytes follow',
    ]);
  });

  it('a key length in the block’s last byte: key-length-overflow', () => {
    const error = catchPacketError(() => decode(packet(0, block(['A', 'bc']) + '05')));
    expect([error.code, error.offset, error.message]).toEqual([
      'key-length-overflow',
      11,
      '1 byte is left in the vars block where a 2-byte key length should be',
    ]);
    expect(error.uwsgiLog).toBe('invalid uwsgi request (current strsize: 2). skip.');
  });

  it('a zero key length: empty-key, unless allowEmptyKeys', () => {
    const bytes = packet(0, block(['', 'x'], ['K', 'v']));
    const error = catchPacketError(() => decode(bytes));
    expect([error.code, error.offset, error.message]).toEqual([
      'empty-key',
      4,
      'empty key (key length 0)',
    ]);
    expect(error.uwsgiLog).toBe('uwsgi key cannot be null. skip this var.');
    const allowed = decode(bytes, { allowEmptyKeys: true, strings: true });
    expect(allowed.kind === 'vars' && allowed.vars).toEqual([
      ['', 'x'],
      ['K', 'v'],
    ]);
  });

  it('a key that runs past the block: key-overflow at its length', () => {
    const error = catchPacketError(() => decode(packet(0, '0a00414243')));
    expect([error.code, error.offset, error.message]).toEqual([
      'key-overflow',
      4,
      'key length says 10 bytes but 3 are left in the vars block',
    ]);
    // uWSGI 2.0.21 has no refusal of its own for this case
    expect(error.uwsgiLog).toBeUndefined();
  });

  it('a key with no room for its value length: value-length-overflow', () => {
    const error = catchPacketError(() => decode(packet(0, '0300414243' + '07')));
    expect([error.code, error.offset, error.message]).toEqual([
      'value-length-overflow',
      9,
      'key "ABC" leaves 1 bytes in the vars block where a 2-byte value length should be',
    ]);
    expect(error.uwsgiLog).toBe('invalid uwsgi request (current strsize: 3). skip.');
  });

  it('a value that runs past the block: value-overflow at its length (uWSGI: current strsize 32)', () => {
    // the real-output case: PATH_INFO value length 32 but 1 byte left
    const bytes = packet(
      0,
      block(['REQUEST_METHOD', 'GET']) +
        '0900' +
        Buffer.from('PATH_INFO').toString('hex') +
        '2000' +
        '2f',
    );
    const error = catchPacketError(() => decode(bytes));
    expect([error.code, error.offset, error.message]).toEqual([
      'value-overflow',
      36,
      'value length of "PATH_INFO" says 32 bytes but 1 are left in the vars block',
    ]);
    expect(error.uwsgiLog).toBe('invalid uwsgi request (current strsize: 32). skip.');
  });

  it('shows odd bytes of a key in a message as \\x escapes', () => {
    const error = catchPacketError(() => decode(packet(0, '0200ff22' + '0500')));
    expect(error.message).toBe(
      'value length of "\\xff\\"" says 5 bytes but 0 are left in the vars block',
    );
  });

  it('a body shorter than CONTENT_LENGTH: truncated-body at the body’s start', () => {
    const error = catchPacketError(() =>
      decode(packet(0, block(['CONTENT_LENGTH', '20']), '6e616d65')),
    );
    expect([error.code, error.offset, error.message]).toEqual([
      'truncated-body',
      24,
      'CONTENT_LENGTH says 20 bytes of body but 4 follow',
    ]);
  });
});
