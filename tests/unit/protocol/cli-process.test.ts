// The CLI as a real process (`node src/cli/main.ts`, what `npm run -s cli` runs): bad input gives
// exactly one `uwsgi-lab:` line on stderr, exit status 2 and no stack trace; and the bundled bin
// (`npm run build:cli`'s esbuild command) behaves the same.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VECTORS_DIR } from './vector-files.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const work = mkdtempSync(join(tmpdir(), 'uwsgi-lab-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function run(
  args: readonly string[],
  input?: string | Uint8Array,
  entry = MAIN,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [entry, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BAD_INPUT: readonly [
  what: string,
  args: () => string[],
  input: string | undefined,
  line: string,
][] = [
  [
    'a missing file',
    () => ['decode', join(work, 'missing.hex')],
    undefined,
    `uwsgi-lab: decode: cannot read ${join(work, 'missing.hex')}: no such file or directory (ENOENT)`,
  ],
  [
    'an empty file',
    () => ['decode', file('empty.hex', '')],
    undefined,
    `uwsgi-lab: decode: the input (${join(work, 'empty.hex')}) is empty`,
  ],
  ['empty stdin', () => ['decode'], '', 'uwsgi-lab: decode: the input is empty'],
  [
    'text that is neither a dump nor a packet',
    () => ['decode', file('prose.txt', 'this is not a packet\n')],
    undefined,
    'uwsgi-lab: decode: the input is neither a hex dump nor a uwsgi packet: as a dump, line 1 is not in any hex dump form this reads; as a packet, datasize says 26984 bytes but 17 follow (byte 4)',
  ],
  [
    'a truncated header',
    () => ['decode', file('short.hex', '00 6b')],
    undefined,
    'uwsgi-lab: decode: a uwsgi header is 4 bytes but the input has 2 (byte 0)',
  ],
  [
    'a truncated packet',
    // the first two lines of the vector: 64 of its 367 bytes
    () => [
      'decode',
      file(
        'cut.hex',
        readFileSync(`${VECTORS_DIR}get-root.hex`, 'utf8').split('\n').slice(0, 2).join('\n'),
      ),
    ],
    undefined,
    'uwsgi-lab: decode: datasize says 363 bytes but 60 follow (byte 4)',
  ],
  [
    'a datasize that lies',
    () => ['decode', file('lie.hex', '00 7c 01 00  0c00 5155455259 5f535452494e47 0000')],
    undefined,
    'uwsgi-lab: decode: datasize says 380 bytes but 16 follow (byte 4)',
  ],
  [
    'a key length that overruns',
    () => ['decode', file('key.hex', '00 05 00 00  0900 414243')],
    undefined,
    'uwsgi-lab: decode: key length says 9 bytes but 3 are left in the vars block (byte 4)',
  ],
  [
    'a value length that overruns',
    () => ['decode', file('value.hex', '00 08 00 00  0100 4b  0900 414243')],
    undefined,
    'uwsgi-lab: decode: value length of "K" says 9 bytes but 3 are left in the vars block (byte 7)',
  ],
  [
    'a body shorter than CONTENT_LENGTH',
    () => [
      'decode',
      file('body.hex', '00 13 00 00  0e00 434f4e54454e545f4c454e475448 0100 35  4142'),
    ],
    undefined,
    'uwsgi-lab: decode: CONTENT_LENGTH says 5 bytes of body but 2 follow (byte 23)',
  ],
  [
    'JSON that is not JSON',
    () => ['encode'],
    '{"vars": [',
    'uwsgi-lab: encode: the input is not JSON: ',
  ],
  [
    'an unknown option',
    () => ['decode', '--frobnicate'],
    undefined,
    "uwsgi-lab: decode: Unknown option '--frobnicate' (see --help)",
  ],
  [
    'nginx-packet with a missing request file',
    () => ['nginx-packet', '--request', join(work, 'missing.http')],
    undefined,
    `uwsgi-lab: nginx-packet: --request: cannot read ${join(work, 'missing.http')}: no such file or directory (ENOENT)`,
  ],
  [
    'nginx-packet with an empty request',
    () => ['nginx-packet', '--request', '-'],
    '',
    'uwsgi-lab: nginx-packet: --request: the request is empty',
  ],
  [
    'nginx-t with a missing config',
    () => ['nginx-t', '--config', join(work, 'missing.conf')],
    undefined,
    `uwsgi-lab: nginx-t: --config: cannot read ${join(work, 'missing.conf')}: no such file or directory (ENOENT)`,
  ],
];

describe('the CLI process on bad input', () => {
  it('nginx-packet: nginx answering itself is one line and exit status 1', () => {
    const result = run(
      ['nginx-packet', '--request', '-'],
      'GET /.. HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n',
    );
    expect([result.status, result.stdout, result.stderr]).toEqual([
      1,
      '',
      'uwsgi-lab: nginx-packet: nginx answered 400 itself (client sent invalid request); nothing was sent upstream\n',
    ]);
  });

  it('nginx-t: nginx’s lines on stderr and its exit status, as a process', () => {
    const result = run(['nginx-t', '--config', '-'], 'server {\n    listen 8080\n}\n');
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] (\d+)#\1: unexpected "}" in \/etc\/nginx\/sites-enabled\/default:3\nnginx: configuration file \/etc\/nginx\/nginx.conf test failed\n$/,
    );
  });

  it.each(BAD_INPUT)(
    '%s: one line on stderr, exit status 2, no stack trace',
    (_what, args, input, line) => {
      const result = run(args(), input);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.endsWith('\n')).toBe(true);
      const lines = result.stderr.slice(0, -1).split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(line), lines[0]).toBe(true);
      expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
    },
  );

  it('decodes and round-trips through encode as separate processes', () => {
    const json = run(['decode', `${VECTORS_DIR}post-chunked.hex`]);
    expect(json.status).toBe(0);
    const hex = run(['encode'], json.stdout);
    expect(hex.stdout).toBe(readFileSync(`${VECTORS_DIR}post-chunked.hex`, 'utf8'));
  });
});

