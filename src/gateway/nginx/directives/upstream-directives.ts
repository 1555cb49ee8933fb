// upstream{} blocks, their `server` lines, and the implicit upstream a `uwsgi_pass ADDRESS` makes
// (nginx 1.22.1: ngx_http_upstream, ngx_http_upstream_server and ngx_http_upstream_add in
// src/http/ngx_http_upstream.c; the checks of ngx_http_upstream_init_round_robin).

import { ConfigError } from '../config-error.ts';
import type { HttpConf, SourceRef, UpstreamAddress, UpstreamBlock } from '../config-model.ts';
import { NGX_HTTP_UPS_CONF } from '../directive-flags.ts';
import { parseIpv4 } from '../listen-address.ts';
import { parseAtoi, parseTime } from '../values.ts';
import { positionOf, type DirectiveHandler, type LoaderApi } from './directive-call.ts';

/** ngx_parse_url without `listen`: `unix:/path`, `host:port`, `host`. */
type ParsedUpstreamUrl =
  | { readonly kind: 'unix'; readonly host: string }
  | { readonly kind: 'inet'; readonly host: string; readonly port: number | undefined }
  | { readonly kind: 'error'; readonly message: string };

function parseUpstreamUrl(url: string): ParsedUpstreamUrl {
  if (url.length >= 5 && url.slice(0, 5).toLowerCase() === 'unix:') {
    const path = url.slice(5);
    if (path === '') return { kind: 'error', message: 'no path in the unix domain socket' };
    if (path.length + 1 > 108)
      return { kind: 'error', message: 'too long path in the unix domain socket' };
    return { kind: 'unix', host: path };
  }
  if (url.startsWith('[')) {
    const close = url.indexOf(']');
    if (close < 0) return { kind: 'error', message: 'invalid host' };
    const rest = url.slice(close + 1);
    if (rest === '') return { kind: 'inet', host: url.slice(0, close + 1), port: undefined };
    const port = parseAtoi(rest.slice(1));
    if (!rest.startsWith(':') || port === undefined || port < 1 || port > 65535) {
      return { kind: 'error', message: 'invalid port' };
    }
    return { kind: 'inet', host: url.slice(0, close + 1), port };
  }
  // an upstream address has no URI part: a `/` or `?` makes the host invalid
  if (url.includes('/') || url.includes('?')) return { kind: 'error', message: 'invalid host' };
  const colon = url.indexOf(':');
  if (colon < 0) {
    if (url === '') return { kind: 'error', message: 'no host' };
    return { kind: 'inet', host: url, port: undefined };
  }
  const port = parseAtoi(url.slice(colon + 1));
  if (port === undefined || port < 1 || port > 65535)
    return { kind: 'error', message: 'invalid port' };
  const host = url.slice(0, colon);
  if (host === '') return { kind: 'error', message: 'no host' };
  return { kind: 'inet', host, port };
}

// The names this machine resolves (Debian's /etc/hosts); anything else is "host not found".
function resolve(host: string): string | undefined {
  return parseIpv4(host) ?? (host.toLowerCase() === 'localhost' ? '127.0.0.1' : undefined);
}

interface ImplicitUpstream extends UpstreamBlock {
  readonly port: number | undefined;
}

/** ngx_http_upstream_add for uwsgi_pass: an upstream{} of that name, or an implicit one. */
export function addUpstream(loader: LoaderApi, url: string, at: SourceRef): UpstreamBlock {
  const http = loader.http!;
  const parsed = parseUpstreamUrl(url);
  if (parsed.kind === 'error') {
    throw new ConfigError('invalid-upstream', `${parsed.message} in upstream "${url}"`, at);
  }
  const port = parsed.kind === 'inet' ? parsed.port : undefined;
  for (const existing of http.upstreams as ImplicitUpstream[]) {
    if (existing.name.toLowerCase() !== parsed.host.toLowerCase()) continue;
    if (existing.explicit && port !== undefined) {
      throw new ConfigError(
        'invalid-upstream',
        `upstream "${parsed.host}" may not have port ${port}`,
        at,
      );
    }
    if (existing.port !== undefined && port !== undefined && existing.port !== port) continue;
    return existing;
  }
  const servers: UpstreamBlock['servers'] = [];
  if (parsed.kind === 'unix') {
    servers.push({ address: { kind: 'unix', path: parsed.host }, at });
  } else if (port !== undefined && parseIpv4(parsed.host) !== undefined) {
    servers.push({ address: { kind: 'inet', host: parsed.host, port }, at });
  }
  const upstream: ImplicitUpstream = { name: parsed.host, explicit: false, servers, at, port };
  http.upstreams.push(upstream);
  return upstream;
}

