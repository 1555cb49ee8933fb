// The shapes of a uwsgi packet: what encode takes and decode returns. Keys and values are bytes
// on the wire; strings are accepted and written as UTF-8, and decode can give them back as strings.

/** Bytes, or a string that stands for its UTF-8 bytes. */
export type VarField = string | Uint8Array;

/** One key/value pair of the vars block, in wire order. Keys may repeat (nginx 1.22 repeats headers). */
export type UwsgiVar<F extends VarField = Uint8Array> = readonly [key: F, value: F];

/** The 4-byte header: modifier1 u8, datasize u16 little-endian, modifier2 u8. */
export interface PacketHeader {
  readonly modifier1: number;
  /** Bytes after the header (for requests: the vars block only, not the body). */
  readonly datasize: number;
  readonly modifier2: number;
}

/** A packet whose datasize bytes are a vars block (WSGI and the other request modifiers). */
export interface VarsPacket<F extends VarField = Uint8Array> {
  readonly kind: 'vars';
  readonly modifier1: number;
  readonly modifier2: number;
  readonly vars: readonly UwsgiVar<F>[];
  /** The request body: CONTENT_LENGTH bytes after the vars block (empty for modifiers without one). */
  readonly body: Uint8Array;
}

/** A packet whose datasize bytes are opaque (echo, RPC, …) or absent (ping). */
export interface PayloadPacket {
  readonly kind: 'payload';
  readonly modifier1: number;
  readonly modifier2: number;
  readonly payload: Uint8Array;
}

export type UwsgiPacket<F extends VarField = Uint8Array> = VarsPacket<F> | PayloadPacket;

/** What decode returns: the packet, its datasize as read, and any bytes after the packet's end. */
export type DecodedPacket<F extends VarField = Uint8Array> = UwsgiPacket<F> & {
  readonly datasize: number;
  /** Bytes after the body (or payload): not part of the packet; uWSGI never reads them. */
  readonly trailing: Uint8Array;
};

/** What encode accepts for a vars packet; modifiers default to 0 (a WSGI request). */
export interface VarsPacketInit {
  readonly kind?: 'vars';
  readonly modifier1?: number;
  readonly modifier2?: number;
  readonly vars: readonly UwsgiVar<VarField>[];
  readonly body?: VarField;
}

/** What encode accepts for a payload packet. */
export interface PayloadPacketInit {
  readonly kind?: 'payload';
  readonly modifier1: number;
  readonly modifier2?: number;
  readonly payload: VarField;
}

export type PacketInit = VarsPacketInit | PayloadPacketInit;

/** The size of the header. */
export const HEADER_SIZE = 4;
/** The format's ceiling: datasize is 16 bits (nginx refuses to build more: "uwsgi request is too big"). */
export const MAX_DATASIZE = 0xffff;
/** A key or value length is 16 bits too. */
export const MAX_FIELD_LENGTH = 0xffff;
