// The HTTP/1.x codec: requests and responses in any chunking, Content-Length, chunked, to-close.

import { describe, expect, it } from 'vitest';
import { concatBytes, latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { encodeChunked } from '../../../src/protocol/http/chunked-body.ts';
import { headerValue } from '../../../src/protocol/http/http-message.ts';
import { HttpParseError } from '../../../src/protocol/http/http-parse-error.ts';
import {
  HttpParser,
  parseHttpRequest,
  parseHttpResponse,
  type HttpEvent,
} from '../../../src/protocol/http/http-parser.ts';
import {
  serializeHttpRequest,
  serializeHttpResponse,
} from '../../../src/protocol/http/http-serialize.ts';
import { VECTORS_DIR, vectorBytes } from './vector-files.ts';
import { readFileSync } from 'node:fs';

const curlRequest = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(`${VECTORS_DIR}${name}.http`));

function parseError(run: () => unknown): HttpParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpParseError) return error;
    throw error;
  }
  throw new Error('expected an HttpParseError');
}

function byteByByte(parser: HttpParser, bytes: Uint8Array): HttpEvent[] {
  const events: HttpEvent[] = [];
  for (let i = 0; i < bytes.length; i++) events.push(...parser.push(bytes.subarray(i, i + 1)));
  return [...events, ...parser.end()];
}

describe('HTTP requests (what curl sent nginx for each vector)', () => {
  it('reads a GET: method, target, version, headers in order', () => {
    const request = parseHttpRequest(curlRequest('get-query'));
    expect([request.method, request.target, request.version]).toEqual([
      'GET',
      '/hello?x=1&y=%ED%95%9C',
      'HTTP/1.1',
    ]);
    expect(request.headers).toEqual([
      ['Host', 'helloworld.haruair.com'],
      ['User-Agent', 'curl/7.88.1'],
      ['Accept', '*/*'],
    ]);
    expect(request.framing).toEqual({ type: 'none' });
    expect(serializeHttpRequest(request)).toEqual(curlRequest('get-query'));
  });

  it('reads a Content-Length body', () => {
    const request = parseHttpRequest(curlRequest('post-form'));
    expect(request.framing).toEqual({ type: 'length', length: 20 });
    expect(latin1Text(request.body)).toBe('name=haruair&lang=ko');
    expect(serializeHttpRequest(request)).toEqual(curlRequest('post-form'));
  });

  it('de-chunks a chunked body, as nginx does before passing it on', () => {
    const bytes = curlRequest('post-chunked');
    const request = parseHttpRequest(bytes);
    expect(request.framing).toEqual({ type: 'chunked' });
    expect(latin1Text(request.body)).toBe('name=haruair&lang=ko');
    // the body nginx forwarded in the post-chunked vector
    const packet = vectorBytes('post-chunked');
    expect(request.body).toEqual(packet.subarray(packet.length - 20));
    expect(serializeHttpRequest(request)).toEqual(bytes);
  });

  it('gives the same events one byte at a time', () => {
    for (const name of ['get-root', 'post-form', 'post-chunked', 'long-nonascii-header']) {
      const bytes = curlRequest(name);
      const events = byteByByte(new HttpParser('request'), bytes);
      const body = concatBytes(
        events.flatMap((event) => (event.type === 'body' ? [event.chunk] : [])),
      );
      expect(body).toEqual(parseHttpRequest(bytes).body);
      expect(events[events.length - 1]).toEqual({ type: 'end' });
    }
  });

  it('keeps header bytes that are not ASCII, one character per byte', () => {
    const request = parseHttpRequest(curlRequest('long-nonascii-header'));
    expect(headerValue(request.headers, 'x-name')).toBe('\u00ed\u0095\u009c\u00ea\u00b8\u0080');
    expect(headerValue(request.headers, 'X-Long')?.length).toBe(3000);
  });

  it('reports trailers and a pipelined second request', () => {
    const bytes = utf8Bytes(
      'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\nGET / HTTP/1.1\r\n\r\n',
    );
    const request = parseHttpRequest(bytes);
    expect(latin1Text(request.body)).toBe('abc');
    expect(request.trailers).toEqual([['X-Sum', '1']]);
    expect(latin1Text(request.rest)).toBe('GET / HTTP/1.1\r\n\r\n');
  });

  it('accepts bare LF line ends', () => {
    expect(parseHttpRequest(utf8Bytes('GET /a HTTP/1.0\nHost: x\n\n')).headers).toEqual([
      ['Host', 'x'],
    ]);
  });

  it('refuses what is not HTTP/1.x', () => {
    expect(parseError(() => parseHttpRequest(utf8Bytes('GET /\r\n\r\n'))).code).toBe(
      'bad-start-line',
    );
    expect(
      parseError(() => parseHttpRequest(utf8Bytes('GET / HTTP/1.1\r\nBad Header: x\r\n\r\n')))
        .message,
    ).toBe('not a header field: "Bad Header: x"');
    expect(
      parseError(() => parseHttpRequest(utf8Bytes('GET / HTTP/1.1\r\n folded\r\n\r\n'))).code,
    ).toBe('bad-header');
    expect(
      parseError(() =>
        parseHttpRequest(utf8Bytes('GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n')),
      ).code,
    ).toBe('bad-content-length');
    expect(
      parseError(() =>
        parseHttpRequest(utf8Bytes('GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n')),
      ).code,
    ).toBe('bad-transfer-encoding');
    expect(
      parseError(() =>
        parseHttpRequest(utf8Bytes('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')),
      ).code,
    ).toBe('bad-chunk');
    expect(
      parseError(() => parseHttpRequest(utf8Bytes('GET / HTTP/1.1\r\nHost: x\r\n'))).message,
    ).toBe('the input ends inside the request head');
    expect(
      parseError(() =>
        parseHttpRequest(utf8Bytes('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab')),
      ).message,
    ).toBe('Content-Length says 5 bytes but the input ends 3 bytes short');
    expect(
      parseError(() =>
        new HttpParser('request', { maxHeadSize: 10 }).push(utf8Bytes('GET / HTTP/1.1\r\n')),
      ).code,
    ).toBe('head-too-big');
  });

  it('agrees that several equal Content-Length values are one', () => {
    expect(
      parseHttpRequest(
        utf8Bytes('POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab'),
      ).body.length,
    ).toBe(2);
  });
});