/** ngx_http_upstream_init_round_robin's checks of implicit upstreams, after http{} is read. */
export function checkUpstreams(http: HttpConf): void {
  for (const upstream of http.upstreams as ImplicitUpstream[]) {
    if (upstream.explicit || upstream.servers.length > 0) continue;
    const where = `in ${upstream.at.file}:${upstream.at.line}`;
    if (upstream.port === undefined) {
      throw new ConfigError(
        'no-upstream',
        `no port in upstream "${upstream.name}" ${where}`,
        undefined,
      );
    }
    const address = resolve(upstream.name);
    if (address === undefined) {
      throw new ConfigError(
        'no-upstream',
        `host not found in upstream "${upstream.name}" ${where}`,
        undefined,
      );
    }
    upstream.servers.push({
      address: { kind: 'inet', host: address, port: upstream.port },
      at: upstream.at,
    });
  }
}

// ngx_http_upstream: `upstream NAME { server …; }`
const upstreamBlock: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const http = loader.http!;
  const name = node.args[0]!;
  const at = positionOf(node);
  const existing = (http.upstreams as ImplicitUpstream[]).find(
    (u) => u.name.toLowerCase() === name.toLowerCase(),
  );
  if (existing?.explicit === true) {
    throw new ConfigError('invalid-value', `duplicate upstream "${name}"`, at);
  }
  if (existing !== undefined && existing.port !== undefined) {
    throw new ConfigError(
      'invalid-value',
      `upstream "${name}" may not have port ${existing.port} in ${existing.at.file}:${existing.at.line}`,
      undefined,
    );
  }
  const upstream: ImplicitUpstream = { name, explicit: true, servers: [], at, port: undefined };
  if (existing !== undefined) http.upstreams.splice(http.upstreams.indexOf(existing), 1, upstream);
  else http.upstreams.push(upstream);
  return {
    frame: {
      context: 'upstream',
      moduleType: 'http',
      cmdType: NGX_HTTP_UPS_CONF,
      block: undefined,
      server: undefined,
      location: undefined,
      upstream,
      seen: new Set(),
    },
    after: () => {
      if (upstream.servers.length === 0) {
        const line = node.block?.closeLine ?? node.line;
        throw new ConfigError('no-upstream', 'no servers are inside upstream', {
          file: node.file,
          line,
        });
      }
    },
  };
};

// ngx_http_upstream_server: `server ADDRESS [weight=N] [max_fails=N] [fail_timeout=T] [backup] [down]`
const upstreamServer: DirectiveHandler = (call) => {
  const { node, frame } = call;
  const at = positionOf(node);
  for (const param of node.args.slice(1)) {
    const m = /^(weight|max_conns|max_fails|fail_timeout)=(.*)$/.exec(param);
    if (m) {
      const ok =
        m[1] === 'fail_timeout'
          ? parseTime(m[2]!, true) !== undefined
          : parseAtoi(m[2]!) !== undefined;
      if (!ok || (m[1] === 'weight' && m[2] === '0')) {
        throw new ConfigError('invalid-value', `invalid parameter "${param}"`, at);
      }
      continue;
    }
    if (param === 'backup' || param === 'down') continue;
    throw new ConfigError('invalid-value', `invalid parameter "${param}"`, at);
  }
  const url = node.args[0]!;
  const parsed = parseUpstreamUrl(url);
  if (parsed.kind === 'error') {
    throw new ConfigError('invalid-upstream', `${parsed.message} in upstream "${url}"`, at);
  }
  let address: UpstreamAddress;
  if (parsed.kind === 'unix') {
    address = { kind: 'unix', path: parsed.host };
  } else {
    const resolved = resolve(parsed.host);
    if (resolved === undefined) {
      throw new ConfigError('invalid-upstream', `host not found in upstream "${url}"`, at);
    }
    address = { kind: 'inet', host: resolved, port: parsed.port ?? 80 };
  }
  frame.upstream!.servers.push({ address, at });
  return undefined;
};

export const UPSTREAM_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'http_upstream:upstream': upstreamBlock,
  'http_upstream:server': upstreamServer,
};
