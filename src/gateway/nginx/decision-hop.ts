// nginx's part of a request's journey, as one `nginx-decision` hop: the server and location that
// took the request, what it did there (`uwsgi_pass`, a file, its own page), and one reason per step
// of the model's decisions (request-processing.ts) in words a reader follows. The decisions
// themselves ride along in `detail` — plain data, so the journey stays JSON.

import type { Hop, TraceReason } from '../trace/journey.ts';
import type { LocationRef, NginxDecision, ServerRef } from './decisions.ts';
import type { NginxOutcome } from './request-processing.ts';

type DecisionHop = Extract<Hop, { kind: 'nginx-decision' }>;

/** The `nginx-decision` hop for a request nginx handled with these decisions and this outcome. */
export function decisionHop(
  decisions: readonly NginxDecision[],
  outcome: NginxOutcome,
): DecisionHop {
  let server = '';
  let location = '';
  for (const decision of decisions) {
    if (decision.kind === 'server-selected') server = serverName(decision.server);
    if (decision.kind === 'location-search' && decision.location !== undefined)
      location = locationName(decision.location);
    if (decision.kind === 'named-location') location = decision.name;
  }
  return {
    kind: 'nginx-decision',
    actor: 'nginx',
    server,
    location,
    action: action(decisions, outcome),
    reasons: decisions.map(reason),
    detail: { decisions },
  };
}

function serverName(server: ServerRef): string {
  return server.names[0] || `server #${server.index + 1} (${server.at.file}:${server.at.line})`;
}

function locationName(location: LocationRef): string {
  return location.modifier === '' || location.modifier === '@'
    ? location.name
    : `${location.modifier} ${location.name}`;
}

function action(decisions: readonly NginxDecision[], outcome: NginxOutcome): string {
  switch (outcome.kind) {
    case 'upstream':
      return 'uwsgi_pass';
    case 'incomplete':
      return 'wait';
    case 'no-listener':
      return 'none';
    case 'respond':
      break;
  }
  const last = decisions.at(-1);
  switch (last?.kind) {
    case 'request-refused':
      return 'refuse';
    case 'uwsgi-too-big':
      return 'uwsgi_pass';
    case 'return':
      return 'return';
    case 'static':
      return last.result === 'file' ? 'static' : 'error';
    case 'try-files':
      return 'try_files';
    case 'index':
      return 'index';
    default:
      return 'error';
  }
}

const SERVER_MATCH: Readonly<Record<string, string>> = {
  exact: 'its server_name matches the Host exactly',
  'wildcard-head': 'its wildcard server_name matches the Host',
  'wildcard-tail': 'its wildcard server_name matches the Host',
  regex: 'its regular-expression server_name matches the Host',
  default: 'no server_name matches the Host: the default server of the address answers',
  only: 'the only server on that address',
};

function reason(decision: NginxDecision): TraceReason {
  return { id: decision.kind, detail: describe(decision) };
}

function describe(decision: NginxDecision): string {
  switch (decision.kind) {
    case 'request-read': {
      const host =
        decision.host === undefined
          ? 'no Host'
          : `Host ${decision.host} (from the ${decision.hostSource === 'request-line' ? 'request line' : 'Host header'})`;
      const ignored =
        decision.ignoredHeaders.length === 0
          ? ''
          : `; ignored header lines: ${decision.ignoredHeaders.join(', ')}`;
      return `${decision.method} ${decision.requestUri} ${decision.protocol}: URI ${decision.uri}, ${host}${ignored}`;
    }
    case 'request-refused':
      return `refused with ${decision.status}: ${decision.reason}`;
    case 'server-selected':
      return `server ${serverName(decision.server)} on ${decision.address}: ${SERVER_MATCH[decision.by] ?? decision.by}`;
    case 'location-search':
      return decision.location === undefined
        ? `no location matches ${decision.uri}`
        : `${decision.uri} → location ${locationName(decision.location)} (${decision.result} match, ${decision.location.at.file}:${decision.location.at.line})`;
    case 'named-location':
      return decision.location === undefined
        ? `named location ${decision.name} does not exist`
        : `to the named location ${decision.name}`;
    case 'body-too-large':
      return `body of ${decision.length} bytes is over client_max_body_size ${decision.limit}`;
    case 'return':
      return `return ${decision.status}${decision.text === undefined ? '' : ` ${decision.text}`}`;
    case 'try-files': {
      const checks = decision.checks
        .map(
          (check) => `${check.candidate} → ${check.path}: ${check.found}, wanted a ${check.wanted}`,
        )
        .join('; ');
      const result = decision.result;
      const next =
        result.kind === 'file'
          ? `serve ${result.uri}`
          : result.kind === 'named'
            ? `go to ${result.name}`
            : result.kind === 'uri'
              ? `redirect internally to ${result.uri}`
              : `answer ${result.status}`;
      return `try_files (${decision.at.file}:${decision.at.line}): ${checks || 'no candidates'}; ${next}`;
    }
    case 'internal-redirect':
      return `internal redirect to ${decision.to} (${decision.because})`;
    case 'index':
      return decision.found === undefined
        ? `no index file in ${decision.directory}`
        : `index file ${decision.found} in ${decision.directory}`;
    case 'static':
      return `${decision.path}: ${decision.result}`;
    case 'error-page':
      return `error_page for ${decision.status} → ${decision.to}`;
    case 'uwsgi':
      return `uwsgi_pass ${decision.address} (${decision.at.file}:${decision.at.line}): ${decision.params.filter((p) => !p.skipped).length + decision.headers.filter((h) => h.hiddenBy === undefined).length} key/value pairs, datasize ${decision.datasize}, body ${decision.bodyLength} bytes`;
    case 'uwsgi-too-big':
      return `the uwsgi packet would be ${decision.length} bytes: its datasize field holds at most 65535`;
  }
}
