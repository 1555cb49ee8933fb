// The journey of one request: every hop it made — bytes in, the decision taken and why, bytes out
// — from the client through nginx and uWSGI to the app and back, or the hop where it failed and
// why. One typed, JSON-serializable structure: the visualizer draws it, tests assert it. Bytes are
// lower-case hex (the codec's `annotate` gives their fields when someone wants them).

/** The four actors, in the order a request meets them. */
export type Actor = 'client' | 'nginx' | 'uwsgi' | 'app';

/** Bytes on a wire or in a buffer, as hex (JSON has no bytes). */
export interface TraceBytes {
  readonly hex: string;
  readonly length: number;
}

/** A check made on the way, and what it found (uWSGI's buffer size, vars count, modifier…). */
export interface TraceCheck {
  /** Machine name: `buffer-size`, `modifier1`, `vars`, `app`, … */
  readonly id: string;
  readonly ok: boolean;
  /** The values compared, for people: `datasize 5377 > buffer-size 4096`. */
  readonly detail: string;
}

/** A reason a decision went the way it did (nginx's server and location choice, say). */
export interface TraceReason {
  readonly id: string;
  readonly detail: string;
}

export type Hop =
  /** What the client (curl, the browser) sent. */
  | {
      readonly kind: 'client-request';
      readonly actor: 'client';
      readonly bytes: TraceBytes;
      readonly method: string;
      readonly target: string;
    }
  /**
   * nginx picked a server and a location (seam: the nginx model fills it — its own types go in
   * `detail`, which must stay JSON).
   */
  | {
      readonly kind: 'nginx-decision';
      readonly actor: 'nginx';
      readonly server: string;
      readonly location: string;
      /** `uwsgi_pass`, `try_files`, `static`, `return`, … */
      readonly action: string;
      readonly reasons: readonly TraceReason[];
      readonly detail?: Readonly<Record<string, unknown>>;
    }
  /** A connect() to an upstream or server: which address, and whether it worked. */
  | {
      readonly kind: 'connect';
      readonly actor: Actor;
      readonly target: string;
      readonly ok: boolean;
      /** `(13: Permission denied)` and the like when it failed. */
      readonly error?: string;
    }
  /** The uwsgi packet nginx sent (header, vars, body). */
  | {
      readonly kind: 'uwsgi-packet';
      readonly actor: 'nginx';
      readonly bytes: TraceBytes;
      readonly datasize: number;
      readonly modifier1: number;
      readonly modifier2: number;
    }
  /** uWSGI read the request: what it checked. */
  | {
      readonly kind: 'uwsgi-checks';
      readonly actor: 'uwsgi';
      readonly checks: readonly TraceCheck[];
    }
  /** The WSGI environ the app got, as `KEY: value` lines (str values as ascii() shows them). */
  | { readonly kind: 'environ'; readonly actor: 'uwsgi'; readonly lines: readonly string[] }
  /** The app's start_response call and body. */
  | {
      readonly kind: 'app-response';
      readonly actor: 'app';
      readonly app: string;
      readonly status: string;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: TraceBytes;
      /** What the app wrote to wsgi.errors (tracebacks). */
      readonly errors: readonly string[];
    }
  /** What uWSGI wrote back on the socket, how the connection ended, and its log lines. */
  | {
      readonly kind: 'uwsgi-response';
      readonly actor: 'uwsgi';
      readonly bytes: TraceBytes;
      readonly end: 'close' | 'reset';
      readonly log: readonly string[];
    }
  /**
   * What nginx sent the client (seam: the nginx model fills it), and what it changed in uWSGI's
   * answer: headers added, removed or rewritten, re-chunking.
   */
  | {
      readonly kind: 'nginx-response';
      readonly actor: 'nginx';
      readonly bytes: TraceBytes;
      readonly changes: readonly TraceReason[];
      readonly errorLog: readonly string[];
    }
  /** The hop where the request stopped, and why (`code` is a machine name, `message` the program's words). */
  | {
      readonly kind: 'failure';
      readonly actor: Actor;
      readonly code: string;
      readonly message: string;
      readonly log: readonly string[];
    };

export type HopKind = Hop['kind'];

export interface Journey {
  /** Sequence number within a lab (1, 2, …). */
  readonly id: number;
  /** Milliseconds since the epoch, from the machine's clock. */
  readonly startedAt: number;
  readonly hops: readonly Hop[];
}

/** Collects hops as the request travels; every component that handles it appends its own. */
export interface HopRecorder {
  record(hop: Hop): void;
}

/** A recorder that keeps the hops in order, for one journey. */
export class JourneyRecorder implements HopRecorder {
  readonly #hops: Hop[] = [];
  readonly #id: number;
  readonly #startedAt: number;

  constructor(id: number, startedAt: number) {
    this.#id = id;
    this.#startedAt = startedAt;
  }

  record(hop: Hop): void {
    this.#hops.push(hop);
  }

  journey(): Journey {
    return { id: this.#id, startedAt: this.#startedAt, hops: [...this.#hops] };
  }
}

const HEX = '0123456789abcdef';

export function traceBytes(bytes: Uint8Array): TraceBytes {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte >> 4]! + HEX[byte & 15]!;
  return { hex, length: bytes.length };
}

/** The first failure hop of a journey, if it failed. */
export function journeyFailure(journey: Journey): Extract<Hop, { kind: 'failure' }> | undefined {
  return journey.hops.find(
    (hop): hop is Extract<Hop, { kind: 'failure' }> => hop.kind === 'failure',
  );
}
