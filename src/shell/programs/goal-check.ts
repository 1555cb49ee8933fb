// The scenarios' goal: the tutorial's app answering through nginx. The check is a real request —
// the one `curl URL` sends, through the socket table to nginx, over uwsgi_pass to uWSGI and its
// app — never a look at files; its journey is kept like any curl's (origin: the goal). Its one-line
// detail is made only of what the programs themselves print, which are the same in every language
// of the page: curl's error (`curl: (7) Failed to connect to localhost port 8080 …`), the status
// line and body curl got, and the line nginx logged (`nginx: [crit] connect() to … failed (13:
// Permission denied) …`) or uWSGI's (`-- unavailable modifier requested: 0 --`).

import { addressMatches, type SocketAddress } from '../../gateway/net/index.ts';
import type { Hop } from '../../gateway/trace/index.ts';
import type { Machine } from '../machine/machine.ts';
import type { GoalResult, ScenarioGoal } from '../scenarios/scenario.ts';
import {
  exchange,
  parseUrl,
  readResponse,
  curlRequest,
  resolveHost,
  type ParsedUrl,
} from './http-client.ts';

/** Between the parts of a detail (status line, body, log line): no words of any language. */
const SEPARATOR = ' · ';

export function checkGoal(machine: Machine, goal: ScenarioGoal): GoalResult {
  const url = goal.request.url;
  const parsed = parseUrl(url);
  if ('kind' in parsed)
    return { met: false, detail: 'curl: (3) URL using bad/illegal format or missing URL' };
  const addresses = resolveHost(machine, parsed.host);
  if (addresses.length === 0)
    return { met: false, detail: `curl: (6) Could not resolve host: ${parsed.host}` };
  const request = curlRequest(parsed, {
    method: 'GET',
    headers: (goal.request.headers ?? []).map(([name, value]) => `${name}: ${value}`),
    body: undefined,
  });
  const sent = exchange(machine, pickTarget(machine, addresses, parsed), request.bytes, {
    kind: 'goal',
    goal: goal.id,
  });
  const outcome = sent.outcome;
  if (outcome.kind === 'connect-failed')
    return {
      met: false,
      detail: `curl: (7) Failed to connect to ${parsed.host} port ${parsed.port} after 0 ms: Couldn't connect to server`,
    };
  const response = readResponse(outcome.bytes, false);
  if (response === undefined) {
    const curlError =
      outcome.bytes.length > 0
        ? 'curl: (1) Received HTTP/0.9 when not allowed'
        : outcome.end === 'reset'
          ? 'curl: (56) Recv failure: Connection reset by peer'
          : 'curl: (52) Empty reply from server';
    return { met: false, detail: curlError };
  }
  const body = new TextDecoder().decode(response.body);
  const hops = machine.journeys.list().find((entry) => entry.journey.id === sent.journey)
    ?.journey.hops;
  // the body only when the status is the expected one (an error page's HTML says nothing more)
  const parts =
    response.status === goal.expect.status
      ? [response.statusLine, shorten(body)]
      : [response.statusLine];
  if (response.status === goal.expect.status && body === goal.expect.body)
    return { met: true, detail: parts.join(SEPARATOR) };
  const why = logged(hops ?? []);
  return { met: false, detail: [...parts, ...why].filter((p) => p !== '').join(SEPARATOR) };
}

// curl tries the addresses in order and keeps the first that accepts
function pickTarget(machine: Machine, addresses: readonly string[], url: ParsedUrl): SocketAddress {
  const listeners = machine.net.listeners();
  for (const host of addresses) {
    const target: SocketAddress = { kind: 'inet', host, port: url.port };
    if (listeners.some((listener) => addressMatches(listener.address, target))) return target;
  }
  return { kind: 'inet', host: addresses[0]!, port: url.port };
}

// what the programs logged about this request: uWSGI's line (not its request log line), then
// nginx's error-log line as nginx writes one to stderr (`nginx: [crit] …`, without the client part)
function logged(hops: readonly Hop[]): string[] {
  const uwsgi = hops
    .filter((hop): hop is Extract<Hop, { kind: 'uwsgi-response' }> => hop.kind === 'uwsgi-response')
    .flatMap((hop) => hop.log)
    .find((line) => !line.startsWith('[pid:'));
  const nginx = hops
    .filter((hop): hop is Extract<Hop, { kind: 'nginx-response' }> => hop.kind === 'nginx-response')
    .flatMap((hop) => hop.errorLog)
    .map((line) => {
      const match = /\[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*?)(, client: .*)?$/.exec(line);
      return match === null ? line : `nginx: [${match[1]}] ${match[2]}`;
    })[0];
  return [uwsgi, nginx].filter((line): line is string => line !== undefined);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
