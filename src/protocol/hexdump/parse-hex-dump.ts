// parseHexDump: whatever hex dump a person pastes, recognised by its shape and read back to bytes.
// Captures (tcpdump, tshark) lose their link, IP and TCP headers: what is left is the stream one
// side sent — for an nginx → uWSGI capture, the uwsgi packet.

import { HEXDUMP_CANONICAL, OD, TCPDUMP, TSHARK, XXD } from './dump-formats.ts';
import { HexDumpError } from './hex-dump-error.ts';
import { readOffsetLines, type OffsetLineFormat } from './offset-lines.ts';
import { readCArray, readPlainHex } from './plain-hex.ts';
import { tcpStreamOf, type TcpStream } from './tcp-stream.ts';

export type DumpFormat = 'xxd' | 'hexdump-c' | 'od' | 'tcpdump' | 'tshark' | 'c-array' | 'plain';

export interface ParsedDump {
  readonly format: DumpFormat;
  readonly bytes: Uint8Array;
  /** For captures with link/IP/TCP headers: the flow whose payload `bytes` is. */
  readonly stream?: TcpStream;
  /** For captures: the frames as dumped, headers included. */
  readonly frames?: readonly Uint8Array[];
}

// Most specific first: plain hex would also swallow od's offsets as bytes.
const OFFSET_FORMATS: readonly (readonly [DumpFormat, OffsetLineFormat])[] = [
  ['tcpdump', TCPDUMP],
  ['xxd', XXD],
  ['hexdump-c', HEXDUMP_CANONICAL],
  ['od', OD],
  ['tshark', TSHARK],
];

/** The bytes of a hex dump in any supported form; throws HexDumpError when the text is none. */
export function parseHexDump(text: string): ParsedDump {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!/[0-9a-fA-F]/.test(text)) throw new HexDumpError('empty', 0, 'no hex digits in the input');
  for (const [format, spec] of OFFSET_FORMATS) {
    const frames = readOffsetLines(format === 'tshark' ? frameSections(lines) : lines, spec);
    if (frames === undefined) continue;
    if (format === 'tcpdump' || format === 'tshark') return capture(format, frames);
    return { format, bytes: frames[0] ?? new Uint8Array(0) };
  }
  const array = readCArray(text);
  if (array !== undefined) return { format: 'c-array', bytes: array };
  const plain = readPlainHex(text);
  if (plain !== undefined) return { format: 'plain', bytes: plain };
  const line = lines.findIndex((candidate) => /[^\s0-9a-fA-F]/.test(candidate)) + 1;
  throw new HexDumpError(
    'unrecognized',
    line,
    `line ${line} is not in any hex dump form this reads`,
  );
}

function capture(format: 'tcpdump' | 'tshark', frames: Uint8Array[]): ParsedDump {
  const tcp = tcpStreamOf(frames);
  if (tcp === undefined) {
    // Not link/IP/TCP frames (a dump of something else in this layout): the bytes as shown.
    const joined = new Uint8Array(frames.reduce((sum, frame) => sum + frame.length, 0));
    let at = 0;
    for (const frame of frames) {
      joined.set(frame, at);
      at += frame.length;
    }
    return { format, bytes: joined, frames };
  }
  return { format, bytes: tcp.bytes, stream: tcp.stream, frames };
}

// tshark -x prints one section per data source when a frame has more than one ("Frame (474
// bytes):", "Reassembled TCP (…):", …); the frame's own bytes are the ones with the headers.
function frameSections(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let keep = true;
  for (const line of lines) {
    const section = /^(\S.*) \(\d+ bytes?\):$/.exec(line);
    if (section) {
      keep = section[1] === 'Frame';
      kept.push('');
      continue;
    }
    kept.push(keep ? line : '');
  }
  return kept;
}
