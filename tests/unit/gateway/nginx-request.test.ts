// Reading a request as nginx does: URI normalisation (ngx_http_parse_complex_uri), the request line
// and headers, Host validation, the header-buffer limits, variables and server selection.

import { describe, expect, it } from 'vitest';
import { latin1Text } from '../../../src/protocol/index.ts';
import {
  parseRequestHead,
  validateHost,
  DEFAULT_HEAD_LIMITS,
} from '../../../src/gateway/nginx/request-head.ts';
import { normalizeUri } from '../../../src/gateway/nginx/uri-normalize.ts';

function uri(target: string): string {
  const result = normalizeUri(target);
  return result.ok
    ? `${result.uri}${result.args === undefined ? '' : `?${result.args}`}`
    : 'INVALID';
}

describe('normalizeUri', () => {
  it.each([
    ['/a/./b/', '/a/b/'],
    ['/a//b///c', '/a/b/c'],
    ['/x/../a/b/', '/a/b/'],
    ['/a/b/..', '/a/'],
    ['/a/b/.', '/a/b/'],
    ['/a%20b/%ED%95%9C', '/a b/\xed\x95\x9c'],
    ['/a%2Fb', '/a/b'],
    ['/a/b/%2e%2e/c', '/a/c'],
    ['/%25/%23/%3F', '/%/#/?'],
    ['/q?x=/a/../b#frag', '/q?x=/a/../b'],
    ['/q#frag?x', '/q'],
    ['/a+b', '/a+b'],
  ])('%s → %s', (target, expected) => {
    expect(uri(target)).toBe(expected);
  });

  it.each(['/..', '/a/../../b', '/%00', '/%zz', '/%4'])('refuses %s (400)', (target) => {
    expect(uri(target)).toBe('INVALID');
  });

  it('keeps slashes when merge_slashes is off', () => {
    const result = normalizeUri('/a//b', false);
    expect(result.ok && result.uri).toBe('/a//b');
  });

  it('finds the extension of the last segment', () => {
    const result = normalizeUri('/a.d/index.HTML?x=1');
    expect(result.ok && result.exten).toBe('HTML');
  });
});

describe('validateHost', () => {
  it.each([
    ['HelloWorld.Haruair.COM:8080', 'helloworld.haruair.com'],
    ['example.com.', 'example.com'],
    ['[::1]:80', '[::1]'],
    ['a..b', undefined],
    ['a/b', undefined],
    ['', undefined],
    [':80', undefined],
  ])('%s → %s', (host, expected) => {
    expect(validateHost(host)).toBe(expected);
  });
});

function head(text: string, limits = DEFAULT_HEAD_LIMITS): ReturnType<typeof parseRequestHead> {
  return parseRequestHead(text, limits);
}

describe('parseRequestHead', () => {
  it('reads the request line, headers in order and the host', () => {
    const result = head(
      'GET /hello?x=1&y=%ED%95%9C HTTP/1.1\r\nHost: HelloWorld.haruair.com:8080\r\nUser-Agent: curl/7.88.1\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n',
    );
    if (result.ok !== true) throw new Error('refused');
    expect(result.head).toMatchObject({
      method: 'GET',
      requestUri: '/hello?x=1&y=%ED%95%9C',
      uri: '/hello',
      args: 'x=1&y=%ED%95%9C',
      protocol: 'HTTP/1.1',
      host: 'helloworld.haruair.com',
      hostSource: 'host-header',
    });
    expect(result.head.headers.map((h) => h.name)).toEqual([
      'Host',
      'User-Agent',
      'Cookie',
      'Cookie',
    ]);
  });

  it('takes the host of an absolute-form target over the Host header', () => {
    const result = head(
      'GET http://Example.COM:81/abs?x=1 HTTP/1.1\r\nHost: malformedhost\r\n\r\n',
    );
    if (result.ok !== true) throw new Error('refused');
    expect(result.head).toMatchObject({
      host: 'example.com',
      hostSource: 'request-line',
      requestUri: '/abs?x=1',
      uri: '/abs',
    });
  });

  it('drops header names with underscores unless allowed', () => {
    const text = 'GET / HTTP/1.1\r\nHost: a\r\nX_Custom: 1\r\nX.Dot: 2\r\n\r\n';
    const dropped = head(text);
    if (dropped.ok !== true) throw new Error('refused');
    expect(dropped.head.headers.map((h) => h.name)).toEqual(['Host']);
    expect(dropped.head.ignoredHeaders.map((h) => h.name)).toEqual(['X_Custom', 'X.Dot']);
    const kept = head(text, { ...DEFAULT_HEAD_LIMITS, underscoresInHeaders: true });
    if (kept.ok !== true) throw new Error('refused');
    expect(kept.head.headers.map((h) => h.name)).toEqual(['Host', 'X_Custom']);
  });

  it('waits for the rest of an unfinished head', () => {
    expect(head('GET / HTTP/1.1\r\nHost: a\r\n').ok).toBe('incomplete');
  });

  it.each([
    ['GET / HTTP/1.1\r\n\r\n', 400, 'client sent HTTP/1.1 request without "Host" header'],
    ['GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400, 'client sent duplicate host header'],
    ['GET / HTTP/1.1\r\nHost: a..b\r\n\r\n', 400, 'client sent invalid host header'],
    ['get / HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'client sent invalid method'],
    ['GET /../x HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'client sent invalid request'],
    ['GET / HTTP/2.0\r\nHost: a\r\n\r\n', 505, 'client sent unsupported HTTP version'],
    [
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n',
      501,
      'client sent unknown "Transfer-Encoding": "gzip"',
    ],
    [
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n',
      400,
      'client sent invalid "Content-Length" header',
    ],
    [
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
      'client sent "Content-Length" and "Transfer-Encoding" headers at the same time',
    ],
  ])('refuses %j with %i', (text, status, reason) => {
    const result = head(text);
    expect(result).toMatchObject({ ok: false, status, reason });
  });

  it('answers 400 (494) to one header line over a large buffer and 414 to a long request line', () => {
    expect(head(`GET / HTTP/1.1\r\nHost: a\r\nX-Huge: ${'h'.repeat(9000)}\r\n\r\n`)).toMatchObject({
      ok: false,
      status: 494,
    });
    expect(head(`GET /${'u'.repeat(9000)} HTTP/1.1\r\nHost: a\r\n\r\n`)).toMatchObject({
      ok: false,
      status: 414,
    });
    const roomy = { ...DEFAULT_HEAD_LIMITS, largeBuffers: { count: 16, size: 16384 } };
    expect(head(`GET / HTTP/1.1\r\nHost: a\r\nX-Huge: ${'h'.repeat(9000)}\r\n\r\n`, roomy).ok).toBe(
      true,
    );
    const fourBig = Array.from({ length: 5 }, (_, i) => `X-${i}: ${'h'.repeat(7000)}\r\n`).join('');
    expect(head(`GET / HTTP/1.1\r\nHost: a\r\n${fourBig}\r\n`)).toMatchObject({
      ok: false,
      status: 494,
    });
  });

  it('keeps the body bytes after the head', () => {
    const result = head('POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc');
    if (result.ok !== true) throw new Error('refused');
    expect(latin1Text(result.head.rest)).toBe('abc');
    expect(result.head.contentLength).toBe(3);
  });
});
