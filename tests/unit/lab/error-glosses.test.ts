// Error glosses: the error lines the course meets, as the real programs print them (quoted from
// ../shared/reference/real-output.md and real-output-shell.md), each recognised and glossed in
// both languages; ordinary lines get no gloss.
import { describe, expect, it } from 'vitest';
import ko from '../../../src/i18n/ko.json' with { type: 'json' };
import en from '../../../src/i18n/en.json' with { type: 'json' };
import {
  ERROR_GLOSS_IDS,
  ERROR_GLOSS_KEYS,
  ErrorGlossReader,
  errorGlossTexts,
  glossLine,
  glossLines,
  matchErrorLine,
  readErrorGlossTexts,
  type ErrorGlossId,
} from '../../../src/lab/error-glosses.ts';
import type { UiKey } from '../../../src/i18n/index.ts';

const REQUEST =
  ', client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/tmp/uwsgi.sock:", host: "helloworld.haruair.com"';

/** Real lines (timestamps and pids as captured), and what each is. */
const LINES: [string, ErrorGlossId, Record<string, string>][] = [
  [
    `2026/11/26 06:40:19 [crit] 26484#26484: *8 connect() to unix:/tmp/uwsgi.sock failed (2: No such file or directory) while connecting to upstream${REQUEST}`,
    'nginx-socket-missing',
    { socket: 'unix:/tmp/uwsgi.sock' },
  ],
  [
    `2026/11/26 06:40:20 [crit] 26484#26484: *12 connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream${REQUEST}`,
    'nginx-socket-permission',
    { socket: 'unix:/tmp/uwsgi.sock' },
  ],
  [
    `2026/11/26 06:40:20 [error] 26484#26484: *10 connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused) while connecting to upstream${REQUEST}`,
    'nginx-socket-refused',
    { socket: 'unix:/tmp/uwsgi.sock' },
  ],
  [
    `2026/11/26 06:40:25 [error] 26484#26484: *18 upstream prematurely closed connection while reading response header from upstream${REQUEST}`,
    'nginx-upstream-closed',
    {},
  ],
  [
    `2026/11/26 06:40:28 [error] 26484#26484: *22 recv() failed (104: Connection reset by peer) while reading response header from upstream${REQUEST}`,
    'nginx-upstream-reset',
    {},
  ],
  [
    '2026/11/26 10:16:04 [error] 22580#22580: *1 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1',
    'nginx-upstream-timeout',
    {},
  ],
  [
    '2026/11/26 07:30:00 [emerg] 9100#9100: bind() to 0.0.0.0:8080 failed (98: Address already in use)',
    'nginx-address-in-use',
    { address: '0.0.0.0:8080' },
  ],
  [
    '2026/11/26 06:40:31 [alert] 26702#26702: *2 uwsgi request is too big: 72435, client: 127.0.0.1, server: helloworld.haruair.com, request: "GET / HTTP/1.1", host: "helloworld.haruair.com"',
    'nginx-request-too-big',
    { size: '72435' },
  ],
  [
    '2026/11/26 10:20:01 [error] 9064#9064: *5 open() "/home/ubuntu/helloWorld/static/style.css" failed (13: Permission denied), client: 127.0.0.1',
    'nginx-file-permission',
    { path: '/home/ubuntu/helloWorld/static/style.css' },
  ],
  [
    '2026/11/26 06:40:19 [emerg] 26512#26512: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14',
    'nginx-unknown-directive',
    { directive: 'uwsgi_pas' },
  ],
  [
    '2026/11/26 06:40:19 [emerg] 26515#26515: invalid number of arguments in "include" directive in /etc/nginx/sites-enabled/default:14',
    'nginx-invalid-arguments',
    { directive: 'include' },
  ],
  [
    '2026/11/26 06:40:19 [emerg] 26518#26518: unexpected "}" in /etc/nginx/sites-enabled/default:10',
    'nginx-unexpected',
    {},
  ],
  [
    '2026/11/26 06:40:19 [emerg] 26521#26521: invalid host in upstream "/tmp/uwsgi.sock" in /etc/nginx/sites-enabled/default:14',
    'nginx-invalid-upstream',
    { host: '/tmp/uwsgi.sock' },
  ],
  [
    'nginx: [emerg] open() "/etc/nginx/uwsgi_param" failed (2: No such file or directory) in /etc/nginx/sites-enabled/default:12',
    'nginx-include-missing',
    { path: '/etc/nginx/uwsgi_param' },
  ],
  ['nginx: configuration file /etc/nginx/nginx.conf test failed', 'nginx-test-failed', {}],
  [
    'invalid request block size: 21573 (max 4096)...skip',
    'uwsgi-block-size',
    { size: '21573', max: '4096' },
  ],
  ['--- no python application found, check your startup logs for errors ---', 'uwsgi-no-app', {}],
  [
    'unable to find "application" callable in file app.py',
    'uwsgi-callable-missing',
    { callable: 'application', file: 'app.py' },
  ],
  [
    "unable to load app 0 (mountpoint='') (callable not found or import error)",
    'uwsgi-app-not-loaded',
    {},
  ],
  ['*** no app loaded. going in full dynamic mode ***', 'uwsgi-full-dynamic', {}],
  ["ModuleNotFoundError: No module named 'flask'", 'uwsgi-module-not-found', { module: 'flask' }],
  ['-- unavailable modifier requested: 0 --', 'uwsgi-unavailable-modifier', { modifier: '0' }],
  [
    'no request plugin is loaded, you will not be able to manage requests.',
    'uwsgi-no-request-plugin',
    {},
  ],
  ["uwsgi: unrecognized option '--module'", 'uwsgi-unrecognized-option', { option: '--module' }],
  [
    '!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/python_plugin.so: cannot open shared object file: No such file or directory !!!',
    'uwsgi-plugin-missing',
    {},
  ],
  ['!!! no internal routing support, rebuild with pcre support !!!', 'uwsgi-no-routing', {}],
  ['invalid chmod value: ', 'uwsgi-chmod-value', {}],
  ['bind(): Address already in use [core/socket.c line 230]', 'uwsgi-address-in-use', {}],
  [
    '\x1b[1;31merror\x1b[0m: \x1b[1mexternally-managed-environment\x1b[0m\r',
    'pip-externally-managed',
    {},
  ],
  ['error: externally-managed-environment', 'pip-externally-managed', {}],
  ['bash: pip: command not found', 'bash-command-not-found', { command: 'pip' }],
  ['sudo: nope: command not found', 'bash-command-not-found', { command: 'nope' }],
  [
    "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server",
    'curl-connect-failed',
    {},
  ],
  ['curl: (52) Empty reply from server', 'curl-empty-reply', {}],
  ['HTTP/1.1 502 Bad Gateway', 'http-502', {}],
  ['<head><title>502 Bad Gateway</title></head>', 'http-502', {}],
  ['<head><title>504 Gateway Time-out</title></head>', 'http-504', {}],
  [
    '<head><title>400 Request Header Or Cookie Too Large</title></head>',
    'http-400-header-too-large',
    {},
  ],
  ['<title>500 Internal Server Error</title>', 'http-500', {}],
];

