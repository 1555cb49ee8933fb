// The packet view's markup as plain data (tag, attributes, children), built from the view model
// with no DOM, so that the Astro component (at build time) and the browser renderer (in the
// inspector, and for tree items opened later) draw exactly the same thing. Text stays text: no
// renderer ever parses a string as HTML.

import { hexOf } from '../../protocol/byte-text.ts';
import { explainBroken, explainField, fieldReading } from './packet-explain.ts';
import {
  fieldLabelText,
  fieldName,
  fieldValue,
  rangeShort,
  rangeText,
} from './packet-field-text.ts';
import {
  byteRows,
  offsetDigits,
  startsOpen,
  type Band,
  type ByteRow,
  type PacketViewModel,
} from './packet-view-model.ts';
import type { Paragraph, TextFn, UiText } from './ui-text.ts';

export interface VNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Child[];
}
export type Child = VNode | string;

export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): VNode {
  return { tag, attrs, children };
}

const LEGEND_ORDER: readonly Band[] = [
  'header',
  'length',
  'key',
  'value',
  'status',
  'hfield',
  'blank',
  'body',
  'trailing',
  'broken',
];

const BAND_NAMES = {
  header: 'packet.field.header',
  length: 'packet.band.length',
  key: 'packet.field.key',
  value: 'packet.field.value',
  status: 'packet.field.status-line',
  hfield: 'packet.field.http-headers',
  blank: 'packet.field.head-end',
  body: 'packet.field.body',
  trailing: 'packet.field.trailing',
  broken: 'packet.field.broken',
} as const satisfies Record<Band, string>;

/** The printable ASCII character of a byte, or `.` as hexdump -C shows the rest. */
export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
}

/** Runs of text as children: keys through the page's strings, code and other languages marked. */
export function runs(paragraph: Paragraph, t: TextFn): Child[] {
  const out: Child[] = [];
  paragraph.forEach((run: UiText, i) => {
    if (i > 0) out.push(' ');
    if ('key' in run) out.push(t(run.key, run.vars));
    else if (run.code === true)
      out.push(h('code', run.lang === undefined ? {} : { lang: run.lang }, run.literal));
    else if (run.lang !== undefined) out.push(h('span', { lang: run.lang }, run.literal));
    else out.push(run.literal);
  });
  return out;
}

function bandClass(band: Band, opens: boolean, closes: boolean): string {
  return `pv-s k-${band}${opens ? '' : ' pv-cl'}${closes ? '' : ' pv-cr'}`;
}

function halfRow(model: PacketViewModel, row: ByteRow, second: boolean, digits: number): Child[] {
  const suffix = second ? ' pv-2' : '';
  const hex: Child[] = [];
  const ascii: Child[] = [];
  for (const run of row.runs) {
    const field = model.fields[run.field];
    const cls = bandClass(field?.band ?? 'trailing', run.opens, run.closes);
    const cells: Child[] = [];
    let chars = '';
    for (let i = run.start; i < run.end; i++) {
      const byte = model.bytes[i]!;
      const attrs: Record<string, string> = { role: 'gridcell' };
      if (i === model.errorByte) attrs['class'] = 'pv-err';
      if (i === model.window.from) attrs['tabindex'] = '0';
      cells.push(h('span', attrs, hexOf(model.bytes.subarray(i, i + 1))));
      chars += asciiChar(byte);
    }
    hex.push(h('span', { class: cls, 'data-f': String(run.field) }, ...cells));
    ascii.push(h('span', { class: cls, 'data-f': String(run.field) }, chars));
  }
  return [
    h(
      'span',
      { class: `pv-o${suffix}`, 'aria-hidden': 'true' },
      row.offset.toString(16).padStart(digits, '0'),
    ),
    h('span', { class: `pv-h${suffix}`, role: 'row' }, ...hex),
    h('span', { class: `pv-a${suffix}`, 'aria-hidden': 'true' }, ...ascii),
  ];
}

/** Rows of 16 bytes, each two halves of 8: a container query shows them side by side or stacked. */
export function bytesPaneNode(model: PacketViewModel, t: TextFn): VNode {
  const halves = byteRows(model, 8);
  const digits = offsetDigits(model);
  const rows: VNode[] = [];
  for (let i = 0; i < halves.length; i += 2) {
    const first = halves[i]!;
    const second = halves[i + 1];
    rows.push(
      h(
        'div',
        { class: 'pv-r' },
        ...halfRow(model, first, false, digits),
        ...(second === undefined ? [] : halfRow(model, second, true, digits)),
      ),
    );
  }
  return h(
    'div',
    {
      class: 'pv__bytes',
      role: 'grid',
      'aria-label': t('packet.bytes.label'),
      'aria-readonly': 'true',
    },
    ...rows,
  );
}

function legendNode(model: PacketViewModel, t: TextFn): VNode {
  const present = new Set<Band>();
  for (let i = model.window.from; i < model.window.to; i++) {
    const field = model.fields[model.leafOfByte[i] ?? -1];
    if (field !== undefined) present.add(field.band);
  }
  return h(
    'ul',
    { class: 'pv__legend', 'aria-label': t('packet.legend.label') },
    ...LEGEND_ORDER.filter((band) => present.has(band)).map((band) =>
      h(
        'li',
        {},
        h('span', { class: `pv-sw k-${band}`, 'aria-hidden': 'true' }),
        t(BAND_NAMES[band]),
      ),
    ),
  );
}

function textChild(value: UiText, t: TextFn): Child {
  return runs([value], t)[0] ?? '';
}

