// http{}, server{}, listen, server_name, location{}, root/alias, index, try_files, error_page,
// types{}, keepalive_timeout — the handlers of ngx_http_core_module, ngx_http_index_module and
// ngx_http_try_files_module (nginx 1.22.1) — and what nginx does once http{} has been read
// (ngx_http_block): merging, the implicit `listen *:80`, location trees, the variable check and
// the server-name tables of each address.

import { ConfigError, directiveSays } from '../config-error.ts';
import {
  ConfigBlock,
  type AddressNames,
  type ErrorPageSetting,
  type HttpConf,
  type ListenAddress,
  type ListenSetting,
  type LocationConf,
  type LocationModifier,
  type ServerConf,
  type ServerName,
  type SourceRef,
  type TryFilesFallback,
} from '../config-model.ts';
import {
  NGX_HTTP_LIF_CONF,
  NGX_HTTP_LMT_CONF,
  NGX_HTTP_LOC_CONF,
  NGX_HTTP_MAIN_CONF,
  NGX_HTTP_SIF_CONF,
  NGX_HTTP_SRV_CONF,
} from '../directive-flags.ts';
import { buildLocationTree } from '../location-tree.ts';
import { compilePcre } from '../pcre.ts';
import {
  compileScript,
  countVariables,
  literalScript,
  ScriptError,
  type Script,
} from '../script.ts';
import { BUILTIN_VARIABLES, VARIABLE_PREFIXES } from '../variable-names.ts';
import { parseAtoi, parseTime } from '../values.ts';
import { parseListen } from '../listen-address.ts';
import { checkUpstreams } from './upstream-directives.ts';
import {
  positionOf,
  type DirectiveCall,
  type DirectiveHandler,
  type Frame,
  type LoaderApi,
} from './directive-call.ts';

function fail(call: DirectiveCall, detail: string): never {
  throw new ConfigError('invalid-value', detail, positionOf(call.node));
}

function duplicate(call: DirectiveCall): never {
  throw new ConfigError(
    'duplicate',
    directiveSays(call.spec.name, 'is duplicate'),
    positionOf(call.node),
  );
}

/**
 * Compiles a value the way the directive's handler does; script errors carry the directive's
 * position, or `at` for values nginx compiles later.
 */
export function compileAt(
  call: DirectiveCall,
  source: string,
  at: SourceRef = positionOf(call.node),
): Script {
  if (countVariables(source) === 0) return literalScript(source);
  try {
    const script = compileScript(source);
    call.loader.useVariables(script);
    return script;
  } catch (error) {
    if (error instanceof ScriptError) throw new ConfigError('invalid-value', error.message, at);
    throw error;
  }
}

function httpFrame(
  context: Frame['context'],
  cmdType: number,
  block: ConfigBlock,
  server: ServerConf | undefined,
  location: LocationConf | undefined,
): Frame {
  return {
    context,
    moduleType: 'http',
    cmdType,
    block,
    server,
    location,
    upstream: undefined,
    seen: block.seen,
  };
}

const http: DirectiveHandler = (call) => {
  if (call.loader.http !== undefined) duplicate(call);
  const block = new ConfigBlock('http', undefined);
  call.loader.http = {
    block,
    servers: [],
    addresses: [],
    upstreams: [],
    definedVariables: new Set(),
    logFormats: new Set(['combined']),
  };
  return { frame: httpFrame('http', NGX_HTTP_MAIN_CONF, block, undefined, undefined) };
};

const server: DirectiveHandler = (call) => {
  const httpConf = call.loader.http!;
  const block = new ConfigBlock('server', httpConf.block);
  const conf: ServerConf = {
    index: httpConf.servers.length,
    block,
    at: positionOf(call.node),
    names: [],
    listens: [],
    locations: [],
    tree: undefined,
    named: new Map(),
  };
  httpConf.servers.push(conf);
  return { frame: httpFrame('server', NGX_HTTP_SRV_CONF, block, conf, undefined) };
};

const listen: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const serverConf = call.frame.server!;
  const parsed = parseListen(node.args, positionOf(node));
  if (parsed.kind === 'error') {
    throw new ConfigError('invalid-value', parsed.message, positionOf(node));
  }
  for (const text of parsed.ignored) {
    loader.log.push({ level: 'emerg', text: `${text} in ${node.file}:${node.line}` });
  }
  for (const listenSetting of parsed.listens) {
    serverConf.listens.push(listenSetting);
    addListen(loader.http!, serverConf, listenSetting, positionOf(node));
  }
  return undefined;
};

