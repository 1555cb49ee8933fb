// Every run of real uWSGI 2.0.21 recorded by tests/fixtures/uwsgi/tools/capture-uwsgi-runs, replayed
// on the model: the same command in the same folder, the same packets sent, the same signal — the
// output must be the captured one line for line (dates, pids, addresses, msecs and switch counts
// masked), with the same exit status, the same bytes back and the socket file left the same way.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FsError } from '../../../../src/gateway/fs.ts';
import type { UwsgiSignal } from '../../../../src/gateway/uwsgi/uwsgi-process.ts';
import { APP_DIR, masked, testMachine, uwsgi } from './test-machine.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/uwsgi/', import.meta.url));
const VECTORS = fileURLToPath(new URL('../../../fixtures/vectors/', import.meta.url));

interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  readonly sends: readonly { readonly target: string; readonly bytes: Uint8Array }[];
  readonly signal: UwsgiSignal | 'none';
}

/** The scenarios, read from the capture script itself (one source of truth). */
function scenarios(): Scenario[] {
  const script = readFileSync(`${FIXTURES}tools/capture-uwsgi-runs`, 'utf8');
  const list: Scenario[] = [];
  for (const raw of script.split('\n')) {
    if (!raw.startsWith('scenario ')) continue;
    const words = raw
      .replace(/\$G/g, '--send /tmp/uwsgi.sock:$VEC/get-root.hex')
      .split(/\s+/)
      .slice(1);
    const name = words.shift()!;
    const cut = words.indexOf('--');
    const options = words.slice(0, cut);
    const sends: { target: string; bytes: Uint8Array }[] = [];
    let signal: UwsgiSignal | 'none' = 'INT';
    for (let i = 0; i < options.length; i += 2) {
      const [flag, value = ''] = [options[i], options[i + 1]];
      if (flag === '--signal') signal = value as UwsgiSignal | 'none';
      if (flag === '--send' || flag === '--raw') {
        const colon = value.lastIndexOf(':');
        const target = value.slice(0, colon);
        const data = value.slice(colon + 1);
        const hex =
          flag === '--send'
            ? readFileSync(data.replace('$VEC/', VECTORS), 'utf8').replace(/\s+/g, '')
            : data;
        sends.push({ target, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) });
      }
    }
    list.push({ name, args: words.slice(cut + 1), sends, signal });
  }
  return list;
}

interface Captured {
  readonly output: string[];
  readonly exit: string;
  readonly responses: readonly { readonly hex: string; readonly end: string }[];
  readonly socket: string;
}

function captured(name: string): Captured {
  const text = readFileSync(`${FIXTURES}runs/${name}.txt`, 'utf8');
  const lines = text.split('\n');
  const output: string[] = [];
  let i = lines.indexOf('== output') + 1;
  while (!lines[i]!.startsWith('== exit')) output.push(lines[i++]!);
  const exit = lines[i]!.slice('== exit '.length);
  const responses: { hex: string; end: string }[] = [];
  for (i++; lines[i]!.startsWith('== response'); i += 2) {
    responses.push({ end: /bytes, (.*)$/.exec(lines[i]!)![1]!, hex: lines[i + 1]! });
  }
  return { output, exit, responses, socket: lines[i + 1] ?? '' };
}

// What the model does not reproduce, and why (each is named in the report).
const NOT_MODELLED: Readonly<Record<string, string>> = {
  'cli-http-router':
    'the router answered nothing because the capture client half-closed its side; the model relays the answer',
  'cli-http-router-get': 'as cli-http-router',
  'cli-http-socket':
    'the capture client half-closed after the uwsgi packet, which makes uWSGI log "client closed connection"; nginx never half-closes (real-output.md §5.4: nothing logged)',
  'cli-daemonize':
    'the daemon keeps running after the capture; its log file is compared in uwsgi-process.test.ts',
  'cli-master-term':
    'the reload is compared in uwsgi-process.test.ts (the capture killed it mid-reload)',
  'cli-master-hup': 'as cli-master-term',
  'ini-empty-key-packet': 'a 4-byte packet then a half-close; covered in uwsgi-request.test.ts',
};

