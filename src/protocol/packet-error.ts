// The one error the uwsgi codec throws: a machine code, the byte offset where the packet broke,
// a plain message, and (where it differs) the line real uWSGI 2.0.21 logs for the same bytes.

/** Why a packet could not be decoded or encoded. */
export type PacketErrorCode =
  /** Fewer than the 4 header bytes. */
  | 'truncated-header'
  /** datasize is over the configured `bufferSize` (uWSGI's `--buffer-size`, 4096 by default). */
  | 'too-big'
  /** Fewer bytes follow the header than datasize says. */
  | 'datasize-mismatch'
  /** The bytes are HTTP (a request sent to a uwsgi socket, or a response), not a uwsgi packet. */
  | 'looks-like-http'
  /** The vars block ends with 1 byte where a 2-byte key length should be. */
  | 'key-length-overflow'
  /** A key length of 0. */
  | 'empty-key'
  /** A key length that runs past the end of the vars block. */
  | 'key-overflow'
  /** A key that ends less than 2 bytes before the end of the vars block: no room for its value length. */
  | 'value-length-overflow'
  /** A value length that runs past the end of the vars block. */
  | 'value-overflow'
  /** Fewer body bytes follow the vars block than CONTENT_LENGTH says. */
  | 'truncated-body'
  /** Encoding: a key or value longer than a 16-bit length can say (65535 bytes). */
  | 'field-too-long'
  /** Encoding: a modifier that is not an integer 0–255. */
  | 'modifier-range'
  /** Encoding: a string with a lone surrogate, which has no UTF-8 form. */
  | 'not-unicode';

export interface PacketErrorDetails {
  /** What real uWSGI 2.0.21 logs when it reads these bytes, when it refuses them the same way. */
  readonly uwsgiLog?: string;
}

export class PacketError extends Error {
  override readonly name = 'PacketError';
  readonly code: PacketErrorCode;
  /** Byte offset in the packet of the field that is wrong (for encoding: of the field being built). */
  readonly offset: number;
  readonly uwsgiLog: string | undefined;

  constructor(
    code: PacketErrorCode,
    offset: number,
    message: string,
    details: PacketErrorDetails = {},
  ) {
    super(message);
    this.code = code;
    this.offset = offset;
    this.uwsgiLog = details.uwsgiLog;
  }
}

/** The message uWSGI logs for a short read then end of stream (proto/uwsgi.c line 40 in 2.0.21). */
export const UWSGI_LOG_SHORT_READ = 'uwsgi_proto_uwsgi_parser(): Success [proto/uwsgi.c line 40]';
