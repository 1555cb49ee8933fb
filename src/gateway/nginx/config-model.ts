// The configuration nginx holds after reading its files: the main settings, the http servers with
// their listen addresses and names, locations (with nested ones and the search tree), upstreams, and
// each block's settings. Settings of http, server, location and `if` blocks are kept per block;
// `effective` asks for a value the way nginx's merge_loc_conf fills it in from the outer blocks.

import type { LocationTree } from './location-tree.ts';
import type { Script } from './script.ts';

/** Where a directive is in the files, as nginx reports it. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export type BlockKind = 'http' | 'server' | 'location' | 'if' | 'limit_except';

/** What comes after try_files' last file candidate. */
export type TryFilesFallback =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'uri'; readonly uri: Script };

export interface TryFilesSetting {
  readonly files: readonly Script[];
  readonly fallback: TryFilesFallback;
  readonly at: SourceRef;
}

export interface ReturnSetting {
  readonly status: number;
  /** The body text (2xx–5xx other than redirects) or the redirect URL (301, 302, 303, 307, 308). */
  readonly text: Script | undefined;
  readonly at: SourceRef;
}

export interface ErrorPageSetting {
  readonly codes: readonly number[];
  /** `=` alone (undefined status: the response's own) or `=CODE`; absent without `=`. */
  readonly overwrite: { readonly status: number | undefined } | undefined;
  readonly uri: Script;
  readonly at: SourceRef;
}

export type UpstreamAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'inet'; readonly host: string; readonly port: number };

export interface UwsgiPassSetting {
  /** As written, without `uwsgi://`: `unix:/tmp/uwsgi.sock`, `127.0.0.1:3031`, `backend`. */
  readonly url: string;
  /**
   * The upstream{} block it names, or the one implicit upstream made from an address; undefined
   * when the address has variables (nginx works it out per request).
   */
  readonly upstream: UpstreamBlock | undefined;
  /** The address with its variables, when it has any. */
  readonly script: Script | undefined;
  readonly at: SourceRef;
}

export interface UwsgiParamSetting {
  readonly key: string;
  readonly value: Script;
  readonly ifNotEmpty: boolean;
  readonly at: SourceRef;
}

export interface UpstreamServer {
  readonly address: UpstreamAddress;
  readonly at: SourceRef;
}

export interface UpstreamBlock {
  readonly name: string;
  /** Made by an upstream{} block, not implied by a `uwsgi_pass HOST:PORT`. */
  readonly explicit: boolean;
  readonly servers: UpstreamServer[];
  readonly at: SourceRef;
}

export interface LogSetting {
  readonly path: string | 'off' | 'stderr';
  readonly level: string | undefined;
  readonly at: SourceRef;
}

/** The settings one block sets itself; anything absent comes from an outer block or a default. */
export interface BlockSettings {
  root?: { readonly path: Script; readonly alias: boolean; readonly at: SourceRef };
  index?: { readonly files: readonly Script[]; readonly at: SourceRef };
  tryFiles?: TryFilesSetting;
  /** rewrite-module actions in order (only `return` is modelled; it ends the list). */
  returnAction?: ReturnSetting;
  errorPages?: ErrorPageSetting[];
  clientMaxBodySize?: number;
  defaultType?: string;
  types?: Map<string, string>;
  serverTokens?: 'on' | 'off' | 'build';
  keepaliveTimeout?: number;
  chunkedTransferEncoding?: boolean;
  uwsgiPass?: UwsgiPassSetting;
  uwsgiParams?: UwsgiParamSetting[];
  uwsgiModifier1?: number;
  uwsgiModifier2?: number;
  uwsgiReadTimeout?: number;
  uwsgiConnectTimeout?: number;
  uwsgiBufferSize?: number;
  uwsgiPassRequestHeaders?: boolean;
  uwsgiPassRequestBody?: boolean;
  accessLog?: LogSetting[];
  errorLog?: LogSetting[];
  // server-level settings (ngx_http_core_srv_conf_t)
  underscoresInHeaders?: boolean;
  ignoreInvalidHeaders?: boolean;
  mergeSlashes?: boolean;
  clientHeaderBufferSize?: number;
  largeClientHeaderBuffers?: { readonly count: number; readonly size: number };
  /** Debian's max_headers (default 1000). */
  maxHeaders?: number;
}

