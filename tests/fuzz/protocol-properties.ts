// The property and fuzz cases of the protocol codec, shared by the normal test run
// (tests/unit/protocol/properties.test.ts, ≥100 000 cases) and `npm run fuzz` (a million).
// Each property counts the cases it really ran, so the totals printed are measured, not planned.

import fc from 'fast-check';
import { annotate, type FieldRange } from '../../src/protocol/annotate.ts';
import { equalBytes, utf8Bytes } from '../../src/protocol/byte-text.ts';
import { decode } from '../../src/protocol/decode.ts';
import type { DecodeOptions } from '../../src/protocol/decode-options.ts';
import { encode, encodingLength } from '../../src/protocol/encode.ts';
import { formatHexDump } from '../../src/protocol/hexdump/format-hex-dump.ts';
import { HexDumpError } from '../../src/protocol/hexdump/hex-dump-error.ts';
import { parseHexDump } from '../../src/protocol/hexdump/parse-hex-dump.ts';
import { HttpParseError } from '../../src/protocol/http/http-parse-error.ts';
import { HttpParser, parseHttpRequest } from '../../src/protocol/http/http-parser.ts';
import { MODIFIERS, carriesBody } from '../../src/protocol/modifiers.ts';
import type { DecodedPacket, UwsgiVar } from '../../src/protocol/packet.ts';
import { PacketError } from '../../src/protocol/packet-error.ts';
import { PacketReader } from '../../src/protocol/packet-reader.ts';

export interface ProtocolProperty {
  readonly name: string;
  /** Cases in the normal test run. */
  readonly runs: number;
  /** Runs `numRuns` cases (from `seed`, to replay one); throws fast-check's report on a failure. */
  readonly check: (numRuns: number, seed?: number) => void;
}

function property<Ts extends [unknown, ...unknown[]]>(
  name: string,
  runs: number,
  prop: fc.IProperty<Ts>,
): ProtocolProperty {
  return {
    name,
    runs,
    check: (numRuns, seed) => fc.assert(prop, { numRuns, ...(seed === undefined ? {} : { seed }) }),
  };
}

/** Cases run so far, by property name. */
export const casesRun = new Map<string, number>();

function counted<Ts extends unknown[]>(
  name: string,
  check: (...args: Ts) => void,
): (...args: Ts) => void {
  return (...args) => {
    casesRun.set(name, (casesRun.get(name) ?? 0) + 1);
    check(...args);
  };
}

export function totalCases(): number {
  let total = 0;
  for (const count of casesRun.values()) total += count;
  return total;
}

// ---------------------------------------------------------------- arbitraries

const REQUEST_MODIFIERS = MODIFIERS.filter((info) => info.layout === 'vars' && info.body).map(
  (info) => info.modifier1,
);
const PAYLOAD_MODIFIERS = [
  ...MODIFIERS.filter((info) => info.layout !== 'vars').map((info) => info.modifier1),
  4,
  150,
  250,
];
const KEY_POOL = ['REQUEST_METHOD', 'PATH_INFO', 'HTTP_COOKIE', 'HTTP_X_NAME', 'QUERY_STRING', 'K'];

/** A key: often from a small pool (so keys repeat), else any non-empty bytes. */
const keyBytes = fc.oneof(
  fc.constantFrom(...KEY_POOL).map((key) => utf8Bytes(key)),
  fc.uint8Array({ minLength: 1, maxLength: 40 }),
);
/** A value: empty, text, or any bytes (not UTF-8 too). */
const valueBytes = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.string({ unit: 'binary', maxLength: 30 }).map((text) => utf8Bytes(text)),
  fc.uint8Array({ maxLength: 200 }),
);

interface RequestCase {
  readonly modifier1: number;
  readonly modifier2: number;
  readonly vars: UwsgiVar[];
  readonly body: Uint8Array;
}

