// HTTP/1.x messages to bytes: start line, `Name: value` lines, CRLF, body. With a chunked
// Transfer-Encoding the body is written as one chunk (and the trailers); otherwise as it is.
// A message parsed from CRLF-framed bytes with single-space `Name: value` fields (as uWSGI writes
// them) serializes back to the same bytes.

import { concatBytes, latin1Bytes } from '../byte-text.ts';
import { encodeChunked } from './chunked-body.ts';
import {
  transferCodings,
  type HttpHeader,
  type HttpRequestHead,
  type HttpResponseHead,
} from './http-message.ts';

export interface HttpMessageBody {
  readonly body?: Uint8Array;
  readonly trailers?: readonly HttpHeader[];
}

export function serializeHttpRequest(
  request: Omit<HttpRequestHead, 'kind'> & HttpMessageBody,
): Uint8Array {
  return serialize(
    `${request.method} ${request.target} ${request.version}`,
    request.headers,
    request,
  );
}

export function serializeHttpResponse(
  response: Omit<HttpResponseHead, 'kind'> & HttpMessageBody,
): Uint8Array {
  // uWSGI writes "HTTP/1.1 200 OK"; an empty reason keeps the space before it, as RFC 9112 §4 has it
  return serialize(
    `${response.version} ${response.status} ${response.reason}`,
    response.headers,
    response,
  );
}

function serialize(
  startLine: string,
  headers: readonly HttpHeader[],
  message: HttpMessageBody,
): Uint8Array {
  const head = latin1Bytes(
    `${startLine}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`,
  );
  const body = message.body ?? new Uint8Array(0);
  return concatBytes([head, isChunked(headers) ? encodeChunked(body, message.trailers) : body]);
}

function isChunked(headers: readonly HttpHeader[]): boolean {
  const codings = transferCodings(headers);
  return codings !== undefined && codings[codings.length - 1] === 'chunked';
}