describe('the bundled bin', () => {
  it(
    'is built by esbuild as build:cli says and runs without TypeScript',
    { timeout: 60_000 },
    () => {
      const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
        bin: Record<string, string>;
      };
      expect(script.bin['uwsgi-lab']).toBe('dist-cli/uwsgi-lab.js');
      const outfile = join(work, 'uwsgi-lab.js');
      const build = spawnSync(
        'npx',
        [
          '--no-install',
          'esbuild',
          'src/cli/main.ts',
          '--bundle',
          '--platform=node',
          '--format=esm',
          '--target=node22',
          `--outfile=${outfile}`,
          '--banner:js=#!/usr/bin/env node',
          '--log-level=warning',
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(build.status, build.stderr).toBe(0);
      expect(readFileSync(outfile, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      expect(run(['decode', `${VECTORS_DIR}manual-echo.hex`], undefined, outfile).stdout).toContain(
        '"payload": "hello uwsgi"',
      );
      // the nginx model and Debian's files are in the bundle
      const test = run(['nginx-t'], undefined, outfile);
      expect([test.status, test.stdout, test.stderr]).toEqual([
        0,
        '',
        'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
      ]);
      expect(
        run(
          ['nginx-packet', '--request', `${VECTORS_DIR}get-root.http`, '--remote-port', '42692'],
          undefined,
          outfile,
        ).stdout,
      ).toBe(readFileSync(`${VECTORS_DIR}get-root.hex`, 'utf8'));
      const bad = run(['decode', file('bad.hex', '00')], undefined, outfile);
      expect([bad.status, bad.stderr]).toEqual([
        2,
        'uwsgi-lab: decode: a uwsgi header is 4 bytes but the input has 1 (byte 0)\n',
      ]);
    },
  );
});
