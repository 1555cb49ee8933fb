// The JSON form of a packet that `decode` prints and `encode` reads:
// {"modifier1","modifier2","datasize","vars":[[k,v],…],"body"} — or "payload" instead of "vars" and
// "body" — plus "trailing" for bytes after the packet. Bytes that are valid UTF-8 are strings, the
// rest {"hex":"…"}. One var per line, so a diff of two packets reads like a diff of their vars.

import { bytesFromHex, hexOf, utf8Bytes, utf8Text } from '../protocol/byte-text.ts';
import type { DecodedPacket, PacketInit, UwsgiVar, VarField } from '../protocol/packet.ts';
import { CliError } from './cli-error.ts';

export type JsonBytes = string | { readonly hex: string };

function jsonBytes(bytes: Uint8Array): JsonBytes {
  return utf8Text(bytes) ?? { hex: hexOf(bytes) };
}

/** The packet as the JSON text `decode` prints (ends with a newline). */
export function packetJson(packet: DecodedPacket): string {
  const lines = [
    `  "modifier1": ${packet.modifier1}`,
    `  "modifier2": ${packet.modifier2}`,
    `  "datasize": ${packet.datasize}`,
  ];
  if (packet.kind === 'vars') {
    const vars = packet.vars.map(
      ([key, value]) =>
        `    [${JSON.stringify(jsonBytes(key))}, ${JSON.stringify(jsonBytes(value))}]`,
    );
    lines.push(vars.length === 0 ? '  "vars": []' : `  "vars": [\n${vars.join(',\n')}\n  ]`);
    lines.push(`  "body": ${JSON.stringify(jsonBytes(packet.body))}`);
  } else {
    lines.push(`  "payload": ${JSON.stringify(jsonBytes(packet.payload))}`);
  }
  if (packet.trailing.length > 0)
    lines.push(`  "trailing": ${JSON.stringify(jsonBytes(packet.trailing))}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export interface PacketFromJson {
  readonly packet: PacketInit;
  readonly trailing: Uint8Array;
}

const FIELDS = new Set([
  'modifier1',
  'modifier2',
  'datasize',
  'vars',
  'body',
  'payload',
  'trailing',
]);

/** The packet a JSON text describes; datasize, if present, is ignored (encode computes it). */
export function packetFromJson(text: string): PacketFromJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `the input is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isRecord(json))
    throw new CliError(
      'the input must be a JSON object like {"modifier1": 0, "vars": [["KEY", "value"]]}',
    );
  for (const field of Object.keys(json)) {
    if (!FIELDS.has(field))
      throw new CliError(`unknown field "${field}" (known: ${[...FIELDS].join(', ')})`);
  }
  const modifier1 = modifier(json, 'modifier1');
  const modifier2 = modifier(json, 'modifier2');
  const trailing =
    json['trailing'] === undefined
      ? new Uint8Array(0)
      : asBytes(bytesOf(json['trailing'], '"trailing"'));
  const hasVars = json['vars'] !== undefined;
  const hasPayload = json['payload'] !== undefined;
  if (hasVars === hasPayload)
    throw new CliError(
      'give either "vars" (a request) or "payload" (echo, ping, …), not both or neither',
    );
  if (hasPayload) {
    if (json['body'] !== undefined)
      throw new CliError('"body" goes with "vars"; a payload packet has no body');
    if (modifier1 === undefined)
      throw new CliError('a payload packet needs "modifier1" (101 echo, 100 ping, …)');
    const payload = bytesOf(json['payload'], '"payload"');
    return {
      packet: {
        kind: 'payload',
        modifier1,
        ...(modifier2 === undefined ? {} : { modifier2 }),
        payload,
      },
      trailing,
    };
  }
  const rawVars = json['vars'];
  if (!Array.isArray(rawVars)) throw new CliError('"vars" must be an array of [key, value] pairs');
  const vars: UwsgiVar<VarField>[] = rawVars.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2)
      throw new CliError(`"vars"[${i}] must be a [key, value] pair`);
    return [bytesOf(pair[0], `"vars"[${i}][0]`), bytesOf(pair[1], `"vars"[${i}][1]`)];
  });
  const body = json['body'] === undefined ? undefined : bytesOf(json['body'], '"body"');
  return {
    packet: {
      kind: 'vars',
      vars,
      ...(modifier1 === undefined ? {} : { modifier1 }),
      ...(modifier2 === undefined ? {} : { modifier2 }),
      ...(body === undefined ? {} : { body }),
    },
    trailing,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function modifier(json: Record<string, unknown>, name: string): number | undefined {
  const value = json[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
    throw new CliError(`"${name}" must be an integer from 0 to 255, not ${JSON.stringify(value)}`);
  }
  return value;
}

function asBytes(field: VarField): Uint8Array {
  return typeof field === 'string' ? utf8Bytes(field) : field;
}

function bytesOf(value: unknown, where: string): VarField {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value['hex'] === 'string' && Object.keys(value).length === 1) {
    try {
      return bytesFromHex(value['hex'].replace(/\s+/g, ''));
    } catch {
      throw new CliError(`${where}: "hex" must be an even number of hex digits`);
    }
  }
  throw new CliError(`${where} must be a string or {"hex": "…"}`);
}
