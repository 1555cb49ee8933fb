// What the details panel says about a field, in the reader's language: the numbers read from the
// bytes (datasize 6b 01 → 0x016b = 363), what they count, the modifier's name and meaning from the
// codec's table, and for a break, what is wrong, where, and what real uWSGI logs for it.

import type { UiKey } from '../../i18n/index.ts';
import { hexOf, utf8Text } from '../../protocol/byte-text.ts';
import { modifier2Id, modifierInfo, type PayloadLayout } from '../../protocol/modifiers.ts';
import { contentLengthValue } from '../../protocol/vars-block.ts';
import type { BrokenInfo } from './packet-fields.ts';
import { hex2, oneLine } from './packet-field-text.ts';
import { varKeyText, type PacketViewModel, type ViewField } from './packet-view-model.ts';
import { literal, text, type Paragraph, type TextVars, type UiText } from './ui-text.ts';

/** Modifiers whose meaning the course explains in its own words; the rest quote the uWSGI docs. */
const MODIFIER_MEANINGS: Readonly<Record<string, UiKey>> = {
  wsgi: 'packet.modifier.wsgi',
  ping: 'packet.modifier.ping',
  echo: 'packet.modifier.echo',
};

const LAYOUTS: Readonly<Record<PayloadLayout, UiKey>> = {
  vars: 'packet.layout.vars',
  payload: 'packet.layout.payload',
  none: 'packet.layout.none',
};

const DATASIZE_COUNTS: Readonly<Record<PayloadLayout, UiKey>> = {
  vars: 'packet.explain.datasize-vars',
  payload: 'packet.explain.datasize-payload',
  none: 'packet.explain.datasize-none',
};

/** The decode errors annotate() can report, each with its own words. */
const UWSGI_ERRORS: Readonly<Record<string, UiKey>> = {
  'truncated-header': 'packet.error.truncated-header',
  'too-big': 'packet.error.too-big',
  'datasize-mismatch': 'packet.error.datasize-mismatch',
  'looks-like-http': 'packet.error.looks-like-http',
  'key-length-overflow': 'packet.error.key-length-overflow',
  'empty-key': 'packet.error.empty-key',
  'key-overflow': 'packet.error.key-overflow',
  'value-length-overflow': 'packet.error.value-length-overflow',
  'value-overflow': 'packet.error.value-overflow',
  'truncated-body': 'packet.error.truncated-body',
};

const en = (value: string): UiText => ({ literal: value, lang: 'en' });

const u16 = (bytes: Uint8Array, at: number): number =>
  (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);

