// The inspector without a browser: what it reads from pasted text and files (the same choices as
// `uwsgi-lab decode`), and what it shows — the JSON is byte for byte what the CLI prints.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFileBytes, readText } from '../../../src/components/inspector/inspector-input.ts';
import { inspect } from '../../../src/components/inspector/inspector-report.ts';
import { runCli } from '../../../src/cli/main.ts';
import { utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { formatHexDump } from '../../../src/protocol/hexdump/format-hex-dump.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { HEXDUMPS_DIR, vectorBytes } from '../protocol/vector-files.ts';

const dump = (file: string): string => readFileSync(`${HEXDUMPS_DIR}${file}`, 'utf8');

async function cliDecode(input: string): Promise<string> {
  let out = '';
  const status = await runCli(['decode'], {
    readStdin: async () => utf8Bytes(input),
    stdout: (data) => {
      out += typeof data === 'string' ? data : new TextDecoder().decode(data);
    },
    stderr: () => undefined,
  });
  expect(status).toBe(0);
  return out;
}

describe('readText', () => {
  it('reads a pasted hexdump -C and a tcpdump -X capture', () => {
    const post = readText(dump('post-form.hexdump-C'), 'auto');
    expect(post).toMatchObject({ ok: true, source: 'hexdump-c' });
    expect(post.ok && post.bytes).toEqual(vectorBytes('post-form'));
    const capture = readText(dump('get-query-tcp8001.tcpdump-X'), 'auto');
    expect(capture).toMatchObject({
      ok: true,
      source: 'tcpdump',
      stream: { destination: '127.0.0.1:8001' },
    });
    // the pcap's own GET (REMOTE_PORT 53748, the hexdumps README says): 408 bytes
    expect(capture.ok && capture.bytes.length).toBe(408);
    const vars = capture.ok ? inspect(capture.bytes).vars : undefined;
    expect(
      vars?.find((row) => row.key.kind === 'text' && row.key.text === 'REMOTE_PORT')?.value,
    ).toEqual({ kind: 'text', text: '53748' });
  });

  it('reads text that is no dump as its own bytes in auto mode, and says why', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const reading = readText(payload, 'auto');
    expect(reading).toMatchObject({
      ok: true,
      source: 'text',
      notADump: { code: 'unrecognized', line: 1 },
    });
    expect(reading.ok && reading.bytes).toEqual(utf8Bytes(payload));
    expect(readText(payload, 'hex')).toMatchObject({
      ok: false,
      problem: { code: 'unrecognized' },
    });
    expect(readText('00 6b', 'raw')).toMatchObject({ ok: true, source: 'text' });
  });

  it('says where a dump breaks instead of reading it as text', () => {
    expect(readText('00 6b 01\n00 0', 'auto')).toMatchObject({
      ok: false,
      problem: { code: 'odd-digits' },
    });
    expect(readText('  \n ', 'auto')).toEqual({ ok: false, empty: true });
  });
});

describe('readFileBytes', () => {
  it('takes binary as raw bytes and text that parses as a dump', () => {
    const raw = vectorBytes('get-root');
    expect(readFileBytes(raw, 'auto')).toMatchObject({ ok: true, source: 'raw', bytes: raw });
    const text = utf8Bytes(formatHexDump(raw));
    expect(readFileBytes(text, 'auto')).toMatchObject({
      ok: true,
      source: 'hexdump-c',
      bytes: raw,
    });
    expect(readFileBytes(text, 'raw')).toMatchObject({ ok: true, source: 'raw', bytes: text });
    expect(readFileBytes(raw, 'hex')).toMatchObject({ ok: false });
    expect(readFileBytes(new Uint8Array(0), 'auto')).toEqual({ ok: false, empty: true });
  });
});

describe('inspect', () => {
  it('gives the JSON `uwsgi-lab decode` prints for the same dump, byte for byte', async () => {
    for (const file of ['post-form.hexdump-C', 'get-query.xxd', 'manual-echo.xxd']) {
      const reading = readText(dump(file), 'auto');
      if (!reading.ok) throw new Error(file);
      expect(inspect(reading.bytes).json, file).toBe(await cliDecode(dump(file)));
    }
  });

  it('lists the vars with offsets, and the body', () => {
    const report = inspect(vectorBytes('post-form'));
    expect(report.vars).toHaveLength(18);
    expect(report.vars?.[1]).toEqual({
      n: 2,
      offset: 20,
      key: { kind: 'text', text: 'REQUEST_METHOD' },
      value: { kind: 'text', text: 'POST' },
    });
    expect(report.vars?.[0]?.value).toEqual({ kind: 'empty' });
    expect(report.sections).toEqual([
      { field: 'body', length: 20, shown: { kind: 'text', text: 'name=haruair&lang=ko' } },
    ]);
    const binary = inspect(encode({ vars: [['X', Uint8Array.of(0xff, 0x00)]] }));
    expect(binary.vars?.[0]?.value).toEqual({ kind: 'hex', hex: 'ff 00' });
  });

  it('parses uWSGI’s HTTP answer: status, headers, body', () => {
    const report = inspect(vectorBytes('uwsgi-resp-get-root'));
    expect(report.json).toBeUndefined();
    expect(report.vars).toBeUndefined();
    expect(report.http).toEqual({
      status: { version: 'HTTP/1.1', status: 200, reason: 'OK' },
      headers: [
        { name: 'Content-Type', value: 'text/html; charset=utf-8' },
        { name: 'Content-Length', value: '12' },
      ],
      body: { kind: 'text', text: 'Hello World!' },
      bodyLength: 12,
    });
  });

  it('handles the ping reply and a broken packet: the whole pairs, no JSON', () => {
    const pong = inspect(Uint8Array.of(0x64, 0, 0, 1));
    expect(pong.json).toBe(
      '{\n  "modifier1": 100,\n  "modifier2": 1,\n  "datasize": 0,\n  "payload": ""\n}\n',
    );
    const cut = inspect(vectorBytes('get-root').subarray(0, 100));
    expect(cut.json).toBeUndefined();
    expect(cut.vars?.map((row) => row.key)).toHaveLength(5);
    expect(cut.model.broken?.code).toBe('datasize-mismatch');
  });

  it('draws at most maxBytes but reads everything', () => {
    const big = vectorBytes('over-4096');
    const report = inspect(big, 1024);
    expect(report.model.window).toEqual({ from: 0, to: 1024 });
    expect(report.json).toBe(inspect(big).json);
    expect(report.json).toContain('"datasize": ');
  });
});
