// annotate: every byte of a packet as a named field — header (modifier1, the two datasize bytes and
// their little-endian reading, modifier2), each var (key length, key, value length, value), body —
// for the visualizer and `decode --annotate`. Field names are machine names; the UI's i18n gives
// the words. A broken packet is annotated up to where it broke, then one `broken` range says why.

import { truncatedBody } from './decode.ts';
import type { DecodeOptions } from './decode-options.ts';
import { readHeader, shortBlockError } from './header.ts';
import { carriesBody, payloadLayout } from './modifiers.ts';
import { HEADER_SIZE, type PacketHeader } from './packet.ts';
import { PacketError } from './packet-error.ts';
import { contentLengthValue, isContentLengthKey, walkVarsBlock } from './vars-block.ts';

/** A field whose value is a number read from the bytes (datasize, with its two bytes, apart). */
export type NumberField =
  'modifier1' | 'datasize-low' | 'datasize-high' | 'modifier2' | 'key-length' | 'value-length';
/** A field whose value is the bytes themselves. */
export type BytesField = 'key' | 'value' | 'body' | 'payload' | 'trailing';
/** A field made of other fields. */
export type GroupField = 'header' | 'vars' | 'var';

interface RangeBase {
  /** First byte. */
  readonly start: number;
  /** One past the last byte. */
  readonly end: number;
}

export type FieldRange =
  /** The little-endian reading of its two bytes, `datasize-low` and `datasize-high`. */
  | (RangeBase & {
      readonly field: 'datasize';
      readonly value: number;
      readonly children: readonly [FieldRange, FieldRange];
    })
  | (RangeBase & {
      readonly field: NumberField;
      readonly value: number;
      readonly children: readonly [];
    })
  | (RangeBase & {
      readonly field: BytesField;
      readonly value: Uint8Array;
      readonly children: readonly [];
    })
  | (RangeBase & {
      readonly field: GroupField;
      readonly value: null;
      readonly children: readonly FieldRange[];
    })
  /** From the first byte that is not part of a complete field to the end of the input. */
  | (RangeBase & {
      readonly field: 'broken';
      readonly value: PacketError;
      readonly children: readonly [];
    });

export type AnnotatedField = FieldRange['field'];

/** The ranges of `bytes`, in order; their leaves cover every byte exactly once. */
export function annotate(bytes: Uint8Array, options: DecodeOptions = {}): FieldRange[] {
  const ranges: FieldRange[] = [];
  let header: PacketHeader;
  try {
    header = readHeader(bytes, options);
  } catch (error) {
    if (!(error instanceof PacketError)) throw error;
    const head = headerRange(bytes);
    if (head !== undefined) ranges.push(head);
    ranges.push(broken(head?.end ?? 0, bytes.length, error));
    return ranges;
  }
  ranges.push(headerRange(bytes)!);

  const blockEnd = HEADER_SIZE + header.datasize;
  const available = Math.min(blockEnd, bytes.length);
  const layout = payloadLayout(header.modifier1);
  if (bytes.length < blockEnd) {
    const error = shortBlockError(bytes, header);
    let end = HEADER_SIZE;
    if (layout === 'vars' && error.code === 'datasize-mismatch') {
      // the pairs that arrived whole are still worth showing
      const vars = varRanges(bytes, HEADER_SIZE, available, options);
      if (vars.pairs.length > 0) {
        end = vars.end;
        ranges.push(group('vars', HEADER_SIZE, end, vars.pairs));
      }
    }
    ranges.push(broken(end, bytes.length, error));
    return ranges;
  }

  let packetEnd = blockEnd;
  if (layout !== 'vars') {
    if (layout === 'payload' || header.datasize > 0) {
      ranges.push(leaf('payload', HEADER_SIZE, blockEnd, bytes.subarray(HEADER_SIZE, blockEnd)));
    }
  } else {
    const vars = varRanges(bytes, HEADER_SIZE, blockEnd, options);
    if (vars.error !== undefined) {
      if (vars.end > HEADER_SIZE) ranges.push(group('vars', HEADER_SIZE, vars.end, vars.pairs));
      ranges.push(broken(vars.end, bytes.length, vars.error));
      return ranges;
    }
    ranges.push(group('vars', HEADER_SIZE, blockEnd, vars.pairs));
    if (carriesBody(header.modifier1)) {
      packetEnd = blockEnd + vars.bodyLength;
      if (packetEnd > bytes.length) {
        ranges.push(
          broken(
            blockEnd,
            bytes.length,
            truncatedBody(blockEnd, vars.bodyLength, bytes.length - blockEnd),
          ),
        );
        return ranges;
      }
      ranges.push(leaf('body', blockEnd, packetEnd, bytes.subarray(blockEnd, packetEnd)));
    }
  }
  if (packetEnd < bytes.length) {
    ranges.push(leaf('trailing', packetEnd, bytes.length, bytes.subarray(packetEnd)));
  }
  return ranges;
}

