// encode and encodingLength: a packet to its exact bytes, as nginx's ngx_http_uwsgi_module builds
// them — header, then u16-LE key length, key, u16-LE value length, value for each pair, then body.
// Every length is measured first, so datasize is computed, never trusted.

import { isWellFormedText, utf8Length } from './byte-text.ts';
import {
  HEADER_SIZE,
  MAX_DATASIZE,
  MAX_FIELD_LENGTH,
  type PacketInit,
  type UwsgiVar,
  type VarField,
} from './packet.ts';
import { PacketError } from './packet-error.ts';

export interface EncodeOptions {
  /** Write a zero key length. Default false: uWSGI refuses such a packet (see DecodeOptions). */
  readonly allowEmptyKeys?: boolean;
}

const utf8Encoder = new TextEncoder();

/** The number of bytes `encode(packet)` returns. */
export function encodingLength(packet: PacketInit, options: EncodeOptions = {}): number {
  return measure(packet, options).total;
}

/** The packet's bytes. Throws PacketError when the format cannot carry it. */
export function encode(packet: PacketInit, options: EncodeOptions = {}): Uint8Array {
  const plan = measure(packet, options);
  const out = new Uint8Array(plan.total);
  out[0] = plan.modifier1;
  out[1] = plan.datasize & 0xff;
  out[2] = plan.datasize >> 8;
  out[3] = plan.modifier2;
  if ('payload' in packet) {
    writeField(out, HEADER_SIZE, packet.payload, plan.lengths[0]!);
  } else {
    let at = HEADER_SIZE;
    let i = 0;
    for (const [key, value] of packet.vars) {
      const keyLength = plan.lengths[i++]!;
      out[at] = keyLength & 0xff;
      out[at + 1] = keyLength >> 8;
      at = writeField(out, at + 2, key, keyLength);
      const valueLength = plan.lengths[i++]!;
      out[at] = valueLength & 0xff;
      out[at + 1] = valueLength >> 8;
      at = writeField(out, at + 2, value, valueLength);
    }
    if (packet.body !== undefined) writeField(out, at, packet.body, plan.lengths[i]!);
  }
  return out;
}

interface EncodingPlan {
  readonly modifier1: number;
  readonly modifier2: number;
  readonly datasize: number;
  readonly total: number;
  /** Byte length of every key, value (and body or payload) in writing order. */
  readonly lengths: number[];
}

function measure(packet: PacketInit, options: EncodeOptions): EncodingPlan {
  const modifier1 = checkModifier(packet.modifier1 ?? 0, 'modifier1', 0);
  const modifier2 = checkModifier(packet.modifier2 ?? 0, 'modifier2', 3);
  const lengths: number[] = [];
  if ('payload' in packet) {
    const payloadLength = fieldLength(packet.payload, HEADER_SIZE, 'payload');
    if (payloadLength > MAX_DATASIZE) throw tooBig(payloadLength);
    lengths.push(payloadLength);
    return {
      modifier1,
      modifier2,
      datasize: payloadLength,
      total: HEADER_SIZE + payloadLength,
      lengths,
    };
  }
  let datasize = 0;
  for (const pair of packet.vars)
    datasize += measurePair(pair, HEADER_SIZE + datasize, lengths, options);
  if (datasize > MAX_DATASIZE) throw tooBig(datasize);
  let bodyLength = 0;
  if (packet.body !== undefined) {
    bodyLength = fieldLength(packet.body, HEADER_SIZE + datasize, 'body');
    lengths.push(bodyLength);
  }
  return { modifier1, modifier2, datasize, total: HEADER_SIZE + datasize + bodyLength, lengths };
}

function measurePair(
  [key, value]: UwsgiVar<VarField>,
  at: number,
  lengths: number[],
  options: EncodeOptions,
): number {
  const keyLength = fieldLength(key, at + 2, 'key');
  if (keyLength === 0 && options.allowEmptyKeys !== true) {
    throw new PacketError('empty-key', at, 'empty key: uWSGI refuses a zero key length');
  }
  if (keyLength > MAX_FIELD_LENGTH) throw fieldTooLong('key', keyLength, at);
  const valueAt = at + 2 + keyLength;
  const valueLength = fieldLength(value, valueAt + 2, 'value');
  if (valueLength > MAX_FIELD_LENGTH) throw fieldTooLong('value', valueLength, valueAt);
  lengths.push(keyLength, valueLength);
  return 4 + keyLength + valueLength;
}

function fieldLength(field: VarField, at: number, what: string): number {
  if (typeof field !== 'string') return field.length;
  if (!isWellFormedText(field)) {
    throw new PacketError(
      'not-unicode',
      at,
      `${what} has a lone surrogate, which has no UTF-8 form`,
    );
  }
  return utf8Length(field);
}

function writeField(out: Uint8Array, at: number, field: VarField, length: number): number {
  if (typeof field !== 'string') {
    out.set(field, at);
  } else if (length === field.length) {
    // all ASCII: cheaper by hand than through TextEncoder for the short strings vars are
    for (let i = 0; i < length; i++) out[at + i] = field.charCodeAt(i);
  } else {
    utf8Encoder.encodeInto(field, out.subarray(at, at + length));
  }
  return at + length;
}

function checkModifier(value: number, name: string, offset: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new PacketError(
      'modifier-range',
      offset,
      `${name} must be an integer from 0 to 255, not ${value}`,
    );
  }
  return value;
}

// nginx's own words when the vars do not fit in 16 bits (nginx 1.22.1 ngx_http_uwsgi_module.c line
// 987, logged at alert; nothing is sent upstream).
function tooBig(datasize: number): PacketError {
  return new PacketError('too-big', 1, `uwsgi request is too big: ${datasize}`);
}

function fieldTooLong(what: 'key' | 'value', length: number, at: number): PacketError {
  return new PacketError(
    'field-too-long',
    at,
    `${what} is ${length} bytes; a 16-bit length holds at most 65535`,
  );
}