/** A request packet whose last CONTENT_LENGTH says the body's length, as nginx sends it. */
const requestCase: fc.Arbitrary<RequestCase> = fc
  .record({
    modifier1: fc.constantFrom(...REQUEST_MODIFIERS),
    modifier2: fc.integer({ min: 0, max: 255 }),
    vars: fc.array(fc.tuple(keyBytes, valueBytes), { maxLength: 40 }),
    body: fc.uint8Array({ maxLength: 300 }),
    at: fc.nat(),
  })
  .map(({ modifier1, modifier2, vars, body, at }) => {
    const pairs: UwsgiVar[] = vars.filter(([key]) => !equalBytes(key, utf8Bytes('CONTENT_LENGTH')));
    const place = pairs.length === 0 ? 0 : at % (pairs.length + 1);
    if (body.length > 0 || at % 2 === 0)
      pairs.splice(place, 0, [
        utf8Bytes('CONTENT_LENGTH'),
        utf8Bytes(body.length > 0 ? String(body.length) : ''),
      ]);
    return { modifier1, modifier2, vars: pairs, body };
  });

const stringVars = fc.array(
  fc.tuple(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ),
  { maxLength: 30 },
);

// ---------------------------------------------------------------- helpers

type Outcome =
  | { readonly ok: true; readonly packet: DecodedPacket }
  | { readonly ok: false; readonly code: string; readonly offset: number };

function outcome(run: () => DecodedPacket): Outcome {
  try {
    return { ok: true, packet: run() };
  } catch (error) {
    if (error instanceof PacketError) return { ok: false, code: error.code, offset: error.offset };
    throw error;
  }
}

/** Reads the bytes through PacketReader in chunks of the given sizes and rebuilds decode's result. */
function readInChunks(
  bytes: Uint8Array,
  sizes: readonly number[],
  options: DecodeOptions,
): Outcome {
  const reader = new PacketReader(options);
  let header: { modifier1: number; datasize: number; modifier2: number } | undefined;
  let vars: readonly UwsgiVar[] | undefined;
  let payload: Uint8Array | undefined;
  const body: number[] = [];
  const trailing: number[] = [];
  try {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = Math.max(1, sizes[i % sizes.length] ?? 1);
      for (const event of reader.push(bytes.subarray(at, at + size))) {
        if (event.type === 'header') header = event.header;
        else if (event.type === 'vars')
          vars = event.vars.map(([k, v]) => [Uint8Array.from(k), Uint8Array.from(v)] as const);
        else if (event.type === 'payload') payload = Uint8Array.from(event.payload);
        else if (event.type === 'body') body.push(...event.chunk);
        else if (event.type === 'trailing') trailing.push(...event.bytes);
      }
      at += size;
    }
    reader.end();
  } catch (error) {
    if (error instanceof PacketError) return { ok: false, code: error.code, offset: error.offset };
    throw error;
  }
  if (header === undefined) throw new Error('no header event');
  const common = { ...header, trailing: Uint8Array.from(trailing) };
  return {
    ok: true,
    packet:
      vars !== undefined
        ? { kind: 'vars', ...common, vars, body: Uint8Array.from(body) }
        : { kind: 'payload', ...common, payload: payload ?? new Uint8Array(0) },
  };
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.code === b.code && a.offset === b.offset;
  const x = a.packet;
  const y = b.packet;
  if (
    x.kind !== y.kind ||
    x.modifier1 !== y.modifier1 ||
    x.modifier2 !== y.modifier2 ||
    x.datasize !== y.datasize
  )
    return false;
  if (!equalBytes(x.trailing, y.trailing)) return false;
  if (x.kind === 'payload' && y.kind === 'payload') return equalBytes(x.payload, y.payload);
  if (x.kind === 'vars' && y.kind === 'vars') {
    return (
      equalBytes(x.body, y.body) &&
      x.vars.length === y.vars.length &&
      x.vars.every(([k, v], i) => equalBytes(k, y.vars[i]![0]) && equalBytes(v, y.vars[i]![1]))
    );
  }
  return false;
}

function leavesCoverOnce(ranges: readonly FieldRange[], length: number): boolean {
  let next = 0;
  const visit = (range: FieldRange): boolean => {
    if (range.children.length > 0) return range.children.every(visit);
    if (range.start !== next || range.end < range.start) return false;
    next = range.end;
    return true;
  };
  return ranges.every(visit) && next === length;
}

/** decode, annotate and PacketReader agree on these bytes, and only PacketError escapes them. */
// Every loop in the codec advances by at least one byte, so nothing can hang; a case this slow
// would mean a blow-up (quadratic work, say) worth failing on.
const SLOW_CASE_MS = 500;

