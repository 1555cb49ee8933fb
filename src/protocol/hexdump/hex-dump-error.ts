// The error for text that cannot be read as a hex dump: a code, the 1-based line, and a message.

export type HexDumpErrorCode =
  /** No hex digits at all. */
  | 'empty'
  /** A line that no supported dump format has. */
  | 'unrecognized'
  /** A run of hex digits of odd length (half a byte). */
  | 'odd-digits'
  /** A line's offset is not where the bytes before it end. */
  | 'offset-mismatch'
  /** A TCP capture whose stream misses bytes. */
  | 'stream-gap';

export class HexDumpError extends Error {
  override readonly name = 'HexDumpError';
  readonly code: HexDumpErrorCode;
  /** 1-based line of the text, 0 when the whole text is at fault. */
  readonly line: number;

  constructor(code: HexDumpErrorCode, line: number, message: string) {
    super(message);
    this.code = code;
    this.line = line;
  }
}
