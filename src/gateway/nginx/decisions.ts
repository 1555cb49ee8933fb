// Why nginx did what it did with one request, step by step: a typed, serializable record (plain
// data, no config objects) that the visualizer draws and the tests assert. Each step names the
// directive it came from (file and line) where there is one.

import type { LocationModifier, ServerConf, SourceRef, LocationConf } from './config-model.ts';
import type { LocationTest } from './location-tree.ts';
import type { ServerMatch } from './server-select.ts';

export interface ServerRef {
  readonly index: number;
  readonly names: readonly string[];
  readonly at: SourceRef;
}

export interface LocationRef {
  readonly name: string;
  readonly modifier: LocationModifier;
  readonly at: SourceRef;
}

/** One comparison of the location search, as nginx's debug log would list it. */
export type LocationTestRecord =
  | {
      readonly kind: 'static';
      readonly node: string;
      readonly locations: readonly LocationRef[];
      readonly outcome: 'left' | 'right' | 'prefix' | 'exact' | 'inclusive' | 'redirect-candidate';
    }
  | { readonly kind: 'regex'; readonly location: LocationRef; readonly matched: boolean }
  | { readonly kind: 'skip-regex'; readonly because: LocationRef };

export interface TryFilesCheck {
  /** The argument as written (`$uri`, `$uri/`). */
  readonly candidate: string;
  /** The file system path tested. */
  readonly path: string;
  readonly wanted: 'file' | 'directory';
  readonly found: 'file' | 'directory' | 'missing' | 'forbidden';
}

export interface UwsgiParamRecord {
  readonly key: string;
  readonly value: string;
  readonly at: SourceRef;
  /** `if_not_empty` with an empty value: not sent. */
  readonly skipped: boolean;
}

export interface UwsgiHeaderRecord {
  readonly header: string;
  readonly key: string;
  /** Why a client header was not sent as HTTP_*: a uwsgi_param set that name. */
  readonly hiddenBy: string | undefined;
}

export type NginxDecision =
  | {
      readonly kind: 'request-read';
      readonly method: string;
      readonly requestUri: string;
      readonly uri: string;
      readonly args: string | undefined;
      readonly protocol: string;
      readonly host: string | undefined;
      readonly hostSource: 'request-line' | 'host-header' | undefined;
      /** Header lines nginx dropped as invalid (names with `_`, …). */
      readonly ignoredHeaders: readonly string[];
    }
  | { readonly kind: 'request-refused'; readonly status: number; readonly reason: string }
  | {
      readonly kind: 'server-selected';
      readonly address: string;
      readonly host: string;
      readonly server: ServerRef;
      readonly by: ServerMatch;
      readonly name: string | undefined;
      /** The other servers on that address. */
      readonly candidates: readonly ServerRef[];
    }
  | {
      readonly kind: 'location-search';
      readonly uri: string;
      readonly tests: readonly LocationTestRecord[];
      readonly result: 'exact' | 'prefix' | 'regex' | 'redirect' | 'none';
      readonly location: LocationRef | undefined;
    }
  | {
      readonly kind: 'named-location';
      readonly name: string;
      readonly location: LocationRef | undefined;
    }
  | { readonly kind: 'body-too-large'; readonly limit: number; readonly length: number }
  | {
      readonly kind: 'return';
      readonly at: SourceRef;
      readonly status: number;
      readonly text: string | undefined;
    }
  | {
      readonly kind: 'try-files';
      readonly at: SourceRef;
      readonly checks: readonly TryFilesCheck[];
      readonly result:
        | { readonly kind: 'file'; readonly uri: string }
        | { readonly kind: 'status'; readonly status: number }
        | { readonly kind: 'named'; readonly name: string }
        | { readonly kind: 'uri'; readonly uri: string };
    }
  | {
      readonly kind: 'internal-redirect';
      readonly to: string;
      readonly because: 'try_files' | 'index' | 'error_page';
    }
  | {
      readonly kind: 'index';
      readonly directory: string;
      readonly tried: readonly string[];
      readonly found: string | undefined;
    }
  | {
      readonly kind: 'static';
      readonly path: string;
      readonly result:
        | 'file'
        | 'directory-redirect'
        | 'not-found'
        | 'forbidden'
        | 'directory-forbidden'
        | 'method-not-allowed';
    }
  | {
      readonly kind: 'error-page';
      readonly status: number;
      readonly to: string;
      readonly at: SourceRef;
    }
  | {
      readonly kind: 'uwsgi';
      readonly upstream: string;
      readonly address: string;
      readonly at: SourceRef;
      readonly modifier1: number;
      readonly modifier2: number;
      readonly params: readonly UwsgiParamRecord[];
      readonly headers: readonly UwsgiHeaderRecord[];
      readonly datasize: number;
      readonly bodyLength: number;
    }
  | { readonly kind: 'uwsgi-too-big'; readonly length: number };

export function serverRef(server: ServerConf): ServerRef {
  return {
    index: server.index,
    names: server.names.map((n) => (n.kind === 'regex' ? `~${n.name}` : n.name)),
    at: server.at,
  };
}

export function locationRef(location: LocationConf): LocationRef {
  return { name: location.name, modifier: location.modifier, at: location.at };
}

export function testRecord(test: LocationTest): LocationTestRecord {
  switch (test.kind) {
    case 'static':
      return {
        kind: 'static',
        node: test.node,
        locations: test.locations.map(locationRef),
        outcome: test.outcome,
      };
    case 'regex':
      return { kind: 'regex', location: locationRef(test.location), matched: test.matched };
    case 'skip-regex':
      return { kind: 'skip-regex', because: locationRef(test.because) };
  }
}