const ORDINARY = [
  'HTTP/1.1 200 OK',
  'Hello World!',
  '*** Operational MODE: single process ***',
  "WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter 0x7f252e360018 pid: 9840 (default app)",
  'nginx: configuration file /etc/nginx/nginx.conf test is successful',
  'uwsgi socket 0 bound to UNIX address /tmp/uwsgi.sock fd 3',
  '<center><h1>502 Bad Gateway</h1></center>',
  'echo "bash: pip: command not found"',
];

describe('matchErrorLine', () => {
  for (const [line, id, vars] of LINES) {
    it(`knows ${id}: ${line.slice(0, 60)}`, () => {
      expect(matchErrorLine(line)).toEqual({ id, vars });
    });
  }

  it('leaves ordinary lines alone', () => {
    for (const line of ORDINARY) expect(matchErrorLine(line), line).toBeUndefined();
  });

  it('has a real line for every gloss', () => {
    expect(new Set(LINES.map(([, id]) => id))).toEqual(new Set(ERROR_GLOSS_IDS));
  });
});

describe('the texts', () => {
  const dictionaries = { ko, en } as Record<string, Record<UiKey, string>>;

  it('exist in both languages and use only the line’s own placeholders', () => {
    for (const [line, id, vars] of LINES) {
      for (const [locale, dictionary] of Object.entries(dictionaries)) {
        const text = dictionary[ERROR_GLOSS_KEYS[id]];
        expect(text, `${locale} ${id}`).toBeDefined();
        const gloss = glossLine(
          line,
          errorGlossTexts((key) => dictionary[key]),
        );
        expect(gloss, `${locale} ${id}`).not.toMatch(/\{\w+\}/);
        for (const value of Object.values(vars)) expect(gloss).toContain(value);
      }
    }
  });

  it('are one sentence in the reader’s language', () => {
    const koTexts = errorGlossTexts((key) => ko[key]);
    const enTexts = errorGlossTexts((key) => en[key]);
    for (const id of ERROR_GLOSS_IDS) {
      expect(koTexts[id], id).toMatch(/[가-힣]/);
      expect(enTexts[id], id).not.toMatch(/[가-힣]/);
      expect(enTexts[id].replace(/\([^)]*\)/g, '').match(/[.!?](\s|$)/g)?.length, id).toBe(1);
    }
  });
});

