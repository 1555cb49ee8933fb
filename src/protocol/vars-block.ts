// The one place that walks a vars block (u16-LE key length, key, u16-LE value length, value, …)
// and decides what makes it invalid; decode, PacketReader and annotate all go through it.
// The rules follow uWSGI 2.0.21's uwsgi_parse_vars (core/protocol.c), noted where they differ.

import { latin1Text } from './byte-text.ts';
import { PacketError } from './packet-error.ts';

/** Called once per complete pair, with absolute offsets into the walked bytes. */
export type PairVisitor = (
  keyStart: number,
  keyEnd: number,
  valueStart: number,
  valueEnd: number,
) => void;

/**
 * Walks the vars block `bytes[start, end)`; throws a PacketError at the first broken field, whose
 * offset is that field's first byte (for a length that lies: the length's first byte).
 */
export function walkVarsBlock(
  bytes: Uint8Array,
  start: number,
  end: number,
  allowEmptyKeys: boolean,
  visit: PairVisitor,
): void {
  let at = start;
  // uWSGI logs its last length read ("current strsize") when it gives up.
  let lastLength = 0;
  while (at < end) {
    if (end - at < 2) {
      throw new PacketError(
        'key-length-overflow',
        at,
        `1 byte is left in the vars block where a 2-byte key length should be`,
        { uwsgiLog: invalidRequestLine(lastLength) },
      );
    }
    const keyLength = bytes[at]! | (bytes[at + 1]! << 8);
    // uWSGI checks `ptrbuf + 2 < bufferend` first: a key length in the block's last 2 bytes is
    // refused as an invalid request before its value is looked at.
    const lastTwo = end - at === 2;
    if (keyLength === 0 && !allowEmptyKeys) {
      throw new PacketError('empty-key', at, 'empty key (key length 0)', {
        uwsgiLog: lastTwo
          ? invalidRequestLine(lastLength)
          : 'uwsgi key cannot be null. skip this var.',
      });
    }
    const keyStart = at + 2;
    const keyEnd = keyStart + keyLength;
    if (keyEnd > end) {
      // uWSGI 2.0.21 has no else for this case: it goes on reading at the key's first byte as if
      // it were the next key length, so no single log line belongs to it.
      throw new PacketError(
        'key-overflow',
        at,
        `key length says ${keyLength} bytes but ${end - keyStart} are left in the vars block`,
        lastTwo ? { uwsgiLog: invalidRequestLine(lastLength) } : {},
      );
    }
    if (end - keyEnd < 2) {
      throw new PacketError(
        'value-length-overflow',
        keyEnd,
        `key ${quoted(bytes, keyStart, keyEnd)} leaves ${end - keyEnd} bytes in the vars block where a 2-byte value length should be`,
        // a key ending exactly at the block's end is the same silent case as key-overflow
        keyEnd < end ? { uwsgiLog: invalidRequestLine(keyLength) } : {},
      );
    }
    const valueLength = bytes[keyEnd]! | (bytes[keyEnd + 1]! << 8);
    const valueStart = keyEnd + 2;
    const valueEnd = valueStart + valueLength;
    if (valueEnd > end) {
      throw new PacketError(
        'value-overflow',
        keyEnd,
        `value length of ${quoted(bytes, keyStart, keyEnd)} says ${valueLength} bytes but ${end - valueStart} are left in the vars block`,
        { uwsgiLog: invalidRequestLine(valueLength) },
      );
    }
    visit(keyStart, keyEnd, valueStart, valueEnd);
    lastLength = valueLength;
    at = valueEnd;
  }
}

function invalidRequestLine(strsize: number): string {
  return `invalid uwsgi request (current strsize: ${strsize}). skip.`;
}

// A key as it appears in a message: printable ASCII as is, anything else as \xNN, at most 40 bytes.
function quoted(bytes: Uint8Array, start: number, end: number): string {
  const shown = latin1Text(bytes.subarray(start, Math.min(end, start + 40))).replace(
    /[^ -~]|["\\]/g,
    (ch) =>
      ch === '"' || ch === '\\'
        ? `\\${ch}`
        : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `"${shown}${end - start > 40 ? '…' : ''}"`;
}

const CONTENT_LENGTH = [
  0x43, 0x4f, 0x4e, 0x54, 0x45, 0x4e, 0x54, 0x5f, 0x4c, 0x45, 0x4e, 0x47, 0x54, 0x48,
];

/** Whether `bytes[start, end)` is the key `CONTENT_LENGTH` (matched byte for byte, as uWSGI does). */
export function isContentLengthKey(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== CONTENT_LENGTH.length) return false;
  for (let i = 0; i < CONTENT_LENGTH.length; i++)
    if (bytes[start + i] !== CONTENT_LENGTH[i]) return false;
  return true;
}

/**
 * The body length a CONTENT_LENGTH value gives, read as uWSGI reads it: the leading ASCII digits,
 * stopping at the first other byte, so "" and "abc" are 0 and "12abc" is 12 (core/protocol.c,
 * get_content_length). When the key repeats, the last one counts, since each one overwrites it.
 */
export function contentLengthValue(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}
