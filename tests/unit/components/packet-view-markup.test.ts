// The packet view's markup, as data: one grid cell per byte in order, one tab stop in the grid and
// one in the tree, runs that name their field, tree items with their screen-reader text, and only
// the view's own elements whatever the bytes say.

import { describe, expect, it } from 'vitest';
import {
  detailsContent,
  packetViewNode,
  treeGroupNode,
  type Child,
  type VNode,
} from '../../../src/components/packet/packet-view-markup.ts';
import { packetViewModel } from '../../../src/components/packet/packet-view-model.ts';
import { hexOf, utf8Bytes } from '../../../src/protocol/byte-text.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { vectorBytes } from '../protocol/vector-files.ts';
import { textIn } from './component-test-helpers.ts';

const en = textIn('en');

function all(node: VNode): VNode[] {
  return [node, ...node.children.flatMap((child) => (typeof child === 'string' ? [] : all(child)))];
}
const textOf = (node: Child): string =>
  typeof node === 'string' ? node : node.children.map(textOf).join('');
const byRole = (root: VNode, role: string): VNode[] =>
  all(root).filter((node) => node.attrs['role'] === role);

describe('packetViewNode', () => {
  const model = packetViewModel(vectorBytes('get-root'));
  const view = packetViewNode(model, en, { caption: 'get-root.hex' });

  it('has one grid cell per byte, in order, with the first as the grid’s one tab stop', () => {
    const cells = byRole(view, 'gridcell');
    expect(cells.map(textOf).join('')).toBe(hexOf(model.bytes));
    expect(cells.filter((cell) => cell.attrs['tabindex'] === '0')).toHaveLength(1);
    expect(cells[0]?.attrs['tabindex']).toBe('0');
    // rows of 8 cells (two per 16-byte line), each a row of the grid
    const rows = byRole(view, 'row');
    expect(rows).toHaveLength(Math.ceil(model.bytes.length / 8));
    expect(byRole(rows[0]!, 'gridcell')).toHaveLength(8);
  });

  it('draws each field as runs that name it, in hex and in the text column alike', () => {
    const runs = all(view).filter((node) => node.attrs['class']?.startsWith('pv-s '));
    const hexRuns = runs.filter((run) => byRole(run, 'gridcell').length > 0);
    const textRuns = runs.filter((run) => byRole(run, 'gridcell').length === 0);
    expect(textRuns.map((run) => run.attrs['data-f'])).toEqual(
      hexRuns.map((run) => run.attrs['data-f']),
    );
    for (const run of hexRuns) {
      const field = model.fields[Number(run.attrs['data-f'])]!;
      expect(field.children).toEqual([]);
      expect(run.attrs['class']).toContain(`k-${field.band}`);
    }
    expect(textRuns.map(textOf).join('')).toMatch(/^\.k\.\.\.\.QUERY_STRING/);
  });

  it('gives every tree item its level and screen-reader text, opening the header and vars', () => {
    const items = byRole(view, 'treeitem');
    expect(items[0]?.attrs).toMatchObject({
      'aria-level': '1',
      'aria-expanded': 'true',
      'aria-label': 'header: 00 6b 01 00, bytes 0–3, 4 bytes',
      tabindex: '0',
    });
    expect(items.filter((item) => item.attrs['tabindex'] === '0')).toHaveLength(1);
    const datasize = items.find((item) => item.attrs['aria-label']?.startsWith('datasize:'));
    expect(datasize?.attrs['aria-label']).toBe('datasize: 363, bytes 1–2, 2 bytes');
    const vars = items.filter((item) => item.attrs['aria-label']?.startsWith('var '));
    expect(vars).toHaveLength(16);
    expect(vars[0]?.attrs).toMatchObject({
      'aria-level': '2',
      'aria-expanded': 'false',
      'aria-label': 'var 1: QUERY_STRING = (empty), bytes 4–19, 16 bytes',
    });
    // a closed var's children are drawn when it opens, one level deeper
    const group = treeGroupNode(model, Number(vars[1]!.attrs['data-f']), en, 1);
    expect(byRole(group, 'treeitem').map((item) => item.attrs['aria-label'])).toEqual([
      'key length: 14, bytes 20–21, 2 bytes',
      'key: REQUEST_METHOD, bytes 22–35, 14 bytes',
      'value length: 3, bytes 36–37, 2 bytes',
      'value: GET, bytes 38–40, 3 bytes',
    ]);
    expect(byRole(group, 'treeitem')[0]?.attrs['aria-level']).toBe('3');
  });

  it('starts the details panel with a hint, in a polite live region', () => {
    const details = all(view).find((node) => node.attrs['class'] === 'pv__details')!;
    expect(details.attrs['aria-live']).toBe('polite');
    expect(textOf(details)).toBe('Point at or select a byte or a field to see what it is.');
    const datasize = model.fields.find((field) => field.kind === 'datasize')!;
    const shown = detailsContent(model, datasize.id, en).map(textOf).join('\n');
    expect(shown).toContain('Bytes6b 01');
    expect(shown).toContain('0x016b = 1 × 256 + 107 = 363');
  });

  it('says where a broken packet breaks, marks that byte and hands the bytes to the browser', () => {
    const cut = packetViewModel(vectorBytes('get-root').subarray(0, 100));
    const node = packetViewNode(cut, en);
    const error = all(node).find((child) => child.attrs['class'] === 'pv__error')!;
    expect(textOf(error)).toContain('Broken at byte 4');
    expect(textOf(error)).toContain('datasize-mismatch');
    const marked = byRole(node, 'gridcell').findIndex((cell) => cell.attrs['class'] === 'pv-err');
    expect(marked).toBe(4);
    expect(node.attrs['data-hex']).toBeUndefined();
    const part = packetViewNode(
      packetViewModel(vectorBytes('get-root'), { fields: ['header'] }),
      en,
    );
    expect(part.attrs['data-hex']).toBe(hexOf(vectorBytes('get-root')));
    expect(part.attrs['data-from']).toBe('0');
  });

  it('keeps whatever the bytes say as text: only the view’s own elements appear', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const views = [
      packetViewNode(packetViewModel(encode({ vars: [[payload, payload]], body: '' })), en),
      packetViewNode(packetViewModel(utf8Bytes(payload)), en),
      packetViewNode(packetViewModel(utf8Bytes(`HTTP/1.1 200 OK\r\nX: ${payload}\r\n\r\n`)), en),
    ];
    const allowed = new Set([
      'figure',
      'div',
      'span',
      'ul',
      'li',
      'p',
      'strong',
      'code',
      'dl',
      'dt',
      'dd',
      'figcaption',
    ]);
    for (const node of views) {
      for (const element of all(node)) expect(allowed).toContain(element.tag);
      for (const element of all(node))
        for (const name of Object.keys(element.attrs)) expect(name).not.toMatch(/^on/i);
    }
  });
});
