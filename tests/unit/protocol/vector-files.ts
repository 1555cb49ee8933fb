// The captured vectors in tests/fixtures/vectors and what their .txt files say about them, read
// independently of the codec (the .txt decode was written by the capture tool in Python), so the
// golden tests compare the codec with a second reading, not with itself.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = fileURLToPath(new URL('../../fixtures/vectors/', import.meta.url));
export const HEXDUMPS_DIR = fileURLToPath(new URL('../../fixtures/hexdumps/', import.meta.url));

/** The bytes of NAME.hex (lower-case hex, whitespace insignificant). */
export function vectorBytes(name: string): Uint8Array {
  const hex = readFileSync(`${VECTORS_DIR}${name}.hex`, 'utf8').replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function vectorText(name: string): string {
  return readFileSync(`${VECTORS_DIR}${name}.txt`, 'utf8');
}

/** Every request vector (NAME.hex that is not a uwsgi-resp-*), sorted. */
export function requestVectorNames(): string[] {
  return readdirSync(VECTORS_DIR)
    .filter((file) => file.endsWith('.hex') && !file.startsWith('uwsgi-resp-'))
    .map((file) => file.slice(0, -'.hex'.length))
    .sort();
}

/** Every response vector name (uwsgi-resp-NAME), sorted. */
export function responseVectorNames(): string[] {
  return readdirSync(VECTORS_DIR)
    .filter((file) => file.startsWith('uwsgi-resp-') && file.endsWith('.hex'))
    .map((file) => file.slice(0, -'.hex'.length))
    .sort();
}

/** The request vector a response answers: uwsgi-resp-ping ↔ manual-ping, uwsgi-resp-NAME ↔ NAME. */
export function requestOf(response: string): string {
  const name = response.slice('uwsgi-resp-'.length);
  return name === 'ping' || name === 'echo' ? `manual-${name}` : name;
}

export type ExpectedValue =
  | { readonly kind: 'text'; readonly text: string }
  /** A long value the .txt shortens to `first...(N bytes)...last`. */
  | {
      readonly kind: 'shortened';
      readonly first: string;
      readonly length: number;
      readonly last: string;
    };

export interface ExpectedVar {
  readonly offset: number;
  readonly keyLength: number;
  readonly keyLengthBytes: string;
  readonly key: string;
  readonly valueLength: number;
  readonly valueLengthBytes: string;
  readonly value: ExpectedValue;
  /** `value bytes: …` when the .txt gives them (values with bytes ≥ 0x80). */
  readonly valueHex?: string;
}

export type ExpectedRequest =
  | {
      readonly kind: 'vars';
      readonly modifier1: number;
      readonly datasize: number;
      readonly modifier2: number;
      readonly headerHex: string;
      readonly total: number;
      readonly vars: readonly ExpectedVar[];
      readonly pairs: number;
      readonly bodyLength: number;
      readonly body: string;
    }
  | {
      readonly kind: 'payload';
      readonly modifier1: number;
      readonly datasize: number;
      readonly modifier2: number;
      readonly payload: string;
    };

const VAR_LINE =
  /^\s+@(\d+)\s+keylen=(\d+)\s+\(([0-9a-f]{2} [0-9a-f]{2})\) (\S+)\s+vallen=(\d+)\s+\(([0-9a-f]{2} [0-9a-f]{2})\) = ?(.*)$/;
const SHORTENED = /^(.*)\.\.\.\((\d+) bytes\)\.\.\.(.*)$/;

/** What NAME.txt says the request vector holds. */
export function expectedRequest(name: string): ExpectedRequest {
  const text = vectorText(name);
  const manual =
    /(?:ping|echo) request: modifier1=(\d+), datasize=(\d+), modifier2=(\d+)(?:, payload '([^']*)')?/.exec(
      text,
    );
  if (manual) {
    return {
      kind: 'payload',
      modifier1: Number(manual[1]),
      datasize: Number(manual[2]),
      modifier2: Number(manual[3]),
      payload: manual[4] ?? '',
    };
  }
  const lines = text.split('\n');
  const number = (pattern: RegExp): number => Number(must(pattern.exec(text), pattern)[1]);
  const vars: ExpectedVar[] = [];
  for (const [i, line] of lines.entries()) {
    const match = VAR_LINE.exec(line);
    if (!match) continue;
    const raw = match[7]!;
    const shortened = SHORTENED.exec(raw);
    const next = /^\s+value bytes: ([0-9a-f ]+)$/.exec(lines[i + 1] ?? '');
    vars.push({
      offset: Number(match[1]),
      keyLength: Number(match[2]),
      keyLengthBytes: match[3]!,
      key: match[4]!,
      valueLength: Number(match[5]),
      valueLengthBytes: match[6]!,
      value: shortened
        ? {
            kind: 'shortened',
            first: shortened[1]!,
            length: Number(shortened[2]),
            last: shortened[3]!,
          }
        : { kind: 'text', text: raw },
      ...(next ? { valueHex: next[1]!.replace(/ /g, '') } : {}),
    });
  }
  const body = /^body after vars block: (\d+) bytes(?: = (.*))?$/m.exec(text);
  return {
    kind: 'vars',
    modifier1: number(/^\s+modifier1\s+= (\d+)/m),
    datasize: number(/^\s+datasize\s+= (\d+)/m),
    modifier2: number(/^\s+modifier2\s+= (\d+)/m),
    headerHex: must(/^header bytes : ([0-9a-f ]+)$/m.exec(text), 'header bytes')[1]!.replace(
      / /g,
      '',
    ),
    total: number(/^total length: (\d+) bytes/m),
    vars,
    pairs: number(/\((\d+) key\/value pairs/),
    bodyLength: Number(must(body, 'body')[1]),
    body: body?.[2] ?? '',
  };
}

export type ExpectedResponse =
  | {
      readonly kind: 'http';
      readonly total: number;
      readonly statusLine: string;
      readonly headerBlock: number;
      readonly bodyLength: number;
      /** The response as text, CRLF shown as line breaks. */
      readonly text: string;
    }
  | { readonly kind: 'bytes'; readonly hex: string }
  | { readonly kind: 'nothing'; readonly ending: string };

/** What uwsgi-resp-NAME.txt says uWSGI answered. */
export function expectedResponse(name: string): ExpectedResponse {
  const text = vectorText(name);
  const bytes = /^bytes: ([0-9a-f ]+)$/m.exec(text);
  if (bytes) return { kind: 'bytes', hex: bytes[1]!.replace(/ /g, '') };
  const total = Number(must(/^total length: (\d+) bytes/m.exec(text), 'total length')[1]);
  if (total === 0)
    return { kind: 'nothing', ending: must(/ended with: (\w+)/.exec(text), 'ending')[1]! };
  const status = must(
    /^status line: (.*); header block (\d+) bytes; body (\d+) bytes/m.exec(text),
    'status line',
  );
  const shown = text.split('as text (CRLF shown as line breaks):\n')[1] ?? '';
  return {
    kind: 'http',
    total,
    statusLine: status[1]!,
    headerBlock: Number(status[2]),
    bodyLength: Number(status[3]),
    text: shown,
  };
}

function must<T>(value: T | null | undefined, what: unknown): T {
  if (value === null || value === undefined) throw new Error(`the .txt has no ${String(what)}`);
  return value;
}
