// curl 7.88.1 (Debian 12) on the machine: every request is a real journey through the socket
// table — to nginx on a TCP port, or straight to a unix socket with --unix-socket — recorded in
// machine.journeys for the lab to show. Options: -i, -I, -v (`*`, `>`, `<` lines, CRLFs kept as
// curl prints them), -s/-S, -f, -X, -d/--data-raw/--data-binary, -H, -A, -e, -o, -w (%{http_code}
// and friends), --unix-socket, --path-as-is; `..` and `.` segments are removed from the path as
// curl's URL parser does. Texts from real-output-shell.md §6.3 and §8, real-output.md §5.5 and
// curl itself (captured on Debian 12 against a local server).
//
// SIMPLIFIED: a transfer takes no time on the machine, so the progress meter's speeds are those of
// a 5 ms transfer (real ones vary run to run); several URLs are fetched one after the other, each
// on a connection of its own; https is refused after connecting (no TLS on the machine).

import { addressMatches, type SocketAddress } from '../../gateway/net/index.ts';
import { ERRNO, FsError } from '../../gateway/fs.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import {
  CURL_TRY_HELP,
  parseCurlArgs,
  type CurlOptions,
  type DataPart,
} from '../programs/curl-options.ts';
import {
  exchange,
  parseUrl,
  readResponse,
  curlRequest,
  resolveHost,
  type HttpResponse,
  type ParsedUrl,
} from '../programs/http-client.ts';
import { quoteForLs } from '../gnu/quoting.ts';
import { concatBytes, utf8Bytes } from '../../protocol/index.ts';

/** The transfer time the progress meter's speeds are computed from (see SIMPLIFIED above). */
const TRANSFER_US = 5000;

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

export const curl: CommandDefinition = {
  name: 'curl',
  options: ['-i', '-I', '-v', '-s', '-S', '-f', '-X', '-d', '-H', '-o', '-w', '--unix-socket'],
  run: (context) => {
    const parsed = parseCurlArgs(context.argv.slice(1));
    if ('error' in parsed) {
      context.stderr.write(parsed.error);
      return 2;
    }
    if (parsed.urls.length === 0) {
      context.stderr.write(CURL_TRY_HELP);
      return 2;
    }
    // the exit status is the last transfer's
    let status = 0;
    for (const url of parsed.urls) status = fetchOne(context, parsed, url);
    return status;
  },
};

class Output {
  err = '';
  out: Uint8Array[] = [];
}

