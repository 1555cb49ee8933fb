// The public API of src/protocol: the uwsgi packet codec, the HTTP/1.x codec and hex dumps.
// No DOM, no Node built-ins, no dependencies.

export { annotate } from './annotate.ts';
export type {
  AnnotatedField,
  BytesField,
  FieldRange,
  GroupField,
  NumberField,
} from './annotate.ts';
export {
  bytesFromHex,
  concatBytes,
  equalBytes,
  hexOf,
  isWellFormedText,
  latin1Bytes,
  latin1Text,
  utf8Bytes,
  utf8Length,
  utf8Text,
} from './byte-text.ts';
export { decode } from './decode.ts';
export type { DecodeTextOptions } from './decode.ts';
export type { DecodeOptions, TextOptions } from './decode-options.ts';
export { encode, encodingLength } from './encode.ts';
export type { EncodeOptions } from './encode.ts';
export { invalidBlockSizeLine, UWSGI_DEFAULT_BUFFER_SIZE } from './header.ts';
export { carriesBody, MODIFIERS, modifier2Id, modifierInfo, payloadLayout } from './modifiers.ts';
export type { Modifier2Value, ModifierInfo, PayloadLayout } from './modifiers.ts';
export { HEADER_SIZE, MAX_DATASIZE, MAX_FIELD_LENGTH } from './packet.ts';
export type {
  DecodedPacket,
  PacketHeader,
  PacketInit,
  PayloadPacket,
  PayloadPacketInit,
  UwsgiPacket,
  UwsgiVar,
  VarField,
  VarsPacket,
  VarsPacketInit,
} from './packet.ts';
export { PacketError, UWSGI_LOG_SHORT_READ } from './packet-error.ts';
export type { PacketErrorCode, PacketErrorDetails } from './packet-error.ts';
export { PacketReader } from './packet-reader.ts';
export type { ReaderEvent } from './packet-reader.ts';

export { ChunkedDecoder, encodeChunked } from './http/chunked-body.ts';
export type { ChunkedEvent } from './http/chunked-body.ts';
export { headerValue, transferCodings } from './http/http-message.ts';
export type {
  BodyFraming,
  HttpBodyParts,
  HttpHead,
  HttpHeader,
  HttpRequest,
  HttpRequestHead,
  HttpResponse,
  HttpResponseHead,
} from './http/http-message.ts';
export { HttpParseError } from './http/http-parse-error.ts';
export type { HttpParseErrorCode } from './http/http-parse-error.ts';
export { HttpParser, parseHttpRequest, parseHttpResponse } from './http/http-parser.ts';
export type { HttpEvent, HttpParserOptions, Rest } from './http/http-parser.ts';
export { serializeHttpRequest, serializeHttpResponse } from './http/http-serialize.ts';
export type { HttpMessageBody } from './http/http-serialize.ts';

export { formatHexDump } from './hexdump/format-hex-dump.ts';
export type { HexDumpFormatOptions } from './hexdump/format-hex-dump.ts';
export { HexDumpError } from './hexdump/hex-dump-error.ts';
export type { HexDumpErrorCode } from './hexdump/hex-dump-error.ts';
export { parseHexDump } from './hexdump/parse-hex-dump.ts';
export type { DumpFormat, ParsedDump } from './hexdump/parse-hex-dump.ts';
export type { TcpStream } from './hexdump/tcp-stream.ts';