export class ConfigBlock {
  readonly kind: BlockKind;
  readonly parent: ConfigBlock | undefined;
  readonly settings: BlockSettings = {};
  /** Directive names already set here, for nginx's `"NAME" directive is duplicate`. */
  readonly seen = new Set<string>();

  constructor(kind: BlockKind, parent: ConfigBlock | undefined) {
    this.kind = kind;
    this.parent = parent;
  }

  /** The value from this block or the nearest outer one that sets it. */
  effective<K extends keyof BlockSettings>(key: K): BlockSettings[K] | undefined {
    const value = this.settings[key];
    if (value !== undefined) return value;
    return this.parent?.effective(key);
  }
}

export type LocationModifier = '=' | '^~' | '~' | '~*' | '' | '@';

export interface LocationConf {
  /** The name as written (for regexes, the pattern). */
  readonly name: string;
  readonly modifier: LocationModifier;
  readonly regex: RegExp | undefined;
  readonly block: ConfigBlock;
  readonly at: SourceRef;
  readonly parent: LocationConf | undefined;
  readonly locations: LocationConf[];
  /** Built after the whole http{} is read. */
  tree: LocationTree | undefined;
  /** A `uwsgi_pass` (or other proxying) in a location ending in `/` redirects the name without it. */
  autoRedirect: boolean;
}

export type ServerName =
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'wildcard-head'; readonly name: string; readonly suffix: string }
  | { readonly kind: 'wildcard-tail'; readonly name: string; readonly prefix: string }
  | {
      readonly kind: 'regex';
      readonly name: string;
      readonly regex: RegExp;
      readonly captures: number;
    };

export interface ListenSetting {
  /** nginx's text for the address: `0.0.0.0:8080`, `127.0.0.1:8080`, `[::]:80`, `unix:/run/x.sock`. */
  readonly addrText: string;
  readonly family: 'inet' | 'inet6' | 'unix';
  /** `0.0.0.0`, `::`, an address, or the unix path. */
  readonly address: string;
  readonly port: number;
  readonly wildcard: boolean;
  readonly defaultServer: boolean;
  /** Sets socket options (backlog=, rcvbuf=, bind, …): only one listen per address may. */
  readonly setsOptions: boolean;
  /** `listen … ssl`: the server then needs an ssl_certificate. */
  readonly ssl: boolean;
  readonly at: SourceRef | undefined;
}

export interface ServerConf {
  readonly index: number;
  readonly block: ConfigBlock;
  readonly at: SourceRef;
  readonly names: ServerName[];
  readonly listens: ListenSetting[];
  readonly locations: LocationConf[];
  tree: LocationTree | undefined;
  /** Named locations (`@name`) by name. */
  readonly named: Map<string, LocationConf>;
}

/** The names an address answers to, after conflicts are dropped (ngx_http_server_names). */
export interface AddressNames {
  readonly exact: Map<string, ServerConf>;
  /** `*.example.com` and `.example.com`, as suffixes (`.example.com`). */
  readonly head: { readonly suffix: string; readonly server: ServerConf }[];
  /** `www.example.*`, as prefixes (`www.example.`). */
  readonly tail: { readonly prefix: string; readonly server: ServerConf }[];
  /** In the order the servers and names were written. */
  readonly regex: { readonly name: string; readonly regex: RegExp; readonly server: ServerConf }[];
}

/** One listening address and the servers that share it (ngx_http_conf_addr_t). */
export interface ListenAddress {
  listen: ListenSetting;
  readonly servers: ServerConf[];
  defaultServer: ServerConf;
  names: AddressNames | undefined;
}

export interface HttpConf {
  readonly block: ConfigBlock;
  readonly servers: ServerConf[];
  readonly addresses: ListenAddress[];
  readonly upstreams: UpstreamBlock[];
  /** Variables made by `set`, `map`, `geo`, and named regex captures. */
  readonly definedVariables: Set<string>;
  readonly logFormats: Set<string>;
}

export interface MainConf {
  user:
    | { readonly user: string; readonly group: string; readonly uid: number; readonly gid: number }
    | undefined;
  workerProcesses: number | 'auto' | undefined;
  pid: string | undefined;
  errorLogs: LogSetting[];
  eventsSeen: boolean;
}

export interface NginxConfig {
  readonly main: MainConf;
  readonly http: HttpConf | undefined;
  /** Every file read, in order. */
  readonly files: readonly string[];
}