/** One tree item, with its children when it starts open (or is a root a view asked for). */
export function treeItemNode(
  model: PacketViewModel,
  id: number,
  t: TextFn,
  baseLevel: number,
  active: boolean,
  forceOpen = false,
): VNode {
  const field = model.fields[id]!;
  const group = field.children.length > 0;
  const open = group && (forceOpen || startsOpen(field));
  const value = fieldValue(model, field);
  const attrs: Record<string, string> = {
    role: 'treeitem',
    class: 'pv-ti',
    'aria-level': String(field.level - baseLevel + 1),
    'aria-label': fieldLabelText(model, field, t),
    'data-f': String(id),
    tabindex: active ? '0' : '-1',
  };
  if (group) attrs['aria-expanded'] = String(open);
  const row = h(
    'span',
    { class: 'pv-n' },
    h('span', { class: 'pv-n__tw', 'aria-hidden': 'true' }),
    h('span', { class: `pv-sw k-${field.band}`, 'aria-hidden': 'true' }),
    h('span', { class: 'pv-n__t' }, textChild(fieldName(field), t)),
    ...(value === undefined ? [] : [h('span', { class: 'pv-n__v' }, textChild(value, t))]),
    h('span', { class: 'pv-n__r' }, rangeShort(field)),
  );
  return h('li', attrs, row, ...(open ? [treeGroupNode(model, id, t, baseLevel)] : []));
}

/** The children of a group item. */
export function treeGroupNode(
  model: PacketViewModel,
  id: number,
  t: TextFn,
  baseLevel: number,
): VNode {
  const field = model.fields[id]!;
  return h(
    'ul',
    { role: 'group' },
    ...field.children.map((child) => treeItemNode(model, child, t, baseLevel, false)),
  );
}

export function treeNode(model: PacketViewModel, t: TextFn): VNode {
  return h(
    'div',
    { class: 'pv__tree' },
    h(
      'ul',
      { class: 'pv-tree', role: 'tree', 'aria-label': t('packet.tree.label') },
      ...model.treeRoots.map((id, i) =>
        treeItemNode(model, id, t, model.fields[id]!.level, i === 0, true),
      ),
    ),
  );
}

function paragraphs(list: readonly Paragraph[], t: TextFn): VNode[] {
  return list.map((paragraph) => h('p', {}, ...runs(paragraph, t)));
}

/** The details panel's content for a field, or the hint when none is chosen. */
export function detailsContent(model: PacketViewModel, id: number | undefined, t: TextFn): VNode[] {
  const field = id === undefined ? undefined : model.fields[id];
  if (field === undefined) return [h('p', { class: 'pv__hint' }, t('packet.details.hint'))];
  const value = fieldValue(model, field);
  const length = field.end - field.start;
  const shownBytes = hexOf(
    model.bytes.subarray(field.start, Math.min(field.end, field.start + 32)),
    ' ',
  );
  const reading = fieldReading(field);
  const fact = (term: string, ...detail: Child[]): VNode =>
    h('div', {}, h('dt', {}, term), h('dd', {}, ...detail));
  return [
    h(
      'p',
      { class: 'pv-d__title' },
      h('strong', {}, textChild(fieldName(field), t)),
      ...(value === undefined
        ? []
        : [' ', h('span', { class: 'pv-d__value' }, textChild(value, t))]),
    ),
    h(
      'dl',
      { class: 'pv-d__facts' },
      fact(t('packet.details.where'), textChild(rangeText(field), t)),
      ...(length === 0
        ? []
        : [
            fact(
              t('packet.details.bytes'),
              h('code', {}, length > 32 ? `${shownBytes} …` : shownBytes),
            ),
          ]),
      ...(reading === undefined ? [] : [fact(t('packet.details.reading'), textChild(reading, t))]),
    ),
    ...paragraphs(explainField(model, field.id), t),
  ];
}

export function detailsNode(model: PacketViewModel, t: TextFn): VNode {
  return h(
    'div',
    { class: 'pv__details', 'aria-live': 'polite' },
    ...detailsContent(model, undefined, t),
  );
}

/** The break, said above the bytes: what is wrong and where (the byte is marked in the grid). */
export function errorNode(model: PacketViewModel, t: TextFn): VNode | undefined {
  if (model.broken === undefined) return undefined;
  return h(
    'div',
    { class: 'pv__error' },
    h(
      'p',
      { class: 'pv__error-title' },
      h('strong', {}, t('packet.error.title', { offset: model.broken.offset })),
    ),
    ...paragraphs(explainBroken(model, model.broken), t),
  );
}

export interface PacketViewNodeOptions {
  /** Shown under the view. */
  readonly caption?: string;
  /** The bytes when the view shows only part of them (the browser needs all of them). */
  readonly partial?: boolean;
}

/** The whole view: the error (if any), bytes, legend, tree and details, and a caption. */
export function packetViewNode(
  model: PacketViewModel,
  t: TextFn,
  options: PacketViewNodeOptions = {},
): VNode {
  const attrs: Record<string, string> = {
    class: 'pv',
    'data-packet-view': '',
    'data-kind': model.kind,
  };
  const whole = model.window.from === 0 && model.window.to === model.bytes.length;
  if (!whole || options.partial === true) {
    attrs['data-hex'] = hexOf(model.bytes);
    attrs['data-from'] = String(model.window.from);
  }
  const error = errorNode(model, t);
  return h(
    'figure',
    attrs,
    ...(error === undefined ? [] : [error]),
    bytesPaneNode(model, t),
    legendNode(model, t),
    h('div', { class: 'pv__lower' }, treeNode(model, t), detailsNode(model, t)),
    ...(options.caption === undefined ? [] : [h('figcaption', {}, options.caption)]),
  );
}
