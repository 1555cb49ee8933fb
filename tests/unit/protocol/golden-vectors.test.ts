// Golden tests: every captured vector decodes to exactly what its .txt lists, encodes back to the
// same bytes, is annotated byte for byte, and every uWSGI answer parses as its .txt shows.

import { describe, expect, it } from 'vitest';
import { annotate } from '../../../src/protocol/annotate.ts';
import { hexOf, latin1Text, utf8Text } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { encode, encodingLength } from '../../../src/protocol/encode.ts';
import { parseHttpResponse } from '../../../src/protocol/http/http-parser.ts';
import { serializeHttpResponse } from '../../../src/protocol/http/http-serialize.ts';
import { modifier2Id } from '../../../src/protocol/modifiers.ts';
import { PacketReader, type ReaderEvent } from '../../../src/protocol/packet-reader.ts';
import { catchPacketError, leafCoverage } from './test-helpers.ts';
import {
  expectedRequest,
  expectedResponse,
  requestOf,
  requestVectorNames,
  responseVectorNames,
  vectorBytes,
} from './vector-files.ts';

const requests = requestVectorNames();
const responses = responseVectorNames();

describe('the captured vectors', () => {
  it('are all here: 10 requests and 10 answers', () => {
    expect(requests).toEqual([
      'get-query',
      'get-root',
      'head',
      'long-nonascii-header',
      'manual-echo',
      'manual-ping',
      'no-app',
      'over-4096',
      'post-chunked',
      'post-form',
    ]);
    expect(responses.map(requestOf).sort()).toEqual(requests);
  });
});

describe.each(requests)('request vector %s', (name) => {
  const bytes = vectorBytes(name);
  const expected = expectedRequest(name);

  it('decodes to exactly the header, vars and body its .txt lists', () => {
    const packet = decode(bytes);
    expect(packet.modifier1).toBe(expected.modifier1);
    expect(packet.datasize).toBe(expected.datasize);
    expect(packet.modifier2).toBe(expected.modifier2);
    expect(packet.trailing.length).toBe(0);
    if (expected.kind === 'payload') {
      expect(packet.kind).toBe('payload');
      if (packet.kind === 'payload') expect(latin1Text(packet.payload)).toBe(expected.payload);
      return;
    }
    expect(hexOf(bytes.subarray(0, 4))).toBe(expected.headerHex);
    expect(bytes.length).toBe(expected.total);
    expect(packet.kind).toBe('vars');
    if (packet.kind !== 'vars') return;
    expect(packet.vars.length).toBe(expected.pairs);
    expect(packet.vars.length).toBe(expected.vars.length);
    let offset = 4;
    packet.vars.forEach(([key, value], i) => {
      const want = expected.vars[i]!;
      expect(offset, `offset of var ${i}`).toBe(want.offset);
      expect(hexOf(bytes.subarray(offset, offset + 2), ' ')).toBe(want.keyLengthBytes);
      expect(key.length).toBe(want.keyLength);
      expect(latin1Text(key)).toBe(want.key);
      expect(hexOf(bytes.subarray(offset + 2 + key.length, offset + 4 + key.length), ' ')).toBe(
        want.valueLengthBytes,
      );
      expect(value.length).toBe(want.valueLength);
      const text = utf8Text(value);
      if (want.value.kind === 'text') expect(text).toBe(want.value.text);
      else {
        expect(value.length).toBe(want.value.length);
        expect(text?.startsWith(want.value.first)).toBe(true);
        expect(text?.endsWith(want.value.last)).toBe(true);
      }
      if (want.valueHex !== undefined) expect(hexOf(value)).toBe(want.valueHex);
      offset += 4 + key.length + value.length;
    });
    expect(packet.body.length).toBe(expected.bodyLength);
    expect(utf8Text(packet.body)).toBe(expected.body);
  });

  it('encodes back to the same bytes, from bytes and from strings', () => {
    expect(encode(decode(bytes))).toEqual(bytes);
    expect(encode(decode(bytes, { strings: true }))).toEqual(bytes);
    expect(encodingLength(decode(bytes))).toBe(bytes.length);
  });

  it('is annotated with every byte in exactly one field', () => {
    const ranges = annotate(bytes);
    expect(leafCoverage(ranges, bytes.length)).toEqual(new Array(bytes.length).fill(1));
    expect(ranges.some((range) => range.field === 'broken')).toBe(false);
    if (expected.kind === 'vars') {
      const vars = ranges.find((range) => range.field === 'vars');
      expect(vars?.children.map((child) => child.start)).toEqual(
        expected.vars.map((v) => v.offset),
      );
    }
  });

  it('reads the same through PacketReader, one byte at a time', () => {
    const reader = new PacketReader();
    const events: ReaderEvent[] = [];
    for (let i = 0; i < bytes.length; i++) events.push(...reader.push(bytes.subarray(i, i + 1)));
    events.push(...reader.end());
    const packet = decode(bytes);
    expect(events[0]).toEqual({
      type: 'header',
      header: {
        modifier1: packet.modifier1,
        datasize: packet.datasize,
        modifier2: packet.modifier2,
      },
    });
    expect(events[events.length - 1]).toEqual({ type: 'end' });
    const body = events.flatMap((event) => (event.type === 'body' ? [...event.chunk] : []));
    if (packet.kind === 'vars') {
      expect(events.find((event) => event.type === 'vars')).toEqual({
        type: 'vars',
        vars: packet.vars,
        bodyLength: packet.body.length,
      });
      expect(body).toEqual([...packet.body]);
    } else {
      expect(events.find((event) => event.type === 'payload')).toEqual({
        type: 'payload',
        payload: packet.payload,
      });
    }
  });
});

