// Where a stream socket lives: a unix socket's path, or an IPv4 host and TCP port. The same shape
// as the nginx model's upstream address, so `uwsgi_pass unix:/tmp/uwsgi.sock` and
// `uwsgi --socket /tmp/uwsgi.sock` name one thing.

export type SocketAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'inet'; readonly host: string; readonly port: number };

/** The address every interface means: a listener on it accepts connections to any local address. */
export const ANY_ADDRESS = '0.0.0.0';

/** IPv6's `::`: every IPv6 address (nginx binds it IPv6-only, so it does not cover 0.0.0.0). */
export const ANY_ADDRESS_V6 = '::';

/** `unix:/tmp/uwsgi.sock` or `127.0.0.1:3031`, the way nginx names an upstream in its error log. */
export function formatAddress(address: SocketAddress): string {
  return address.kind === 'unix' ? `unix:${address.path}` : `${address.host}:${address.port}`;
}

/**
 * Reads a uWSGI-style socket argument: a path (anything with a `/` or without a `:`), or
 * `HOST:PORT`, where an empty host (`:3031`) means every interface, as uWSGI's bind does
 * (core/socket.c bind_to_tcp). Returns undefined for a port that is not a number 0–65535.
 */
export function parseSocketArgument(text: string): SocketAddress | undefined {
  const colon = text.lastIndexOf(':');
  if (text.includes('/') || colon < 0) return { kind: 'unix', path: text };
  const port = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return undefined;
  const host = text.slice(0, colon);
  return { kind: 'inet', host: host === '' ? ANY_ADDRESS : host, port: Number(port) };
}

/** Whether a listener bound to `bound` receives a connection made to `target`. */
export function addressMatches(bound: SocketAddress, target: SocketAddress): boolean {
  if (bound.kind === 'unix' || target.kind === 'unix') {
    return bound.kind === 'unix' && target.kind === 'unix' && bound.path === target.path;
  }
  if (bound.port !== target.port) return false;
  if (bound.host === target.host) return true;
  // a wildcard listener answers on every local address of its family; `localhost` is 127.0.0.1
  // (curl tries 127.0.0.1 first and it answers, real-output-shell.md §8.1)
  const local = (host: string): string => (host === 'localhost' ? '127.0.0.1' : host);
  const target6 = local(target.host).includes(':');
  if (bound.host === ANY_ADDRESS) return !target6;
  if (bound.host === ANY_ADDRESS_V6) return target6;
  return local(bound.host) === local(target.host);
}
