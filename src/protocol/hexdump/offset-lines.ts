// The engine shared by the dump formats that print an offset, the bytes in hex and maybe a text
// column on each line (xxd, hexdump -C, od, tcpdump -x/-X, tshark -x): it checks every offset
// against the bytes read so far, expands `*` lines, and splits frames where offsets restart.

import { HexDumpError } from './hex-dump-error.ts';

export interface OffsetLineFormat {
  /** A data line: group 1 is the offset, group 2 the rest (bytes, then any text column). */
  readonly line: RegExp;
  /** The hex digits on the rest of a data line, or undefined when it is not this format's. */
  readonly hexDigits: (rest: string) => string | undefined;
  /** Offset radixes to try, in order (od prints octal offsets unless given `-A x`). */
  readonly radixes: readonly number[];
  /** A line holding only the final offset (hexdump -C and od end with one). */
  readonly endLine?: RegExp;
  /** `*` means: the line above repeats up to the next offset (hexdump, od, xxd -a). */
  readonly squeeze: boolean;
  /** An offset of 0 after some bytes starts a new frame (tcpdump, tshark print one per packet). */
  readonly framed: boolean;
  /** Lines that carry no bytes, such as tcpdump's packet summaries; each one ends a frame. */
  readonly frameHeader?: (line: string) => boolean;
}

/**
 * The frames of a dump in this format, or undefined when some line is not this format's. Throws
 * HexDumpError when every line has the format's shape but the offsets do not add up.
 */
export function readOffsetLines(
  lines: readonly string[],
  format: OffsetLineFormat,
): Uint8Array[] | undefined {
  let firstError: HexDumpError | undefined;
  for (const radix of format.radixes) {
    try {
      return readWithRadix(lines, format, radix);
    } catch (error) {
      if (!(error instanceof HexDumpError) || error.code !== 'offset-mismatch') throw error;
      firstError ??= error;
    }
  }
  if (firstError !== undefined) throw firstError;
  return undefined;
}

function readWithRadix(
  lines: readonly string[],
  format: OffsetLineFormat,
  radix: number,
): Uint8Array[] | undefined {
  const frames: Uint8Array[] = [];
  let current: number[] = [];
  let previousLine: number[] = [];
  let squeezed = false;
  let dataLines = 0;
  const endFrame = (): void => {
    if (current.length > 0) frames.push(Uint8Array.from(current));
    current = [];
    previousLine = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trimEnd();
    const lineNumber = index + 1;
    if (line.trim() === '') continue;
    if (format.squeeze && line.trim() === '*') {
      squeezed = true;
      continue;
    }
    const end = format.endLine?.exec(line);
    if (end) {
      // an end offset closes a dump; alone it is more likely a run of plain hex
      if (dataLines === 0) return undefined;
      const offset = parseOffset(end[1]!, radix, lineNumber);
      if (squeezed) repeatUntil(current, previousLine, offset, lineNumber);
      squeezed = false;
      checkOffset(offset, current.length, lineNumber);
      continue;
    }
    const match = format.line.exec(line);
    if (!match) {
      if (format.frameHeader?.(line) === true) {
        endFrame();
        continue;
      }
      return undefined;
    }
    const digits = format.hexDigits(match[2] ?? '');
    if (digits === undefined) return undefined;
    const offset = parseOffset(match[1]!, radix, lineNumber);
    if (format.framed && offset === 0 && current.length > 0) endFrame();
    if (squeezed) repeatUntil(current, previousLine, offset, lineNumber);
    squeezed = false;
    checkOffset(offset, current.length, lineNumber);
    previousLine = [];
    pushHexDigits(digits, previousLine, lineNumber);
    for (const byte of previousLine) current.push(byte);
    dataLines++;
  }
  if (dataLines === 0) return undefined;
  if (squeezed) {
    throw new HexDumpError(
      'offset-mismatch',
      lines.length,
      'the dump ends with "*" but no offset says where the repeat stops',
    );
  }
  endFrame();
  return frames;
}

function parseOffset(digits: string, radix: number, lineNumber: number): number {
  const offset = parseInt(digits, radix);
  if (
    !Number.isFinite(offset) ||
    offset.toString(radix) !== digits.replace(/^0+(?=.)/, '').toLowerCase()
  ) {
    throw new HexDumpError(
      'offset-mismatch',
      lineNumber,
      `line ${lineNumber}: offset ${digits} is not a base-${radix} number`,
    );
  }
  return offset;
}

function checkOffset(offset: number, expected: number, lineNumber: number): void {
  if (offset !== expected) {
    throw new HexDumpError(
      'offset-mismatch',
      lineNumber,
      `line ${lineNumber}: the offset says byte ${offset} but the lines before it hold ${expected} bytes`,
    );
  }
}

function repeatUntil(
  bytes: number[],
  line: readonly number[],
  offset: number,
  lineNumber: number,
): void {
  const missing = offset - bytes.length;
  if (line.length === 0 || missing < 0 || missing % line.length !== 0) {
    throw new HexDumpError(
      'offset-mismatch',
      lineNumber,
      `line ${lineNumber}: "*" does not repeat whole lines up to offset ${offset}`,
    );
  }
  for (let i = 0; i < missing; i++) bytes.push(line[i % line.length]!);
}

/** Appends the bytes of a string of hex digits (even length) to `out`. */
export function pushHexDigits(digits: string, out: number[], lineNumber: number): void {
  if (digits.length % 2 !== 0) {
    throw new HexDumpError(
      'odd-digits',
      lineNumber,
      `line ${lineNumber}: an odd number of hex digits (half a byte)`,
    );
  }
  for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
}

const HEX_RUN = /^[0-9a-fA-F]+$/;

/**
 * The hex groups before a double space (the text column's separator in xxd, tcpdump and tshark),
 * each of `groupDigits` digits (the last one may be shorter by whole bytes); undefined otherwise.
 */
export function groupsBeforeText(rest: string, groupDigits: readonly number[]): string | undefined {
  const cut = rest.indexOf('  ');
  const hex = (cut < 0 ? rest : rest.slice(0, cut)).trim();
  if (hex === '') return undefined;
  const groups = hex.split(' ');
  let digits = '';
  for (const [i, group] of groups.entries()) {
    if (!HEX_RUN.test(group)) return undefined;
    const last = i === groups.length - 1;
    if (
      !groupDigits.includes(group.length) &&
      !(last && group.length % 2 === 0 && group.length < Math.max(...groupDigits))
    ) {
      return undefined;
    }
    digits += group;
  }
  return digits;
}
