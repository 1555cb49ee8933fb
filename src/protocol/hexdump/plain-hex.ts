// Hex without offsets: `0094 0100…`, `00 94 01 00`, `0x00, 0x94`, `\x00\x94`, `00:94:01`, the
// vectors' 32-bytes-a-line files, Wireshark's "Copy as Hex Stream", `xxd -p`, and `xxd -i`'s C array.

import { HexDumpError } from './hex-dump-error.ts';
import { pushHexDigits } from './offset-lines.ts';

// A byte with a prefix may drop its leading zero (Python's hex(0) is '0x0'); bare runs must be even.
const TOKEN = /(?:0[xX]|\\x)([0-9a-fA-F]{1,2})(?![0-9a-fA-F])|([0-9a-fA-F]+)|([\s,:;-]+)|(.)/gy;

/** The bytes of plain hex text, or undefined when it holds anything else. */
export function readPlainHex(text: string): Uint8Array | undefined {
  const out: number[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(line); match !== null; match = TOKEN.exec(line)) {
      if (match[4] !== undefined) return undefined;
      if (match[1] !== undefined) out.push(parseInt(match[1], 16));
      else if (match[2] !== undefined) pushHexDigits(match[2], out, index + 1);
    }
  }
  return out.length === 0 ? undefined : Uint8Array.from(out);
}

const C_DECLARATION =
  /^\s*(?:static\s+)?(?:const\s+)?(?:unsigned\s+)?char\s+\w+\s*\[\s*\d*\s*\]\s*=\s*\{\s*$/;
const C_LENGTH = /^\s*(?:static\s+)?(?:const\s+)?unsigned\s+int\s+\w+\s*=\s*(\d+)\s*;\s*$/;

/** The bytes of `xxd -i` output (a C array and its length variable), or undefined. */
export function readCArray(text: string): Uint8Array | undefined {
  const lines = text.split('\n');
  const open = lines.findIndex((line) => C_DECLARATION.test(line));
  const close = lines.findIndex((line) => /^\s*\};\s*$/.test(line));
  if (open < 0 || close < open) return undefined;
  for (const [index, line] of lines.entries()) {
    if (index === open || index === close || (index > open && index < close) || line.trim() === '')
      continue;
    if (!C_LENGTH.test(line)) return undefined;
  }
  const body = lines.slice(open + 1, close).join('\n');
  if (!/^[\s,]*(?:0[xX][0-9a-fA-F]{1,2}[\s,]*)*$/.test(body)) return undefined;
  const bytes = Uint8Array.from(
    Array.from(body.matchAll(/0[xX]([0-9a-fA-F]{1,2})/g), (m) => parseInt(m[1]!, 16)),
  );
  for (const line of lines) {
    const declared = C_LENGTH.exec(line);
    if (declared && Number(declared[1]) !== bytes.length) {
      throw new HexDumpError(
        'offset-mismatch',
        lines.indexOf(line) + 1,
        `the array has ${bytes.length} bytes but its length says ${declared[1]}`,
      );
    }
  }
  return bytes;
}