function checkAgreement(bytes: Uint8Array, options: DecodeOptions, sizes: readonly number[]): void {
  const started = performance.now();
  checkAgreementOnce(bytes, options, sizes);
  const took = performance.now() - started;
  if (took > SLOW_CASE_MS)
    throw new Error(`one case took ${took.toFixed(0)} ms (${bytes.length} bytes)`);
}

function checkAgreementOnce(
  bytes: Uint8Array,
  options: DecodeOptions,
  sizes: readonly number[],
): void {
  const decoded = outcome(() => decode(bytes, options));
  try {
    decode(bytes, { ...options, strings: true });
  } catch (error) {
    if (!(error instanceof PacketError)) throw error;
  }
  const read = readInChunks(bytes, sizes, options);
  if (!sameOutcome(decoded, read)) {
    throw new Error(
      `PacketReader disagrees with decode: ${JSON.stringify([decoded.ok ? 'ok' : decoded, read.ok ? 'ok' : read])}`,
    );
  }
  const ranges = annotate(bytes, options);
  if (!leavesCoverOnce(ranges, bytes.length))
    throw new Error('annotate does not cover every byte exactly once');
  const last = ranges[ranges.length - 1];
  const broken = last?.field === 'broken' ? last.value : undefined;
  if (decoded.ok !== (broken === undefined))
    throw new Error('annotate and decode disagree on whether the packet is broken');
  if (
    !decoded.ok &&
    broken !== undefined &&
    (broken.code !== decoded.code || broken.offset !== decoded.offset)
  ) {
    throw new Error(
      `annotate breaks with ${broken.code}@${broken.offset}, decode with ${decoded.code}@${decoded.offset}`,
    );
  }
}

// ---------------------------------------------------------------- mutations of the real vectors

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly byte: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'extend'; readonly bytes: Uint8Array }
  | { readonly kind: 'lie'; readonly field: number; readonly length: number }
  | {
      readonly kind: 'splice';
      readonly at: number;
      readonly remove: number;
      readonly insert: Uint8Array;
    };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('extend' as const),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('lie' as const),
    field: fc.nat(),
    length: fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.constantFrom(0, 1, 0xffff, 4096, 4097),
    ),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    remove: fc.nat({ max: 16 }),
    insert: fc.uint8Array({ maxLength: 16 }),
  }),
);

/** The offsets of every 16-bit length in a packet: datasize, then each key and value length. */
function lengthFields(bytes: Uint8Array): number[] {
  const fields = [1];
  const end = Math.min(bytes.length, 4 + (bytes.length >= 3 ? bytes[1]! | (bytes[2]! << 8) : 0));
  let at = 4;
  while (at + 2 <= end) {
    fields.push(at);
    const keyEnd = at + 2 + (bytes[at]! | (bytes[at + 1]! << 8));
    if (keyEnd + 2 > end) break;
    fields.push(keyEnd);
    at = keyEnd + 2 + (bytes[keyEnd]! | (bytes[keyEnd + 1]! << 8));
  }
  return fields;
}

export function mutate(original: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(original);
  for (const step of mutations) {
    const n = bytes.length;
    switch (step.kind) {
      case 'flip':
        if (n > 0) bytes[step.at % n]! ^= 1 << step.bit;
        break;
      case 'set':
        if (n > 0) bytes[step.at % n] = step.byte;
        break;
      case 'truncate':
        bytes = bytes.slice(0, step.at % (n + 1));
        break;
      case 'extend':
        bytes = Uint8Array.from([...bytes, ...step.bytes]);
        break;
      case 'lie': {
        const fields = lengthFields(bytes).filter((at) => at + 2 <= n);
        const at = fields[step.field % Math.max(1, fields.length)];
        if (at !== undefined) {
          bytes[at] = step.length & 0xff;
          bytes[at + 1] = step.length >> 8;
        }
        break;
      }
      case 'splice': {
        const at = step.at % (n + 1);
        bytes = Uint8Array.from([
          ...bytes.subarray(0, at),
          ...step.insert,
          ...bytes.subarray(at + step.remove),
        ]);
        break;
      }
    }
  }
  return bytes;
}

const decodeOptions: fc.Arbitrary<DecodeOptions> = fc.record(
  { bufferSize: fc.constantFrom(4096, 0, 100, 65535), allowEmptyKeys: fc.boolean() },
  { requiredKeys: [] },
);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 8 });

