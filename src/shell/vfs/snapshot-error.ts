// The one error a saved machine can fail to load with: the lab catches it and starts a fresh
// machine with a one-line notice. `where` points into the JSON (`fs.root.e[3].T`).

export type SnapshotErrorCode =
  /** Not JSON, or not an object where one was expected. */
  | 'not-a-snapshot'
  /** Saved by another version of the simulator (the lab migrates or starts afresh). */
  | 'unsupported-version'
  /** A field is missing or has the wrong type or an impossible value. */
  | 'malformed';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  readonly code: SnapshotErrorCode;
  readonly where: string;

  constructor(code: SnapshotErrorCode, where: string, detail: string) {
    super(`saved machine ${code === 'malformed' ? 'is malformed' : code} at ${where}: ${detail}`);
    this.code = code;
    this.where = where;
  }
}

/** Reads plain JSON values with a path for errors: the guard every loader uses. */
export class JsonReader {
  readonly value: unknown;
  readonly where: string;

  constructor(value: unknown, where: string) {
    this.value = value;
    this.where = where;
  }

  fail(detail: string): never {
    throw new SnapshotError('malformed', this.where, detail);
  }

  object(): Readonly<Record<string, unknown>> {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail('expected an object');
    return v as Record<string, unknown>;
  }

  field(key: string): JsonReader {
    return new JsonReader(this.object()[key], `${this.where}.${key}`);
  }

  has(key: string): boolean {
    return this.object()[key] !== undefined;
  }

  array(): JsonReader[] {
    const v = this.value;
    if (!Array.isArray(v)) this.fail('expected an array');
    return v.map((item: unknown, i) => new JsonReader(item, `${this.where}[${i}]`));
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail('expected a string');
    return this.value;
  }

  /** A finite number, optionally a non-negative integer. */
  number(options: { readonly integer?: boolean; readonly min?: number } = {}): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail('expected a number');
    if (options.integer === true && !Number.isInteger(v)) this.fail('expected an integer');
    if (options.min !== undefined && v < options.min) this.fail(`expected at least ${options.min}`);
    return v;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail('expected true or false');
    return this.value;
  }

  optional<T>(key: string, read: (reader: JsonReader) => T): T | undefined {
    return this.has(key) ? read(this.field(key)) : undefined;
  }
}

/** Parses saved text: JSON errors become a SnapshotError too. */
export function parseSnapshotText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SnapshotError('not-a-snapshot', '$', 'not JSON');
  }
}
