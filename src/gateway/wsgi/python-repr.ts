// How Python 3.11 shows values, for what the modelled apps print and for environ listings:
// ascii() and repr() of str and bytes, repr() of bool/int/tuple/None. Strings here are Python str
// values: one JS string, code points as Python sees them (a WSGI "bytes as str" value has one code
// point per byte).

/** Python's `ascii(text)`: repr with every non-ASCII code point escaped. */
export function pyAscii(text: string): string {
  return quoteStr(text, true);
}

/** Python's `repr(text)` for a str: non-ASCII printable characters stay as they are. */
export function pyReprStr(text: string): string {
  return quoteStr(text, false);
}

function quoteStr(text: string, asciiOnly: boolean): string {
  // Python picks single quotes unless the text has ' and no " (Objects/unicodeobject.c unicode_repr)
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f) out += char;
    else if (asciiOnly || !isPrintable(code)) out += escapeNonAscii(code);
    else out += char;
  }
  return out + quote;
}

function escapeNonAscii(code: number): string {
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

// Python's str.isprintable() is false for the Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp and
// Zs other than the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function isPrintable(code: number): boolean {
  return !NON_PRINTABLE.test(String.fromCodePoint(code));
}

/** Python's `repr(data)` for bytes: `b'...'` with \xNN for bytes outside printable ASCII. */
export function pyReprBytes(data: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of data) {
    if (byte === 0x27) hasSingle = true;
    if (byte === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of data) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${hex(byte, 2)}`;
    else out += char;
  }
  return out + quote;
}

export function pyReprBool(value: boolean): string {
  return value ? 'True' : 'False';
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}
