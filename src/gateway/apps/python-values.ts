// Python values for the modelled apps' expressions, and how Python shows them: str(), repr().
// str is a JS string, int and float are PyInt/PyFloat (so 1 and 1.0 stay apart), lists are arrays,
// dicts are Maps (insertion order), None is null.

import { pyReprBytes, pyReprStr } from '../wsgi/python-repr.ts';
import { PyFloat, PyInt, pyFloatRepr, type PyJson } from './python-json.ts';

export class PyBytes {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

export class PyTuple {
  readonly items: readonly PyValue[];
  constructor(items: readonly PyValue[]) {
    this.items = items;
  }
}

/** An object the expressions can reach but not show (request, request.args, …). */
export class PyOpaque {
  readonly type: string;
  readonly value: unknown;
  constructor(type: string, value: unknown) {
    this.type = type;
    this.value = value;
  }
}

export type PyValue =
  | null
  | boolean
  | string
  | PyInt
  | PyFloat
  | PyBytes
  | PyTuple
  | PyOpaque
  | PyValue[]
  | Map<string, PyValue>;

/** Python's str(value). */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

/** Python's repr(value). */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pyReprStr(value);
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (value instanceof PyBytes) return pyReprBytes(value.bytes);
  if (value instanceof PyTuple)
    return `(${value.items.map(pyRepr).join(', ')}${value.items.length === 1 ? ',' : ''})`;
  if (value instanceof PyOpaque) return `<${value.type}>`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${[...value.entries()].map(([key, item]) => `${pyReprStr(key)}: ${pyRepr(item)}`).join(', ')}}`;
}

/** A value as JSON (jsonify / a returned dict or list); undefined when it has no JSON form. */
export function toJson(value: PyValue): PyJson | undefined {
  if (
    value === null ||
    typeof value === 'boolean' ||
    typeof value === 'string' ||
    value instanceof PyInt ||
    value instanceof PyFloat
  )
    return value;
  if (value instanceof PyTuple) return toJsonList(value.items);
  if (Array.isArray(value)) return toJsonList(value);
  if (value instanceof Map) {
    const out = new Map<string, PyJson>();
    for (const [key, item] of value) {
      const json = toJson(item);
      if (json === undefined) return undefined;
      out.set(key, json);
    }
    return out;
  }
  return undefined;
}

function toJsonList(items: readonly PyValue[]): PyJson[] | undefined {
  const out: PyJson[] = [];
  for (const item of items) {
    const json = toJson(item);
    if (json === undefined) return undefined;
    out.push(json);
  }
  return out;
}

/** A PyJson (what get_json returns) as a value expressions can use. */
export function fromJson(value: PyJson): PyValue {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, fromJson(item)]));
  return value;
}

/** Python's truth value. */
export function truthy(value: PyValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (value instanceof PyInt) return value.value !== 0n;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof PyBytes) return value.bytes.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  return true;
}