function fetchOne(context: ProgramContext, options: CurlOptions, urlText: string): number {
  const o = new Output();
  const toTerminal = context.terminal !== undefined && options.output === undefined;
  const meter = !options.silent && !toTerminal;
  const showErrors = !options.silent || options.showError;
  // the trace and meter as they happened, then stdout (buffered until the transfer ends: -i's
  // head, the body, -w), then main()'s error line
  const finish = (status: number, message?: string): number => {
    context.stderr.write(o.err);
    context.stdout.write(textOf(concatBytes(o.out)));
    if (message !== undefined && showErrors) context.stderr.write(`curl: (${status}) ${message}\n`);
    return status;
  };
  if (meter) o.err += METER_HEAD;
  const url = parseUrl(urlText, options.pathAsIs);
  if ('kind' in url) {
    if (meter) o.err += `${zeroLine()}\n`;
    return url.kind === 'unsupported'
      ? finish(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`)
      : finish(3, 'URL using bad/illegal format or missing URL');
  }
  const body = requestBody(context, options.data);
  if (typeof body === 'object') return finish(26, body.error);
  const method = options.method ?? (options.head ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  if (meter) o.err += `\r${zeroLine()}`;
  const verbose = (line: string): void => {
    if (options.verbose) o.err += `${line}\n`;
  };
  const socket = options.unixSocket;
  const addresses = socket === undefined ? resolveHost(context.machine, url.host) : [socket];
  if (addresses.length === 0) {
    verbose(`* Could not resolve host: ${url.host}`);
    verbose('* Closing connection 0');
    if (meter) o.err += `\r${zeroLine()}\n`;
    return finish(6, `Could not resolve host: ${url.host}`);
  }
  const target = chooseTarget(context, addresses, url, socket !== undefined);
  const request = curlRequest(url, {
    method,
    headers: options.headers,
    body,
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    ...(options.referer === undefined ? {} : { referer: options.referer }),
  });
  const shown = (address: string): string =>
    address.includes(':') && socket === undefined ? `[${address}]` : address;
  for (const failed of target.refused) {
    verbose(`*   Trying ${shown(failed)}:${url.port}...`);
    verbose(`* connect to ${failed} port ${url.port} failed: Connection refused`);
  }
  const tried = socket === undefined ? target.host : socket;
  verbose(`*   Trying ${shown(tried)}:${socket === undefined ? url.port : 0}...`);
  // https: the TLS handshake fails on the first answer; no HTTP request is ever sent
  if (url.scheme === 'https' && target.accepts) {
    const tls = 'OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number';
    verbose(`* Connected to ${url.host} (${tried}) port ${url.port} (#0)`);
    verbose('* ALPN: offers h2,http/1.1');
    if (!toTerminal) verbose('} [5 bytes data]');
    verbose('* TLSv1.3 (OUT), TLS handshake, Client hello (1):');
    if (!toTerminal) verbose('} [512 bytes data]');
    verbose('*  CAfile: /etc/ssl/certs/ca-certificates.crt');
    verbose('*  CApath: /etc/ssl/certs');
    if (!toTerminal) verbose('{ [5 bytes data]');
    verbose(`* ${tls}`);
    verbose('* Closing connection 0');
    if (meter) o.err += `\r${zeroLine()}\n`;
    return finish(35, tls);
  }
  const sent = exchange(context.machine, target.address, request.bytes, {
    kind: 'command',
    line: context.argv.map(quoteForLs).join(' '),
  });
  const outcome = sent.outcome;
  if (outcome.kind === 'connect-failed') {
    if (socket !== undefined)
      verbose(`* Immediate connect fail for ${socket}: ${outcome.error.text}`);
    else {
      verbose(`* connect to ${tried} port ${url.port} failed: ${outcome.error.text}`);
      for (const other of addresses.slice(addresses.indexOf(tried) + 1)) {
        verbose(`*   Trying ${shown(other)}:${url.port}...`);
        verbose(`* connect to ${other} port ${url.port} failed: Connection refused`);
      }
    }
    const message = `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`;
    verbose(`* ${message}`);
    if (meter) o.err += `\r${zeroLine()}\n`;
    verbose('* Closing connection 0');
    writeOut(context, options, undefined, o);
    return finish(7, message);
  }
  verbose(`* Connected to ${url.host} (${socket ?? tried}) port ${url.port} (#0)`);
  if (options.verbose) {
    for (const line of request.head.split('\r\n').slice(0, -2)) o.err += `> ${line}\r\n`;
    o.err += '> \r\n';
    if (body !== undefined && body !== '' && !toTerminal)
      o.err += `} [${utf8Bytes(body).length} bytes data]\n`;
  }
  const response = readResponse(outcome.bytes, method === 'HEAD');
  if (response === undefined) {
    if (outcome.bytes.length === 0 && outcome.end === 'reset') {
      verbose('* Recv failure: Connection reset by peer');
      verbose('* Closing connection 0');
      if (meter) o.err += `\r${zeroLine()}\n`;
      writeOut(context, options, undefined, o);
      return finish(56, 'Recv failure: Connection reset by peer');
    }
    if (outcome.bytes.length === 0) {
      verbose('* Empty reply from server');
      verbose('* Closing connection 0');
      if (meter) o.err += `\r${zeroLine()}\n`;
      writeOut(context, options, undefined, o);
      return finish(52, 'Empty reply from server');
    }
    verbose('* Received HTTP/0.9 when not allowed');
    verbose('* Closing connection 0');
    if (meter) o.err += `\r${zeroLine()}\n`;
    writeOut(context, options, undefined, o);
    return finish(1, 'Received HTTP/0.9 when not allowed');
  }
  if (response.statusLine.startsWith('HTTP/1.0')) verbose('* HTTP 1.0, assume close after body');
  if (options.verbose) {
    for (const line of response.headLines) o.err += `< ${line}\r\n`;
    o.err += '< \r\n';
  }
  if (options.fail && response.status >= 400) {
    verbose(`* The requested URL returned error: ${response.status}`);
    verbose('* Closing connection 0');
    if (meter) o.err += `\r${meterLine(expectedSize(response), 0)}\n`;
    writeOut(context, options, response, o);
    return finish(22, `The requested URL returned error: ${response.status}`);
  }
  const shownBody = options.head ? new Uint8Array(0) : response.body;
  if (options.verbose && shownBody.length > 0 && !toTerminal)
    o.err += `{ [${shownBody.length} bytes data]\n`;
  // the output is opened when the first bytes come: its warning lands after the meter's zero line
  const head = options.include || options.head ? headText(response, toTerminal) : new Uint8Array(0);
  const failed = writeBody(context, options, [head, shownBody], o);
  if (meter) o.err += `\r${meterLine(expectedSize(response), shownBody.length)}\n`;
  if (failed !== undefined) {
    verbose(`* ${failed}`);
    verbose('* Closing connection 0');
    return finish(23, failed);
  }
  verbose(
    response.keepAlive
      ? `* Connection #0 to host ${url.host} left intact`
      : '* Closing connection 0',
  );
  writeOut(context, options, response, o);
  return finish(0);
}

// curl tries the addresses in order and keeps the first that accepts
function chooseTarget(
  context: ProgramContext,
  addresses: readonly string[],
  url: ParsedUrl,
  unix: boolean,
): { address: SocketAddress; host: string; refused: string[]; accepts: boolean } {
  const listeners = context.machine.net.listeners();
  const listening = (address: SocketAddress): boolean =>
    listeners.some((listener) => addressMatches(listener.address, address));
  if (unix) {
    const address: SocketAddress = { kind: 'unix', path: addresses[0]! };
    return { address, host: addresses[0]!, refused: [], accepts: listening(address) };
  }
  const refused: string[] = [];
  for (const host of addresses) {
    const address: SocketAddress = { kind: 'inet', host, port: url.port };
    if (listening(address)) return { address, host, refused, accepts: true };
    refused.push(host);
  }
  return {
    address: { kind: 'inet', host: addresses[0]!, port: url.port },
    host: addresses[0]!,
    refused: [],
    accepts: false,
  };
}

// -d joins its pieces with `&`; `@file` reads the file (-d drops its CR and LF characters)
function requestBody(
  context: ProgramContext,
  parts: readonly DataPart[],
): string | undefined | { error: string } {
  if (parts.length === 0) return undefined;
  const texts: string[] = [];
  for (const part of parts) {
    if (part.kind === 'raw' || !part.value.startsWith('@')) {
      texts.push(part.value);
      continue;
    }
    const file = part.value.slice(1);
    try {
      const text = textOf(context.machine.fs.readFile(context.resolve(file)));
      texts.push(part.kind === 'ascii' ? text.replace(/[\r\n]/g, '') : text);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      context.stderr.write(
        `Warning: Couldn't read data from file "${file}", this makes an empty \nWarning: POST.\n`,
      );
      texts.push('');
    }
  }
  return texts.join('&');
}

// -i / -I: the head as received, CRLFs kept; on a terminal the header names are bold
function headText(response: HttpResponse, terminal: boolean): Uint8Array {
  const lines = response.headLines.map((line, i) => {
    if (i === 0 || !terminal) return line;
    const colon = line.indexOf(':');
    return colon < 0 ? line : `\x1b[1m${line.slice(0, colon)}\x1b[0m${line.slice(colon)}`;
  });
  return utf8Bytes(`${lines.join('\r\n')}\r\n\r\n`);
}

// -o FILE: the file is opened when the first bytes come; curl's (23) when it cannot be
function writeBody(
  context: ProgramContext,
  options: CurlOptions,
  parts: readonly Uint8Array[],
  o: Output,
): string | undefined {
  if (options.output === undefined) {
    o.out.push(...parts);
    return undefined;
  }
  const data = concatBytes(parts);
  try {
    context.machine.fs.writeFile(context.resolve(options.output), data);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    // a warning: -s mutes it (even with -S)
    if (!options.silent)
      o.err += `Warning: Failed to open the file ${options.output}: ${ERRNO[error.code].text}\n`;
    return 'Failure writing output to destination';
  }
  return undefined;
}

/** -w: %{variable} and \n, \t, \r; curl warns about a variable it does not know. */
function writeOut(
  context: ProgramContext,
  options: CurlOptions,
  response: HttpResponse | undefined,
  o: Output,
): void {
  if (options.writeOut === undefined) return;
  const contentType = response?.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  const values: Readonly<Record<string, string>> = {
    http_code: String(response?.status ?? 0).padStart(3, '0'),
    response_code: String(response?.status ?? 0).padStart(3, '0'),
    size_download: String(options.head ? 0 : (response?.body.length ?? 0)),
    content_type: contentType ?? '',
    num_connects: response === undefined ? '0' : '1',
    time_total: (TRANSFER_US / 1e6).toFixed(6),
  };
  const text = options.writeOut.replace(
    /%\{([^}]*)\}|%%|\\([ntr\\])/g,
    (whole, name: string | undefined, escape: string | undefined) => {
      if (escape !== undefined) return { n: '\n', t: '\t', r: '\r', '\\': '\\' }[escape] ?? whole;
      if (name === undefined) return '%';
      const value = values[name];
      if (value === undefined) {
        context.stderr.write(`curl: unknown --write-out variable: '${name}'\n`);
        return '';
      }
      return value;
    },
  );
  o.out.push(utf8Bytes(text));
}

function expectedSize(response: HttpResponse): number | undefined {
  const length = response.headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1];
  return length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
}

function zeroLine(): string {
  return meterFields(0, 0, 0, 0, 0);
}

// lib/progress.c progress_meter: percentages and sizes, average speeds, three times, current speed
function meterLine(expected: number | undefined, received: number): string {
  const total = expected ?? received;
  const percent = total > 0 ? Math.floor((received * 100) / total) : 0;
  const speed = Math.floor((received * 1e6) / TRANSFER_US);
  return meterFields(percent, total, percent, received, speed);
}

function meterFields(
  totalPercent: number,
  total: number,
  receivedPercent: number,
  received: number,
  speed: number,
): string {
  const p = (n: number): string => String(n).padStart(3);
  return `${p(totalPercent)} ${max5(total)}  ${p(receivedPercent)} ${max5(received)}  ${p(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

// max5data: five columns, k/M above 99999
function max5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  return `${String(Math.floor(n / 1048576)).padStart(4)}M`;
}

// the answer is shown as UTF-8 text (what the reader typed goes out as UTF-8: utf8Bytes)
function textOf(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
