// The two CLI commands over the nginx model (design.md, "Command-line interface"): `nginx-t` and
// `nginx-packet`. Both run on Debian's layout with the given config as
// /etc/nginx/sites-enabled/default, or the tutorial's server block without one.

import { hexOf } from '../../protocol/index.ts';
import type { NginxDecision } from './decisions.ts';
import { debianNginxMachine } from './debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from './load-config.ts';
import { formatNginxTest, type LogClock } from './nginx-test.ts';
import { processRequest } from './request-processing.ts';

export interface NginxTestOptions {
  /** The site file's contents; default: the tutorial's server block. */
  readonly config?: string | Uint8Array;
  /** Stamp for the error-log lines; default: now, pid 1234. */
  readonly clock?: LogClock;
}

/** What `nginx -t` prints (to stderr) and its exit status. */
export function nginxTest(options: NginxTestOptions = {}): { output: string; status: number } {
  const machine = debianNginxMachine(options.config);
  const result = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  return formatNginxTest(
    result,
    DEBIAN_LAYOUT.confPath,
    options.clock ?? { now: new Date(), pid: 1234 },
  );
}

export interface NginxPacketOptions {
  /** The raw HTTP request as a client sends it. */
  readonly request: Uint8Array;
  /** The site file; default: the tutorial's server block. */
  readonly config?: string | Uint8Array;
  /** The client's address and port ($remote_addr, $remote_port). Default 127.0.0.1:40000. */
  readonly remoteAddr?: string;
  readonly remotePort?: number;
  /** Where the request arrives; default: the first listen of the config, on 127.0.0.1. */
  readonly localAddr?: string;
  readonly localPort?: number;
}

export type NginxPacketResult =
  | {
      readonly hex: string;
      readonly packet: Uint8Array;
      readonly decisions: readonly NginxDecision[];
    }
  | { readonly error: string; readonly decisions: readonly NginxDecision[] };

/** The packet the simulated nginx sends upstream for a request, as hex; or why it sends none. */
export function nginxPacket(options: NginxPacketOptions): NginxPacketResult {
  const machine = debianNginxMachine(options.config);
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok)
    return { error: `nginx: [${loaded.error.level}] ${loaded.error.text}`, decisions: [] };
  const listen = loaded.config.http?.addresses.find((a) => a.listen.family !== 'unix')?.listen;
  const localAddr =
    options.localAddr ?? (listen === undefined || listen.wildcard ? '127.0.0.1' : listen.address);
  const localPort = options.localPort ?? listen?.port ?? 80;
  const handling = processRequest(options.request, {
    config: loaded.config,
    fs: machine.fs,
    users: machine.users,
    connection: {
      remoteAddr: options.remoteAddr ?? '127.0.0.1',
      remotePort: options.remotePort ?? 40000,
      localAddr,
      localPort,
    },
  });
  const outcome = handling.outcome;
  switch (outcome.kind) {
    case 'upstream':
      return { hex: hexOf(outcome.packet), packet: outcome.packet, decisions: handling.decisions };
    case 'respond': {
      const alert = handling.errorLog.find((line) => line.level === 'alert');
      const why = alert === undefined ? '' : ` (${alert.text.split(',')[0]!})`;
      return {
        error: `nginx answered ${outcome.response.status} itself${why}; nothing was sent upstream`,
        decisions: handling.decisions,
      };
    }
    case 'incomplete':
      return {
        error: 'the request is incomplete: nginx would wait for more bytes',
        decisions: handling.decisions,
      };
    case 'no-listener':
      return {
        error: `nginx does not listen on ${localAddr}:${localPort}`,
        decisions: handling.decisions,
      };
  }
}
