// The packet corpus (tests/fixtures/nginx/packet-corpus.json, made by
// tests/fixtures/nginx/tools/capture-packets.ts from real nginx 1.22.1) and the model's answer to
// one of its cases: the packet, what the client gets, and the error-log lines.

import { readFileSync } from 'node:fs';
import { hexOf, latin1Bytes, latin1Text } from '../../../../src/protocol/index.ts';
import { debianNginxMachine } from '../../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../../src/gateway/nginx/load-config.ts';
import {
  clientResponseFromUpstream,
  upstreamLogName,
} from '../../../../src/gateway/nginx/response.ts';
import { simulateRequest } from '../../../../src/gateway/nginx/simulate.ts';

export interface PacketCorpusCase {
  readonly name: string;
  readonly site: string;
  readonly request: string;
  readonly answer: string;
  readonly remotePort: number;
  readonly localPort: number;
  readonly packet: string | null;
  readonly response: string;
  readonly errorLog: readonly string[];
}

export function readPacketCorpus(): readonly PacketCorpusCase[] {
  const url = new URL('../../../fixtures/nginx/packet-corpus.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: PacketCorpusCase[] }).cases;
}

/** nginx's own Date value masked (an upstream's Date header is passed through as it is). */
export function maskNginxDate(response: string): string {
  return response.replace(/^Date: (?!Mon, 01 Jan 2001)[^\r\n]*/m, 'Date: <masked>');
}

/** Error-log lines at error level and above (what Debian's `error_log` keeps), as the corpus masks them. */
export function seriousLines(lines: readonly string[]): string[] {
  return lines.filter((line) => /^\[(emerg|alert|crit|error)\] /.test(line));
}

export interface ModelAnswer {
  readonly packet: string | null;
  readonly response: string;
  readonly errorLog: readonly string[];
}

export function modelPacketCase(testCase: PacketCorpusCase): ModelAnswer {
  const machine = debianNginxMachine(testCase.site);
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok) throw loaded.error;
  const simulated = simulateRequest(
    latin1Bytes(testCase.request),
    { ...machine, config: loaded.config },
    {
      remoteAddr: '127.0.0.1',
      remotePort: testCase.remotePort,
      localAddr: '127.0.0.1',
      localPort: testCase.localPort,
    },
  );
  const log = simulated.handling.errorLog.map((line) => `[${line.level}] ${line.text}`);
  const outcome = simulated.handling.outcome;
  if (outcome.kind === 'upstream') {
    const answer = clientResponseFromUpstream(
      latin1Bytes(testCase.answer),
      outcome.request,
      new Date(),
      upstreamLogName(outcome.address),
    );
    return {
      packet: hexOf(outcome.packet),
      response: maskNginxDate(latin1Text(answer.bytes)),
      errorLog: seriousLines([
        ...log,
        ...answer.errorLog.map((line) => `[${line.level}] ${line.text}`),
      ]),
    };
  }
  return {
    packet: null,
    response: maskNginxDate(simulated.response === undefined ? '' : latin1Text(simulated.response)),
    errorLog: seriousLines(log),
  };
}
