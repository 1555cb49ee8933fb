// `uwsgi-lab request`: a uwsgi client. Builds the packet the nginx model sends for one HTTP request,
// sends it to a real uWSGI socket and prints the raw HTTP answer — or says how uWSGI hung up.

import { readFile } from 'node:fs/promises';
import { utf8Bytes } from '../../protocol/byte-text.ts';
import { invalidBlockSizeLine, UWSGI_DEFAULT_BUFFER_SIZE } from '../../protocol/header.ts';
import { CliError, EXIT_FAILED } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { REQUEST_CLIENT, requestPacket } from '../client-request.ts';
import { systemReason } from '../system-reason.ts';
import { parseOptions } from '../parse-options.ts';
import { exchange, parseSocketAddress, type ExchangeResult } from '../uwsgi-client.ts';

const HELP = `usage: uwsgi-lab request --socket PATH|HOST:PORT [--method M] [--path P] [-H 'K: V']... [--data D]

Sends one uwsgi packet to a real uWSGI and prints its raw HTTP answer on stdout. The packet is
the one the simulated nginx 1.22.1 sends upstream (the model behind nginx-packet) for the request
curl would send with these options: "M P HTTP/1.1"; Host: ${REQUEST_CLIENT.host} unless -H
gives a Host; the -H headers in order; with a body, Content-Length and Content-Type:
${REQUEST_CLIENT.formContentType} unless -H gives them, as curl -d does (with -H
'Transfer-Encoding: chunked', the body as one chunk instead). The request goes through Debian's
nginx with the tutorial's site (listen 8080; server_name ${REQUEST_CLIENT.host};
root /var/www/html; location / { try_files $uri @helloworld; } and @helloworld with
include uwsgi_params) from a client at ${REQUEST_CLIENT.remoteAddr}, port ${REQUEST_CLIENT.remotePort}. So the vars are
Debian's uwsgi_params, in that file's order:

  QUERY_STRING     what follows "?" in --path, still %-encoded; else empty
  REQUEST_METHOD   --method (default GET)
  CONTENT_TYPE     the Content-Type header; else empty
  CONTENT_LENGTH   the body's length; else empty
  REQUEST_URI      --path as given (default /)
  PATH_INFO        --path before "?", %-decoded, slashes merged, . and .. resolved ($document_uri)
  DOCUMENT_ROOT    /var/www/html
  SERVER_PROTOCOL  HTTP/1.1
  REQUEST_SCHEME   http
                   (no HTTPS: $https is empty on plain HTTP and that param is if_not_empty)
  REMOTE_ADDR      ${REQUEST_CLIENT.remoteAddr}
  REMOTE_PORT      ${REQUEST_CLIENT.remotePort}
  SERVER_PORT      8080
  SERVER_NAME      ${REQUEST_CLIENT.host}
  HTTP_HOST        the Host header lower-cased, without its port ($host)

then HTTP_* for each header in request order (User-Agent becomes HTTP_USER_AGENT; repeated
headers repeated), except Host (Debian's HTTP_HOST param hides it) and names with "_" (nginx's
underscores_in_headers is off); then the body (de-chunked).

If nginx would answer the request itself — 400 for a ".." above the root or a header over
large_client_header_buffers, 413 for a body over client_max_body_size (1m), 200 for a file
under /var/www/html that try_files finds, … — this says so in one line on stderr, and why, and
exits with 1 without connecting.

If uWSGI closes the connection without answering, this says so on stderr, and how, and exits
with 1: a reset (it took the packet, then closed with bytes unread — what it does for a datasize
over its buffer-size), a broken pipe (it closed before it took the whole packet), or a plain end
of stream.

options:
  --socket PATH|HOST:PORT  uWSGI's socket: a unix socket path (or unix:PATH), or TCP host:port
  --method M               the request method (default GET)
  --path P                 the request target, /path?query (default /)
  -H, --header 'K: V'      a request header (repeatable)
  --data D                 the request body
  --data-file FILE         the request body, the bytes of FILE (for bodies too big for --data;
                           over 1m, nginx answers 413)
  --timeout S              give up after S seconds without the end of an answer (default 30)
  -h, --help               this text

exit status: 0 answered, 1 nginx answered itself, no answer or no connection, 2 bad options
`;