describe('over-4096', () => {
  it('is refused with uWSGI’s own line when bufferSize is uWSGI’s 4096', () => {
    const error = catchPacketError(() => decode(vectorBytes('over-4096'), { bufferSize: 4096 }));
    expect(error.code).toBe('too-big');
    expect(error.offset).toBe(1);
    expect(error.message).toBe('invalid request block size: 5377 (max 4096)...skip');
    expect(error.uwsgiLog).toBe(error.message);
    expect(() => decode(vectorBytes('over-4096'), { bufferSize: 5377 })).not.toThrow();
  });
});

describe.each(responses)('answer vector %s', (name) => {
  const bytes = vectorBytes(name);
  const expected = expectedResponse(name);
  const request = decode(vectorBytes(requestOf(name)));
  const method = request.kind === 'vars' ? varText(request.vars, 'REQUEST_METHOD') : undefined;

  it('is what its .txt shows', () => {
    switch (expected.kind) {
      case 'nothing':
        // uWSGI reset the connection: it wrote nothing at all
        expect(bytes.length).toBe(0);
        expect(expected.ending).toBe('reset');
        expect(request.datasize).toBeGreaterThan(4096);
        return;
      case 'bytes':
        expect(hexOf(bytes)).toBe(expected.hex);
        return;
      case 'http': {
        expect(bytes.length).toBe(expected.total);
        const response = parseHttpResponse(
          bytes,
          method === undefined ? {} : { requestMethod: method },
        );
        expect(`${response.version} ${response.status} ${response.reason}`).toBe(
          expected.statusLine,
        );
        expect(response.body.length).toBe(expected.bodyLength);
        expect(bytes.length - response.body.length).toBe(expected.headerBlock);
        expect(response.rest.length).toBe(0);
        // the .txt shows the answer as text, CRLF as line breaks (and its own final line break)
        expect(utf8Text(bytes)?.replace(/\r\n/g, '\n').replace(/\n+$/, '')).toBe(
          expected.text.replace(/\n+$/, ''),
        );
        // and it goes back to the same bytes
        expect(serializeHttpResponse(response)).toEqual(bytes);
        // uWSGI writes no Date header; nginx adds it
        expect(response.headers.some(([header]) => header.toLowerCase() === 'date')).toBe(false);
        return;
      }
    }
  });
});

describe('the non-HTTP answers', () => {
  it('ping: a bare uwsgi header 64 00 00 01, modifier2 1 = PONG', () => {
    const pong = decode(vectorBytes('uwsgi-resp-ping'));
    expect(pong).toMatchObject({ kind: 'payload', modifier1: 100, datasize: 0, modifier2: 1 });
    expect(modifier2Id(100, pong.modifier2)).toBe('pong');
  });

  it('echo: the request’s payload alone, no header', () => {
    const echo = decode(vectorBytes('manual-echo'));
    expect(echo.kind === 'payload' ? echo.payload : undefined).toEqual(
      vectorBytes('uwsgi-resp-echo'),
    );
  });

  it('the HTTP answers read as uwsgi packets are HTTP, not packets', () => {
    const error = catchPacketError(() => decode(vectorBytes('uwsgi-resp-get-root')));
    expect(error.code).toBe('looks-like-http');
    expect(error.message).toContain('HTTP response');
  });
});

function varText(
  vars: readonly (readonly [Uint8Array, Uint8Array])[],
  key: string,
): string | undefined {
  const found = vars.find(([candidate]) => latin1Text(candidate) === key);
  return found === undefined ? undefined : latin1Text(found[1]);
}