// ngx_http_add_listen / ngx_http_add_addresses / ngx_http_add_server
function addListen(
  httpConf: HttpConf,
  serverConf: ServerConf,
  listenSetting: ListenSetting,
  at: SourceRef | undefined,
): void {
  const existing = httpConf.addresses.find((a) => a.listen.addrText === listenSetting.addrText);
  if (existing === undefined) {
    httpConf.addresses.push({
      listen: listenSetting,
      servers: [serverConf],
      defaultServer: serverConf,
      names: undefined,
    });
    return;
  }
  if (existing.servers.includes(serverConf)) {
    throw new ConfigError('duplicate-listen', `a duplicate listen ${existing.listen.addrText}`, at);
  }
  existing.servers.push(serverConf);
  const previous = existing.listen;
  if (listenSetting.setsOptions) {
    if (previous.setsOptions) {
      throw new ConfigError(
        'duplicate-listen',
        `duplicate listen options for ${previous.addrText}`,
        at,
      );
    }
    existing.listen = { ...listenSetting, defaultServer: previous.defaultServer };
  }
  if (listenSetting.defaultServer) {
    if (previous.defaultServer) {
      throw new ConfigError(
        'duplicate-default-server',
        `a duplicate default server for ${previous.addrText}`,
        at,
      );
    }
    existing.listen = { ...existing.listen, defaultServer: true };
    existing.defaultServer = serverConf;
  }
}

const serverName: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const serverConf = call.frame.server!;
  for (const raw of node.args) {
    const ch = raw[0];
    if ((ch === '*' && (raw.length < 3 || raw[1] !== '.')) || (ch === '.' && raw.length < 2)) {
      fail(call, `server name "${raw}" is invalid`);
    }
    if (raw.includes('/')) {
      loader.log.push({
        level: 'warn',
        text: `server name "${raw}" has suspicious symbols in ${node.file}:${node.line}`,
      });
    }
    const name = raw.toLowerCase() === '$hostname' ? loader.layout.hostname : raw;
    if (!name.startsWith('~')) {
      serverConf.names.push(classifyName(name.toLowerCase()));
      continue;
    }
    if (name.length === 1) fail(call, `empty regex in server name "${name}"`);
    const pattern = name.slice(1);
    const compiled = compilePcre(pattern, /[A-Z]/.test(pattern));
    if (compiled.kind === 'error') fail(call, compiled.message);
    for (const group of compiled.names) loader.defineVariable(group);
    serverConf.names.push({
      kind: 'regex',
      name: pattern,
      regex: compiled.regex,
      captures: compiled.captures,
    });
  }
  return undefined;
};

function classifyName(name: string): ServerName {
  if (name.startsWith('*.')) return { kind: 'wildcard-head', name, suffix: name.slice(1) };
  if (name.startsWith('.')) return { kind: 'wildcard-head', name, suffix: name };
  if (name.endsWith('.*')) return { kind: 'wildcard-tail', name, prefix: name.slice(0, -1) };
  return { kind: 'exact', name };
}

// ngx_http_core_location
const location: DirectiveHandler = (call) => {
  const { node, loader, frame } = call;
  const args = node.args;
  let modifier: LocationModifier;
  let name: string;
  if (args.length === 2) {
    const mod = args[0]!;
    name = args[1]!;
    if (mod === '=') modifier = '=';
    else if (mod === '^~') modifier = '^~';
    else if (mod === '~') modifier = '~';
    else if (mod === '~*') modifier = '~*';
    else fail(call, `invalid location modifier "${mod}"`);
  } else {
    const raw = args[0]!;
    if (raw.startsWith('=')) {
      modifier = '=';
      name = raw.slice(1);
    } else if (raw.startsWith('^~')) {
      modifier = '^~';
      name = raw.slice(2);
    } else if (raw.startsWith('~*')) {
      modifier = '~*';
      name = raw.slice(2);
    } else if (raw.startsWith('~')) {
      modifier = '~';
      name = raw.slice(1);
    } else {
      modifier = raw.startsWith('@') ? '@' : '';
      name = raw;
    }
  }
  let regex: RegExp | undefined;
  if (modifier === '~' || modifier === '~*') {
    const compiled = compilePcre(name, modifier === '~*');
    if (compiled.kind === 'error') fail(call, compiled.message);
    for (const group of compiled.names) loader.defineVariable(group);
    regex = compiled.regex;
  }
  const parent = frame.location;
  if (parent !== undefined) {
    if (parent.modifier === '=') {
      fail(call, `location "${name}" cannot be inside the exact location "${parent.name}"`);
    }
    if (parent.modifier === '@') {
      fail(call, `location "${name}" cannot be inside the named location "${parent.name}"`);
    }
    if (modifier === '@') fail(call, `named location "${name}" can be on the server level only`);
    if (regex === undefined && !name.startsWith(parent.name)) {
      fail(call, `location "${name}" is outside location "${parent.name}"`);
    }
  }
  const block = new ConfigBlock('location', frame.block);
  const conf: LocationConf = {
    name,
    modifier,
    regex,
    block,
    at: positionOf(node),
    parent,
    locations: [],
    tree: undefined,
    autoRedirect: false,
  };
  (parent?.locations ?? frame.server!.locations).push(conf);
  if (modifier === '@' && parent === undefined && !frame.server!.named.has(name)) {
    frame.server!.named.set(name, conf);
  }
  return { frame: httpFrame('location', NGX_HTTP_LOC_CONF, block, frame.server, conf) };
};

