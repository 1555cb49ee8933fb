// The limits decode, PacketReader and annotate apply, with their defaults. Plain decode accepts any
// packet the format allows; the uWSGI model sets bufferSize to uWSGI's 4096.

export interface DecodeOptions {
  /**
   * The largest datasize accepted, like uWSGI's `--buffer-size` (uWSGI's default is 4096,
   * core/init.c). Unset by default: the format's own ceiling, 65535, applies.
   */
  readonly bufferSize?: number;
  /**
   * Accept a zero key length. Default false: uWSGI refuses it (`uwsgi key cannot be null. skip this
   * var.`, core/protocol.c uwsgi_parse_vars) and drops the request without a reply.
   */
  readonly allowEmptyKeys?: boolean;
}

export interface TextOptions {
  /**
   * Give keys and values as strings where they are valid UTF-8 (else as bytes). Default false:
   * bytes, as views into the input (copy them if the input buffer is reused).
   */
  readonly strings?: boolean;
}
