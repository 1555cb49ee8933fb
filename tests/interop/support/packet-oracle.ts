// Real nginx 1.22.1 as the oracle for the uwsgi packet builder and the response side: for each
// case of packet-cases.ts, a private nginx serves the case's site with uwsgi_pass pointing at a
// recording listener (PacketReader); the request is sent raw from a fixed client port so that
// REMOTE_PORT is known; the listener records the packet and answers with the case's uWSGI-style
// answer; what the client gets back is recorded too (nginx's Date masked).

import { join } from 'node:path';
import { latin1Bytes, hexOf } from '../../../src/protocol/index.ts';
import { PACKET_CASES, type PacketCase } from '../../fixtures/nginx/tools/packet-cases.ts';
import { startPacketListener } from './packet-listener.ts';
import { sendRaw, withPrivateNginx } from './nginx-oracle.ts';

export interface PacketCorpusCase {
  readonly name: string;
  /** The site as nginx read it (port and socket filled in). */
  readonly site: string;
  readonly request: string;
  readonly answer: string;
  readonly remotePort: number;
  readonly localPort: number;
  /** Every byte nginx wrote to the socket, as hex; null when nginx never connected. */
  readonly packet: string | null;
  /** What the client received, nginx's Date masked. */
  readonly response: string;
  /** nginx's error.log lines for the request, timestamps, pids and connection numbers masked. */
  readonly errorLog: readonly string[];
}

/** nginx's own Date value masked (an upstream's Date header is the upstream's business). */
export function maskDate(response: string): string {
  return response.replace(/^Date: (?!Mon, 01 Jan 2001)[^\r\n]*/m, 'Date: <masked>');
}

export function maskErrorLine(line: string): string {
  return line.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: \*\d+ /, '[$1] ');
}

/** The request's bytes (the case's text is a byte string). */
export function requestBytes(testCase: PacketCase, port: number): Uint8Array {
  return latin1Bytes(testCase.request.replaceAll('@PORT@', String(port)));
}

export async function capturePacketCase(
  testCase: PacketCase,
  remotePort: number,
): Promise<PacketCorpusCase> {
  let site = '';
  return withPrivateNginx(
    (port, dir) => {
      // the socket path only appears in the config, never in the packet
      site = testCase.site
        .replaceAll('@LISTEN@', `127.0.0.1:${port}`)
        .replaceAll('@SOCKET@', join(dir, 'uwsgi.sock'));
      return site;
    },
    async (nginx, dir) => {
      const listener = await startPacketListener(join(dir, 'uwsgi.sock'), () =>
        latin1Bytes(testCase.answer),
      );
      try {
        const finalSite = site;
        const before = nginx.errorLog().length;
        const request = requestBytes(testCase, nginx.port);
        const method = /^[A-Z]+/.exec(testCase.request)?.[0] ?? 'GET';
        const response = await sendRaw(nginx.port, request, {
          localPort: remotePort,
          responseTo: method,
          idleMs: 500,
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return {
          name: testCase.name,
          site: finalSite,
          request: testCase.request.replaceAll('@PORT@', String(nginx.port)),
          answer: testCase.answer,
          remotePort,
          localPort: nginx.port,
          packet: listener.packets[0] === undefined ? null : hexOf(listener.packets[0].bytes),
          response: maskDate(Buffer.from(response).toString('latin1')),
          errorLog: nginx
            .errorLog()
            .slice(before)
            .split('\n')
            .filter((line) => line !== '')
            .map(maskErrorLine),
        };
      } finally {
        await listener.close();
      }
    },
  );
}

/** Every case, each from its own client port (41000 + its index). */
export async function capturePacketCorpus(): Promise<PacketCorpusCase[]> {
  const out: PacketCorpusCase[] = [];
  for (const [index, testCase] of PACKET_CASES.entries())
    out.push(await capturePacketCase(testCase, 41000 + index));
  return out;
}
