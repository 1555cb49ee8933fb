// The location corpus (tests/fixtures/nginx/location-corpus.json, made by
// tests/fixtures/nginx/tools/capture-locations.ts from real nginx 1.22.1): the site its groups make,
// the requests, how an answer is read, and the model's answer for a case.

import { readFileSync } from 'node:fs';
import { debianNginxMachine } from '../../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../../src/gateway/nginx/load-config.ts';
import { simulateRequest, type SimulatedRequest } from '../../../../src/gateway/nginx/simulate.ts';
import { LOCATION_GROUPS } from '../../../fixtures/nginx/tools/location-cases.ts';

export interface LocationCorpusCase {
  readonly group: string;
  readonly uri: string;
  readonly status: number;
  /** The body for 200 answers: the winning location's name. */
  readonly body: string;
  /** For redirects, the Location without scheme, host and port. */
  readonly location?: string | undefined;
}

export interface LocationCorpus {
  readonly nginx: string;
  readonly groups: readonly { readonly name: string; readonly body: string }[];
  readonly cases: readonly LocationCorpusCase[];
}

export function readLocationCorpus(): LocationCorpus {
  const url = new URL('../../../fixtures/nginx/location-corpus.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as LocationCorpus;
}

/**
 * The server blocks of all groups, listening on `listen`; a root that exists nowhere keeps files
 * out of it (a private nginx's default root is not Debian's).
 */
export function locationSite(listen: string): string {
  return LOCATION_GROUPS.map(
    (group) =>
      `server {\n    listen ${listen};\n    server_name ${group.name}.test;\n    root /nonexistent/www;\n${group.body}\n}\n`,
  ).join('');
}

export function requestFor(group: string, uri: string): Uint8Array {
  return new TextEncoder().encode(
    `GET ${uri} HTTP/1.1\r\nHost: ${group}.test\r\nConnection: close\r\n\r\n`,
  );
}

/** Status, body and Location path of a raw HTTP response. */
export function readAnswer(bytes: Uint8Array): {
  status: number;
  body: string;
  location: string | undefined;
} {
  const text = new TextDecoder().decode(bytes);
  const headEnd = text.indexOf('\r\n\r\n');
  const head = text.slice(0, headEnd);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const location = /\r\nLocation: (?:https?:\/\/[^/]+)?(\S*)/.exec(head)?.[1];
  return { status, body: status === 200 ? text.slice(headEnd + 4) : '', location };
}

/** The model with all groups loaded, answering one case's request on 127.0.0.1:8080. */
export function locationModel(): (group: string, uri: string) => SimulatedRequest {
  const machine = debianNginxMachine(locationSite('127.0.0.1:8080'));
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  if (!loaded.ok) throw new Error(loaded.error.text);
  return (group, uri) =>
    simulateRequest(
      requestFor(group, uri),
      { ...machine, config: loaded.config },
      {
        remoteAddr: '127.0.0.1',
        remotePort: 40000,
        localAddr: '127.0.0.1',
        localPort: 8080,
      },
    );
}
