// What nginx changed between uWSGI's answer and what the client got, as reasons for the journey's
// `nginx-response` hop (real-output-shell.md §9: nginx adds Server, Date and Connection, drops
// uWSGI's Connection, re-chunks a body sent without Content-Length, sends no body to HEAD) — worked
// out from the two byte strings, so it cannot disagree with what response.ts did.

import { latin1Text } from '../../protocol/index.ts';
import type { TraceReason } from '../trace/journey.ts';

interface Head {
  readonly statusLine: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly bodyLength: number;
}

function readHead(bytes: Uint8Array): Head | undefined {
  const text = latin1Text(bytes);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { statusLine, headers, bodyLength: bytes.length - end - 4 };
}

function header(head: Head, name: string): string | undefined {
  return head.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** nginx answered itself: no upstream answer to compare with. */
export function ownResponseChanges(client: Uint8Array): TraceReason[] {
  const head = readHead(client);
  if (head === undefined) return [];
  return [
    {
      id: 'own-response',
      detail: `nginx answered itself: ${head.statusLine.replace(/^HTTP\/\d\.\d /, '')}, ${head.bodyLength} body bytes`,
    },
  ];
}

/** How the client's response differs from uWSGI's: status line, headers added, removed or changed, body. */
export function upstreamResponseChanges(upstream: Uint8Array, client: Uint8Array): TraceReason[] {
  const from = readHead(upstream);
  const to = readHead(client);
  if (from === undefined || to === undefined) return [];
  const changes: TraceReason[] = [];
  if (from.statusLine !== to.statusLine)
    changes.push({ id: 'status-line', detail: `${from.statusLine} → ${to.statusLine}` });
  for (const [name, value] of to.headers) {
    const before = header(from, name);
    if (before === undefined) changes.push({ id: 'header-added', detail: `${name}: ${value}` });
    else if (before !== value)
      changes.push({ id: 'header-changed', detail: `${name}: ${before} → ${value}` });
  }
  for (const [name, value] of from.headers) {
    if (header(to, name) === undefined)
      changes.push({ id: 'header-removed', detail: `${name}: ${value}` });
  }
  const chunked = /chunked/i.test(header(to, 'Transfer-Encoding') ?? '');
  if (chunked && header(from, 'Content-Length') === undefined)
    changes.push({
      id: 'rechunked',
      detail: `uWSGI sent ${from.bodyLength} body bytes without Content-Length, ending them by closing; nginx sends them chunked (${to.bodyLength} bytes with the chunk framing)`,
    });
  else if (to.bodyLength === 0 && from.bodyLength > 0)
    changes.push({ id: 'body-dropped', detail: `${from.bodyLength} body bytes not sent` });
  return changes;
}
