// Everything the inspector shows for some bytes, with no DOM: the packet view's model, the vars as
// rows (offset, key, value; text where UTF-8, else hex), the body or payload, the JSON that
// `uwsgi-lab decode` prints for the same bytes, and for an HTTP response its status, headers and body.

import { packetJson } from '../../cli/packet-json.ts';
import { hexOf, utf8Text } from '../../protocol/byte-text.ts';
import { decode } from '../../protocol/decode.ts';
import { PacketError } from '../../protocol/packet-error.ts';
import type { HeaderLine, StatusLine } from '../packet/packet-fields.ts';
import {
  packetViewModel,
  type PacketViewModel,
  type ViewField,
} from '../packet/packet-view-model.ts';

export type ShownBytes =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'hex'; readonly hex: string };

export interface VarRow {
  /** 1-based, in wire order. */
  readonly n: number;
  readonly offset: number;
  readonly key: ShownBytes;
  /** Undefined for a pair that breaks after its key. */
  readonly value: ShownBytes | undefined;
}

export interface BytesSection {
  readonly field: 'body' | 'payload' | 'trailing';
  readonly length: number;
  readonly shown: ShownBytes;
}

export interface HttpSummary {
  readonly status: StatusLine;
  readonly headers: readonly HeaderLine[];
  readonly body: ShownBytes;
  readonly bodyLength: number;
}

export interface InspectorReport {
  readonly model: PacketViewModel;
  /** What `uwsgi-lab decode` prints, for a whole uwsgi packet. */
  readonly json: string | undefined;
  /** The pairs of a uwsgi packet's vars block (those that arrived whole, when it is broken). */
  readonly vars: readonly VarRow[] | undefined;
  readonly sections: readonly BytesSection[];
  readonly http: HttpSummary | undefined;
}

/** Bytes as the inspector's tables show them. */
export function shownBytes(bytes: Uint8Array): ShownBytes {
  if (bytes.length === 0) return { kind: 'empty' };
  const text = utf8Text(bytes);
  return text === undefined ? { kind: 'hex', hex: hexOf(bytes, ' ') } : { kind: 'text', text };
}

function child(model: PacketViewModel, field: ViewField, index: number): ViewField | undefined {
  return model.fields[field.children[index] ?? -1];
}

/** The report for some bytes; the packet view draws at most `maxBytes` of them. */
export function inspect(bytes: Uint8Array, maxBytes?: number): InspectorReport {
  const model = packetViewModel(bytes, maxBytes === undefined ? {} : { maxBytes });
  const vars: VarRow[] = [];
  const sections: BytesSection[] = [];
  let status: StatusLine | undefined;
  const headers: HeaderLine[] = [];
  let httpBody: Uint8Array | undefined;
  for (const field of model.fields) {
    switch (field.kind) {
      case 'var': {
        const key = child(model, field, 1);
        const value = child(model, field, 3);
        vars.push({
          n: field.ordinal,
          offset: field.start,
          key: key?.kind === 'key' ? shownBytes(key.value) : { kind: 'empty' },
          value: value?.kind === 'value' ? shownBytes(value.value) : undefined,
        });
        break;
      }
      case 'body':
      case 'payload':
      case 'trailing':
        sections.push({
          field: field.kind,
          length: field.value.length,
          shown: shownBytes(field.value),
        });
        break;
      case 'status-line':
        status = field.value;
        break;
      case 'http-header':
        headers.push(field.value);
        break;
      case 'http-body':
        httpBody = field.value.body;
        break;
      default:
        break;
    }
  }
  let json: string | undefined;
  if (model.kind === 'uwsgi') {
    try {
      json = packetJson(decode(bytes));
    } catch (error) {
      if (!(error instanceof PacketError)) throw error;
    }
  }
  const hasVars = model.fields.some((field) => field.kind === 'vars');
  return {
    model,
    json,
    vars: hasVars ? vars : undefined,
    sections,
    http:
      status === undefined
        ? undefined
        : {
            status,
            headers,
            body: shownBytes(httpBody ?? new Uint8Array(0)),
            bodyLength: httpBody?.length ?? 0,
          },
  };
}