describe('HTTP responses (what uWSGI answered)', () => {
  it('reads a Content-Length response and writes it back byte for byte', () => {
    const bytes = vectorBytes('uwsgi-resp-get-query');
    const response = parseHttpResponse(bytes);
    expect([response.version, response.status, response.reason]).toEqual(['HTTP/1.1', 200, 'OK']);
    expect(new TextDecoder().decode(response.body)).toBe('hello; args: x=1, y=한\n');
    expect(serializeHttpResponse(response)).toEqual(bytes);
  });

  it('reads a response without length to the end of the connection (uWSGI’s no-app 500)', () => {
    const bytes = vectorBytes('uwsgi-resp-no-app');
    const parser = new HttpParser('response');
    const events = parser.push(bytes);
    expect(events.map((event) => event.type)).toEqual(['head', 'body']);
    expect(parser.end()).toEqual([{ type: 'end' }]);
    const response = parseHttpResponse(bytes);
    expect(response.framing).toEqual({ type: 'close' });
    expect(latin1Text(response.body)).toBe('Internal Server Error');
  });

  it('knows a HEAD response has no body, Content-Length or not', () => {
    const response = parseHttpResponse(vectorBytes('uwsgi-resp-head'), { requestMethod: 'HEAD' });
    expect(headerValue(response.headers, 'content-length')).toBe('12');
    expect(response.body.length).toBe(0);
  });

  it('knows 1xx, 204 and 304 have no body', () => {
    for (const status of [100, 204, 304]) {
      expect(
        parseHttpResponse(utf8Bytes(`HTTP/1.1 ${status} X\r\nContent-Length: 5\r\n\r\n`)).body
          .length,
      ).toBe(0);
    }
  });

  it('reads a chunked response and writes one chunk back', () => {
    const bytes = utf8Bytes(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n7\r\n World!\r\n0\r\n\r\n',
    );
    const response = parseHttpResponse(bytes);
    expect(latin1Text(response.body)).toBe('Hello World!');
    expect(latin1Text(serializeHttpResponse(response))).toBe(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nc\r\nHello World!\r\n0\r\n\r\n',
    );
  });

  it('accepts a status line without a reason', () => {
    expect(parseHttpResponse(utf8Bytes('HTTP/1.0 200\r\n\r\n')).reason).toBe('');
  });
});

describe('chunked coding', () => {
  it('encodes an empty body as the last chunk alone', () => {
    expect(latin1Text(encodeChunked(new Uint8Array(0)))).toBe('0\r\n\r\n');
    expect(latin1Text(encodeChunked(utf8Bytes('ab'), [['X', 'y']]))).toBe(
      '2\r\nab\r\n0\r\nX: y\r\n\r\n',
    );
  });
});
