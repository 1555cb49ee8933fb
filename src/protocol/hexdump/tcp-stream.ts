// From captured frames (tcpdump -x/-xx, tshark -x) to the bytes one side of a TCP connection sent:
// strip the link header (Ethernet, Linux cooked v1/v2, BSD loopback or none), the IPv4/IPv6 header
// and the TCP header, then join the payloads of the first flow that carries data, in sequence order.

import { HexDumpError } from './hex-dump-error.ts';

export interface TcpSegment {
  /** `address:port` of the sender and receiver. */
  readonly source: string;
  readonly destination: string;
  readonly sequence: number;
  readonly payload: Uint8Array;
}

export interface TcpStream {
  readonly source: string;
  readonly destination: string;
  /** Segments with data joined into the stream. */
  readonly segments: number;
  /** Frames of other flows (for example the reply) that were left out. */
  readonly otherFrames: number;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const PROTOCOL_TCP = 6;

/** The TCP segment in a frame, or undefined when the frame is not link/IP/TCP as far as can be told. */
export function tcpSegmentOf(frame: Uint8Array): TcpSegment | undefined {
  // Candidate places where the IP header may start, by link type: none (tcpdump -x), BSD
  // loopback/null (4), Ethernet (14, also Linux's lo), Linux cooked v1 (16) and v2 (20).
  const candidates: number[] = [0];
  if (
    frame.length >= 4 &&
    (frame[0] === 2 || frame[3] === 2 || frame[0] === 24 || frame[3] === 24 || frame[3] === 30)
  ) {
    candidates.push(4);
  }
  if (isIpEthertype(frame, 12)) candidates.push(14);
  if (isIpEthertype(frame, 14)) candidates.push(16);
  if (isIpEthertype(frame, 0)) candidates.push(20);
  for (const start of candidates) {
    const segment = ipTcpAt(frame, start);
    if (segment !== undefined) return segment;
  }
  return undefined;
}

function isIpEthertype(frame: Uint8Array, at: number): boolean {
  if (frame.length < at + 2) return false;
  const type = (frame[at]! << 8) | frame[at + 1]!;
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6;
}

function ipTcpAt(frame: Uint8Array, start: number): TcpSegment | undefined {
  const version = (frame[start] ?? 0) >> 4;
  let tcpStart: number;
  let ipEnd: number;
  let source: string;
  let destination: string;
  if (version === 4) {
    const headerLength = (frame[start]! & 0x0f) * 4;
    if (headerLength < 20 || frame.length < start + headerLength) return undefined;
    const totalLength = u16(frame, start + 2);
    if (totalLength < headerLength + 20 || start + totalLength > frame.length) return undefined;
    if (frame[start + 9] !== PROTOCOL_TCP) return undefined;
    tcpStart = start + headerLength;
    ipEnd = start + totalLength; // Ethernet may pad a short frame; the IP length says where it ends
    source = ipv4(frame, start + 12);
    destination = ipv4(frame, start + 16);
  } else if (version === 6) {
    if (frame.length < start + 40 || frame[start + 6] !== PROTOCOL_TCP) return undefined;
    const payloadLength = u16(frame, start + 4);
    tcpStart = start + 40;
    ipEnd = tcpStart + payloadLength;
    if (ipEnd > frame.length || payloadLength < 20) return undefined;
    source = `[${ipv6(frame, start + 8)}]`;
    destination = `[${ipv6(frame, start + 24)}]`;
  } else {
    return undefined;
  }
  const tcpHeaderLength = (frame[tcpStart + 12]! >> 4) * 4;
  if (tcpHeaderLength < 20 || tcpStart + tcpHeaderLength > ipEnd) return undefined;
  return {
    source: `${source}:${u16(frame, tcpStart)}`,
    destination: `${destination}:${u16(frame, tcpStart + 2)}`,
    sequence: u32(frame, tcpStart + 4),
    payload: frame.subarray(tcpStart + tcpHeaderLength, ipEnd),
  };
}

/**
 * The bytes of the first flow that carries data, joined in sequence order (retransmitted bytes
 * once), or undefined when some frame is not a TCP/IP frame.
 */
export function tcpStreamOf(
  frames: readonly Uint8Array[],
): { bytes: Uint8Array; stream: TcpStream } | undefined {
  const segments: TcpSegment[] = [];
  for (const frame of frames) {
    const segment = tcpSegmentOf(frame);
    if (segment === undefined) return undefined;
    segments.push(segment);
  }
  const first = segments.find((segment) => segment.payload.length > 0);
  if (first === undefined) return undefined;
  const flow = segments.filter(
    (segment) =>
      segment.source === first.source &&
      segment.destination === first.destination &&
      segment.payload.length > 0,
  );
  // Sequence numbers wrap at 2^32: order by distance from the first data segment.
  const relative = (segment: TcpSegment): number =>
    (segment.sequence - first.sequence + 0x1_0000_0000) % 0x1_0000_0000;
  flow.sort((a, b) => relative(a) - relative(b));
  const parts: Uint8Array[] = [];
  let next = 0;
  for (const segment of flow) {
    const at = relative(segment);
    if (at > next) {
      throw new HexDumpError(
        'stream-gap',
        0,
        `the capture misses ${at - next} bytes of the stream from ${first.source} (after byte ${next})`,
      );
    }
    const fresh = segment.payload.subarray(next - at);
    if (fresh.length > 0) parts.push(fresh);
    next = Math.max(next, at + segment.payload.length);
  }
  const bytes = new Uint8Array(next);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return {
    bytes,
    stream: {
      source: first.source,
      destination: first.destination,
      segments: flow.length,
      otherFrames:
        segments.length -
        segments.filter((s) => s.source === first.source && s.destination === first.destination)
          .length,
    },
  };
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!
  );
}

function ipv4(bytes: Uint8Array, at: number): string {
  return Array.from(bytes.subarray(at, at + 4)).join('.');
}

function ipv6(bytes: Uint8Array, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(u16(bytes, at + i).toString(16));
  return groups.join(':');
}
