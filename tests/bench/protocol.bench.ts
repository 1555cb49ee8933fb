// `npm run bench`: the codec's speed on the real vectors, against a floor measured in the same run —
// one TextDecoder.decode per key and value of the same packet for decode (and PacketReader), one
// TextEncoder.encode per key and value for encode. Target: decode and encode within 3× their floor.
// It prints figures; it asserts nothing (timings vary between machines and runs).

import { decode } from '../../src/protocol/decode.ts';
import { encode } from '../../src/protocol/encode.ts';
import { PacketReader } from '../../src/protocol/packet-reader.ts';
import type { VarsPacketInit } from '../../src/protocol/packet.ts';
import { walkVarsBlock } from '../../src/protocol/vars-block.ts';
import { requestVectorNames, vectorBytes } from '../unit/protocol/vector-files.ts';

const ROUNDS = 5;
const ROUND_MS = 100;

interface Subject {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** [start, end) of every key and value, for the decode floor. */
  readonly fields: readonly (readonly [number, number])[];
  /** The packet with string keys and values, for encode. */
  readonly packet: VarsPacketInit;
  readonly strings: readonly string[];
}

const subjects: Subject[] = requestVectorNames()
  .map((name) => ({ name, bytes: vectorBytes(name) }))
  .filter(({ bytes }) => decode(bytes).kind === 'vars')
  .map(({ name, bytes }) => {
    const fields: [number, number][] = [];
    walkVarsBlock(
      bytes,
      4,
      4 + (bytes[1]! | (bytes[2]! << 8)),
      false,
      (keyStart, keyEnd, valueStart, valueEnd) => {
        fields.push([keyStart, keyEnd], [valueStart, valueEnd]);
      },
    );
    const decoded = decode(bytes, { strings: true });
    if (decoded.kind !== 'vars') throw new Error('not vars');
    const strings = decoded.vars.flatMap(([key, value]) => [String(key), String(value)]);
    return { name, bytes, fields, packet: { vars: decoded.vars, body: decoded.body }, strings };
  });

let sink = 0;

/** Operations per second of `run` (median of ROUNDS rounds of about ROUND_MS each). */
function opsPerSecond(run: () => void): number {
  // warm up, and find a batch that takes about a millisecond
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) run();
    if (performance.now() - t0 > 1) break;
    batch *= 2;
  }
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < batch; i++) run();
      ops += batch;
      elapsed = performance.now() - t0;
    }
    rates.push((ops * 1000) / elapsed);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly decodeFloor: number;
  readonly decodeStrings: number;
  readonly decodeBytes: number;
  readonly readerWhole: number;
  readonly readerSegments: number;
  readonly encodeFloor: number;
  readonly encode: number;
}

const rows: Row[] = subjects.map((subject) => {
  const { bytes, fields, packet, strings } = subject;
  const segments: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 1460) segments.push(bytes.subarray(at, at + 1460));
  const read = (chunks: readonly Uint8Array[]): void => {
    const reader = new PacketReader();
    for (const chunk of chunks) sink += reader.push(chunk).length;
  };
  return {
    name: subject.name,
    bytes: bytes.length,
    decodeFloor: opsPerSecond(() => {
      for (const [start, end] of fields)
        sink += textDecoder.decode(bytes.subarray(start, end)).length;
    }),
    decodeStrings: opsPerSecond(() => {
      sink += decode(bytes, { strings: true }).datasize;
    }),
    decodeBytes: opsPerSecond(() => {
      sink += decode(bytes).datasize;
    }),
    readerWhole: opsPerSecond(() => read([bytes])),
    readerSegments: opsPerSecond(() => read(segments)),
    encodeFloor: opsPerSecond(() => {
      for (const text of strings) sink += textEncoder.encode(text).length;
    }),
    encode: opsPerSecond(() => {
      sink += encode(packet).length;
    }),
  };
});

const mbps = (ops: number, bytes: number): string =>
  `${((ops * bytes) / 1e6).toFixed(0).padStart(5)} MB/s`;
const ratio = (floor: number, ops: number): string => `${(floor / ops).toFixed(2)}×`;

console.log(
  `protocol codec benchmark — Node ${process.version}, median of ${ROUNDS} rounds of ${ROUND_MS} ms per figure`,
);
console.log(
  'throughput in packet bytes per second; ratio = time per packet ÷ the floor’s time (≤ 3× is the target)\n',
);
const header = [
  'vector',
  'bytes',
  'decode floor',
  'decode→strings',
  'ratio',
  'decode→bytes',
  'ratio',
  'reader 1 chunk',
  'ratio',
  'reader 1460 B',
  'ratio',
  'encode floor',
  'encode',
  'ratio',
];
const table = rows.map((row) => [
  row.name,
  String(row.bytes),
  mbps(row.decodeFloor, row.bytes),
  mbps(row.decodeStrings, row.bytes),
  ratio(row.decodeFloor, row.decodeStrings),
  mbps(row.decodeBytes, row.bytes),
  ratio(row.decodeFloor, row.decodeBytes),
  mbps(row.readerWhole, row.bytes),
  ratio(row.decodeFloor, row.readerWhole),
  mbps(row.readerSegments, row.bytes),
  ratio(row.decodeFloor, row.readerSegments),
  mbps(row.encodeFloor, row.bytes),
  mbps(row.encode, row.bytes),
  ratio(row.encodeFloor, row.encode),
]);
const widths = header.map((title, i) =>
  Math.max(title.length, ...table.map((cells) => cells[i]!.length)),
);
const line = (cells: readonly string[]): string =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
    .join('  ');
console.log(line(header));
for (const cells of table) console.log(line(cells));

// Over all vectors: total time per op kind for one pass over every vector.
const total = (pick: (row: Row) => number): number =>
  rows.reduce((sum, row) => sum + 1 / pick(row), 0);
const floorDecode = total((row) => row.decodeFloor);
const floorEncode = total((row) => row.encodeFloor);
console.log(
  `\nall vectors: decode→strings ${(total((row) => row.decodeStrings) / floorDecode).toFixed(2)}× the floor, ` +
    `decode→bytes ${(total((row) => row.decodeBytes) / floorDecode).toFixed(2)}×, ` +
    `PacketReader ${(total((row) => row.readerWhole) / floorDecode).toFixed(2)}× (1460-byte chunks ${(total((row) => row.readerSegments) / floorDecode).toFixed(2)}×), ` +
    `encode ${(total((row) => row.encode) / floorEncode).toFixed(2)}× its floor`,
);
if (sink === 42) console.log('');
