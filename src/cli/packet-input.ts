// Where a command's input comes from (a file, or stdin for `-` or no file) and what it is: hex-dump
// text when the whole input reads as one, else raw bytes; --hex and --raw decide it instead.

import { readFile } from 'node:fs/promises';
import { utf8Text } from '../protocol/byte-text.ts';
import { HexDumpError } from '../protocol/hexdump/hex-dump-error.ts';
import { parseHexDump, type DumpFormat } from '../protocol/hexdump/parse-hex-dump.ts';
import { CliError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import { systemReason } from './system-reason.ts';

/** The whole input of FILE, or of stdin for `-` or no FILE. Refuses a missing file and empty input. */
export async function readInput(file: string | undefined, io: CliIo): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (file === undefined || file === '-') {
    bytes = await io.readStdin();
  } else {
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${systemReason(error)}`);
    }
  }
  if (bytes.length === 0)
    throw new CliError(
      `the input${file === undefined || file === '-' ? '' : ` (${file})`} is empty`,
    );
  return bytes;
}

export type InputMode = 'auto' | 'hex' | 'raw';

export interface PacketBytes {
  readonly bytes: Uint8Array;
  /** The dump format the bytes were read from, or `raw`. */
  readonly source: DumpFormat | 'raw';
  /** Why the input was not taken as a hex dump (auto mode only). */
  readonly notADump?: string;
}

export function packetBytes(input: Uint8Array, mode: InputMode): PacketBytes {
  if (mode === 'raw') return { bytes: input, source: 'raw' };
  const text = utf8Text(input);
  if (text === undefined) {
    if (mode === 'hex') throw new CliError('--hex: the input is not text');
    return { bytes: input, source: 'raw', notADump: 'it is not text' };
  }
  try {
    const dump = parseHexDump(text);
    return { bytes: dump.bytes, source: dump.format };
  } catch (error) {
    if (!(error instanceof HexDumpError)) throw error;
    if (mode === 'hex') throw new CliError(`--hex: not a hex dump: ${error.message}`);
    return { bytes: input, source: 'raw', notADump: error.message };
  }
}

/** Whether the bytes look like text a person typed or pasted (no control bytes but whitespace). */
export function looksLikeText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    const whitespace = byte === 0x09 || byte === 0x0a || byte === 0x0d;
    if ((byte < 0x20 && !whitespace) || byte === 0x7f) return false;
  }
  return utf8Text(bytes) !== undefined;
}
