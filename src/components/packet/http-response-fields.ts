// The fields of an HTTP response as uWSGI writes it back (no uwsgi header: a status line, header
// lines, a blank line, the body), each line a byte range, read by the codec's HTTP parser. Where the
// parser gives up, the lines before are kept and one `broken` field covers the rest.

import { latin1Text } from '../../protocol/byte-text.ts';
import { HttpParseError } from '../../protocol/http/http-parse-error.ts';
import { parseHttpResponse } from '../../protocol/http/http-parser.ts';
import type { BrokenInfo, SourceField, StatusLine } from './packet-fields.ts';

const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;

/** Whether the bytes begin like an HTTP response (`HTTP/`), as uWSGI's answers do. */
export function looksLikeHttpResponse(bytes: Uint8Array): boolean {
  return latin1Text(bytes.subarray(0, 5)) === 'HTTP/';
}

interface Line {
  readonly start: number;
  /** One past the line's LF. */
  readonly end: number;
  /** The line without its CRLF or LF, one character per byte. */
  readonly text: string;
}

// The head's lines, up to and including the blank one; a line without LF is not a line yet.
function headLines(bytes: Uint8Array): { lines: Line[]; headEnd: number | undefined } {
  const lines: Line[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lf = bytes.indexOf(0x0a, at);
    if (lf < 0) break;
    const contentEnd = lf > at && bytes[lf - 1] === 0x0d ? lf - 1 : lf;
    const line = { start: at, end: lf + 1, text: latin1Text(bytes.subarray(at, contentEnd)) };
    lines.push(line);
    at = lf + 1;
    if (line.text === '' && lines.length > 1) return { lines, headEnd: at };
  }
  return { lines, headEnd: undefined };
}

function statusOf(text: string): StatusLine | undefined {
  const match = STATUS_LINE.exec(text);
  if (!match) return undefined;
  return { version: match[1]!, status: Number(match[2]), reason: match[3] ?? '' };
}

function headerField(line: Line): SourceField {
  const colon = line.text.indexOf(':');
  const name = colon < 0 ? line.text : line.text.slice(0, colon);
  const value = colon < 0 ? '' : line.text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  return {
    data: { kind: 'http-header', value: { name, value } },
    start: line.start,
    end: line.end,
    children: [],
  };
}

function brokenField(start: number, end: number, error: HttpParseError): SourceField {
  const value: BrokenInfo = {
    protocol: 'http',
    code: error.code,
    offset: error.offset,
    message: error.message,
    uwsgiLog: undefined,
  };
  return { data: { kind: 'broken', value }, start, end, children: [] };
}

/** The fields of an HTTP response's bytes; every byte is in exactly one leaf. */
export function httpResponseFields(bytes: Uint8Array): SourceField[] {
  const { lines, headEnd } = headLines(bytes);
  let parsed: ReturnType<typeof parseHttpResponse> | undefined;
  let failure: HttpParseError | undefined;
  let headRequest = false;
  try {
    parsed = parseHttpResponse(bytes);
  } catch (error) {
    if (!(error instanceof HttpParseError)) throw error;
    failure = error;
  }
  // A head that announces a body and ends the bytes: the answer to a HEAD request (uWSGI keeps
  // Flask's Content-Length and sends no body), not a cut-short one.
  if (failure?.code === 'truncated' && headEnd === bytes.length) {
    parsed = parseHttpResponse(bytes, { requestMethod: 'HEAD' });
    failure = undefined;
    headRequest = true;
  }

  const first = lines[0];
  const status = first === undefined ? undefined : statusOf(first.text);
  const lastLine = lines[lines.length - 1];
  // Where the lines the parser accepted end: all of the head when it parsed, else before the failure.
  let goodEnd = headEnd ?? bytes.length;
  if (failure !== undefined) {
    if (failure.code === 'bad-start-line') goodEnd = 0;
    else if (failure.code === 'bad-header') goodEnd = failure.offset;
    else if (headEnd === undefined)
      goodEnd = failure.code === 'truncated' ? (lastLine?.end ?? 0) : 0;
  }
  if (first === undefined || status === undefined || first.end > goodEnd) {
    const error =
      failure ??
      new HttpParseError('bad-start-line', 0, 'the bytes do not start with a status line');
    return [brokenField(0, bytes.length, error)];
  }

  const fields: SourceField[] = [
    { data: { kind: 'status-line', value: status }, start: 0, end: first.end, children: [] },
  ];
  const headerLines = lines.slice(1).filter((line) => line.text !== '' && line.end <= goodEnd);
  if (headerLines.length > 0) {
    fields.push({
      data: { kind: 'http-headers', value: null },
      start: headerLines[0]!.start,
      end: headerLines[headerLines.length - 1]!.end,
      children: headerLines.map(headerField),
    });
  }
  if (headEnd !== undefined && lastLine !== undefined && headEnd <= goodEnd) {
    fields.push({
      data: { kind: 'head-end', value: null },
      start: lastLine.start,
      end: lastLine.end,
      children: [],
    });
  }
  const doneTo = fields[fields.length - 1]!.end;
  if (parsed === undefined) {
    const error = failure ?? new HttpParseError('truncated', doneTo, 'the response is cut short');
    fields.push(brokenField(doneTo, bytes.length, error));
    return fields;
  }
  const bodyEnd = bytes.length - parsed.rest.length;
  fields.push({
    data: {
      kind: 'http-body',
      value: { body: parsed.body, framing: parsed.framing, headRequest },
    },
    start: doneTo,
    end: bodyEnd,
    children: [],
  });
  if (parsed.rest.length > 0) {
    fields.push({
      data: { kind: 'trailing', value: parsed.rest },
      start: bodyEnd,
      end: bytes.length,
      children: [],
    });
  }
  return fields;
}
