// What the tree and the details panel call a field and how they show its value: names from the
// page's strings, values read by the codec (numbers, text where the bytes are UTF-8, hex where they
// are not), and the screen-reader label of each tree item.

import type { UiKey } from '../../i18n/index.ts';
import { hexOf, utf8Text } from '../../protocol/byte-text.ts';
import { modifier2Id, modifierInfo } from '../../protocol/modifiers.ts';
import type { FieldKind } from './packet-fields.ts';
import { varKeyText, type PacketViewModel, type ViewField } from './packet-view-model.ts';
import { literal, plainText, text, type TextFn, type UiText } from './ui-text.ts';

const NAMES: Readonly<Record<FieldKind, UiKey>> = {
  header: 'packet.field.header',
  modifier1: 'packet.field.modifier1',
  datasize: 'packet.field.datasize',
  'datasize-low': 'packet.field.datasize-low',
  'datasize-high': 'packet.field.datasize-high',
  modifier2: 'packet.field.modifier2',
  vars: 'packet.field.vars',
  var: 'packet.field.var',
  'key-length': 'packet.field.key-length',
  key: 'packet.field.key',
  'value-length': 'packet.field.value-length',
  value: 'packet.field.value',
  body: 'packet.field.body',
  payload: 'packet.field.payload',
  trailing: 'packet.field.trailing',
  broken: 'packet.field.broken',
  'status-line': 'packet.field.status-line',
  'http-headers': 'packet.field.http-headers',
  'http-header': 'packet.field.http-header',
  'head-end': 'packet.field.head-end',
  'http-body': 'packet.field.body',
};

/** Characters of a text value shown in the tree before it is cut short. */
const SHOWN_CHARS = 40;
/** Bytes of a non-UTF-8 value shown as hex in the tree. */
const SHOWN_BYTES = 12;

export function fieldName(field: ViewField): UiText {
  return text(NAMES[field.kind], { n: field.ordinal });
}

/** A text with control characters written as escapes, so that it stays one line. */
export function oneLine(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code !== 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += `\\x${code.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function cut(value: string, max = SHOWN_CHARS): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : value;
}

/** Bytes as the tree shows them: text when UTF-8, hex (and says so) when not, or "empty". */
export function bytesValue(bytes: Uint8Array): UiText {
  if (bytes.length === 0) return text('packet.value.empty');
  const asText = utf8Text(bytes);
  if (asText === undefined) {
    const shown = hexOf(bytes.subarray(0, SHOWN_BYTES), ' ');
    return text('packet.value.not-utf8', {
      hex: bytes.length > SHOWN_BYTES ? `${shown} …` : shown,
    });
  }
  return literal(cut(oneLine(asText)));
}

export function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** The short reading of a field shown after its name, if it has one. */
export function fieldValue(model: PacketViewModel, field: ViewField): UiText | undefined {
  switch (field.kind) {
    case 'modifier1': {
      const info = modifierInfo(field.value);
      return literal(info === undefined ? String(field.value) : `${field.value} · ${info.name}`);
    }
    case 'modifier2': {
      const id =
        model.modifier1 === undefined ? undefined : modifier2Id(model.modifier1, field.value);
      return literal(id === undefined ? String(field.value) : `${field.value} · ${id}`);
    }
    case 'datasize':
    case 'key-length':
    case 'value-length':
      return literal(String(field.value));
    case 'datasize-low':
    case 'datasize-high':
      return literal(`0x${hex2(field.value)} = ${field.value}`);
    case 'header':
      return literal(hexOf(model.bytes.subarray(field.start, field.end), ' '), true);
    case 'vars':
      return text('packet.value.pairs', {
        pairs: field.children.length,
        bytes: field.end - field.start,
      });
    case 'var': {
      const key = varKeyText(model.fields, field) ?? '';
      const value = model.fields[field.children[3] ?? -1];
      if (value?.kind !== 'value') return literal(cut(oneLine(key)));
      if (value.value.length === 0) return text('packet.value.var-empty', { key: cut(key) });
      const shown = bytesValue(value.value);
      return 'literal' in shown
        ? literal(`${cut(oneLine(key), 24)} = ${shown.literal}`)
        : text('packet.value.var-bytes', { key: cut(key, 24) });
    }
    case 'key':
    case 'value':
    case 'body':
    case 'payload':
    case 'trailing':
      return bytesValue(field.value);
    case 'broken':
      return literal(field.value.code, true);
    case 'status-line':
      return literal(
        `${field.value.version} ${field.value.status}${field.value.reason ? ` ${field.value.reason}` : ''}`,
      );
    case 'http-headers':
      return text('packet.value.count', { count: field.children.length });
    case 'http-header':
      return literal(cut(`${field.value.name}: ${field.value.value}`));
    case 'head-end':
      return literal(field.end - field.start === 2 ? 'CRLF' : 'LF', true);
    case 'http-body':
      return bytesValue(field.value.body);
  }
}

/** Where a field is, for people: "bytes 4–5, 2 bytes". */
export function rangeText(field: { readonly start: number; readonly end: number }): UiText {
  const length = field.end - field.start;
  if (length === 0) return text('packet.range.empty', { first: field.start });
  if (length === 1) return text('packet.range.byte', { first: field.start });
  return text('packet.range.bytes', { first: field.start, last: field.end - 1, length });
}

/** The compact range in the tree's margin: `4–5`, `3`, or `57` for an empty field. */
export function rangeShort(field: { readonly start: number; readonly end: number }): string {
  return field.end - field.start > 1 ? `${field.start}–${field.end - 1}` : String(field.start);
}

/** The accessible name of a field's tree item: name, reading and where its bytes are. */
export function fieldLabelText(model: PacketViewModel, field: ViewField, t: TextFn): string {
  const value = fieldValue(model, field);
  const name = plainText(fieldName(field), t);
  const range = plainText(rangeText(field), t);
  return value === undefined ? `${name}, ${range}` : `${name}: ${plainText(value, t)}, ${range}`;
}
