// formatHexDump: bytes in `hexdump -C` layout, byte for byte what util-linux's hexdump -C prints
// (8-digit offset, two groups of 8, the |text| column, `*` for repeated lines, the end offset).

const HEX = '0123456789abcdef';

export interface HexDumpFormatOptions {
  /** Bytes per line: 16 as hexdump -C, or 8 for narrow screens. Default 16. */
  readonly width?: 16 | 8;
  /** Collapse repeated lines into `*` as hexdump does (its `-v` turns that off). Default true. */
  readonly squeeze?: boolean;
}

export function formatHexDump(bytes: Uint8Array, options: HexDumpFormatOptions = {}): string {
  const width = options.width ?? 16;
  const squeeze = options.squeeze ?? true;
  const lines: string[] = [];
  let previous: Uint8Array | undefined;
  let starred = false;
  for (let offset = 0; offset < bytes.length; offset += width) {
    const row = bytes.subarray(offset, offset + width);
    if (squeeze && previous !== undefined && row.length === width && sameBytes(row, previous)) {
      if (!starred) lines.push('*');
      starred = true;
      continue;
    }
    starred = false;
    previous = row;
    lines.push(formatRow(offset, row, width));
  }
  if (bytes.length > 0) lines.push(offsetText(bytes.length));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function formatRow(offset: number, row: Uint8Array, width: number): string {
  let hex = '';
  let text = '';
  for (let i = 0; i < width; i++) {
    // a second space before byte 8 splits the row into two groups of 8
    if (i === 8) hex += ' ';
    const byte = row[i];
    if (byte === undefined) {
      hex += '   ';
      continue;
    }
    hex += ` ${HEX[byte >> 4]!}${HEX[byte & 15]!}`;
    text += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
  }
  return `${offsetText(offset)} ${hex}  |${text}|`;
}

function offsetText(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
