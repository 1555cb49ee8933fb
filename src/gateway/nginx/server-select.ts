// Which server{} answers a request (nginx 1.22.1): the listening address the connection came in on
// (an exact address:port before a wildcard one, ngx_http_init_connection), then the Host among that
// address's server names — exact, then the longest `*.suffix`, then the longest `prefix.*`, then
// regexes in order (ngx_http_find_virtual_server) — else the address's default server.

import type { ListenAddress, NginxConfig, ServerConf } from './config-model.ts';
import type { ClientConnection } from './variables.ts';

export type ServerMatch =
  'exact' | 'wildcard-head' | 'wildcard-tail' | 'regex' | 'default' | 'only';

export interface ServerSelection {
  readonly address: ListenAddress;
  readonly server: ServerConf;
  readonly by: ServerMatch;
  /** The server name that matched, for exact, wildcard and regex matches. */
  readonly name: string | undefined;
  readonly captures: RegExpExecArray | undefined;
}

/** The listen address a connection to localAddr:localPort belongs to, if nginx listens there. */
export function findListenAddress(
  config: NginxConfig,
  connection: ClientConnection,
): ListenAddress | undefined {
  const candidates = (config.http?.addresses ?? []).filter(
    (a) => a.listen.family !== 'unix' && a.listen.port === connection.localPort,
  );
  return (
    candidates.find((a) => a.listen.address === connection.localAddr) ??
    candidates.find(
      (a) =>
        a.listen.wildcard && (a.listen.family === 'inet') === !connection.localAddr.includes(':'),
    )
  );
}

/** The server for `host` (validated, lower case; '' when the request has none). */
export function selectServer(address: ListenAddress, host: string): ServerSelection {
  const fallback: ServerSelection = {
    address,
    server: address.defaultServer,
    by: address.names === undefined ? 'only' : 'default',
    name: undefined,
    captures: undefined,
  };
  const names = address.names;
  if (names === undefined) return fallback;
  const exact = names.exact.get(host);
  if (exact !== undefined)
    return { address, server: exact, by: 'exact', name: host, captures: undefined };
  const head = names.head
    .filter((h) => host.endsWith(h.suffix) && host.length > h.suffix.length)
    .sort((a, b) => b.suffix.length - a.suffix.length)[0];
  if (head !== undefined) {
    return {
      address,
      server: head.server,
      by: 'wildcard-head',
      name: `*${head.suffix}`,
      captures: undefined,
    };
  }
  const tail = names.tail
    .filter((t) => host.startsWith(t.prefix) && host.length > t.prefix.length)
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (tail !== undefined) {
    return {
      address,
      server: tail.server,
      by: 'wildcard-tail',
      name: `${tail.prefix}*`,
      captures: undefined,
    };
  }
  if (host !== '') {
    for (const entry of names.regex) {
      const match = entry.regex.exec(host);
      if (match !== null)
        return {
          address,
          server: entry.server,
          by: 'regex',
          name: `~${entry.name}`,
          captures: match,
        };
    }
  }
  return fallback;
}