describe('glossLine and glossLines', () => {
  const texts = errorGlossTexts((key) => en[key]);

  it('fills the gloss from the line', () => {
    expect(glossLine('bash: uwsgi: command not found', texts)).toBe(
      'bash found no program called uwsgi on the PATH: it is not installed, or the virtualenv is not activated.',
    );
    expect(glossLine('Hello World!', texts)).toBeUndefined();
  });

  it('glosses an output once per meaning, beside the first line', () => {
    const output = [
      'HTTP/1.1 502 Bad Gateway',
      'Server: nginx/1.22.1',
      '',
      '<html>',
      '<head><title>502 Bad Gateway</title></head>',
    ];
    expect(glossLines(output, texts)).toEqual([
      { line: 0, id: 'http-502', text: texts['http-502'] },
    ]);
    const log = [
      'invalid request block size: 5377 (max 4096)...skip',
      'invalid request block size: 5377 (max 4096)...skip',
      'invalid request block size: 21573 (max 4096)...skip',
    ];
    expect(glossLines(log, texts).map((g) => g.line)).toEqual([0, 2]);
  });

  it('reads the texts back from a data attribute, without failing on bad input', () => {
    const json = JSON.stringify(texts);
    expect(readErrorGlossTexts(json)).toEqual(texts);
    expect(readErrorGlossTexts('{"http-502": "x", "nope": "y", "http-500": 3}')).toEqual({
      'http-502': 'x',
    });
    expect(readErrorGlossTexts('not json')).toEqual({});
    expect(readErrorGlossTexts(undefined)).toEqual({});
    expect(
      glossLine('HTTP/1.1 500 Internal Server Error', readErrorGlossTexts('[]')),
    ).toBeUndefined();
  });
});

describe('ErrorGlossReader', () => {
  const texts = errorGlossTexts((key) => en[key]);

  it('glosses lines as a stream completes them, once each until reset', () => {
    const reader = new ErrorGlossReader(texts);
    expect(reader.feed('$ curl -si http://localhost:8080/\r\nHTTP/1.1 50')).toEqual([]);
    expect(reader.feed('2 Bad Gateway\r\nServer: nginx/1.22.1\r\n')).toEqual([texts['http-502']]);
    expect(reader.feed('<head><title>502 Bad Gateway</title></head>\r\n')).toEqual([]);
    reader.reset();
    expect(
      reader.feed('\x1b[1;31merror\x1b[0m: \x1b[1mexternally-managed-environment\x1b[0m\r\n'),
    ).toEqual([texts['pip-externally-managed']]);
    expect(reader.feed('HTTP/1.1 502 Bad Gateway\n')).toEqual([texts['http-502']]);
  });

  it('glosses nothing until its texts arrive, then glosses as usual', () => {
    const reader = new ErrorGlossReader({});
    expect(reader.feed('HTTP/1.1 502 Bad Gateway\n')).toEqual([]);
    reader.useTexts(texts);
    expect(reader.feed('HTTP/1.1 502 Bad Gateway\n')).toEqual([texts['http-502']]);
  });
});
