// What nginx 1.22.1 does with one request, phase by phase (ngx_http_core_module.c's phase engine):
// read the head (ngx_http_request.c), pick the server by address and Host, run the server's
// `return`, find the location (ngx_http_core_find_config_phase: auto-redirect, body size), run the
// location's `return`, try_files against the file system, then the content handler — uwsgi_pass
// builds the upstream packet; otherwise the index and static modules serve files — and error_page
// for the errors on the way. Every step is recorded as a decision.

import {
  ChunkedDecoder,
  concatBytes,
  latin1Text,
  type ChunkedEvent,
} from '../../protocol/index.ts';
import { accessError, FsError, ROOT_CREDENTIALS, type Credentials, type MachineFs } from '../fs.ts';
import type { MachineUsers } from '../users.ts';
import { credentialsFor } from '../users.ts';
import type {
  ConfigBlock,
  LocationConf,
  NginxConfig,
  ServerConf,
  UpstreamBlock,
} from './config-model.ts';
import {
  locationRef,
  serverRef,
  testRecord,
  type NginxDecision,
  type TryFilesCheck,
} from './decisions.ts';
import { closesConnection, specialPage, wireStatus, type ServerTokens } from './error-pages.ts';
import { findLocation } from './location-tree.ts';
import {
  DEFAULT_HEAD_LIMITS,
  parseRequestHead,
  type HeadLimits,
  type NginxRequestHead,
} from './request-head.ts';
import { evaluateScript, type Script } from './script.ts';
import { findListenAddress, selectServer } from './server-select.ts';
import { buildUwsgiPacket } from './uwsgi-packet.ts';
import { variableValue, type ClientConnection, type VariableSource } from './variables.ts';
import { normalizeUri } from './uri-normalize.ts';

/** An answer nginx makes itself (a page, a file, a redirect, a `return`). */
export interface OwnResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  /** Location for redirects (as nginx will print it). */
  readonly location: string | undefined;
  /** For files: Last-Modified (seconds), ETag and Accept-Ranges are sent. */
  readonly file: { readonly mtime: number; readonly size: number } | undefined;
  readonly keepAlive: boolean;
  readonly headOnly: boolean;
  readonly serverTokens: ServerTokens;
  /** HTTP/1.0 and 0.9 clients get the same status line; 0.9 gets no head at all. */
  readonly version: number;
}

/** What nginx does next with the request. */
export type NginxOutcome =
  | { readonly kind: 'respond'; readonly response: OwnResponse }
  | {
      readonly kind: 'upstream';
      readonly upstream: UpstreamBlock;
      /** The address nginx connects to (`unix:/tmp/uwsgi.sock`, `127.0.0.1:3031`). */
      readonly address: string;
      readonly packet: Uint8Array;
      /** What the response side needs to know about the request. */
      readonly request: UpstreamContext;
    }
  /** nginx is still waiting for the rest of the head or body. */
  | { readonly kind: 'incomplete' }
  /** Nothing listens at the address the request was sent to. */
  | { readonly kind: 'no-listener' };

export interface UpstreamContext {
  readonly method: string;
  /** The status error_page imposes on whatever the upstream answers (r->err_status). */
  readonly errStatus: number | undefined;
  readonly version: number;
  readonly keepAlive: boolean;
  readonly serverTokens: ServerTokens;
  readonly chunkedTransferEncoding: boolean;
  readonly padding: boolean;
  /** For nginx's error-log lines about this request. */
  readonly logContext: string;
}

export interface LogLine {
  readonly level: 'emerg' | 'alert' | 'crit' | 'error' | 'warn' | 'notice' | 'info';
  readonly text: string;
}

export interface NginxHandling {
  readonly decisions: readonly NginxDecision[];
  readonly outcome: NginxOutcome;
  /** What nginx writes to its error log for this request (the `, client: …` context included). */
  readonly errorLog: readonly LogLine[];
}

export interface ProcessOptions {
  readonly config: NginxConfig;
  readonly fs: MachineFs;
  readonly users: MachineUsers | undefined;
  readonly connection: ClientConnection;
  /** `$hostname`. */
  readonly hostname?: string;
}