// ngx_http_core_root: `root` and `alias` share one setting
const root: DirectiveHandler = (call) => {
  const { node, spec, frame } = call;
  const block = frame.block!;
  const alias = spec.name === 'alias';
  const previous = block.settings.root;
  if (previous !== undefined) {
    if (previous.alias === alias) duplicate(call);
    fail(
      call,
      `"${spec.name}" directive is duplicate, "${previous.alias ? 'alias' : 'root'}" directive was specified earlier`,
    );
  }
  if (frame.location?.modifier === '@' && alias) {
    fail(call, 'the "alias" directive cannot be used inside the named location');
  }
  let value = node.args[0]!;
  for (const forbidden of ['document_root', 'realpath_root']) {
    if (value.includes(`$${forbidden}`) || value.includes(`\${${forbidden}}`)) {
      fail(call, `the $${forbidden} variable cannot be used in the "${spec.name}" directive`);
    }
  }
  if (!alias && value.length > 0 && value.endsWith('/')) value = value.slice(0, -1);
  if (!value.startsWith('$')) value = call.loader.fullName(value);
  block.settings.root = { path: compileAt(call, value), alias, at: positionOf(node) };
  return undefined;
};

// ngx_http_index_set_index: each `index` adds to the block's list
const index: DirectiveHandler = (call) => {
  const { node, frame, loader } = call;
  const block = frame.block!;
  const files = [...(block.settings.index?.files ?? [])];
  node.args.forEach((file, i) => {
    if (file.startsWith('/') && i !== node.args.length - 1) {
      loader.log.push({
        level: 'warn',
        text: `only the last index in "index" directive should be absolute in ${node.file}:${node.line}`,
      });
    }
    if (file.length === 0) fail(call, `index "${file}" in "index" directive is invalid`);
    files.push(compileAt(call, file));
  });
  block.settings.index = { files, at: block.settings.index?.at ?? positionOf(node) };
  return undefined;
};

// ngx_http_try_files: files to test, then the last argument: =CODE, @named or a URI
const tryFiles: DirectiveHandler = (call) => {
  const { node, frame } = call;
  const block = frame.block!;
  if (block.settings.tryFiles !== undefined) duplicate(call);
  const args = node.args;
  const files: Script[] = [];
  for (const file of args.slice(0, -1)) files.push(compileAt(call, file));
  const last = args[args.length - 1]!;
  let fallback: TryFilesFallback;
  if (last.startsWith('=')) {
    const code = countVariables(last) === 0 ? parseAtoi(last.slice(1)) : undefined;
    if (code === undefined || code > 999) fail(call, `invalid code "${last}"`);
    fallback = { kind: 'status', status: code! };
  } else if (last.startsWith('@')) {
    fallback = { kind: 'named', name: last };
  } else {
    fallback = { kind: 'uri', uri: compileAt(call, last) };
  }
  block.settings.tryFiles = { files, fallback, at: positionOf(node) };
  return undefined;
};