// An HTTP token (RFC 9110 §5.6.2): what a method and a header name are made of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const requestCommand: Command = {
  name: 'request',
  summary: 'send one request as nginx would to a real uWSGI socket and print the raw HTTP answer',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      socket: { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      data: { type: 'string' },
      'data-file': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0)
      throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
    if (values.socket === undefined) throw new CliError('--socket PATH|HOST:PORT is required');
    const address = parseSocketAddress(values.socket);
    if (address === undefined)
      throw new CliError(
        `--socket ${JSON.stringify(values.socket)} is neither a unix socket path nor HOST:PORT`,
      );
    const method = values.method ?? 'GET';
    if (!TOKEN.test(method))
      throw new CliError(`--method ${JSON.stringify(method)} is not an HTTP method token`);
    const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
    if (!(timeout > 0))
      throw new CliError(
        `--timeout must be a number of seconds above 0, not ${JSON.stringify(values.timeout)}`,
      );
    const target = values.path ?? '/';
    if (!target.startsWith('/'))
      throw new CliError(`--path must start with "/", not ${JSON.stringify(target)}`);
    if (/[\r\n]/.test(target))
      throw new CliError(`--path ${JSON.stringify(target)} holds a line break`);
    const headers = (values.header ?? []).map(headerPair);
    if (values.data !== undefined && values['data-file'] !== undefined)
      throw new CliError('--data and --data-file exclude each other');
    const body =
      values.data !== undefined
        ? utf8Bytes(values.data)
        : values['data-file'] !== undefined
          ? await dataFile(values['data-file'])
          : undefined;
    const packet = requestPacket({ method, target, headers, body });

    const result = await exchange(address, packet, timeout * 1000);
    if (!result.connected) {
      throw new CliError(
        `cannot connect to ${values.socket}: ${systemReason(result.error)}`,
        EXIT_FAILED,
      );
    }
    if (result.response.length > 0) io.stdout(result.response);
    const problem = endProblem(result, packet, timeout);
    if (problem !== undefined) throw new CliError(problem, EXIT_FAILED);
    return 0;
  },
};

async function dataFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliError(`--data-file: cannot read ${path}: ${systemReason(error)}`);
  }
}

function headerPair(text: string): readonly [string, string] {
  const colon = text.indexOf(':');
  const name = colon < 0 ? '' : text.slice(0, colon);
  if (!TOKEN.test(name)) throw new CliError(`-H ${JSON.stringify(text)} is not "Name: value"`);
  if (/[\r\n]/.test(text)) throw new CliError(`-H ${JSON.stringify(text)} holds a line break`);
  return [name, text.slice(colon + 1).trim()];
}

// Nothing to say when uWSGI answered and closed; otherwise what happened, in one line.
function endProblem(
  result: Extract<ExchangeResult, { connected: true }>,
  packet: Uint8Array,
  timeout: number,
): string | undefined {
  const errno = result.code === undefined ? '' : `, ${result.code}`;
  if (result.response.length > 0) {
    if (result.end === 'eof') return undefined;
    return `uWSGI's answer (${result.response.length} bytes) was cut short: ${result.end === 'timeout' ? `no end within ${timeout} s` : `${result.end}${errno}`}`;
  }
  const how = {
    eof: `end of stream after the whole ${packet.length}-byte packet was sent`,
    reset: `connection reset after the whole ${packet.length}-byte packet was sent${errno}`,
    'broken-pipe': `broken pipe: it closed before it took the whole ${packet.length}-byte packet${errno}`,
    timeout: '',
    error: `connection error${errno}`,
  }[result.end];
  if (result.end === 'timeout') return `uWSGI did not answer within ${timeout} s`;
  const datasize = packet[1]! | (packet[2]! << 8);
  const hint =
    datasize > UWSGI_DEFAULT_BUFFER_SIZE
      ? `; datasize ${datasize} is over uWSGI's default buffer-size ${UWSGI_DEFAULT_BUFFER_SIZE}, for which it logs "${invalidBlockSizeLine(datasize, UWSGI_DEFAULT_BUFFER_SIZE)}"`
      : '';
  return `uWSGI closed the connection without answering (${how})${hint}`;
}