// ngx_http_core_module: at most 10 internal redirects (NGX_HTTP_MAX_URI_CHANGES)
const MAX_URI_CHANGES = 10;

class RequestRun {
  readonly decisions: NginxDecision[] = [];
  readonly errorLog: LogLine[] = [];
  readonly options: ProcessOptions;
  head: NginxRequestHead | undefined;
  server!: ServerConf;
  uri = '';
  args: string | undefined;
  location: LocationConf | undefined;
  captures: RegExpExecArray | undefined;
  body: Uint8Array | undefined;
  uriChanges = MAX_URI_CHANGES + 1;
  errorPageUsed = false;
  /**
   * r->err_status: after error_page sends the request to another URI, the answer still goes out
   * with the error's status (or the `=CODE` one); undefined = the answer's own.
   */
  errStatus: number | undefined;
  /** error_page turns every method but HEAD into GET. */
  method: string | undefined;
  keepAlive = true;

  constructor(options: ProcessOptions) {
    this.options = options;
  }

  /** The request head, once it has been read. */
  get request(): NginxRequestHead {
    if (this.head === undefined) throw new Error('the request head has not been read');
    return this.head;
  }

  /** The settings in force: the location's, else the server's. */
  get block(): ConfigBlock {
    return this.location?.block ?? this.server.block;
  }

  get worker(): Credentials {
    const user = this.options.config.main.user;
    const entry = user === undefined ? undefined : this.options.users?.userByName(user.user);
    if (user === undefined || entry === undefined || this.options.users === undefined)
      return ROOT_CREDENTIALS;
    return credentialsFor(this.options.users, entry, user.gid);
  }

  variables(): VariableSource {
    return {
      head: this.request,
      method: this.method ?? this.request.method,
      connection: this.options.connection,
      server: this.server,
      uri: this.uri,
      args: this.args,
      documentRoot: () => this.documentRoot(),
      bodyLength: this.body?.length,
      hostname: this.options.hostname ?? 'helloworld',
      captures: this.captures,
    };
  }

  evaluate(script: Script): string {
    const source = this.variables();
    return evaluateScript(script, {
      variable: (name) => variableValue(name, source),
      capture: (index) => this.captures?.[index],
    });
  }

  /** $document_root: root (or alias) evaluated; Debian's compiled-in default is /usr/share/nginx/html. */
  documentRoot(): string {
    const root = this.block.effective('root');
    if (root === undefined) return '/usr/share/nginx/html';
    return this.evaluate(root.path);
  }

  /** ngx_http_map_uri_to_path: the file a URI names under root, or under alias without the prefix. */
  pathFor(uri: string): string {
    const root = this.block.effective('root');
    const base = this.documentRoot();
    if (root?.alias === true && this.location !== undefined && this.location.regex === undefined) {
      return base + uri.slice(this.location.name.length);
    }
    return base + uri;
  }

  log(level: LogLine['level'], text: string): void {
    this.errorLog.push({ level, text: `${text}${this.logContext()}` });
  }

  logContext(): string {
    const { remoteAddr } = this.options.connection;
    const head = this.head;
    if (head === undefined)
      return `, client: ${remoteAddr}, server: 0.0.0.0:${this.options.connection.localPort}`;
    let text = `, client: ${remoteAddr}, server: ${variableValue('server_name', this.variables()) ?? ''}, request: "${head.requestLine}"`;
    const hostHeader = head.headers.find((h) => h.name.toLowerCase() === 'host');
    if (hostHeader !== undefined || head.host !== undefined)
      text += `, host: "${hostHeader?.value ?? head.host ?? ''}"`;
    return text;
  }
}

/** Runs one request (its bytes as the client sent them) through the configuration. */
export function processRequest(bytes: Uint8Array, options: ProcessOptions): NginxHandling {
  const run = new RequestRun(options);
  const outcome = handle(run, latin1Text(bytes));
  return { decisions: run.decisions, outcome, errorLog: run.errorLog };
}

