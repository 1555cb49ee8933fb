// The CLI's decode and encode, run in-process through runCli with buffers for stdin/stdout/stderr;
// cli-process.test.ts runs the real process for the exit statuses and the one-line errors.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { CliError } from '../../../src/cli/cli-error.ts';
import {
  rawHttpRequest,
  requestPacket,
  type ClientRequest,
} from '../../../src/cli/client-request.ts';
import { parseSocketAddress } from '../../../src/cli/uwsgi-client.ts';
import { latin1Text, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { decode } from '../../../src/protocol/decode.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { HEXDUMPS_DIR, VECTORS_DIR, vectorBytes } from './vector-files.ts';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stdoutBytes: Uint8Array;
  readonly stderr: string;
}

async function cli(
  args: readonly string[],
  stdin: string | Uint8Array = new Uint8Array(0),
): Promise<Run> {
  const out: Uint8Array[] = [];
  let stderr = '';
  const io: CliIo = {
    readStdin: async () => (typeof stdin === 'string' ? utf8Bytes(stdin) : stdin),
    stdout: (data) => out.push(typeof data === 'string' ? utf8Bytes(data) : data),
    stderr: (text) => {
      stderr += text;
    },
  };
  const status = await runCli(args, io);
  const stdoutBytes = Uint8Array.from(out.flatMap((part) => [...part]));
  return { status, stdout: new TextDecoder().decode(stdoutBytes), stdoutBytes, stderr };
}

