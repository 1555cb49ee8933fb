// The PEP 3333 environ uWSGI's python plugin builds from a request's vars
// (plugins/python/wsgi_subhandler.c, uwsgi_request_subhandler_wsgi): every var as a str whose code
// points are the var's bytes (PyUnicode_DecodeLatin1 — each byte becomes the code point of the same
// number, never windows-1252), a repeated key keeping its first place with the last value (a dict),
// then wsgi.input, wsgi.file_wrapper, wsgi.version, wsgi.errors, wsgi.run_once,
// wsgi.multithread, wsgi.multiprocess, wsgi.url_scheme, uwsgi.version, uwsgi.core (more than one
// core only) and uwsgi.node, in that order.

import { latin1Text } from '../../protocol/index.ts';
import type { UwsgiVar } from '../../protocol/index.ts';
import { pyAscii, pyReprBool, pyReprBytes } from './python-repr.ts';

/** `wsgi.input`: uWSGI's `uwsgi._Input`, reading the request body (CONTENT_LENGTH bytes). */
export class WsgiInput {
  readonly #body: Uint8Array;
  #at = 0;

  constructor(body: Uint8Array) {
    this.#body = body;
  }

  /** `read(size=-1)`: up to `size` bytes (all that is left when negative or absent). */
  read(size = -1): Uint8Array {
    const end = size < 0 ? this.#body.length : Math.min(this.#body.length, this.#at + size);
    const chunk = this.#body.slice(this.#at, end);
    this.#at = end;
    return chunk;
  }

  /** `readline()`: up to and including the next `\n`. */
  readline(): Uint8Array {
    const newline = this.#body.indexOf(0x0a, this.#at);
    return this.read(newline < 0 ? -1 : newline + 1 - this.#at);
  }

  /** How many body bytes the app has read. */
  get consumed(): number {
    return this.#at;
  }

  get length(): number {
    return this.#body.length;
  }
}

/** `wsgi.errors`: what the app writes there goes to uWSGI's log. */
export class WsgiErrors {
  readonly #sink: (text: string) => void;

  constructor(sink: (text: string) => void) {
    this.#sink = sink;
  }

  write(text: string): void {
    this.#sink(text);
  }
}

/** An object the environ holds that a listing shows only by type, as `<module.qualname>`. */
export class PyObjectRef {
  readonly module: string;
  readonly qualname: string;

  constructor(module: string, qualname: string) {
    this.module = module;
    this.qualname = qualname;
  }
}

/** A Python tuple of ints (wsgi.version). */
export type PyIntTuple = readonly number[] & { readonly tuple: true };

export function pyTuple(...items: number[]): PyIntTuple {
  return Object.assign([...items], { tuple: true as const });
}

/**
 * An environ value: `str` (a JS string whose code points are Python's), bool, int, bytes
 * (Uint8Array), a tuple of ints, the input and error streams, or another object.
 */
export type EnvironValue =
  string | boolean | number | Uint8Array | PyIntTuple | WsgiInput | WsgiErrors | PyObjectRef;

/** A Python dict: insertion order, a re-set key keeps its place. */
export type Environ = Map<string, EnvironValue>;

export interface EnvironOptions {
  /** Threads per worker (`--threads`); more than one makes wsgi.multithread True. */
  readonly threads: number;
  /** Worker processes (`--processes`); anything but one makes wsgi.multiprocess True. */
  readonly processes: number;
  /** The core serving the request (uwsgi.core, set only when a worker has more than one). */
  readonly core: number;
  /** `2.0.21-debian` or `2.0.21` (uwsgi.version, bytes). */
  readonly uwsgiVersion: string;
  /** The machine's node name (uwsgi.node, bytes): uname -n. */
  readonly nodename: string;
  readonly errors: WsgiErrors;
}

/** The environ for a request's vars and body. */
export function environFromVars(
  vars: readonly UwsgiVar[],
  body: Uint8Array,
  options: EnvironOptions,
): Environ {
  const environ: Environ = new Map();
  for (const [key, value] of vars) environ.set(latin1Text(key), latin1Text(value));
  environ.set('wsgi.input', new WsgiInput(body));
  environ.set('wsgi.file_wrapper', new PyObjectRef('builtins', 'builtin_function_or_method'));
  environ.set('wsgi.version', pyTuple(1, 0));
  environ.set('wsgi.errors', options.errors);
  environ.set('wsgi.run_once', false);
  environ.set('wsgi.multithread', options.threads > 1);
  environ.set('wsgi.multiprocess', options.processes !== 1);
  environ.set('wsgi.url_scheme', urlScheme(environ));
  environ.set('uwsgi.version', asciiBytes(options.uwsgiVersion));
  if (options.threads > 1) environ.set('uwsgi.core', options.core);
  environ.set('uwsgi.node', asciiBytes(options.nodename));
  return environ;
}

// UWSGI_SCHEME wins; else HTTPS "on" (any case) or starting with "1" means https
// (core/protocol.c sets scheme/https from those vars; wsgi_subhandler.c picks).
function urlScheme(environ: Environ): string {
  const scheme = environ.get('UWSGI_SCHEME');
  if (typeof scheme === 'string' && scheme !== '') return scheme;
  const https = environ.get('HTTPS');
  if (typeof https === 'string' && https !== '') {
    return https.slice(0, 2).toLowerCase() === 'on' || https.startsWith('1') ? 'https' : 'http';
  }
  return 'http';
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** A str value of the environ, or undefined when absent or not a str. */
export function environStr(environ: Environ, key: string): string | undefined {
  const value = environ.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** How a listing shows one value: ascii() for str, repr() for bytes/bool/int/tuple, else the type. */
export function showEnvironValue(value: EnvironValue): string {
  if (typeof value === 'string') return pyAscii(value);
  if (typeof value === 'boolean') return pyReprBool(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Uint8Array) return pyReprBytes(value);
  if (value instanceof WsgiInput) return '<uwsgi._Input>';
  if (value instanceof WsgiErrors) return '<_io.TextIOWrapper>';
  if (value instanceof PyObjectRef) return `<${value.module}.${value.qualname}>`;
  return `(${value.join(', ')}${value.length === 1 ? ',' : ''})`;
}

/** `KEY: value` lines sorted by key, as the environ dumper app prints them. */
export function environLines(environ: Environ): string[] {
  return [...environ.keys()]
    .sort(compareCodePoints)
    .map((key) => `${key}: ${showEnvironValue(environ.get(key)!)}`);
}

/** Python's str ordering: by code point (JS's default sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