function handle(run: RequestRun, text: string): NginxOutcome {
  const { config, connection } = run.options;
  const address = findListenAddress(config, connection);
  if (address === undefined) return { kind: 'no-listener' };
  const defaultServer = address.defaultServer;
  const limits: HeadLimits = {
    clientHeaderBufferSize:
      defaultServer.block.effective('clientHeaderBufferSize') ??
      DEFAULT_HEAD_LIMITS.clientHeaderBufferSize,
    largeBuffers:
      defaultServer.block.effective('largeClientHeaderBuffers') ?? DEFAULT_HEAD_LIMITS.largeBuffers,
    underscoresInHeaders: defaultServer.block.effective('underscoresInHeaders') ?? false,
    ignoreInvalidHeaders: defaultServer.block.effective('ignoreInvalidHeaders') ?? true,
    mergeSlashes: defaultServer.block.effective('mergeSlashes') ?? true,
    maxHeaders: defaultServer.block.effective('maxHeaders') ?? DEFAULT_HEAD_LIMITS.maxHeaders,
  };
  const parsed = parseRequestHead(text, limits);
  if (parsed.ok === 'incomplete') return { kind: 'incomplete' };
  run.server = defaultServer;
  if (!parsed.ok) {
    run.decisions.push({ kind: 'request-refused', status: parsed.status, reason: parsed.reason });
    run.keepAlive = false;
    return respondSpecial(run, parsed.status, { version: 1001, headOnly: false });
  }
  const head = parsed.head;
  run.head = head;
  run.uri = head.uri;
  run.args = head.args;
  run.keepAlive = head.keepAlive;
  run.decisions.push({
    kind: 'request-read',
    method: head.method,
    requestUri: head.requestUri,
    uri: head.uri,
    args: head.args,
    protocol: head.protocol,
    host: head.host,
    hostSource: head.hostSource,
    ignoredHeaders: head.ignoredHeaders.map((h) => h.name),
  });
  for (const ignored of head.ignoredHeaders) {
    // logged at info level, which Debian's error_log (level error) does not show
    run.log(
      'info',
      `client sent invalid header line: "${ignored.name}: ${ignored.value}" while reading client request headers`,
    );
  }
  const selection = selectServer(address, head.host ?? '');
  run.server = selection.server;
  run.captures = selection.captures;
  run.decisions.push({
    kind: 'server-selected',
    address: address.listen.addrText,
    host: head.host ?? '',
    server: serverRef(selection.server),
    by: selection.by,
    name: selection.name,
    candidates: address.servers.filter((s) => s !== selection.server).map(serverRef),
  });
  return serverRewrite(run);
}

// NGX_HTTP_SERVER_REWRITE_PHASE, then FIND_CONFIG and the rest (ngx_http_internal_redirect
// starts here again)
function serverRewrite(run: RequestRun): NginxOutcome {
  run.location = undefined;
  const serverReturn = run.server.block.settings.returnAction;
  if (serverReturn !== undefined) return doReturn(run, serverReturn);
  return findConfig(run);
}

function findConfig(run: RequestRun): NginxOutcome {
  const search = findLocation(run.server.tree, run.uri);
  const result = search.result;
  const location = result.kind === 'none' ? undefined : result.location;
  run.decisions.push({
    kind: 'location-search',
    uri: run.uri,
    tests: search.tests.map(testRecord),
    result: result.kind,
    location: location === undefined ? undefined : locationRef(location),
  });
  run.location = location;
  if (search.captures !== undefined) run.captures = search.captures;
  if (result.kind === 'redirect') {
    // ngx_http_core_find_config_phase: 301 to the location's name with its slash, args kept
    const target = `${run.uri}/${run.args === undefined ? '' : `?${run.args}`}`;
    return respondSpecial(run, 301, { location: absoluteLocation(run, target) });
  }
  const limit = run.block.effective('clientMaxBodySize') ?? 1024 * 1024;
  const length = run.request.contentLength;
  if (length !== undefined && limit !== 0 && length > limit) {
    run.decisions.push({ kind: 'body-too-large', limit, length });
    run.log('error', `client intended to send too large body: ${length} bytes`);
    run.keepAlive = false;
    return respondSpecial(run, 413);
  }
  return locationPhases(run);
}

