// Reading the 4-byte uwsgi header and the checks uWSGI makes on it before it reads any further:
// the buffer-size limit, and the classic mistake of speaking HTTP to a uwsgi socket.

import type { DecodeOptions } from './decode-options.ts';
import { HEADER_SIZE, type PacketHeader } from './packet.ts';
import { PacketError, UWSGI_LOG_SHORT_READ } from './packet-error.ts';

/** uWSGI's default `--buffer-size` (core/init.c: `uwsgi.buffer_size = 4096;`). */
export const UWSGI_DEFAULT_BUFFER_SIZE = 4096;

/** Reads the header at the start of `bytes`; checks it against `bufferSize` when one is set. */
export function readHeader(bytes: Uint8Array, options: DecodeOptions): PacketHeader {
  if (bytes.length < HEADER_SIZE) throw truncatedHeader(bytes.length);
  // Byte by byte, as nginx writes it (ngx_http_uwsgi_module.c: len & 0xff, then (len >> 8) & 0xff).
  const header: PacketHeader = {
    modifier1: bytes[0]!,
    datasize: bytes[1]! | (bytes[2]! << 8),
    modifier2: bytes[3]!,
  };
  checkBufferSize(header.datasize, options);
  return header;
}

/** The input ends inside the header; uWSGI logs nothing when the stream had no byte at all. */
export function truncatedHeader(length: number): PacketError {
  return new PacketError(
    'truncated-header',
    0,
    `a uwsgi header is 4 bytes but the input has ${length}`,
    length === 0 ? {} : { uwsgiLog: UWSGI_LOG_SHORT_READ },
  );
}

/**
 * uWSGI refuses a datasize over its buffer size as soon as it has the header, and closes the
 * connection without a reply (proto/uwsgi.c, uwsgi_proto_uwsgi_parser).
 */
export function checkBufferSize(datasize: number, options: DecodeOptions): void {
  const max = options.bufferSize;
  if (max !== undefined && datasize > max) {
    const line = invalidBlockSizeLine(datasize, max);
    throw new PacketError('too-big', 1, line, { uwsgiLog: line });
  }
}

/** uWSGI 2.0.21's log line for a datasize over the buffer size (proto/uwsgi.c line 25). */
export function invalidBlockSizeLine(datasize: number, bufferSize: number): string {
  return `invalid request block size: ${datasize} (max ${bufferSize})...skip`;
}

/**
 * The error for a packet that ends before its datasize does. When the bytes are really HTTP — a
 * request sent straight to a uwsgi socket, or uWSGI's own answer — it says that instead: `GET `
 * read as a header is modifier1 71 with datasize 21573, the number the uWSGI docs single out
 * (ThingsToKnow.rst).
 */
export function shortBlockError(bytes: Uint8Array, header: PacketHeader): PacketError {
  const follow = bytes.length - HEADER_SIZE;
  const http = httpKind(bytes);
  if (http === 'request') {
    const uwsgiLog =
      header.datasize > UWSGI_DEFAULT_BUFFER_SIZE
        ? invalidBlockSizeLine(header.datasize, UWSGI_DEFAULT_BUFFER_SIZE)
        : UWSGI_LOG_SHORT_READ;
    return new PacketError(
      'looks-like-http',
      0,
      `this is an HTTP request, not a uwsgi packet: its first 4 bytes read as a uwsgi header give modifier1 ${header.modifier1} and datasize ${header.datasize}, but ${follow} bytes follow`,
      { uwsgiLog },
    );
  }
  if (http === 'response') {
    return new PacketError(
      'looks-like-http',
      0,
      `this is an HTTP response (uWSGI answers with raw HTTP), not a uwsgi packet: "HTTP" read as a uwsgi header gives modifier1 72 and datasize ${header.datasize}, but ${follow} bytes follow`,
    );
  }
  return new PacketError(
    'datasize-mismatch',
    HEADER_SIZE,
    `datasize says ${header.datasize} bytes but ${follow} follow`,
    { uwsgiLog: UWSGI_LOG_SHORT_READ },
  );
}

// A request line ("GET /path HTTP/1.1") or a status line ("HTTP/1.1 200 OK") within the first bytes.
const REQUEST_LINE = /^[A-Z][A-Z-]{2,19} [!-~]+ HTTP\/\d\.\d\r?$/;
const STATUS_LINE = /^HTTP\/\d\.\d \d{3}(?: [^\r\n]*)?\r?$/;

function httpKind(bytes: Uint8Array): 'request' | 'response' | undefined {
  let end = bytes.indexOf(0x0a);
  if (end < 0) end = Math.min(bytes.length, 8192);
  let line = '';
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return undefined;
    line += String.fromCharCode(byte);
  }
  if (REQUEST_LINE.test(line)) return 'request';
  if (STATUS_LINE.test(line)) return 'response';
  return undefined;
}
