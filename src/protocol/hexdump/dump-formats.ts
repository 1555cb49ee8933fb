// The offset-line dump formats people paste, one spec each, as the real tools print them:
// xxd (vim's xxd), hexdump -C (util-linux/bsdextrautils), od -t x1 (coreutils, any -A radix),
// tcpdump -x/-xx/-X/-XX (4.99) and tshark -x / Wireshark's "Copy as Hex Dump" (4.0).

import { groupsBeforeText, type OffsetLineFormat } from './offset-lines.ts';

const TWO_DIGITS = /^[0-9a-fA-F]{2}$/;

// Space-separated two-digit bytes, at most `max` of them.
function byteTokens(hex: string, max: number): string | undefined {
  const tokens = hex.trim().split(/\s+/);
  if (tokens.length > max || tokens.some((token) => !TWO_DIGITS.test(token))) return undefined;
  return tokens.join('');
}

/** `00000000: 0094 0100 0c00 5155 4552 595f 5354 5249  ......QUERY_STRI` (any -g grouping). */
export const XXD: OffsetLineFormat = {
  line: /^([0-9a-fA-F]{8,}): (.*)$/,
  hexDigits: (rest) => groupsBeforeText(rest, [2, 4, 8, 16, 32]),
  radixes: [16],
  squeeze: true,
  framed: false,
};

/** `00000000  00 94 01 00 0c 00 51 55  45 52 59 5f 53 54 52 49  |......QUERY_STRI|`, then the end offset. */
export const HEXDUMP_CANONICAL: OffsetLineFormat = {
  line: /^([0-9a-fA-F]{7,}) {2}(.*\|.*\|)$/,
  hexDigits: (rest) => byteTokens(rest.slice(0, rest.indexOf('|')), 16),
  radixes: [16],
  endLine: /^([0-9a-fA-F]{7,16})$/,
  squeeze: true,
  framed: false,
};

/** `000000 00 94 01 00 0c 00 51 55 45 52 59 5f 53 54 52 49  >......QUERY_STRI<`, then the end offset. */
export const OD: OffsetLineFormat = {
  line: /^([0-9a-fA-F]{6,}) ((?:[0-9a-fA-F]{2}(?: |$))+.*)$/,
  hexDigits: (rest) => {
    const text = rest.indexOf('  >');
    return byteTokens(text < 0 ? rest : rest.slice(0, text), 32);
  },
  radixes: [16, 8, 10],
  endLine: /^([0-9a-fA-F]{6,16})$/,
  squeeze: true,
  framed: false,
};

/** A packet summary line, then `\t0x0000:  4500 003c db10 4000 …  E..<..@.` for each packet. */
export const TCPDUMP: OffsetLineFormat = {
  line: /^\s+0x([0-9a-fA-F]{4,}):\s+(.*)$/,
  hexDigits: (rest) => groupsBeforeText(rest, [4]),
  radixes: [16],
  squeeze: false,
  framed: true,
  frameHeader: (line) => !/^\s/.test(line),
};

/** `0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.`, a blank line between packets. */
export const TSHARK: OffsetLineFormat = {
  line: /^([0-9a-fA-F]{4,8}) {2}(.*)$/,
  hexDigits: (rest) => groupsBeforeText(rest, [2]),
  radixes: [16],
  squeeze: false,
  framed: true,
};