// ---------------------------------------------------------------- the properties

export function protocolProperties(vectors: readonly Uint8Array[]): ProtocolProperty[] {
  return [
    property(
      'round trip: request packets of bytes (repeated keys, empty values, non-UTF-8)',
      6000,
      fc.property(
        requestCase,
        counted('round trip: bytes', (packet: RequestCase) => {
          const bytes = encode(packet);
          if (encodingLength(packet) !== bytes.length)
            throw new Error('encodingLength disagrees with encode');
          const decoded = decode(bytes);
          if (decoded.kind !== 'vars' || decoded.trailing.length !== 0)
            throw new Error('not a vars packet without trailing bytes');
          if (decoded.modifier1 !== packet.modifier1 || decoded.modifier2 !== packet.modifier2)
            throw new Error('modifiers changed');
          if (decoded.vars.length !== packet.vars.length) throw new Error('var count changed');
          decoded.vars.forEach(([key, value], i) => {
            if (!equalBytes(key, packet.vars[i]![0]) || !equalBytes(value, packet.vars[i]![1]))
              throw new Error(`var ${i} changed`);
          });
          if (
            !equalBytes(
              decoded.body,
              carriesBody(packet.modifier1) ? packet.body : new Uint8Array(0),
            )
          )
            throw new Error('body changed');
          if (!equalBytes(encode(decoded), bytes))
            throw new Error('encode(decode(x)) differs from x');
        }),
      ),
    ),
    property(
      'round trip: any Unicode strings as keys and values',
      5000,
      fc.property(
        stringVars,
        counted('round trip: strings', (vars: [string, string][]) => {
          const bytes = encode({ vars });
          const decoded = decode(bytes, { strings: true });
          if (decoded.kind !== 'vars') throw new Error('not a vars packet');
          decoded.vars.forEach(([key, value], i) => {
            if (key !== vars[i]![0] || value !== vars[i]![1])
              throw new Error(`var ${i} changed: ${JSON.stringify([key, value, vars[i]])}`);
          });
          if (!equalBytes(encode(decoded), bytes))
            throw new Error('encode(decode(x)) differs from x');
        }),
      ),
    ),
    property(
      'round trip: values up to the largest that fits in 65535 bytes of vars, and one byte more is refused',
      300,
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 65531 }),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        counted(
          'round trip: largest values',
          (keyLength: number, slack: number, fill: Uint8Array) => {
            // one pair filling the block exactly: 2 + key + 2 + value = 65535, less some slack
            const valueLength = Math.max(0, 65535 - 4 - keyLength - (slack % 64));
            const value = new Uint8Array(valueLength).map((_, i) => fill[i % fill.length]!);
            const packet = { vars: [[new Uint8Array(keyLength).fill(0x4b), value]] as const };
            const bytes = encode(packet);
            const decoded = decode(bytes);
            if (decoded.kind !== 'vars' || !equalBytes(decoded.vars[0]![1], value))
              throw new Error('value changed');
            const over = {
              vars: [
                [new Uint8Array(keyLength).fill(0x4b), new Uint8Array(65535 - 4 - keyLength + 1)],
              ] as const,
            };
            try {
              encode(over);
            } catch (error) {
              if (error instanceof PacketError && error.code === 'too-big') return;
              throw error;
            }
            throw new Error('datasize 65536 was not refused');
          },
        ),
      ),
    ),
    property(
      'round trip: payload packets (echo, ping, unlisted modifiers)',
      2000,
      fc.property(
        fc.constantFrom(...PAYLOAD_MODIFIERS),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 2000 }),
        counted(
          'round trip: payloads',
          (modifier1: number, modifier2: number, payload: Uint8Array) => {
            const bytes = encode({ modifier1, modifier2, payload });
            const decoded = decode(bytes);
            if (decoded.kind !== 'payload' || !equalBytes(decoded.payload, payload))
              throw new Error('payload changed');
            if (!equalBytes(encode(decoded), bytes))
              throw new Error('encode(decode(x)) differs from x');
          },
        ),
      ),
    ),
    property(
      'PacketReader in any chunking, annotate and decode agree on valid packets',
      8000,
      fc.property(
        requestCase,
        fc.uint8Array({ maxLength: 8 }),
        chunkSizes,
        counted(
          'agreement: valid',
          (packet: RequestCase, trailing: Uint8Array, sizes: number[]) => {
            checkAgreement(Uint8Array.from([...encode(packet), ...trailing]), {}, sizes);
          },
        ),
      ),
    ),
    property(
      'mutated real vectors (flip, truncate, extend, lie in lengths): only PacketError escapes, and all three agree',
      70000,
      fc.property(
        fc.nat({ max: vectors.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        decodeOptions,
        chunkSizes,
        counted(
          'mutation fuzz: vectors',
          (index: number, mutations: Mutation[], options: DecodeOptions, sizes: number[]) => {
            checkAgreement(mutate(vectors[index]!, mutations), options, sizes);
          },
        ),
      ),
    ),
    property(
      'random bytes: only PacketError escapes, and all three agree',
      10000,
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc
            .uint8Array({ minLength: 4, maxLength: 300 })
            .map((b) => Uint8Array.from([0, ...b.subarray(1)])),
        ),
        decodeOptions,
        chunkSizes,
        counted('random bytes', (bytes: Uint8Array, options: DecodeOptions, sizes: number[]) =>
          checkAgreement(bytes, options, sizes),
        ),
      ),
    ),
    property(
      'hex dumps: formatHexDump reads back, and any text gives bytes or HexDumpError',
      3000,
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.string({ unit: 'binary-ascii', maxLength: 200 }),
        counted(
          'hex dumps',
          (bytes: Uint8Array, narrow: boolean, squeeze: boolean, text: string) => {
            if (bytes.length > 0) {
              const dump = formatHexDump(bytes, { width: narrow ? 8 : 16, squeeze });
              if (!equalBytes(parseHexDump(dump).bytes, bytes))
                throw new Error('formatHexDump does not read back');
            }
            try {
              parseHexDump(text);
            } catch (error) {
              if (!(error instanceof HexDumpError)) throw error;
            }
          },
        ),
      ),
    ),
    property(
      'HTTP requests: mutated and split curl requests give the same result or HttpParseError',
      5000,
      fc.property(
        fc.constantFrom(...HTTP_SAMPLES),
        fc.array(mutation, { maxLength: 3 }),
        chunkSizes,
        counted('http fuzz', (sample: string, mutations: Mutation[], sizes: number[]) => {
          const bytes = mutate(utf8Bytes(sample), mutations);
          let whole: string;
          try {
            const request = parseHttpRequest(bytes);
            whole = JSON.stringify([
              request.method,
              request.target,
              request.headers,
              [...request.body],
              [...request.rest],
            ]);
          } catch (error) {
            if (!(error instanceof HttpParseError)) throw error;
            whole = `error ${error.code}`;
          }
          const parser = new HttpParser('request');
          let split: string;
          try {
            const events = [];
            let at = 0;
            for (let i = 0; at < bytes.length; i++) {
              const size = sizes[i % sizes.length]!;
              events.push(...parser.push(bytes.subarray(at, at + size)));
              at += size;
            }
            events.push(...parser.end());
            const head = events.find((event) => event.type === 'head');
            const body = events.flatMap((event) => (event.type === 'body' ? [...event.chunk] : []));
            const rest = events.flatMap((event) =>
              event.type === 'trailing' ? [...event.bytes] : [],
            );
            split =
              head?.type === 'head' && head.head.kind === 'request'
                ? JSON.stringify([
                    head.head.method,
                    head.head.target,
                    head.head.headers,
                    body,
                    rest,
                  ])
                : 'no head';
          } catch (error) {
            if (!(error instanceof HttpParseError)) throw error;
            split = `error ${error.code}`;
          }
          if (whole !== split) throw new Error(`split parse differs: ${whole} vs ${split}`);
        }),
      ),
    ),
  ];
}

const HTTP_SAMPLES = [
  'GET /hello?x=1&y=%ED%95%9C HTTP/1.1\r\nHost: helloworld.haruair.com\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
  'POST /submit HTTP/1.1\r\nHost: helloworld.haruair.com\r\nContent-Length: 20\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nname=haruair&lang=ko',
  'POST /submit HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n14\r\nname=haruair&lang=ko\r\n0\r\n\r\n',
];
