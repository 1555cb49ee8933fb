// What the inspector reads from what the reader gave it: pasted text as a hex dump (any form the
// codec parses), or as its own UTF-8 bytes; a file as a hex dump when it is text that parses as
// one, else as raw bytes. The same choices as `uwsgi-lab decode` and its --hex and --raw.

import { utf8Bytes, utf8Text } from '../../protocol/byte-text.ts';
import { HexDumpError, type HexDumpErrorCode } from '../../protocol/hexdump/hex-dump-error.ts';
import { parseHexDump, type DumpFormat } from '../../protocol/hexdump/parse-hex-dump.ts';
import type { TcpStream } from '../../protocol/hexdump/tcp-stream.ts';

export type InputMode = 'auto' | 'hex' | 'raw';

export interface DumpProblem {
  readonly code: HexDumpErrorCode;
  /** 1-based line of the text; 0 when the whole text is at fault. */
  readonly line: number;
  /** The parser's message (English). */
  readonly message: string;
}

export type InputReading =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      /** A dump format, `text` (the text's own bytes) or `raw` (a file's bytes). */
      readonly source: DumpFormat | 'text' | 'raw';
      readonly stream?: TcpStream;
      /** Why auto mode did not read the input as a hex dump. */
      readonly notADump?: DumpProblem;
    }
  | { readonly ok: false; readonly empty: true }
  | { readonly ok: false; readonly empty: false; readonly problem: DumpProblem };

// A text that has these problems was meant as a dump: saying where it breaks helps more than
// reading its characters as bytes.
const DUMP_ONLY_PROBLEMS: readonly HexDumpErrorCode[] = [
  'odd-digits',
  'offset-mismatch',
  'stream-gap',
];

function problemOf(error: HexDumpError): DumpProblem {
  return { code: error.code, line: error.line, message: error.message };
}

function asDump(text: string): InputReading | DumpProblem {
  try {
    const dump = parseHexDump(text);
    return {
      ok: true,
      bytes: dump.bytes,
      source: dump.format,
      ...(dump.stream === undefined ? {} : { stream: dump.stream }),
    };
  } catch (error) {
    if (!(error instanceof HexDumpError)) throw error;
    return problemOf(error);
  }
}

/** Pasted or typed text. */
export function readText(text: string, mode: InputMode): InputReading {
  if (text.trim() === '') return { ok: false, empty: true };
  if (mode === 'raw') return { ok: true, bytes: utf8Bytes(text), source: 'text' };
  const dump = asDump(text);
  if ('ok' in dump) return dump;
  if (mode === 'hex' || DUMP_ONLY_PROBLEMS.includes(dump.code))
    return { ok: false, empty: false, problem: dump };
  return { ok: true, bytes: utf8Bytes(text), source: 'text', notADump: dump };
}

/** Whether bytes look like text a person wrote (no control bytes but tab and line ends). */
export function looksLikeText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f)
      return false;
  }
  return utf8Text(bytes) !== undefined;
}

/** A file's bytes. */
export function readFileBytes(bytes: Uint8Array, mode: InputMode): InputReading {
  if (bytes.length === 0) return { ok: false, empty: true };
  if (mode === 'raw' || (mode === 'auto' && !looksLikeText(bytes)))
    return { ok: true, bytes, source: 'raw' };
  const text = utf8Text(bytes) ?? '';
  const dump = asDump(text);
  if ('ok' in dump) return dump;
  if (mode === 'hex') return { ok: false, empty: false, problem: dump };
  return { ok: true, bytes, source: 'raw', notADump: dump };
}
