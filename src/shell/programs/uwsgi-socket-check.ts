// The check of a goal about uWSGI alone (`app-on-uwsgi-socket`): the packet nginx 1.22.1 would send
// over `uwsgi_pass unix:PATH` for the goal's request, built with the codec and sent straight to the
// socket, and uWSGI's raw HTTP answer judged. The vars are Debian's uwsgi_params for the tutorial's
// server block (`listen 8080; server_name helloworld.haruair.com;` with `root /var/www/html`, as the
// captures ran it: ../shared/vectors/get-root.txt), then the client's headers as HTTP_* vars; the
// journey is kept like a curl's. It connects as root, not as nginx's www-data: the tutorial's
// command line leaves a 755 socket that only its owner may write to, and this goal is about uWSGI.
// The one-line detail uses only what the programs say: the status line and body, nginx's words
// for a failed exchange, uWSGI's log line.

import { exchangeWithUpstream, type UpstreamOutcome } from '../../gateway/net/index.ts';
import { ROOT_CREDENTIALS } from '../../gateway/fs.ts';
import { JourneyRecorder, type Hop } from '../../gateway/trace/index.ts';
import { encode, HEADER_SIZE, latin1Bytes } from '../../protocol/index.ts';
import type { Machine } from '../machine/machine.ts';
import { registerGoalCheck, type GoalResult, type ScenarioGoal } from '../scenarios/scenario.ts';
import { CURL_USER_AGENT, parseUrl, readResponse, type ParsedUrl } from './http-client.ts';

/** Between the parts of a detail (status line, body, log line): no words of any language. */
const SEPARATOR = ' · ';

/** The tutorial's server block, as the captures ran it (get-root.txt). */
const SERVER_NAME = 'helloworld.haruair.com';
const DOCUMENT_ROOT = '/var/www/html';

export interface NginxRequest {
  readonly url: ParsedUrl;
  /** The client's headers in order (curl's Host, User-Agent, Accept, and the -H ones). */
  readonly headers: readonly (readonly [string, string])[];
  /** The client's ephemeral port, nginx's $remote_port. */
  readonly remotePort: number;
}

/**
 * The vars nginx sends for a GET without a body through Debian's uwsgi_params (in its order; HTTPS
 * is `if_not_empty` and left out over http), then the request's headers as HTTP_* — except Host,
 * which Debian's `uwsgi_param HTTP_HOST $host;` replaces by $host.
 * SIMPLIFIED: a GET with no body, a path without %-escapes (PATH_INFO is $document_uri, decoded).
 */
export function nginxGetVars(request: NginxRequest): [string, string][] {
  const { url } = request;
  const query = url.target.indexOf('?');
  const path = query < 0 ? url.target : url.target.slice(0, query);
  const hostHeader = request.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  // $host: the Host header's name without its port, in lower case; else the server's name
  const host = hostHeader?.replace(/:\d+$/, '').toLowerCase() ?? SERVER_NAME;
  const vars: [string, string][] = [
    ['QUERY_STRING', query < 0 ? '' : url.target.slice(query + 1)],
    ['REQUEST_METHOD', 'GET'],
    ['CONTENT_TYPE', ''],
    ['CONTENT_LENGTH', ''],
    ['REQUEST_URI', url.target],
    ['PATH_INFO', path],
    ['DOCUMENT_ROOT', DOCUMENT_ROOT],
    ['SERVER_PROTOCOL', 'HTTP/1.1'],
    ['REQUEST_SCHEME', url.scheme],
    ['REMOTE_ADDR', '127.0.0.1'],
    ['REMOTE_PORT', String(request.remotePort)],
    ['SERVER_PORT', String(url.port)],
    ['SERVER_NAME', SERVER_NAME],
    ['HTTP_HOST', host],
  ];
  for (const [name, value] of request.headers) {
    if (name.toLowerCase() === 'host') continue;
    vars.push([`HTTP_${name.toUpperCase().replace(/-/g, '_')}`, value]);
  }
  return vars;
}

/** curl's headers for the goal's request: Host, User-Agent, Accept, then the goal's own (-H). */
function clientHeaders(url: ParsedUrl, goal: ScenarioGoal): [string, string][] {
  const headers: [string, string][] = [
    ['Host', url.hostHeader],
    ['User-Agent', CURL_USER_AGENT],
    ['Accept', '*/*'],
  ];
  for (const [name, value] of goal.request.headers ?? []) {
    const at = headers.findIndex(([known]) => known.toLowerCase() === name.toLowerCase());
    if (at >= 0) headers[at] = [name, value];
    else headers.push([name, value]);
  }
  return headers;
}

export function checkUwsgiSocket(machine: Machine, goal: ScenarioGoal): GoalResult {
  const socket = goal.request.uwsgiSocket;
  const url = parseUrl(goal.request.url);
  if (socket === undefined || 'kind' in url)
    return { met: false, detail: `${goal.id}: no uwsgi socket or URL` };
  const vars = nginxGetVars({
    url,
    headers: clientHeaders(url, goal),
    remotePort: machine.net.ephemeralPort(),
  });
  const packet = encode({
    modifier1: 0,
    modifier2: 0,
    vars: vars.map(([key, value]) => [latin1Bytes(key), latin1Bytes(value)]),
  });
  const log = machine.journeys;
  const recorder = new JourneyRecorder(log.nextId(), machine.clock.now());
  const outcome = exchangeWithUpstream(
    machine.net,
    { kind: 'unix', path: socket },
    ROOT_CREDENTIALS,
    packet,
    recorder,
    { datasize: packet.length - HEADER_SIZE, modifier1: 0, modifier2: 0 },
  );
  const journey = recorder.journey();
  log.record(journey, { kind: 'goal', goal: goal.id });
  return judge(outcome, journey.hops, goal);
}

function judge(outcome: UpstreamOutcome, hops: readonly Hop[], goal: ScenarioGoal): GoalResult {
  const uwsgi = uwsgiLogLine(hops);
  if (outcome.kind !== 'answer')
    return { met: false, detail: [outcome.message, ...uwsgi].join(SEPARATOR) };
  const response = readResponse(outcome.bytes, false);
  // RECONSTRUCTED: nginx's words for an answer that is not HTTP (ngx_http_uwsgi_process_header)
  if (response === undefined)
    return {
      met: false,
      detail: [
        'upstream sent invalid header while reading response header from upstream',
        ...uwsgi,
      ].join(SEPARATOR),
    };
  const body = new TextDecoder().decode(response.body);
  if (response.status === goal.expect.status && body === goal.expect.body)
    return { met: true, detail: [response.statusLine, body].join(SEPARATOR) };
  const shown = response.status === goal.expect.status ? [shorten(body)] : [];
  return {
    met: false,
    detail: [response.statusLine, ...shown, ...uwsgi].filter((p) => p !== '').join(SEPARATOR),
  };
}

// uWSGI's own line about the request (not its request log line `[pid: …`)
function uwsgiLogLine(hops: readonly Hop[]): string[] {
  const line = hops
    .filter((hop): hop is Extract<Hop, { kind: 'uwsgi-response' }> => hop.kind === 'uwsgi-response')
    .flatMap((hop) => hop.log)
    .find((text) => !text.startsWith('[pid:'));
  return line === undefined ? [] : [line];
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

registerGoalCheck('app-on-uwsgi-socket', checkUwsgiSocket);