/** Python's ascii() of the bytes read as latin-1: how the value looks in a WSGI environ. */
export function latin1Repr(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x27 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${hex2(byte)}`;
  }
  return `'${out}'`;
}

function layoutOf(model: PacketViewModel): PayloadLayout | undefined {
  return model.modifier1 === undefined ? undefined : modifierInfo(model.modifier1)?.layout;
}

function lengthParagraphs(bytes: Uint8Array, field: ViewField, value: number): Paragraph[] {
  if (value <= 0xff) return [];
  return [
    [
      text('packet.explain.two-bytes', {
        lowValue: bytes[field.start] ?? 0,
        highValue: bytes[field.start + 1] ?? 0,
        value,
      }),
    ],
  ];
}

function bytesParagraphs(bytes: Uint8Array, ascii: UiKey): Paragraph[] {
  if (bytes.length === 0) return [[text('packet.explain.value-empty')]];
  const asText = utf8Text(bytes);
  if (asText === undefined) return [[text('packet.explain.not-utf8', { length: bytes.length })]];
  if (bytes.every((byte) => byte < 0x80)) return [[text(ascii, { length: bytes.length })]];
  return [
    [text('packet.explain.non-ascii', { length: bytes.length })],
    [text('packet.explain.latin1'), literal(latin1Repr(bytes.subarray(0, 48)), true)],
  ];
}

function datasizeParagraphs(model: PacketViewModel, datasize: ViewField): Paragraph[] {
  const low = model.bytes[datasize.start] ?? 0;
  const high = model.bytes[datasize.start + 1] ?? 0;
  const value = low | (high << 8);
  const layout = layoutOf(model);
  return [
    [
      text('packet.explain.datasize', {
        hex: `${hex2(low)} ${hex2(high)}`,
        low: hex2(low),
        high: hex2(high),
        be: value.toString(16).padStart(4, '0'),
        lowValue: low,
        highValue: high,
        value,
      }),
    ],
    ...(layout === undefined ? [] : [[text(DATASIZE_COUNTS[layout])]]),
    [text('packet.explain.little-endian')],
  ];
}

function modifier1Paragraphs(value: number): Paragraph[] {
  const info = modifierInfo(value);
  if (info === undefined) return [[text('packet.explain.modifier1-unknown', { value })]];
  const meaning = MODIFIER_MEANINGS[info.id];
  return [
    [text('packet.explain.modifier1', { value, name: info.name })],
    meaning !== undefined
      ? [text(meaning)]
      : info.meaning
        ? [text('packet.modifier.docs'), en(info.meaning)]
        : [],
    [text(LAYOUTS[info.layout])],
  ].filter((paragraph) => paragraph.length > 0);
}

function modifier2Paragraphs(model: PacketViewModel, value: number): Paragraph[] {
  const paragraphs: Paragraph[] = [[text('packet.explain.modifier2', { value })]];
  if (model.modifier1 === undefined) return paragraphs;
  const info = modifierInfo(model.modifier1);
  const id = modifier2Id(model.modifier1, value);
  if (id !== undefined) paragraphs.push([text('packet.explain.modifier2-named', { value, id })]);
  else if (info !== undefined && /^\d+$/.test(info.modifier2))
    paragraphs.push([text('packet.explain.modifier2-fixed', { expected: info.modifier2 })]);
  else if (info?.modifier2) paragraphs.push([text('packet.modifier.docs'), en(info.modifier2)]);
  return paragraphs;
}

function varParagraphs(model: PacketViewModel, field: ViewField): Paragraph[] {
  const keyLength = model.fields[field.children[0] ?? -1];
  const value = model.fields[field.children[3] ?? -1];
  if (keyLength?.kind !== 'key-length' || value?.kind !== 'value') {
    return [[text('packet.explain.var-broken', { n: field.ordinal })]];
  }
  const paragraphs: Paragraph[] = [
    [
      text('packet.explain.var', {
        n: field.ordinal,
        keyLength: keyLength.value,
        valueLength: value.value.length,
        total: field.end - field.start,
      }),
    ],
  ];
  const key = varKeyText(model.fields, field);
  const earlier = model.fields.filter(
    (other) =>
      other.kind === 'var' && other.id < field.id && varKeyText(model.fields, other) === key,
  );
  if (earlier.length > 0) paragraphs.push([text('packet.explain.var-repeated')]);
  if (key === 'CONTENT_LENGTH') {
    paragraphs.push([
      text('packet.explain.var-content-length', {
        length: contentLengthValue(value.value, 0, value.value.length),
      }),
    ]);
  }
  return paragraphs;
}

function httpBodyParagraphs(field: ViewField & { kind: 'http-body' }): Paragraph[] {
  const length = field.value.body.length;
  switch (field.value.framing.type) {
    case 'length':
      return [[text('packet.explain.http-body-length', { length })]];
    case 'close':
      return [[text('packet.explain.http-body-close', { length })]];
    case 'chunked':
      return [
        [text('packet.explain.http-body-chunked', { wire: field.end - field.start, length })],
      ];
    case 'none':
      return [
        [
          text(
            field.value.headRequest
              ? 'packet.explain.http-body-head'
              : 'packet.explain.http-body-none',
          ),
        ],
      ];
  }
}

/** The details panel's paragraphs for a field. */
export function explainField(model: PacketViewModel, id: number): Paragraph[] {
  const field = model.fields[id];
  if (field === undefined) return [];
  const { bytes } = model;
  switch (field.kind) {
    case 'header':
      return [[text('packet.explain.header')]];
    case 'modifier1':
      return modifier1Paragraphs(field.value);
    case 'datasize':
      return datasizeParagraphs(model, field);
    case 'datasize-low':
    case 'datasize-high': {
      const parent = model.fields[field.parent ?? -1] ?? field;
      return [
        [
          text(
            field.kind === 'datasize-low'
              ? 'packet.explain.datasize-low'
              : 'packet.explain.datasize-high',
            { hex: hex2(field.value), value: field.value, times: field.value * 256 },
          ),
        ],
        ...datasizeParagraphs(model, parent),
      ];
    }
    case 'modifier2':
      return modifier2Paragraphs(model, field.value);
    case 'vars': {
      const paragraphs: Paragraph[] = [
        [
          text('packet.explain.vars', {
            pairs: field.children.length,
            bytes: field.end - field.start,
          }),
        ],
      ];
      if (model.modifier1 === 0 && model.broken === undefined) {
        paragraphs.push([
          text('packet.explain.vars-log'),
          literal(`{${field.children.length * 2} vars in ${field.end - field.start} bytes}`, true),
        ]);
      }
      return paragraphs;
    }
    case 'var':
      return varParagraphs(model, field);
    case 'key-length':
    case 'value-length':
      return [
        [
          text(
            field.kind === 'key-length'
              ? 'packet.explain.key-length'
              : 'packet.explain.value-length',
            { hex: hexOf(bytes.subarray(field.start, field.end), ' '), value: field.value },
          ),
        ],
        ...lengthParagraphs(bytes, field, field.value),
        ...(field.kind === 'value-length' && field.value === 0
          ? [[text('packet.explain.value-empty')]]
          : []),
      ];
    case 'key':
      return bytesParagraphs(field.value, 'packet.explain.key');
    case 'value':
      return bytesParagraphs(field.value, 'packet.explain.value');
    case 'body':
      return [
        [text('packet.explain.body', { length: field.value.length })],
        ...(field.value.length > 0 && utf8Text(field.value) === undefined
          ? [[text('packet.explain.not-utf8', { length: field.value.length })]]
          : []),
      ];
    case 'payload':
      return [[text('packet.explain.payload', { length: field.value.length })]];
    case 'trailing':
      return [[text('packet.explain.trailing', { length: field.value.length })]];
    case 'broken':
      return explainBroken(model, field.value);
    case 'status-line':
      return [
        [
          text('packet.explain.status-line', {
            version: field.value.version,
            status: field.value.status,
            reason: field.value.reason,
          }),
        ],
        [text('packet.explain.http-response')],
      ];
    case 'http-headers':
      return [[text('packet.explain.http-headers', { count: field.children.length })]];
    case 'http-header':
      return [
        [
          text('packet.explain.http-header', {
            name: field.value.name,
            length: field.end - field.start,
          }),
        ],
      ];
    case 'head-end':
      return [[text('packet.explain.head-end')]];
    case 'http-body':
      return httpBodyParagraphs(field);
  }
}

// The numbers an error's words need, read again from the bytes at the error's offset.
function errorVars(model: PacketViewModel, broken: BrokenInfo): TextVars {
  const { bytes } = model;
  const at = broken.offset;
  const datasize = u16(bytes, 1);
  const blockEnd = Math.min(4 + datasize, bytes.length);
  const contentLength = model.fields.find(
    (field) => field.kind === 'var' && varKeyText(model.fields, field) === 'CONTENT_LENGTH',
  );
  const value = model.fields[contentLength?.children[3] ?? -1];
  return {
    offset: at,
    // the length the error is about: the input's, the body's, or the 16-bit one at the offset
    length:
      broken.code === 'truncated-header'
        ? bytes.length
        : broken.code === 'truncated-body'
          ? value?.kind === 'value'
            ? contentLengthValue(value.value, 0, value.value.length)
            : 0
          : u16(bytes, at),
    left:
      broken.code === 'value-length-overflow' ? blockEnd - at : Math.max(0, blockEnd - (at + 2)),
    modifier1: bytes[0] ?? 0,
    datasize,
    follow: broken.code === 'truncated-body' ? bytes.length - at : Math.max(0, bytes.length - 4),
  };
}

/** What is wrong, where, in the reader's words; then the parser's code, offset and message. */
export function explainBroken(model: PacketViewModel, broken: BrokenInfo): Paragraph[] {
  const key =
    broken.protocol === 'http'
      ? 'packet.error.http'
      : (UWSGI_ERRORS[broken.code] ?? 'packet.error.other');
  const paragraphs: Paragraph[] = [
    [text(key, errorVars(model, broken))],
    [
      text('packet.error.technical', { code: broken.code, offset: broken.offset }),
      en(broken.message),
    ],
  ];
  if (broken.uwsgiLog !== undefined) {
    paragraphs.push([text('packet.error.uwsgi-log'), literal(broken.uwsgiLog, true)]);
  }
  return paragraphs;
}

/** The reading shown in the details panel: the text of a key, value or body, cut at 300 chars. */
export function fieldReading(field: ViewField): UiText | undefined {
  let bytes: Uint8Array | undefined;
  if (
    field.kind === 'key' ||
    field.kind === 'value' ||
    field.kind === 'body' ||
    field.kind === 'payload' ||
    field.kind === 'trailing'
  )
    bytes = field.value;
  else if (field.kind === 'http-body') bytes = field.value.body;
  if (bytes === undefined || bytes.length === 0) return undefined;
  const asText = utf8Text(bytes);
  if (asText === undefined) return undefined;
  const chars = [...oneLine(asText)];
  return literal(chars.length > 300 ? `${chars.slice(0, 300).join('')}…` : chars.join(''), true);
}
