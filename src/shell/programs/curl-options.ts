// curl 7.88.1's command line for the options the course uses (src/tool_getparam.c): short options
// bundled (`-sv`, `-sI`), an argument attached or next (`-XPOST`, `-X POST`), long options with
// their argument next or after `=`, URLs anywhere. Its errors are curl's own words:
// `curl: option -H: requires parameter`, `curl: option --foo: is unknown`, each followed by
// `curl: try 'curl --help' or 'curl --manual' for more information` and exit status 2.

export interface CurlOptions {
  readonly urls: readonly string[];
  readonly include: boolean;
  readonly head: boolean;
  readonly verbose: boolean;
  readonly silent: boolean;
  readonly showError: boolean;
  readonly fail: boolean;
  readonly method: string | undefined;
  /** -d / --data / --data-raw / --data-binary values, joined with `&` as curl joins them. */
  readonly data: readonly DataPart[];
  readonly headers: readonly string[];
  readonly output: string | undefined;
  readonly writeOut: string | undefined;
  readonly unixSocket: string | undefined;
  readonly pathAsIs: boolean;
  readonly userAgent: string | undefined;
  readonly referer: string | undefined;
}

export interface DataPart {
  /** -d (reads `@file` without its newlines), --data-raw (no `@`), --data-binary (`@file` as is). */
  readonly kind: 'ascii' | 'raw' | 'binary';
  readonly value: string;
}

export const CURL_TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

type Setter = (options: Mutable, value: string) => void;
type Flag = (options: Mutable) => void;

type Mutable = {
  -readonly [K in keyof CurlOptions]: CurlOptions[K] extends readonly (infer T)[]
    ? T[]
    : CurlOptions[K];
};

const FLAGS: Readonly<Record<string, Flag>> = {
  include: (o) => (o.include = true),
  head: (o) => (o.head = true),
  verbose: (o) => (o.verbose = true),
  silent: (o) => (o.silent = true),
  'show-error': (o) => (o.showError = true),
  fail: (o) => (o.fail = true),
  'path-as-is': (o) => (o.pathAsIs = true),
};

const WITH_VALUE: Readonly<Record<string, Setter>> = {
  request: (o, v) => (o.method = v),
  data: (o, v) => o.data.push({ kind: 'ascii', value: v }),
  'data-ascii': (o, v) => o.data.push({ kind: 'ascii', value: v }),
  'data-raw': (o, v) => o.data.push({ kind: 'raw', value: v }),
  'data-binary': (o, v) => o.data.push({ kind: 'binary', value: v }),
  header: (o, v) => o.headers.push(v),
  output: (o, v) => (o.output = v),
  'write-out': (o, v) => (o.writeOut = v),
  'unix-socket': (o, v) => (o.unixSocket = v),
  'user-agent': (o, v) => (o.userAgent = v),
  referer: (o, v) => (o.referer = v),
  url: (o, v) => o.urls.push(v),
};

const SHORT: Readonly<Record<string, string>> = {
  i: 'include',
  I: 'head',
  v: 'verbose',
  s: 'silent',
  S: 'show-error',
  f: 'fail',
  X: 'request',
  d: 'data',
  H: 'header',
  o: 'output',
  w: 'write-out',
  A: 'user-agent',
  e: 'referer',
};

/** Parsed options, or the text curl prints to stderr before exiting with status 2. */
export function parseCurlArgs(args: readonly string[]): CurlOptions | { readonly error: string } {
  const options: Mutable = {
    urls: [],
    include: false,
    head: false,
    verbose: false,
    silent: false,
    showError: false,
    fail: false,
    method: undefined,
    data: [],
    headers: [],
    output: undefined,
    writeOut: undefined,
    unixSocket: undefined,
    pathAsIs: false,
    userAgent: undefined,
    referer: undefined,
  };
  const problem = (text: string): { error: string } => ({
    error: `curl: ${text}\n${CURL_TRY_HELP}`,
  });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const flag = FLAGS[name];
      if (flag !== undefined && eq < 0) {
        flag(options);
        continue;
      }
      const setter = WITH_VALUE[name];
      if (setter === undefined) return problem(`option ${arg}: is unknown`);
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return problem(`option --${name}: requires parameter`);
      setter(options, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const long = SHORT[letter];
        if (long === undefined) return problem(`option -${arg.slice(j)}: is unknown`);
        const flag = FLAGS[long];
        if (flag !== undefined) {
          flag(options);
          continue;
        }
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return problem(`option -${letter}: requires parameter`);
        WITH_VALUE[long]!(options, value);
        break;
      }
      continue;
    }
    options.urls.push(arg);
  }
  return options;
}
