// Bytes as text and text as bytes: UTF-8 (how the codec accepts strings), latin-1 (how WSGI and
// nginx treat header bytes: one byte, one code point) and hex. No DOM, no Node built-ins.

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is reported, never replaced; ignoreBOM: a leading EF BB BF is a byte like
// any other and must survive a bytes → string → bytes round trip.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Short ASCII runs are cheaper to build by hand than to hand to TextDecoder.
const SHORT_ASCII = 48;

/** The UTF-8 bytes of a string. Lone surrogates become U+FFFD (check with `isWellFormedText`). */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** The bytes as a string when they are valid UTF-8, else `undefined`. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  const length = bytes.length;
  if (length <= SHORT_ASCII) {
    let text = '';
    for (let i = 0; i < length; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) return strictUtf8Text(bytes);
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return strictUtf8Text(bytes);
}

function strictUtf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether a string has a UTF-8 form (no lone surrogates). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
const LONE_SURROGATE = /\p{Cs}/u;

/** The number of bytes `utf8Bytes(text)` returns, for a well-formed string. */
export function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) length += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      // a surrogate pair is 2 UTF-16 units (counted already) and 4 UTF-8 bytes
      length += 2;
      i++;
    } else length += 2;
  }
  return length;
}

/**
 * Each byte as the code point of the same number (PEP 3333's "bytes as str"). Not
 * `TextDecoder('latin1')`: the Encoding Standard maps that label to windows-1252.
 */
export function latin1Text(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  }
  return text;
}

/** The inverse of `latin1Text`; a code point above 255 is a RangeError. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff)
      throw new RangeError(`character ${i} (U+${code.toString(16)}) is not one byte`);
    bytes[i] = code;
  }
  return bytes;
}

const HEX_DIGITS = '0123456789abcdef';

/** Lower-case hex, the bytes separated by `separator` (none by default). */
export function hexOf(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = [];
  for (const byte of bytes) parts.push(HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!);
  return parts.join(separator);
}

/** Bytes from an even-length string of hex digits (either case, nothing else). */
export function bytesFromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new RangeError('not an even number of hex digits');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
