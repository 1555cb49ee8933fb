// The packet view's model, with no DOM: the fields of a packet numbered in tree order, which field
// each byte belongs to, the rows of 16 (or 8) bytes with each field as runs across them, and the
// part of the packet a view shows. The Astro component and the browser renderer both draw it.

import {
  uwsgiFields,
  type BrokenInfo,
  type FieldData,
  type FieldKind,
  type SourceField,
} from './packet-fields.ts';
import { httpResponseFields, looksLikeHttpResponse } from './http-response-fields.ts';

export type PacketKind = 'uwsgi' | 'http-response';

/** How a field's bytes are drawn: one colour and one border style per band, named in the legend. */
export type Band =
  | 'header'
  | 'length'
  | 'key'
  | 'value'
  | 'body'
  | 'trailing'
  | 'broken'
  | 'status'
  | 'hfield'
  | 'blank';

export interface FieldPlace {
  /** Position in tree (pre-)order: a field's descendants are the ids after it, up to `last`. */
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly parent: number | undefined;
  /** 1 for a top-level field (aria-level). */
  readonly level: number;
  readonly children: readonly number[];
  /** One past the id of the field's last descendant. */
  readonly last: number;
  /** 1-based among its siblings of the same kind (var 3, header 2); 0 where that means nothing. */
  readonly ordinal: number;
  readonly band: Band;
}

export type ViewField = FieldData & FieldPlace;

export interface ByteWindow {
  /** First byte shown (a multiple of 16). */
  readonly from: number;
  /** One past the last byte shown. */
  readonly to: number;
}

export interface PacketViewModel {
  readonly kind: PacketKind;
  readonly bytes: Uint8Array;
  readonly fields: readonly ViewField[];
  /** The fields the tree starts from: the top-level ones, or those a view asked for. */
  readonly treeRoots: readonly number[];
  /** The leaf field of each byte (-1 for none, which annotate never leaves). */
  readonly leafOfByte: Int32Array;
  readonly window: ByteWindow;
  /** The break, when the bytes are not a whole packet. */
  readonly broken: BrokenInfo | undefined;
  /** The byte the error points at, clamped to the bytes there are; undefined without bytes. */
  readonly errorByte: number | undefined;
  /** modifier1 of a uwsgi packet, when its header has it. */
  readonly modifier1: number | undefined;
}

export interface PacketViewOptions {
  /** How to read the bytes. `auto` (default): an HTTP response when they start with `HTTP/`. */
  readonly as?: PacketKind | 'auto';
  /** Show only these bytes (widened to whole rows of 16). Default: all of them. */
  readonly window?: { readonly from: number; readonly to: number };
  /**
   * Show only these fields in the tree (and, without `window`, only their rows): `header`,
   * `vars`, `body`, `datasize`, …, `var:3` (the third pair) or `var:REQUEST_METHOD`.
   */
  readonly fields?: readonly string[];
  /** Show at most this many bytes (the rest is still decoded). Default: all. */
  readonly maxBytes?: number;
}

const BANDS: Readonly<Record<FieldKind, Band>> = {
  header: 'header',
  modifier1: 'header',
  datasize: 'header',
  'datasize-low': 'header',
  'datasize-high': 'header',
  modifier2: 'header',
  vars: 'key',
  var: 'key',
  'key-length': 'length',
  key: 'key',
  'value-length': 'length',
  value: 'value',
  body: 'body',
  payload: 'body',
  trailing: 'trailing',
  broken: 'broken',
  'status-line': 'status',
  'http-headers': 'hfield',
  'http-header': 'hfield',
  'head-end': 'blank',
  'http-body': 'body',
};

export function packetViewModel(
  bytes: Uint8Array,
  options: PacketViewOptions = {},
): PacketViewModel {
  const as = options.as ?? 'auto';
  const kind: PacketKind =
    as === 'auto' ? (looksLikeHttpResponse(bytes) ? 'http-response' : 'uwsgi') : as;
  const source = kind === 'uwsgi' ? uwsgiFields(bytes) : httpResponseFields(bytes);

  const fields: ViewField[] = [];
  const add = (node: SourceField, parent: number | undefined, level: number, ordinal: number) => {
    const id = fields.length;
    const children: number[] = [];
    let next = id + 1;
    for (const child of node.children) {
      children.push(next);
      next += subtreeSize(child);
    }
    fields.push({
      ...node.data,
      id,
      start: node.start,
      end: node.end,
      parent,
      level,
      children,
      last: next,
      ordinal,
      band: BANDS[node.data.kind],
    });
    addAll(node.children, id, level + 1);
  };
  const addAll = (nodes: readonly SourceField[], parent: number | undefined, level: number) => {
    const seen = new Map<FieldKind, number>();
    for (const node of nodes) {
      const n = (seen.get(node.data.kind) ?? 0) + 1;
      seen.set(node.data.kind, n);
      add(node, parent, level, ordinalOf(node.data.kind, n));
    }
  };
  addAll(source, undefined, 1);
  const roots = fields.filter((field) => field.parent === undefined).map((field) => field.id);

  const leafOfByte = new Int32Array(bytes.length).fill(-1);
  for (const field of fields) {
    if (field.children.length > 0) continue;
    for (let i = field.start; i < field.end; i++) leafOfByte[i] = field.id;
  }

  const brokenField = fields.find((field) => field.kind === 'broken');
  const broken = brokenField?.kind === 'broken' ? brokenField.value : undefined;
  const modifier1Field = fields.find((field) => field.kind === 'modifier1');

  const treeRoots =
    options.fields === undefined
      ? roots
      : options.fields.map((selector) => {
          const id = selectField(fields, selector);
          if (id === undefined) throw new RangeError(`no field "${selector}" in this packet`);
          return id;
        });

  let from = 0;
  let to = bytes.length;
  if (options.window !== undefined) {
    from = options.window.from;
    to = options.window.to;
  } else if (options.fields !== undefined && treeRoots.length > 0) {
    from = Math.min(...treeRoots.map((id) => fields[id]!.start));
    to = Math.max(...treeRoots.map((id) => fields[id]!.end));
  }
  if (options.maxBytes !== undefined) to = Math.min(to, from + options.maxBytes);
  from = Math.max(0, Math.floor(Math.min(from, bytes.length) / 16) * 16);
  to = Math.min(bytes.length, Math.max(from, Math.ceil(to / 16) * 16));

  return {
    kind,
    bytes,
    fields,
    treeRoots,
    leafOfByte,
    window: { from, to },
    broken,
    errorByte:
      broken === undefined || bytes.length === 0
        ? undefined
        : Math.min(broken.offset, bytes.length - 1),
    modifier1: modifier1Field?.kind === 'modifier1' ? modifier1Field.value : undefined,
  };
}

