// What the simulated nginx did with a request, for the commands that need its upstream packet
// (`nginx-packet`, `request`): the packet, or — when nginx sends nothing upstream — one line
// saying why (the status nginx answered with and the step that decided it), exit status 1.

import type { NginxPacketResult } from '../gateway/nginx/commands.ts';
import type { SourceRef } from '../gateway/nginx/config-model.ts';
import type { NginxDecision } from '../gateway/nginx/decisions.ts';
import { CliError, EXIT_FAILED } from './cli-error.ts';

/** The packet nginx sends upstream; throws a CliError (exit status 1) saying why there is none. */
export function upstreamPacket(result: NginxPacketResult): Uint8Array {
  if ('packet' in result) return result.packet;
  throw new CliError(whyNothingWasSent(result.error, result.decisions), EXIT_FAILED);
}

/** The model's reason, with the step that made nginx answer itself and a hint where one helps. */
export function whyNothingWasSent(error: string, decisions: readonly NginxDecision[]): string {
  const own = /^nginx answered (\d+) itself(?: \((.*)\))?; nothing was sent upstream$/.exec(error);
  if (own !== null) {
    const why = ownAnswerReason(decisions) ?? own[2];
    return `nginx answered ${own[1]!} itself${why === undefined ? '' : ` (${why})`}; nothing was sent upstream`;
  }
  if (error.startsWith('nginx: ['))
    return `${error} (nginx does not start with this config, so nothing was sent upstream; nginx-t prints what nginx -t says)`;
  if (error.startsWith('the request is incomplete'))
    return `${error} (the head ends with an empty line, and a body is as long as its Content-Length says)`;
  return error;
}

// The last decision that ends the request inside nginx.
function ownAnswerReason(decisions: readonly NginxDecision[]): string | undefined {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const decision = decisions[i]!;
    switch (decision.kind) {
      case 'request-refused':
        return shorten(decision.reason);
      case 'body-too-large':
        return `client intended to send too large body: ${decision.length} bytes, over client_max_body_size ${decision.limit}`;
      case 'uwsgi-too-big':
        return `uwsgi request is too big: ${decision.length}`;
      case 'return':
        return `return ${decision.status} at ${where(decision.at)}`;
      case 'try-files':
        if (decision.result.kind === 'status')
          return `try_files ended in =${decision.result.status} at ${where(decision.at)}`;
        break;
      case 'static':
        return staticReason(decision.path, decision.result);
      case 'index':
        if (decision.found === undefined)
          return `no index file in ${decision.directory} (tried ${decision.tried.join(', ')})`;
        break;
      case 'location-search':
        if (decision.result === 'redirect')
          return `a location is named "${decision.uri}/": nginx redirects to it`;
        break;
      default:
        break;
    }
  }
  return undefined;
}

function staticReason(
  path: string,
  result: Extract<NginxDecision, { kind: 'static' }>['result'],
): string {
  switch (result) {
    case 'file':
      return `it serves the file ${path}`;
    case 'directory-redirect':
      return `${path} is a directory: nginx redirects to the URI with "/"`;
    case 'not-found':
      return `no file ${path}`;
    case 'forbidden':
      return `${path} cannot be read`;
    case 'directory-forbidden':
      return `directory index of "${path}" is forbidden`;
    case 'method-not-allowed':
      return `a static file (${path}) takes only GET and HEAD`;
  }
}

function where(at: SourceRef): string {
  return `${at.file}:${at.line}`;
}

// A reason quoting a whole header line (over large_client_header_buffers) stays one readable line.
function shorten(text: string, max = 100): string {
  if (text.length <= max) return text;
  const closing = text.endsWith('"') ? '"' : '';
  return `${text.slice(0, max - 1 - closing.length)}…${closing}`;
}