// The header's complete fields (all of them, or those before the input ends).
function headerRange(bytes: Uint8Array): FieldRange | undefined {
  const children: FieldRange[] = [];
  if (bytes.length >= 1) children.push(number('modifier1', 0, 1, bytes[0]!));
  if (bytes.length >= 3) {
    const low = bytes[1]!;
    const high = bytes[2]!;
    children.push({
      field: 'datasize',
      start: 1,
      end: 3,
      value: low | (high << 8),
      children: [number('datasize-low', 1, 2, low), number('datasize-high', 2, 3, high)],
    });
  }
  if (bytes.length >= 4) children.push(number('modifier2', 3, 4, bytes[3]!));
  if (children.length === 0) return undefined;
  return group('header', 0, children[children.length - 1]!.end, children);
}

interface VarRanges {
  readonly pairs: FieldRange[];
  /** End of the last whole field: the last pair, or the key of a pair whose value is broken. */
  readonly end: number;
  readonly bodyLength: number;
  readonly error: PacketError | undefined;
}

function varRanges(
  bytes: Uint8Array,
  start: number,
  end: number,
  options: DecodeOptions,
): VarRanges {
  const pairs: FieldRange[] = [];
  let last = start;
  let bodyLength = 0;
  try {
    walkVarsBlock(
      bytes,
      start,
      end,
      options.allowEmptyKeys === true,
      (keyStart, keyEnd, valueStart, valueEnd) => {
        pairs.push(
          group('var', keyStart - 2, valueEnd, [
            number('key-length', keyStart - 2, keyStart, keyEnd - keyStart),
            leaf('key', keyStart, keyEnd, bytes.subarray(keyStart, keyEnd)),
            number('value-length', keyEnd, valueStart, valueEnd - valueStart),
            leaf('value', valueStart, valueEnd, bytes.subarray(valueStart, valueEnd)),
          ]),
        );
        if (isContentLengthKey(bytes, keyStart, keyEnd))
          bodyLength = contentLengthValue(bytes, valueStart, valueEnd);
        last = valueEnd;
      },
    );
  } catch (error) {
    if (!(error instanceof PacketError)) throw error;
    // A broken value length or value: its key length and key are whole and belong to the picture.
    if (error.offset > last) {
      pairs.push(
        group('var', last, error.offset, [
          number('key-length', last, last + 2, error.offset - last - 2),
          leaf('key', last + 2, error.offset, bytes.subarray(last + 2, error.offset)),
        ]),
      );
      last = error.offset;
    }
    return { pairs, end: last, bodyLength, error };
  }
  return { pairs, end: last, bodyLength, error: undefined };
}

function number(field: NumberField, start: number, end: number, value: number): FieldRange {
  return { field, start, end, value, children: [] };
}

function leaf(field: BytesField, start: number, end: number, value: Uint8Array): FieldRange {
  return { field, start, end, value, children: [] };
}

function group(field: GroupField, start: number, end: number, children: FieldRange[]): FieldRange {
  return { field, start, end, value: null, children };
}

function broken(start: number, end: number, error: PacketError): FieldRange {
  return { field: 'broken', start, end, value: error, children: [] };
}