function subtreeSize(node: SourceField): number {
  return node.children.reduce((sum, child) => sum + subtreeSize(child), 1);
}

function ordinalOf(kind: FieldKind, n: number): number {
  return kind === 'var' || kind === 'http-header' ? n : 0;
}

/** The field a selector names (see PacketViewOptions.fields), or undefined. */
export function selectField(fields: readonly ViewField[], selector: string): number | undefined {
  const pair = /^var:(.+)$/.exec(selector);
  if (pair) {
    const wanted = pair[1]!;
    const vars = fields.filter((field) => field.kind === 'var');
    if (/^\d+$/.test(wanted)) return vars[Number(wanted) - 1]?.id;
    return vars.find((field) => varKeyText(fields, field) === wanted)?.id;
  }
  return fields.find((field) => field.kind === selector)?.id;
}

/** The field a byte selects when pointed at or focused: its leaf, or datasize for either byte. */
export function targetOfByte(model: PacketViewModel, byte: number): number | undefined {
  const leaf = model.leafOfByte[byte];
  if (leaf === undefined || leaf < 0) return undefined;
  return targetOfLeaf(model, leaf);
}

export function targetOfLeaf(model: PacketViewModel, leaf: number): number {
  const field = model.fields[leaf]!;
  return field.kind === 'datasize-low' || field.kind === 'datasize-high'
    ? (field.parent ?? leaf)
    : leaf;
}

/** The leaves of a field (itself when it has no children), in byte order. */
export function leavesOf(model: PacketViewModel, id: number): ViewField[] {
  const field = model.fields[id]!;
  return model.fields
    .slice(field.id, field.last)
    .filter((candidate) => candidate.children.length === 0);
}

/** The ids from a field up to its top-level ancestor, nearest first. */
export function ancestorsOf(model: PacketViewModel, id: number): number[] {
  const chain: number[] = [];
  for (let at = model.fields[id]?.parent; at !== undefined; at = model.fields[at]?.parent) {
    chain.push(at);
  }
  return chain;
}

/** Whether a group field starts expanded in the tree. */
export function startsOpen(field: ViewField): boolean {
  return field.kind !== 'var';
}

/** The key of a var field as text (its bytes as latin-1 when they are not UTF-8). */
export function varKeyText(fields: readonly ViewField[], field: ViewField): string | undefined {
  const key = fields[field.children[1] ?? -1];
  if (key?.kind !== 'key') return undefined;
  return new TextDecoder().decode(key.value);
}

export interface ByteRun {
  /** The leaf field of these bytes. */
  readonly field: number;
  readonly start: number;
  readonly end: number;
  /** Whether the field begins (ends) in this run rather than in the row before (after). */
  readonly opens: boolean;
  readonly closes: boolean;
}

export interface ByteRow {
  readonly offset: number;
  readonly runs: readonly ByteRun[];
}

/** The window's bytes as rows of `width`, each a list of runs of bytes of one field. */
export function byteRows(model: PacketViewModel, width: 8 | 16): ByteRow[] {
  const rows: ByteRow[] = [];
  const { from, to } = model.window;
  for (let offset = from; offset < to; offset += width) {
    const end = Math.min(offset + width, to);
    const runs: ByteRun[] = [];
    let start = offset;
    while (start < end) {
      const field = model.leafOfByte[start]!;
      let stop = start + 1;
      while (stop < end && model.leafOfByte[stop] === field) stop += 1;
      const leaf = model.fields[field];
      runs.push({
        field,
        start,
        end: stop,
        opens: leaf === undefined || leaf.start >= start,
        closes: leaf === undefined || leaf.end <= stop,
      });
      start = stop;
    }
    rows.push({ offset, runs });
  }
  return rows;
}

/** Digits the offsets in the margin need: 4 for any uwsgi packet, more for a longer input. */
export function offsetDigits(model: PacketViewModel): number {
  return Math.max(4, Math.max(0, model.bytes.length - 1).toString(16).length);
}
