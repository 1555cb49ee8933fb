// The one error the HTTP/1.x parser throws: a machine code, the byte offset, a plain message.

export type HttpParseErrorCode =
  /** The input ended inside the head or the body. */
  | 'truncated'
  /** The head is bigger than the parser's `maxHeadSize`. */
  | 'head-too-big'
  | 'bad-start-line'
  | 'bad-header'
  | 'bad-content-length'
  | 'bad-chunk'
  /** A request with a Transfer-Encoding whose last coding is not chunked (RFC 9112 §6.3, rule 4). */
  | 'bad-transfer-encoding';

export class HttpParseError extends Error {
  override readonly name = 'HttpParseError';
  readonly code: HttpParseErrorCode;
  readonly offset: number;

  constructor(code: HttpParseErrorCode, offset: number, message: string) {
    super(message);
    this.code = code;
    this.offset = offset;
  }
}