// ngx_http_core_error_page
const errorPage: DirectiveHandler = (call) => {
  const { node, frame } = call;
  const block = frame.block!;
  const args = node.args;
  let overwrite: ErrorPageSetting['overwrite'];
  let tail = 1;
  const maybe = args[args.length - 2]!;
  if (maybe.startsWith('=')) {
    if (args.length === 2) fail(call, `invalid value "${maybe}"`);
    if (maybe.length > 1) {
      const status = parseAtoi(maybe.slice(1));
      if (status === undefined) fail(call, `invalid value "${maybe}"`);
      overwrite = { status };
    } else {
      overwrite = { status: undefined };
    }
    tail = 2;
  }
  const uri = compileAt(call, args[args.length - 1]!);
  const codes: number[] = [];
  for (const value of args.slice(0, args.length - tail)) {
    const status = parseAtoi(value);
    if (status === undefined || status === 499) fail(call, `invalid value "${value}"`);
    if (status! < 300 || status! > 599) fail(call, `value "${value}" must be between 300 and 599`);
    codes.push(status!);
  }
  // 494/495/496/497 without `=` are answered as 400 (ngx_http_core_error_page)
  const pages = (block.settings.errorPages ??= []);
  for (const code of codes) {
    const special = overwrite === undefined && [494, 495, 496, 497].includes(code);
    pages.push({
      codes: [code],
      overwrite: special ? { status: 400 } : overwrite,
      uri,
      at: positionOf(node),
    });
  }
  return undefined;
};

// types{}: each line is `content/type ext ext …;`
const types: DirectiveHandler = (call) => {
  const { frame, loader } = call;
  const block = frame.block!;
  const map = (block.settings.types ??= new Map<string, string>());
  return {
    frame: {
      ...frame,
      entries: (entry) => {
        for (const raw of entry.args) {
          const ext = raw.toLowerCase();
          const previous = map.get(ext);
          if (previous !== undefined) {
            loader.log.push({
              level: 'warn',
              text: `duplicate extension "${ext}", content type: "${entry.name}", previous content type: "${previous}" in ${entry.file}:${entry.line}`,
            });
          }
          map.set(ext, entry.name);
        }
      },
    },
  };
};

// ngx_http_core_keepalive: `keepalive_timeout TIMEOUT [HEADER_TIMEOUT]`
const keepaliveTimeout: DirectiveHandler = (call) => {
  const { node, frame } = call;
  const block = frame.block!;
  if (block.settings.keepaliveTimeout !== undefined) duplicate(call);
  const timeout = parseTime(node.args[0]!, false);
  if (timeout === undefined) fail(call, directiveSays('keepalive_timeout', 'invalid value'));
  if (node.args[1] !== undefined && parseTime(node.args[1], true) === undefined) {
    fail(call, directiveSays('keepalive_timeout', 'invalid value'));
  }
  block.settings.keepaliveTimeout = timeout;
  return undefined;
};

const limitExcept: DirectiveHandler = (call) => {
  const block = new ConfigBlock('limit_except', call.frame.block);
  return {
    frame: httpFrame(
      'limit_except',
      NGX_HTTP_LMT_CONF,
      block,
      call.frame.server,
      call.frame.location,
    ),
  };
};

export const HTTP_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'http:http': http,
  'http_core:server': server,
  'http_core:listen': listen,
  'http_core:server_name': serverName,
  'http_core:location': location,
  'http_core:root': root,
  'http_core:alias': root,
  'http_index:index': index,
  'http_try_files:try_files': tryFiles,
  'http_core:error_page': errorPage,
  'http_core:types': types,
  'http_core:keepalive_timeout': keepaliveTimeout,
  'http_core:limit_except': limitExcept,
};

/** The `if` frame for rewrite's `if` (its block is a location-like context). */
export function ifFrame(frame: Frame): Frame {
  const block = new ConfigBlock('if', frame.block);
  const cmdType = frame.context === 'server' ? NGX_HTTP_SIF_CONF : NGX_HTTP_LIF_CONF;
  return httpFrame('if', cmdType, block, frame.server, frame.location);
}

/**
 * What ngx_http_block does after reading http{}: merge (the implicit listen and server name of
 * each server; merge-time work such as compiling uwsgi_param values), upstream checks, location
 * trees, the unknown-variable check, then the per-address server names.
 */