const vectorFile = (name: string): string => `${VECTORS_DIR}${name}.hex`;
const work = mkdtempSync(join(tmpdir(), 'uwsgi-lab-cli-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cli decode', () => {
  it('prints the JSON shape of the design’s CLI table', async () => {
    const run = await cli(['decode', vectorFile('get-root')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const json: unknown = JSON.parse(run.stdout);
    expect(Object.keys(json as object)).toEqual([
      'modifier1',
      'modifier2',
      'datasize',
      'vars',
      'body',
    ]);
    expect(json).toMatchObject({ modifier1: 0, modifier2: 0, datasize: 363, body: '' });
    expect((json as { vars: unknown[] }).vars[0]).toEqual(['QUERY_STRING', '']);
    expect(run.stdout.split('\n')[5]).toBe('    ["QUERY_STRING", ""],');
  });

  it('gives bytes that are not UTF-8 as {"hex": …} and extra bytes as "trailing"', async () => {
    const bytes = Uint8Array.from([
      ...encode({
        vars: [
          ['K', Uint8Array.from([0xff, 0x41])],
          ['CONTENT_LENGTH', '1'],
        ],
        body: 'b',
      }),
      0xfe,
      0x20,
    ]);
    const run = await cli(['decode', '--raw', '-'], bytes);
    expect(JSON.parse(run.stdout)).toEqual({
      modifier1: 0,
      modifier2: 0,
      datasize: 26,
      vars: [
        ['K', { hex: 'ff41' }],
        ['CONTENT_LENGTH', '1'],
      ],
      body: 'b',
      trailing: { hex: 'fe20' },
    });
  });

  it('prints "payload" instead of "vars" for echo and ping', async () => {
    expect(JSON.parse((await cli(['decode', vectorFile('manual-echo')])).stdout)).toEqual({
      modifier1: 101,
      modifier2: 0,
      datasize: 11,
      payload: 'hello uwsgi',
    });
    expect(JSON.parse((await cli(['decode', vectorFile('uwsgi-resp-ping')])).stdout)).toEqual({
      modifier1: 100,
      modifier2: 1,
      datasize: 0,
      payload: '',
    });
  });

  it('takes raw bytes and every dump form alike, from a file or stdin', async () => {
    const expected = (await cli(['decode', vectorFile('get-query')])).stdout;
    expect((await cli(['decode'], vectorBytes('get-query'))).stdout).toBe(expected);
    expect((await cli(['decode', '-'], vectorBytes('get-query'))).stdout).toBe(expected);
    for (const file of [
      'get-query.xxd',
      'get-query.hexdump-C',
      'get-query.od-Ax-tx1z',
      'get-query.xxd-i',
    ]) {
      expect((await cli(['decode', `${HEXDUMPS_DIR}${file}`])).stdout).toBe(expected);
    }
    const capture = JSON.parse(
      (await cli(['decode', `${HEXDUMPS_DIR}get-query-tcp8001.tcpdump-X`])).stdout,
    ) as { vars: string[][] };
    expect(capture.vars.find(([key]) => key === 'REMOTE_PORT')).toEqual(['REMOTE_PORT', '53748']);
  });

  it('--raw takes hex-looking text as bytes, --hex insists on a dump', async () => {
    const run = await cli(['decode', '--raw', '-'], '64000000');
    // the characters "6400" are modifier1 0x36 and datasize 0x3034: not what plain hex would say
    expect(run.stderr).toBe('uwsgi-lab: decode: datasize says 12340 bytes but 4 follow (byte 4)\n');
    expect((await cli(['decode', '--hex', '-'], Uint8Array.from([0xff, 0x00]))).stderr).toBe(
      'uwsgi-lab: decode: --hex: the input is not text\n',
    );
    expect((await cli(['decode', '--hex', '-'], 'not hex')).stderr).toBe(
      'uwsgi-lab: decode: --hex: not a hex dump: line 1 is not in any hex dump form this reads\n',
    );
    expect((await cli(['decode', '--hex', '--raw', '-'], '00')).stderr).toBe(
      'uwsgi-lab: decode: --hex and --raw exclude each other\n',
    );
  });

  it('--buffer-size refuses as uWSGI does, --allow-empty-keys accepts', async () => {
    const big = await cli(['decode', '--buffer-size', '4096', vectorFile('over-4096')]);
    expect([big.status, big.stderr]).toEqual([
      2,
      'uwsgi-lab: decode: invalid request block size: 5377 (max 4096)...skip (byte 1)\n',
    ]);
    expect((await cli(['decode', '--buffer-size', 'lots', vectorFile('over-4096')])).stderr).toBe(
      'uwsgi-lab: decode: --buffer-size must be a number from 0 to 65535, not "lots"\n',
    );
    const empty = encode({ vars: [['', 'x']] }, { allowEmptyKeys: true });
    expect((await cli(['decode', '--raw', '-'], empty)).stderr).toBe(
      'uwsgi-lab: decode: empty key (key length 0) (byte 4)\n',
    );
    expect(
      JSON.parse((await cli(['decode', '--raw', '--allow-empty-keys', '-'], empty)).stdout).vars,
    ).toEqual([['', 'x']]);
  });

  it('--annotate lists every field with its offset, length and bytes', async () => {
    const run = await cli(['decode', '--annotate', vectorFile('post-form')]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('offset  length  bytes                      field');
    expect(lines[2]).toBe('     0       1  00                           modifier1 = 0 (WSGI)');
    expect(lines[3]).toBe(
      '     1       2  ea 01                        datasize = 490 (little-endian 0x01ea)',
    );
    expect(lines[5]).toBe('     4     490                             vars (18 pairs)');
    expect(lines[6]).toBe('     4      16                               var "QUERY_STRING" = ""');
    expect(lines[7]).toBe('     4       2  0c 00                          key-length = 12');
    expect(lines).toContain(
      '   494      20  6e 61 6d 65 3d 68 61 72 …  body = "name=haruair&lang=ko"',
    );
  });

  it('--annotate shows a broken packet up to the break, then the error line', async () => {
    const run = await cli(
      ['decode', '--annotate', '-'],
      '00 7c 01 00 0c 00 51 55 45 52 59 5f 53 54 52 49 4e 47',
    );
    expect(run.status).toBe(2);
    expect(run.stdout.trimEnd().split('\n').slice(-1)[0]).toBe(
      '    18       0                             broken: datasize-mismatch at byte 4: datasize says 380 bytes but 14 follow',
    );
    expect(run.stderr).toBe('uwsgi-lab: decode: datasize says 380 bytes but 14 follow (byte 4)\n');
  });

  it('says why text is neither a dump nor a packet', async () => {
    const run = await cli(['decode', '-'], 'hello world\n');
    expect(run.stderr).toBe(
      'uwsgi-lab: decode: the input is neither a hex dump nor a uwsgi packet: as a dump, line 1 is not in any hex dump form this reads; as a packet, datasize says 27749 bytes but 8 follow (byte 4)\n',
    );
  });

  it('prints its help', async () => {
    const run = await cli(['decode', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: uwsgi-lab decode [FILE|-] [--hex|--raw] [--annotate]');
  });
});

describe('cli encode', () => {
  it('turns decode’s JSON back into the vector, byte for byte, as the vectors’ hex layout', async () => {
    for (const name of [
      'get-root',
      'post-form',
      'long-nonascii-header',
      'manual-echo',
      'manual-ping',
    ]) {
      const json = (await cli(['decode', vectorFile(name)])).stdout;
      const run = await cli(['encode'], json);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(readFileSync(vectorFile(name), 'utf8'));
      expect((await cli(['encode', '--raw', '-'], json)).stdoutBytes).toEqual(vectorBytes(name));
    }
  });

  it('computes datasize, never trusting the input’s, and keeps trailing bytes', async () => {
    const run = await cli(
      ['encode', '--raw'],
      '{"datasize": 9999, "vars": [["A", "b"]], "trailing": {"hex": "ff"}}',
    );
    expect(run.stdoutBytes).toEqual(Uint8Array.from([0, 6, 0, 0, 1, 0, 0x41, 1, 0, 0x62, 0xff]));
  });

  it('refuses bad JSON with one line saying what and where', async () => {
    const cases: [string, string][] = [
      ['{', 'the input is not JSON: '],
      ['[]', 'the input must be a JSON object like {"modifier1": 0, "vars": [["KEY", "value"]]}'],
      [
        '{"vars": [], "payload": ""}',
        'give either "vars" (a request) or "payload" (echo, ping, …), not both or neither',
      ],
      ['{"vars": [["A"]]}', '"vars"[0] must be a [key, value] pair'],
      ['{"vars": [["A", 1]]}', '"vars"[0][1] must be a string or {"hex": "…"}'],
      [
        '{"vars": [["A", {"hex": "abc"}]]}',
        '"vars"[0][1]: "hex" must be an even number of hex digits',
      ],
      ['{"modifier1": 256, "vars": []}', '"modifier1" must be an integer from 0 to 255, not 256'],
      ['{"payload": "x"}', 'a payload packet needs "modifier1" (101 echo, 100 ping, …)'],
      [
        '{"vars": [], "colour": 1}',
        'unknown field "colour" (known: modifier1, modifier2, datasize, vars, body, payload, trailing)',
      ],
      ['{"vars": [["", "x"]]}', 'empty key: uWSGI refuses a zero key length (byte 4)'],
      [`{"vars": [["K", "${'v'.repeat(65531)}"]]}`, 'uwsgi request is too big: 65536 (byte 1)'],
    ];
    for (const [input, message] of cases) {
      const run = await cli(['encode'], input);
      expect(run.status).toBe(2);
      expect(run.stderr.startsWith(`uwsgi-lab: encode: ${message}`), run.stderr).toBe(true);
      expect(run.stderr.split('\n').length).toBe(2);
    }
  });
});

describe('cli request: the packet of the nginx model', () => {
  // curl's three headers, as in the vectors
  const curl = [
    ['Host', 'helloworld.haruair.com'],
    ['User-Agent', 'curl/7.88.1'],
    ['Accept', '*/*'],
  ] as const;
  const get = (target: string, headers: ClientRequest['headers'] = curl): ClientRequest => ({
    method: 'GET',
    target,
    headers,
    body: undefined,
  });
  const form = utf8Bytes('name=haruair&lang=ko');

  /** The vector real nginx sent, with REMOTE_PORT the request command's 50000. */
  function vectorAt50000(name: string): Uint8Array {
    const packet = decode(vectorBytes(name));
    if (packet.kind !== 'vars') throw new Error('not vars');
    return encode({
      vars: packet.vars.map(([key, value]) => [
        key,
        latin1Text(key) === 'REMOTE_PORT' ? utf8Bytes('50000') : value,
      ]),
      body: packet.body,
    });
  }
  function vars(request: ClientRequest): [string, string][] {
    const packet = decode(requestPacket(request));
    if (packet.kind !== 'vars') throw new Error('not vars');
    return packet.vars.map(([key, value]) => [latin1Text(key), latin1Text(value)]);
  }
  const pathInfo = (target: string): string | undefined =>
    vars(get(target)).find(([key]) => key === 'PATH_INFO')?.[1];
  function refusal(request: ClientRequest): [number, string] {
    try {
      requestPacket(request);
    } catch (error) {
      if (error instanceof CliError) return [error.exitCode, error.message];
      throw error;
    }
    throw new Error('nginx sent a packet');
  }

  it('builds the request curl sent for the vectors, byte for byte', () => {
    const http = (name: string): Uint8Array =>
      new Uint8Array(readFileSync(`${VECTORS_DIR}${name}.http`));
    expect(rawHttpRequest(get('/'))).toEqual(http('get-root'));
    expect(rawHttpRequest(get('/hello?x=1&y=%ED%95%9C'))).toEqual(http('get-query'));
    expect(rawHttpRequest({ ...get('/'), method: 'HEAD' })).toEqual(http('head'));
    expect(rawHttpRequest({ ...get('/submit'), method: 'POST', body: form })).toEqual(
      http('post-form'),
    );
    expect(
      rawHttpRequest({
        method: 'POST',
        target: '/submit',
        headers: [...curl, ['Transfer-Encoding', 'chunked']],
        body: form,
      }),
    ).toEqual(http('post-chunked'));
    expect(
      rawHttpRequest(get('/headers', [...curl, ['X-Long', 'a'.repeat(3000)], ['X-Name', '한글']])),
    ).toEqual(http('long-nonascii-header'));
  });

  it('adds Host when no header gives one, and Content-Length and Content-Type for a body', () => {
    const text = (request: ClientRequest): string => latin1Text(rawHttpRequest(request));
    expect(text(get('/', []))).toBe('GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\n\r\n');
    expect(text({ ...get('/', [['X-A', '1']]), method: 'POST', body: utf8Bytes('a=1') })).toBe(
      'POST / HTTP/1.1\r\nHost: helloworld.haruair.com\r\nX-A: 1\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1',
    );
    expect(
      text({ ...get('/', [['content-type', 'text/plain']]), method: 'PUT', body: utf8Bytes('') }),
    ).toBe(
      'PUT / HTTP/1.1\r\nHost: helloworld.haruair.com\r\ncontent-type: text/plain\r\nContent-Length: 0\r\n\r\n',
    );
  });

  it('is the packet real nginx sent for GET / and GET /hello?x=1&y=%ED%95%9C and HEAD (REMOTE_PORT 50000)', () => {
    expect(requestPacket(get('/'))).toEqual(vectorAt50000('get-root'));
    expect(requestPacket(get('/hello?x=1&y=%ED%95%9C'))).toEqual(vectorAt50000('get-query'));
    expect(requestPacket({ ...get('/'), method: 'HEAD' })).toEqual(vectorAt50000('head'));
    expect(
      requestPacket(get('/headers', [...curl, ['X-Long', 'a'.repeat(3000)], ['X-Name', '한글']])),
    ).toEqual(vectorAt50000('long-nonascii-header'));
  });

  it('is the packet real nginx sent for curl -d, plain and chunked', () => {
    expect(requestPacket({ ...get('/submit'), method: 'POST', body: form })).toEqual(
      vectorAt50000('post-form'),
    );
    expect(
      requestPacket({
        method: 'POST',
        target: '/submit',
        headers: [...curl, ['Transfer-Encoding', 'chunked']],
        body: form,
      }),
    ).toEqual(vectorAt50000('post-chunked'));
  });

  it('gives PATH_INFO as nginx’s $document_uri, and HTTP_* names as nginx writes them', () => {
    expect(pathInfo('/a%20b/%ED%95%9C')).toBe('/a b/\u00ed\u0095\u009c');
    expect(pathInfo('//a/./b/../c/')).toBe('/a/c/');
    expect(pathInfo('/a/%2e%2e')).toBe('/');
    const keys = vars(
      get('/', [
        ['X-Forwarded-For', '10.0.0.1'],
        ['x-name', 'v'],
      ]),
    ).map(([key]) => key);
    expect(keys.slice(-2)).toEqual(['HTTP_X_FORWARDED_FOR', 'HTTP_X_NAME']);
  });

  it('drops Host and names with "_", and takes $host from Host without its port', () => {
    const built = vars(
      get('/', [
        ['Host', 'Example.COM:8080'],
        ['X_Custom', '1'],
        ['X-A', '2'],
      ]),
    );
    expect(built.slice(-2)).toEqual([
      ['HTTP_HOST', 'example.com'],
      ['HTTP_X_A', '2'],
    ]);
  });

  it('says when nginx answers itself: exit status 1 and why', () => {
    expect(refusal(get('/..'))).toEqual([
      1,
      'nginx answered 400 itself (client sent invalid request); nothing was sent upstream',
    ]);
    // a %-escape that is not one: nginx refuses it (parse_complex_uri's sw_quoted)
    expect(refusal(get('/%zz'))[1]).toBe(
      'nginx answered 400 itself (client sent invalid request); nothing was sent upstream',
    );
    expect(refusal(get('/', [['X-Big', 'b'.repeat(9000)]]))[1]).toMatch(
      /^nginx answered 400 itself \(client sent too long header line: "X-Big: b+…"\); nothing was sent upstream$/,
    );
    expect(refusal({ ...get('/'), method: 'POST', body: new Uint8Array(1_100_000) })[1]).toBe(
      'nginx answered 413 itself (client intended to send too large body: 1100000 bytes, over client_max_body_size 1048576); nothing was sent upstream',
    );
    expect(refusal(get('/index.nginx-debian.html'))[1]).toBe(
      'nginx answered 200 itself (it serves the file /var/www/html/index.nginx-debian.html); nothing was sent upstream',
    );
  });

  it('refuses before connecting when nginx answers itself, in one line with exit status 1', async () => {
    const socket = ['request', '--socket', '/nonexistent/uwsgi.sock'];
    const dotdot = await cli([...socket, '--path', '/a/../..']);
    expect([dotdot.status, dotdot.stdout, dotdot.stderr]).toEqual([
      1,
      '',
      'uwsgi-lab: request: nginx answered 400 itself (client sent invalid request); nothing was sent upstream\n',
    ]);
    const body = join(work, 'big-body');
    writeFileSync(body, new Uint8Array(4 << 20));
    const big = await cli([...socket, '--method', 'POST', '--data-file', body]);
    expect([big.status, big.stderr]).toEqual([
      1,
      'uwsgi-lab: request: nginx answered 413 itself (client intended to send too large body: 4194304 bytes, over client_max_body_size 1048576); nothing was sent upstream\n',
    ]);
  });

  it('parse socket addresses as nginx writes them', () => {
    expect(parseSocketAddress('/tmp/uwsgi.sock')).toEqual({
      kind: 'unix',
      path: '/tmp/uwsgi.sock',
    });
    expect(parseSocketAddress('unix:/tmp/uwsgi.sock')).toEqual({
      kind: 'unix',
      path: '/tmp/uwsgi.sock',
    });
    expect(parseSocketAddress('uwsgi.sock')).toEqual({ kind: 'unix', path: 'uwsgi.sock' });
    expect(parseSocketAddress('127.0.0.1:3031')).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 3031,
    });
    expect(parseSocketAddress('[::1]:3031')).toEqual({ kind: 'tcp', host: '::1', port: 3031 });
    expect(parseSocketAddress('127.0.0.1:99999')).toBeUndefined();
  });

  it('refuses bad options with one line', async () => {
    const cases: [string[], string][] = [
      [['request'], '--socket PATH|HOST:PORT is required'],
      [
        ['request', '--socket', 'x:y:z'],
        '--socket "x:y:z" is neither a unix socket path nor HOST:PORT',
      ],
      [['request', '--socket', '/s', '-H', 'NoColon'], '-H "NoColon" is not "Name: value"'],
      [
        ['request', '--socket', '/s', '--path', 'relative'],
        '--path must start with "/", not "relative"',
      ],
      [
        ['request', '--socket', '/s', '--method', 'GE T'],
        '--method "GE T" is not an HTTP method token',
      ],
      [
        ['request', '--socket', '/s', '--timeout', '0'],
        '--timeout must be a number of seconds above 0, not "0"',
      ],
      [['request', '--socket', '/s', 'extra'], 'unexpected argument "extra" (see --help)'],
      [
        ['request', '--socket', '/s', '--data', 'a', '--data-file', '/f'],
        '--data and --data-file exclude each other',
      ],
      [
        ['request', '--socket', '/s', '--data-file', '/nonexistent/body'],
        '--data-file: cannot read /nonexistent/body: no such file or directory (ENOENT)',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect([run.status, run.stderr]).toEqual([2, `uwsgi-lab: request: ${message}\n`]);
    }
  });

  it('says when it cannot connect', async () => {
    const run = await cli(['request', '--socket', '/nonexistent/uwsgi.sock']);
    expect([run.status, run.stderr]).toEqual([
      1,
      'uwsgi-lab: request: cannot connect to /nonexistent/uwsgi.sock: no such file or directory (ENOENT)\n',
    ]);
  });

  it('documents the vars it sends, with the values the model gives them', async () => {
    const help = (await cli(['request', '--help'])).stdout;
    for (const key of [
      'QUERY_STRING',
      'REQUEST_METHOD',
      'CONTENT_TYPE',
      'CONTENT_LENGTH',
      'REQUEST_URI',
      'PATH_INFO',
      'DOCUMENT_ROOT',
      'SERVER_PROTOCOL',
      'REQUEST_SCHEME',
      'REMOTE_ADDR',
      'REMOTE_PORT',
      'SERVER_PORT',
      'SERVER_NAME',
      'HTTP_HOST',
    ]) {
      expect(help).toContain(key);
    }
    const fixed = [...help.matchAll(/^ {2}([A-Z_]+) +(\S+)$/gm)].map(([, key, value]) => [
      key,
      value,
    ]);
    expect(fixed.map(([key]) => key)).toEqual([
      'DOCUMENT_ROOT',
      'SERVER_PROTOCOL',
      'REQUEST_SCHEME',
      'REMOTE_ADDR',
      'REMOTE_PORT',
      'SERVER_PORT',
      'SERVER_NAME',
    ]);
    expect(vars(get('/'))).toEqual(expect.arrayContaining(fixed));
  });
});

describe('cli', () => {
  it('lists its commands, and refuses an unknown one', async () => {
    const help = await cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('decode');
    const unknown = await cli(['decod']);
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      'uwsgi-lab: unknown command "decod" (commands: decode, encode, nginx-packet, nginx-t, request, serve, shell)\n',
    ]);
    expect((await cli(['decode', '--hexx'])).stderr).toBe(
      "uwsgi-lab: decode: Unknown option '--hexx' (see --help)\n",
    );
  });
});
