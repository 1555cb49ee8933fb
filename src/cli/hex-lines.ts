// Bytes as lower-case hex, 32 bytes a line: the layout of the captured vectors (tests/fixtures/
// vectors/*.hex), so `encode`'s output can be compared with them as text.

import { hexOf } from '../protocol/byte-text.ts';

export function hexLines(bytes: Uint8Array, perLine = 32): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += perLine)
    lines.push(hexOf(bytes.subarray(at, at + perLine)));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