function machineForRuns() {
  const machine = testMachine();
  const fs = machine.fs;
  fs.put(
    `${APP_DIR}/syntax.py`,
    'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef hello()\n    return "Hello World!"\n',
  );
  fs.put(
    `${APP_DIR}/raw.py`,
    'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"hi"]\n',
  );
  fs.put(
    `${APP_DIR}/uwsgi.ini`,
    '[uwsgi]\nchdir=/home/ubuntu/helloWorld\nchmod-socket=666\ncallable=app\nmodule=app\nsocket=/tmp/uwsgi.sock\nplugin = python3\n',
  );
  for (const [name, ssp] of [
    ['.venv-ssp', true],
    ['.venv-plain', false],
  ] as const) {
    fs.mkdirs(`${APP_DIR}/${name}/lib/python3.11/site-packages`);
    fs.put(
      `${APP_DIR}/${name}/pyvenv.cfg`,
      `home = /usr/bin\ninclude-system-site-packages = ${ssp}\nversion = 3.11.2\n`,
    );
  }
  return machine;
}

function lsSocket(machine: ReturnType<typeof testMachine>): string {
  try {
    const stat = machine.fs.lstat('/tmp/uwsgi.sock');
    const bits = 'rwxrwxrwx'
      .split('')
      .map((char, i) => ((stat.mode >> (8 - i)) & 1 ? char : '-'))
      .join('');
    const name = (id: number, kind: 'user' | 'group'): string =>
      (kind === 'user' ? machine.users.userById(id)?.name : machine.users.groupById(id)?.name) ??
      String(id);
    return `${stat.type === 'socket' ? 's' : '-'}${bits} 1 ${name(stat.uid, 'user')} ${name(stat.gid, 'group')} 0 <date> /tmp/uwsgi.sock`;
  } catch (error) {
    if (error instanceof FsError)
      return "ls: cannot access '/tmp/uwsgi.sock': No such file or directory";
    throw error;
  }
}

describe('real uWSGI runs replayed on the model', () => {
  for (const scenario of scenarios()) {
    const skip = NOT_MODELLED[scenario.name];
    it.skipIf(skip !== undefined)(`${scenario.name}: uwsgi ${scenario.args.join(' ')}`, () => {
      const expected = captured(scenario.name);
      const machine = machineForRuns();
      const process = uwsgi(machine, `uwsgi ${scenario.args.join(' ')}`);
      const responses: { hex: string; end: string }[] = [];
      if (process.running) {
        for (const send of scenario.sends) {
          const target = send.target.startsWith('/')
            ? { kind: 'unix' as const, path: send.target }
            : {
                kind: 'inet' as const,
                host: send.target.slice(0, send.target.lastIndexOf(':')),
                port: Number(send.target.slice(send.target.lastIndexOf(':') + 1)),
              };
          const connection = machine.net.connect(target, { uid: 0, gid: 0, groups: [0] });
          if (!connection.ok) {
            responses.push({ hex: '', end: `connect failed: ${connection.error.text}` });
            continue;
          }
          const reply = connection.connection.exchange(send.bytes);
          responses.push({
            hex: Buffer.from(reply.bytes).toString('hex'),
            end: reply.end === 'reset' ? 'connection reset by server' : 'closed by server',
          });
        }
        if (scenario.signal !== 'none') process.signal(scenario.signal);
      }
      expect(masked(process.output)).toEqual(masked(expected.output));
      const status = process.exitStatus;
      expect(
        status === undefined ? 'still running (killed)' : status === 137 ? '-9' : String(status),
      ).toBe(expected.exit);
      expect(responses).toEqual(expected.responses);
      expect(lsSocket(machine)).toBe(expected.socket);
    });
  }
});
