// nginx's variables for one request, with nginx 1.22.1's meanings (src/http/ngx_http_variables.c):
// the ones Debian's uwsgi_params uses, the headers ($http_*), arguments ($arg_*), cookies
// ($cookie_*) and a few more a config may mention. Values are byte strings.

import type { ServerConf } from './config-model.ts';
import type { NginxRequestHead } from './request-head.ts';

/** Where the request came in and from whom. */
export interface ClientConnection {
  readonly remoteAddr: string;
  readonly remotePort: number;
  /** The address and port the client connected to (the listen socket's). */
  readonly localAddr: string;
  readonly localPort: number;
}

/** The request as the variables see it at a moment of its processing. */
export interface VariableSource {
  readonly head: NginxRequestHead;
  /** The method now ($request_method; error_page makes it GET). */
  readonly method: string;
  readonly connection: ClientConnection;
  readonly server: ServerConf;
  /** $uri: changes with try_files and internal redirects. */
  readonly uri: string;
  readonly args: string | undefined;
  /** The document root for the current location (root or alias, evaluated). */
  readonly documentRoot: () => string;
  /** The length of the request body once read, for $content_length with a chunked body. */
  readonly bodyLength: number | undefined;
  readonly hostname: string;
  readonly captures: RegExpExecArray | undefined;
}

/** $server_name: the server's first name (ngx_http_core_merge_srv_conf), `.x` without the dot. */
export function serverNameOf(server: ServerConf): string {
  const first = server.names[0];
  if (first === undefined) return '';
  if (first.kind === 'regex') return `~${first.name}`;
  return first.name.startsWith('.') ? first.name.slice(1) : first.name;
}

function headerValues(head: NginxRequestHead, name: string): string[] {
  return head.headers
    .filter((h) => h.name.toLowerCase().replace(/-/g, '_') === name)
    .map((h) => h.value);
}

/** The value of `$name` (lower case), or undefined where nginx says "not found" (empty). */
export function variableValue(name: string, source: VariableSource): string | undefined {
  const { head, connection } = source;
  switch (name) {
    case 'uri':
    case 'document_uri':
      return source.uri;
    case 'args':
    case 'query_string':
      return source.args;
    case 'is_args':
      return source.args === undefined ? '' : '?';
    case 'request_uri':
      return head.requestUri;
    case 'request':
      return head.requestLine;
    case 'request_method':
      return source.method;
    case 'server_protocol':
      return head.protocol;
    case 'scheme':
      return 'http';
    case 'https':
      return '';
    case 'remote_addr':
      return connection.remoteAddr;
    case 'remote_port':
      return String(connection.remotePort);
    case 'server_addr':
      return connection.localAddr;
    case 'server_port':
      return String(connection.localPort);
    case 'server_name':
      return serverNameOf(source.server);
    case 'host':
      return head.host ?? serverNameOf(source.server);
    case 'hostname':
      return source.hostname;
    case 'document_root':
    case 'realpath_root':
      return source.documentRoot();
    case 'request_filename':
      return source.documentRoot() + source.uri;
    case 'content_type':
      return headerValues(head, 'content_type')[0];
    case 'content_length': {
      // the header as sent, else the length of a chunked body once it has been read
      const sent = headerValues(head, 'content_length')[0];
      if (sent !== undefined) return sent;
      return source.bodyLength === undefined || !head.chunked
        ? undefined
        : String(source.bodyLength);
    }
    case 'nginx_version':
      return '1.22.1';
    case 'http_cookie': {
      const cookies = headerValues(head, 'cookie');
      return cookies.length === 0 ? undefined : cookies.join('; ');
    }
    case 'http_x_forwarded_for': {
      const values = headerValues(head, 'x_forwarded_for');
      return values.length === 0 ? undefined : values.join(', ');
    }
  }
  if (name.startsWith('http_')) return headerValues(head, name.slice(5))[0];
  if (name.startsWith('arg_')) return argument(source.args, name.slice(4));
  if (name.startsWith('cookie_'))
    return cookie(variableValue('http_cookie', source), name.slice(7));
  const captures = source.captures?.groups;
  if (captures !== undefined && name in captures) return captures[name];
  return undefined;
}

// ngx_http_arg: the first `name=value` in the query, name compared case-insensitively
function argument(args: string | undefined, name: string): string | undefined {
  if (args === undefined) return undefined;
  for (const pair of args.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key.toLowerCase() === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(/[;,]\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === name) return part.slice(eq + 1);
  }
  return undefined;
}