// NGX_HTTP_REWRITE_PHASE (the location's `return`), the try_files phase, then the content phase
function locationPhases(run: RequestRun): NginxOutcome {
  const locationReturn = run.location?.block.settings.returnAction;
  if (locationReturn !== undefined) return doReturn(run, locationReturn);
  // try_files is not inherited: the location's own, or the server's for requests in no location
  const setting = run.block.settings.tryFiles;
  if (setting !== undefined) {
    const checks: TryFilesCheck[] = [];
    for (const script of setting.files) {
      const testDir = script.source.endsWith('/');
      const name = run.evaluate(testDir ? { ...script, parts: trimSlash(script) } : script);
      const path = run.pathFor(name);
      const found = probe(run, path);
      checks.push({
        candidate: script.source,
        path,
        wanted: testDir ? 'directory' : 'file',
        found,
      });
      if (found === 'forbidden') {
        run.log('crit', `stat() "${path}" failed (13: Permission denied)`);
      }
      if (found === (testDir ? 'directory' : 'file')) {
        const uri = name;
        run.decisions.push({
          kind: 'try-files',
          at: setting.at,
          checks,
          result: { kind: 'file', uri },
        });
        run.uri = uri;
        return content(run);
      }
    }
    const fallback = setting.fallback;
    if (fallback.kind === 'status') {
      run.decisions.push({
        kind: 'try-files',
        at: setting.at,
        checks,
        result: { kind: 'status', status: fallback.status },
      });
      return finalize(run, fallback.status);
    }
    if (fallback.kind === 'named') {
      run.decisions.push({
        kind: 'try-files',
        at: setting.at,
        checks,
        result: { kind: 'named', name: fallback.name },
      });
      return namedLocation(run, fallback.name);
    }
    const target = run.evaluate(fallback.uri);
    run.decisions.push({
      kind: 'try-files',
      at: setting.at,
      checks,
      result: { kind: 'uri', uri: target },
    });
    return internalRedirect(run, target, 'try_files');
  }
  return content(run);
}

function trimSlash(script: Script): Script['parts'] {
  const parts = [...script.parts];
  const last = parts.at(-1);
  if (last?.kind === 'text') {
    const text = last.text.slice(0, -1);
    if (text === '') parts.pop();
    else parts[parts.length - 1] = { kind: 'text', text };
  }
  return parts;
}

/**
 * stat(2) as nginx's worker user (ngx_open_cached_file with test_only): what kind of thing is
 * there; stat needs search permission on every folder above, not read permission on the file.
 */
function probe(run: RequestRun, path: string): TryFilesCheck['found'] {
  const fs = run.options.fs;
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  if (accessError(fs, parent, run.worker, 'execute') === 'EACCES') return 'forbidden';
  try {
    return fs.stat(path).type === 'directory' ? 'directory' : 'file';
  } catch (error) {
    if (error instanceof FsError) return 'missing';
    throw error;
  }
}

function namedLocation(run: RequestRun, name: string): NginxOutcome {
  const location = run.server.named.get(name);
  run.decisions.push({
    kind: 'named-location',
    name,
    location: location === undefined ? undefined : locationRef(location),
  });
  if (location === undefined) {
    run.log('error', `could not find named location "${name}"`);
    return finalize(run, 500);
  }
  if (--run.uriChanges === 0) return redirectCycle(run);
  run.location = location;
  return locationPhases(run);
}

function internalRedirect(
  run: RequestRun,
  target: string,
  because: 'try_files' | 'index' | 'error_page',
): NginxOutcome {
  run.decisions.push({ kind: 'internal-redirect', to: target, because });
  if (--run.uriChanges === 0) return redirectCycle(run);
  const question = target.indexOf('?');
  const path = question < 0 ? target : target.slice(0, question);
  if (question >= 0) run.args = target.slice(question + 1);
  const normalized = normalizeUri(path);
  run.uri = normalized.ok ? normalized.uri : path;
  return serverRewrite(run);
}

function redirectCycle(run: RequestRun): NginxOutcome {
  run.log(
    'error',
    `rewrite or internal redirection cycle while internally redirecting to "${run.uri}"`,
  );
  return respondSpecial(run, 500);
}

