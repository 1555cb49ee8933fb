// decode: one whole uwsgi packet from bytes, read the way its modifier1 says — a vars block and
// then CONTENT_LENGTH body bytes for requests, opaque payload for echo and the like, nothing for
// ping. Only PacketError escapes.

import { utf8Text } from './byte-text.ts';
import type { DecodeOptions, TextOptions } from './decode-options.ts';
import { readHeader, shortBlockError } from './header.ts';
import { carriesBody, payloadLayout } from './modifiers.ts';
import { HEADER_SIZE, type DecodedPacket, type UwsgiVar, type VarField } from './packet.ts';
import { PacketError } from './packet-error.ts';
import { contentLengthValue, isContentLengthKey, walkVarsBlock } from './vars-block.ts';

export type DecodeTextOptions = DecodeOptions & TextOptions;

/**
 * Decodes one packet. Keys, values, body, payload and trailing bytes are views into `bytes`.
 * With `strings: true`, keys and values come as strings where they are valid UTF-8.
 */
export function decode(
  bytes: Uint8Array,
  options?: DecodeOptions & { readonly strings?: false },
): DecodedPacket<Uint8Array>;
export function decode(
  bytes: Uint8Array,
  options: DecodeOptions & { readonly strings: true },
): DecodedPacket<VarField>;
export function decode(bytes: Uint8Array, options?: DecodeTextOptions): DecodedPacket<VarField>;
export function decode(
  bytes: Uint8Array,
  options: DecodeTextOptions = {},
): DecodedPacket<VarField> {
  const { modifier1, datasize, modifier2 } = readHeader(bytes, options);
  const blockEnd = HEADER_SIZE + datasize;
  if (bytes.length < blockEnd) throw shortBlockError(bytes, { modifier1, datasize, modifier2 });

  if (payloadLayout(modifier1) !== 'vars') {
    return {
      kind: 'payload',
      modifier1,
      modifier2,
      datasize,
      payload: bytes.subarray(HEADER_SIZE, blockEnd),
      trailing: bytes.subarray(blockEnd),
    };
  }

  const vars = readVars(
    bytes,
    HEADER_SIZE,
    blockEnd,
    options,
    options.strings === true ? asText : asBytes,
  );
  const bodyEnd = blockEnd + (carriesBody(modifier1) ? vars.bodyLength : 0);
  if (bodyEnd > bytes.length)
    throw truncatedBody(blockEnd, vars.bodyLength, bytes.length - blockEnd);
  return {
    kind: 'vars',
    modifier1,
    modifier2,
    datasize,
    vars: vars.pairs,
    body: bytes.subarray(blockEnd, bodyEnd),
    trailing: bytes.subarray(bodyEnd),
  };
}

export interface ReadVars<F extends VarField> {
  readonly pairs: UwsgiVar<F>[];
  /** What the (last) CONTENT_LENGTH var says, read as uWSGI reads it; 0 without one. */
  readonly bodyLength: number;
}

/** Keys and values as bytes: views into the decoded input. */
export const asBytes = (bytes: Uint8Array): Uint8Array => bytes;
/** Keys and values as strings where they are valid UTF-8, else as bytes. */
export const asText = (bytes: Uint8Array): VarField => utf8Text(bytes) ?? bytes;

/** Reads the vars block `bytes[start, end)`, giving each key and value through `field`. */
export function readVars<F extends VarField>(
  bytes: Uint8Array,
  start: number,
  end: number,
  options: DecodeOptions,
  field: (bytes: Uint8Array) => F,
): ReadVars<F> {
  const pairs: UwsgiVar<F>[] = [];
  let bodyLength = 0;
  walkVarsBlock(
    bytes,
    start,
    end,
    options.allowEmptyKeys === true,
    (keyStart, keyEnd, valueStart, valueEnd) => {
      pairs.push([
        field(bytes.subarray(keyStart, keyEnd)),
        field(bytes.subarray(valueStart, valueEnd)),
      ]);
      if (isContentLengthKey(bytes, keyStart, keyEnd))
        bodyLength = contentLengthValue(bytes, valueStart, valueEnd);
    },
  );
  return { pairs, bodyLength };
}

export function truncatedBody(bodyStart: number, bodyLength: number, follow: number): PacketError {
  return new PacketError(
    'truncated-body',
    bodyStart,
    `CONTENT_LENGTH says ${bodyLength} bytes of body but ${follow} follow`,
  );
}
