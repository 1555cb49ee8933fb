// The text `decode --annotate` prints: one line per field of annotate()'s ranges, with its offset,
// length, raw bytes and reading, indented by nesting, so every byte of the packet is accounted for.

import type { FieldRange } from '../protocol/annotate.ts';
import { hexOf, utf8Text } from '../protocol/byte-text.ts';
import { modifier2Id, modifierInfo } from '../protocol/modifiers.ts';

const SHOWN_BYTES = 8;
const SHOWN_CHARS = 60;
// 8 bytes as `xx ` and a trailing `…`
const BYTES_WIDTH = SHOWN_BYTES * 3 + 2;

export function annotationListing(ranges: readonly FieldRange[]): string {
  const lines = [
    `${'offset'.padStart(6)}  ${'length'.padStart(6)}  ${'bytes'.padEnd(BYTES_WIDTH)} field`,
  ];
  let modifier1: number | undefined;
  const walk = (range: FieldRange, depth: number): void => {
    if (range.field === 'modifier1') modifier1 = range.value;
    const bytes =
      (range.children.length > 0 && range.field !== 'datasize') || range.field === 'broken'
        ? ''
        : rawBytes(range);
    lines.push(
      `${String(range.start).padStart(6)}  ${String(range.end - range.start).padStart(6)}  ${bytes.padEnd(BYTES_WIDTH)} ${'  '.repeat(depth)}${range.field}${reading(range, modifier1)}`,
    );
    if (range.field !== 'datasize') for (const child of range.children) walk(child, depth + 1);
  };
  for (const range of ranges) walk(range, 0);
  return `${lines.join('\n')}\n`;
}

function rawBytes(range: FieldRange): string {
  if (typeof range.value === 'number') {
    return range.end - range.start === 2
      ? `${hex2(range.value & 0xff)} ${hex2(range.value >> 8)}`
      : hex2(range.value);
  }
  if (range.value instanceof Uint8Array) {
    const shown = hexOf(range.value.subarray(0, SHOWN_BYTES), ' ');
    return range.value.length > SHOWN_BYTES ? `${shown} …` : shown;
  }
  return '';
}

function reading(range: FieldRange, modifier1: number | undefined): string {
  switch (range.field) {
    case 'modifier1': {
      const info = modifierInfo(range.value);
      return ` = ${range.value}${info === undefined ? '' : ` (${info.name})`}`;
    }
    case 'modifier2': {
      const id = modifier1 === undefined ? undefined : modifier2Id(modifier1, range.value);
      return ` = ${range.value}${id === undefined ? '' : ` (${id})`}`;
    }
    case 'datasize':
      return ` = ${range.value} (little-endian 0x${range.value.toString(16).padStart(4, '0')})`;
    case 'key-length':
    case 'value-length':
    case 'datasize-low':
    case 'datasize-high':
      return ` = ${range.value}`;
    case 'key':
    case 'value':
    case 'body':
    case 'payload':
    case 'trailing':
      return ` = ${shownText(range.value)}`;
    case 'var': {
      const key = range.children[1];
      const value = range.children[3];
      const keyText = key?.value instanceof Uint8Array ? shownText(key.value) : '';
      return value?.value instanceof Uint8Array
        ? ` ${keyText} = ${shownText(value.value)}`
        : ` ${keyText} (broken)`;
    }
    case 'vars':
      return ` (${range.children.length} ${range.children.length === 1 ? 'pair' : 'pairs'})`;
    case 'header':
      return '';
    case 'broken':
      return `: ${range.value.code} at byte ${range.value.offset}: ${range.value.message}`;
  }
}

function shownText(bytes: Uint8Array): string {
  const text = utf8Text(bytes);
  if (text === undefined) {
    return `hex ${hexOf(bytes.subarray(0, 16))}${bytes.length > 16 ? '…' : ''} (${bytes.length} bytes, not UTF-8)`;
  }
  if (text.length <= SHOWN_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, SHOWN_CHARS))}… (${bytes.length} bytes)`;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