function doReturn(
  run: RequestRun,
  action: NonNullable<ConfigBlock['settings']['returnAction']>,
): NginxOutcome {
  const text = action.text === undefined ? undefined : run.evaluate(action.text);
  run.decisions.push({ kind: 'return', at: action.at, status: action.status, text });
  const status = action.status;
  // ngx_http_script_return_code: codes below 400 and any code with text are sent as given
  if ([301, 302, 303, 307, 308].includes(status)) {
    return respondSpecial(run, status, { location: absoluteLocation(run, text ?? '') });
  }
  if (status < 400 || text !== undefined) {
    const contentType = contentTypeFor(run);
    return respond(run, {
      status,
      contentType,
      body: bytesOf(text ?? ''),
      location: undefined,
      file: undefined,
    });
  }
  return finalize(run, status);
}

// uwsgi_pass sets the content handler of its own location only (clcf->handler is not inherited)
function content(run: RequestRun): NginxOutcome {
  const pass = run.location?.block.settings.uwsgiPass;
  if (pass === undefined) return staticContent(run);
  if (pass.upstream !== undefined) return uwsgi(run, pass.upstream, pass.at);
  // an address with variables: an upstream{} of that name, or an address nginx needs no resolver for
  const url = run.evaluate(pass.script!).replace(/^s?uwsgi:\/\//i, '');
  const upstreams = run.options.config.http?.upstreams ?? [];
  const named = upstreams.find((u) => u.explicit && u.name.toLowerCase() === url.toLowerCase());
  if (named !== undefined) return uwsgi(run, named, pass.at);
  const address = dynamicAddress(url);
  if (address === undefined) {
    run.log('error', `no resolver defined to resolve ${url.replace(/:\d+$/, '')}`);
    return finalize(run, 502);
  }
  return uwsgi(
    run,
    { name: url, explicit: false, servers: [{ address, at: pass.at }], at: pass.at },
    pass.at,
  );
}

function dynamicAddress(url: string): UpstreamBlock['servers'][number]['address'] | undefined {
  if (url.toLowerCase().startsWith('unix:')) return { kind: 'unix', path: url.slice(5) };
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(url);
  return m === null ? undefined : { kind: 'inet', host: m[1]!, port: Number(m[2]) };
}

// ngx_http_index_module, ngx_http_static_module and the content phase's fallback
function staticContent(run: RequestRun): NginxOutcome {
  const method = run.request.method;
  if (run.uri.endsWith('/')) {
    const index = run.block.effective('index');
    const names = index === undefined ? ['index.html'] : index.files.map((f) => run.evaluate(f));
    const directory = run.pathFor(run.uri);
    const tried: string[] = [];
    for (const name of names) {
      if (name.startsWith('/')) {
        run.decisions.push({ kind: 'index', directory, tried, found: name });
        return internalRedirect(run, name, 'index');
      }
      const path = directory + name;
      tried.push(path);
      const found = probe(run, path);
      if (found === 'file' || found === 'directory') {
        run.decisions.push({ kind: 'index', directory, tried, found: name });
        return internalRedirect(run, run.uri + name, 'index');
      }
    }
    run.decisions.push({ kind: 'index', directory, tried, found: undefined });
    if (probe(run, directory.slice(0, -1) || '/') === 'missing') {
      run.decisions.push({ kind: 'static', path: directory, result: 'not-found' });
      run.log(
        'error',
        `"${directory}${names[0] ?? ''}" is not found (2: No such file or directory)`,
      );
      return finalize(run, 404);
    }
    run.decisions.push({ kind: 'static', path: directory, result: 'directory-forbidden' });
    run.log('error', `directory index of "${directory}" is forbidden`);
    return finalize(run, 403);
  }
  const path = run.pathFor(run.uri);
  if (!['GET', 'HEAD', 'POST'].includes(method)) {
    run.decisions.push({ kind: 'static', path, result: 'method-not-allowed' });
    return finalize(run, 405);
  }
  const fs = run.options.fs;
  let stat;
  try {
    stat = fs.stat(path);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    run.decisions.push({ kind: 'static', path, result: 'not-found' });
    run.log(
      'error',
      `open() "${path}" failed ${new FsError(error.code === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT', path).parenthesized}`,
    );
    return finalize(run, 404);
  }
  const denied = accessError(fs, path, run.worker, 'read');
  if (denied === 'EACCES') {
    run.decisions.push({ kind: 'static', path, result: 'forbidden' });
    run.log('error', `open() "${path}" failed (13: Permission denied)`);
    return finalize(run, 403);
  }
  if (stat.type === 'directory') {
    run.decisions.push({ kind: 'static', path, result: 'directory-redirect' });
    const target = `${run.uri}/${run.args === undefined ? '' : `?${run.args}`}`;
    return respondSpecial(run, 301, { location: absoluteLocation(run, target) });
  }
  run.decisions.push({ kind: 'static', path, result: 'file' });
  if (method === 'POST') return finalize(run, 405);
  return respond(run, {
    status: 200,
    contentType: contentTypeFor(run),
    body: fs.readFile(path),
    location: undefined,
    file: { mtime: stat.mtime, size: stat.size },
  });
}

function uwsgi(
  run: RequestRun,
  upstream: UpstreamBlock,
  at: { file: string; line: number },
): NginxOutcome {
  const body = readBody(run);
  if (body === 'incomplete') return { kind: 'incomplete' };
  if (body === 'too-large') return finalize(run, 413);
  run.body = body;
  const block = run.block;
  const params = (block.effective('uwsgiParams') ?? []).map((param) => ({
    key: param.key,
    source: param.value.source,
    value: run.evaluate(param.value),
    ifNotEmpty: param.ifNotEmpty,
    at: param.at,
  }));
  const modifier1 = block.effective('uwsgiModifier1') ?? 0;
  const modifier2 = block.effective('uwsgiModifier2') ?? 0;
  const built = buildUwsgiPacket({
    modifier1,
    modifier2,
    params,
    headers: run.request.headers,
    passHeaders: block.effective('uwsgiPassRequestHeaders') ?? true,
    body: block.effective('uwsgiPassRequestBody') === false ? new Uint8Array(0) : body,
  });
  if (!built.ok) {
    run.decisions.push({ kind: 'uwsgi-too-big', length: built.length });
    run.log('alert', `uwsgi request is too big: ${built.length}`);
    run.keepAlive = false;
    return respondSpecial(run, 500);
  }
  const server = upstream.servers[0];
  const address =
    server === undefined
      ? upstream.name
      : server.address.kind === 'unix'
        ? `unix:${server.address.path}`
        : `${server.address.host}:${server.address.port}`;
  run.decisions.push({
    kind: 'uwsgi',
    upstream: upstream.name,
    address,
    at,
    modifier1: modifier1 & 0xff,
    modifier2: modifier2 & 0xff,
    params: built.params,
    headers: built.headers,
    datasize: built.datasize,
    bodyLength: body.length,
  });
  return {
    kind: 'upstream',
    upstream,
    address,
    packet: built.packet,
    request: {
      method: run.method ?? run.request.method,
      errStatus: run.errStatus,
      version: run.request.version,
      keepAlive: run.keepAlive,
      serverTokens: block.effective('serverTokens') ?? 'on',
      chunkedTransferEncoding: block.effective('chunkedTransferEncoding') ?? true,
      padding: wantsPadding(run),
      logContext: run.logContext(),
    },
  };
}

// ngx_http_read_client_request_body: Content-Length bytes, or a chunked body de-chunked
function readBody(run: RequestRun): Uint8Array | 'incomplete' | 'too-large' {
  const head = run.request;
  if (head.chunked) {
    const decoder = new ChunkedDecoder();
    const events: ChunkedEvent[] = [];
    try {
      decoder.push(head.rest, 0, events);
    } catch {
      return 'incomplete';
    }
    if (!decoder.done) return 'incomplete';
    const body = concatBytes(events.flatMap((e) => (e.type === 'data' ? [e.chunk] : [])));
    const limit = run.block.effective('clientMaxBodySize') ?? 1024 * 1024;
    if (limit !== 0 && body.length > limit) {
      run.decisions.push({ kind: 'body-too-large', limit, length: body.length });
      run.log('error', `client intended to send too large chunked body: ${body.length} bytes`);
      run.keepAlive = false;
      return 'too-large';
    }
    return body;
  }
  const length = head.contentLength ?? 0;
  if (head.rest.length < length) return 'incomplete';
  return head.rest.slice(0, length);
}

/** ngx_http_finalize_request with an error status: error_page, else nginx's own page. */
function finalize(run: RequestRun, status: number): NginxOutcome {
  const pages = run.block.effective('errorPages');
  if (!run.errorPageUsed && pages !== undefined && run.uriChanges !== 0) {
    const page = pages.find((p) => p.codes.includes(status));
    if (page !== undefined) {
      // ngx_http_send_error_page
      run.errorPageUsed = true;
      const target = run.evaluate(page.uri);
      run.decisions.push({ kind: 'error-page', status, to: target, at: page.at });
      if (target.startsWith('/') || target.startsWith('@')) {
        run.errStatus = page.overwrite === undefined ? status : page.overwrite.status;
        if (run.request.method !== 'HEAD') run.method = 'GET';
        if (target.startsWith('@')) return namedLocation(run, target);
        return internalRedirect(run, target, 'error_page');
      }
      const redirect = page.overwrite?.status;
      return respondSpecial(
        run,
        redirect !== undefined && [301, 302, 303, 307, 308].includes(redirect) ? redirect : 302,
        {
          location: target,
        },
      );
    }
  }
  return respondSpecial(run, status);
}

// msie_padding (on by default) pads error pages for MSIE and Chrome (ngx_http_process_user_agent)
function wantsPadding(run: RequestRun): boolean {
  const agent = run.head?.headers.find((h) => h.name.toLowerCase() === 'user-agent')?.value ?? '';
  if (agent.includes('MSIE ')) return !agent.includes('Opera');
  if (agent.includes('Opera') || agent.includes('Gecko/')) return false;
  return agent.includes('Chrome/');
}

function respondSpecial(
  run: RequestRun,
  status: number,
  extra: { location?: string; version?: number; headOnly?: boolean } = {},
): NginxOutcome {
  if (closesConnection(status)) run.keepAlive = false;
  const tokens: ServerTokens = run.block.effective('serverTokens') ?? 'on';
  const page = specialPage(status, tokens, wantsPadding(run));
  return {
    kind: 'respond',
    response: {
      status: run.errStatus ?? wireStatus(status),
      contentType: page === undefined ? undefined : 'text/html',
      body: bytesOf(page ?? ''),
      location: extra.location,
      file: undefined,
      keepAlive: run.keepAlive,
      headOnly: extra.headOnly ?? run.head?.method === 'HEAD',
      serverTokens: tokens,
      version: extra.version ?? run.head?.version ?? 1001,
    },
  };
}

function respond(
  run: RequestRun,
  response: Pick<OwnResponse, 'status' | 'contentType' | 'body' | 'location' | 'file'>,
): NginxOutcome {
  return {
    kind: 'respond',
    response: {
      ...response,
      status: run.errStatus ?? response.status,
      keepAlive: run.keepAlive,
      headOnly: run.request.method === 'HEAD',
      serverTokens: run.block.effective('serverTokens') ?? 'on',
      version: run.request.version,
    },
  };
}

// Location headers for redirects nginx makes: absolute (absolute_redirect on), with $host and
// the port when it is not 80 (port_in_redirect on)
function absoluteLocation(run: RequestRun, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || !target.startsWith('/')) return target;
  const host = run.head?.host ?? variableValue('server_name', run.variables()) ?? '';
  const port = run.options.connection.localPort;
  return `http://${host}${port === 80 ? '' : `:${port}`}${target}`;
}

/** ngx_http_set_content_type: by the URI's extension through types{}, else default_type. */
function contentTypeFor(run: RequestRun): string {
  const exten = run.uri.slice(run.uri.lastIndexOf('/') + 1);
  const dot = exten.lastIndexOf('.');
  const types = run.block.effective('types');
  if (dot >= 0 && types !== undefined) {
    const type = types.get(exten.slice(dot + 1).toLowerCase());
    if (type !== undefined) return type;
  }
  return run.block.effective('defaultType') ?? 'text/plain';
}

function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