export function finishHttp(
  loader: LoaderApi,
  httpConf: HttpConf,
  closing: SourceRef,
  mergeTasks: readonly ((closing: SourceRef) => void)[],
  usedVariables: readonly string[],
): void {
  for (const serverConf of httpConf.servers) {
    if (serverConf.listens.length === 0) {
      // ngx_http_core_merge_srv_conf: as root, `listen *:80`
      const implicit: ListenSetting = {
        addrText: '0.0.0.0:80',
        family: 'inet',
        address: '0.0.0.0',
        port: 80,
        wildcard: true,
        defaultServer: false,
        setsOptions: false,
        ssl: false,
        at: undefined,
      };
      serverConf.listens.push(implicit);
      addListen(httpConf, serverConf, implicit, closing);
    }
    if (serverConf.names.length === 0) serverConf.names.push({ kind: 'exact', name: '' });
  }
  checkUpstreams(httpConf);
  for (const task of mergeTasks) task(closing);
  for (const serverConf of httpConf.servers) {
    serverConf.tree = buildLocationTree(serverConf.locations);
  }
  // ngx_http_ssl_init (postconfiguration): an ssl listen needs a certificate
  for (const serverConf of httpConf.servers) {
    if (!serverConf.listens.some((l) => l.ssl)) continue;
    const hasCertificate = [serverConf.block, httpConf.block].some((b) =>
      b.seen.has('http_ssl:ssl_certificate'),
    );
    if (!hasCertificate) {
      throw new ConfigError(
        'invalid-value',
        `no "ssl_certificate" is defined for the "listen ... ssl" directive in ${serverConf.at.file}:${serverConf.at.line}`,
        undefined,
      );
    }
  }
  for (const name of usedVariables) {
    if (BUILTIN_VARIABLES.has(name) || httpConf.definedVariables.has(name)) continue;
    if (VARIABLE_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    throw new ConfigError('unknown-variable', `unknown "${name}" variable`, undefined);
  }
  optimizeServerNames(loader, httpConf.addresses);
}

// ngx_hash_add_key with NGX_HASH_WILDCARD_KEY: one `*` at most, no `..`, and a `*` only in
// `*.example.com` or `www.example.*` (`.example.com` has none).
function validHashKey(key: string): boolean {
  const stars = key.split('*').length - 1;
  if (stars > 1 || key.includes('..')) return false;
  if (key.length > 1 && key.startsWith('.')) return true;
  if (key.length > 2 && (key.startsWith('*.') || key.endsWith('.*'))) return true;
  return stars === 0;
}

// ngx_http_server_names: per address, names go into hashes (exact, `*.x`/`.x`, `x.*`) and a list
// of regexes; a name a later server also claims on the same address is ignored with a warning; a
// malformed wildcard is refused.
function optimizeServerNames(loader: LoaderApi, addresses: readonly ListenAddress[]): void {
  for (const address of addresses) {
    // ngx_http_optimize_servers hashes names only where there is a choice to make (or captures)
    const captures = address.defaultServer.names.some((n) => n.kind === 'regex' && n.captures > 0);
    if (address.servers.length === 1 && !captures) continue;
    const names: AddressNames = { exact: new Map(), head: [], tail: [], regex: [] };
    const claim = (
      space: Map<string, ServerConf>,
      key: string,
      shown: string,
      server: ServerConf,
    ): boolean => {
      if (space.has(key)) {
        loader.log.push({
          level: 'warn',
          text: `conflicting server name "${shown}" on ${address.listen.addrText}, ignored`,
        });
        return false;
      }
      space.set(key, server);
      return true;
    };
    const heads = new Map<string, ServerConf>();
    const tails = new Map<string, ServerConf>();
    for (const serverConf of address.servers) {
      for (const name of serverConf.names) {
        if (name.kind === 'regex') {
          names.regex.push({ name: name.name, regex: name.regex, server: serverConf });
          continue;
        }
        if (!validHashKey(name.name)) {
          throw new ConfigError(
            'invalid-value',
            `invalid server name or wildcard "${name.name}" on ${address.listen.addrText}`,
            undefined,
          );
        }
        const inner = name.kind === 'wildcard-head' ? name.suffix.slice(1) : name.name;
        if (name.kind === 'exact') {
          claim(names.exact, name.name, name.name, serverConf);
        } else if (name.kind === 'wildcard-head') {
          // `.example.com` is also the exact name `example.com`
          if (name.name.startsWith('.') && !claim(names.exact, inner, name.name, serverConf))
            continue;
          if (claim(heads, name.suffix, name.name, serverConf)) {
            names.head.push({ suffix: name.suffix, server: serverConf });
          }
        } else if (claim(tails, name.prefix, name.name, serverConf)) {
          names.tail.push({ prefix: name.prefix, server: serverConf });
        }
      }
    }
    address.names = names;
  }
}
