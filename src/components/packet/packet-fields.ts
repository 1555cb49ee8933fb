// The fields a packet view shows, as a tree of byte ranges: a uwsgi packet as annotate() reads it
// (header, vars, body, …), or an HTTP response as uWSGI writes it. Each field knows its bytes and
// its reading; words for people come later, from the page's strings.

import {
  annotate,
  type BytesField,
  type FieldRange,
  type NumberField,
} from '../../protocol/annotate.ts';
import type { BodyFraming } from '../../protocol/http/http-message.ts';

/** Where a break in the bytes is, and why, whichever parser found it. */
export interface BrokenInfo {
  readonly protocol: 'uwsgi' | 'http';
  /** The parser's machine code (`datasize-mismatch`, `bad-header`, …). */
  readonly code: string;
  /** The byte the parser points at (may be before the broken range, e.g. the header of HTTP). */
  readonly offset: number;
  /** The parser's own message (English). */
  readonly message: string;
  /** What real uWSGI 2.0.21 logs for the same bytes, when the codec knows it. */
  readonly uwsgiLog: string | undefined;
}

export interface StatusLine {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
}

export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

export interface HttpBodyInfo {
  /** The body with any chunked framing removed. */
  readonly body: Uint8Array;
  readonly framing: BodyFraming;
  /** The head announced a body and the bytes end with it: read as the answer to HEAD. */
  readonly headRequest: boolean;
}

/** What a field is, with its reading. Mirrors annotate()'s FieldRange, plus the HTTP fields. */
export type FieldData =
  | { readonly kind: 'datasize' | NumberField; readonly value: number }
  | { readonly kind: BytesField; readonly value: Uint8Array }
  | {
      readonly kind: 'header' | 'vars' | 'var' | 'http-headers' | 'head-end';
      readonly value: null;
    }
  | { readonly kind: 'broken'; readonly value: BrokenInfo }
  | { readonly kind: 'status-line'; readonly value: StatusLine }
  | { readonly kind: 'http-header'; readonly value: HeaderLine }
  | { readonly kind: 'http-body'; readonly value: HttpBodyInfo };

export type FieldKind = FieldData['kind'];

export interface SourceField {
  readonly data: FieldData;
  readonly start: number;
  readonly end: number;
  readonly children: readonly SourceField[];
}

/** The fields of a uwsgi packet, from annotate(); a broken packet ends with a `broken` field. */
export function uwsgiFields(bytes: Uint8Array): SourceField[] {
  return annotate(bytes).map(fromRange);
}

function fromRange(range: FieldRange): SourceField {
  const place = { start: range.start, end: range.end, children: range.children.map(fromRange) };
  switch (range.field) {
    case 'broken':
      return {
        ...place,
        data: {
          kind: 'broken',
          value: {
            protocol: 'uwsgi',
            code: range.value.code,
            offset: range.value.offset,
            message: range.value.message,
            uwsgiLog: range.value.uwsgiLog,
          },
        },
      };
    case 'header':
    case 'vars':
    case 'var':
      return { ...place, data: { kind: range.field, value: null } };
    case 'datasize':
      return { ...place, data: { kind: 'datasize', value: range.value } };
    case 'modifier1':
    case 'datasize-low':
    case 'datasize-high':
    case 'modifier2':
    case 'key-length':
    case 'value-length':
      return { ...place, data: { kind: range.field, value: range.value } };
    case 'key':
    case 'value':
    case 'body':
    case 'payload':
    case 'trailing':
      return { ...place, data: { kind: range.field, value: range.value } };
  }
}
