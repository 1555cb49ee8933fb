// The packet view's linked panes (as Wireshark links them): pointing at or focusing bytes lights up
// their field in the tree, pointing at or focusing a field lights up its bytes, and the details
// panel explains whichever is shown. The byte grid and the tree are one tab stop each, with roving
// focus (arrows, Home/End; Ctrl+Home/End and Page Up/Down in the grid) as the WAI-ARIA grid and
// tree patterns describe. Tree items below a closed group are drawn when it first opens.

import { detailsContent, treeGroupNode } from './packet-view-markup.ts';
import { renderChildren, renderNode } from './packet-view-dom.ts';
import {
  ancestorsOf,
  leavesOf,
  targetOfByte,
  targetOfLeaf,
  type PacketViewModel,
} from './packet-view-model.ts';
import type { TextFn } from './ui-text.ts';

export interface PacketViewBinding {
  /** Handles the event that loaded this code, which happened before any listener was here. */
  replay(event: Event): void;
}

const HIGHLIGHT = 'is-hl';
const SELECTED = 'is-sel';

export function bindPacketView(
  root: HTMLElement,
  model: PacketViewModel,
  t: TextFn,
): PacketViewBinding {
  const doc = root.ownerDocument;
  const pane = root.querySelector<HTMLElement>('[role="grid"]');
  const tree = root.querySelector<HTMLElement>('[role="tree"]');
  const details = root.querySelector<HTMLElement>('.pv__details');
  if (!pane || !tree || !details) return { replay: () => undefined };
  const treeBox = tree.parentElement ?? tree;
  const cells = [...pane.querySelectorAll<HTMLElement>('[role="gridcell"]')];
  const from = model.window.from;

  const runs = new Map<number, HTMLElement[]>();
  for (const run of root.querySelectorAll<HTMLElement>('.pv-s[data-f]')) {
    const id = Number(run.dataset['f']);
    const list = runs.get(id) ?? [];
    list.push(run);
    runs.set(id, list);
  }
  const items = new Map<number, HTMLElement>();
  const registerItems = (scope: ParentNode): void => {
    for (const item of scope.querySelectorAll<HTMLElement>('[role="treeitem"]'))
      items.set(Number(item.dataset['f']), item);
  };
  registerItems(tree);

  let hovered: number | undefined;
  let selected: number | undefined;
  let shown: number | undefined = -1;
  let marked: { element: HTMLElement; name: string }[] = [];

  const visible = (item: HTMLElement): boolean =>
    item.parentElement?.closest('[role="group"][hidden]') === null;

  // The item that stands for a field in the tree: its own, or that of its nearest shown ancestor.
  const itemFor = (id: number): HTMLElement | undefined => {
    for (const candidate of [id, ...ancestorsOf(model, id)]) {
      const item = items.get(candidate);
      if (item !== undefined && visible(item)) return item;
    }
    return undefined;
  };

  const mark = (id: number, name: string): void => {
    for (const leaf of leavesOf(model, id)) {
      for (const run of runs.get(leaf.id) ?? []) {
        run.classList.add(name);
        marked.push({ element: run, name });
      }
    }
    const item = itemFor(id);
    if (item !== undefined) {
      item.classList.add(name);
      marked.push({ element: item, name });
    }
  };

  const update = (): void => {
    for (const { element, name } of marked) element.classList.remove(name);
    marked = [];
    if (selected !== undefined) mark(selected, SELECTED);
    if (hovered !== undefined) mark(hovered, HIGHLIGHT);
    const show = hovered ?? selected;
    if (show !== shown) {
      shown = show;
      details.replaceChildren(...renderChildren(doc, detailsContent(model, show, t)));
    }
  };

  // The tree: drawing, opening and closing groups.
  const groupOf = (item: HTMLElement): HTMLElement | null =>
    item.querySelector<HTMLElement>(':scope > [role="group"]');
  const baseLevel = (item: HTMLElement): number => {
    const field = model.fields[Number(item.dataset['f'])];
    return (field?.level ?? 1) - Number(item.getAttribute('aria-level') ?? 1) + 1;
  };
  const expand = (item: HTMLElement): void => {
    if (item.getAttribute('aria-expanded') !== 'false') return;
    item.setAttribute('aria-expanded', 'true');
    const group = groupOf(item);
    if (group !== null) {
      group.hidden = false;
      return;
    }
    const id = Number(item.dataset['f']);
    const drawn = renderNode(doc, treeGroupNode(model, id, t, baseLevel(item)));
    item.append(drawn);
    registerItems(drawn);
  };
  const collapse = (item: HTMLElement): void => {
    if (item.getAttribute('aria-expanded') !== 'true') return;
    item.setAttribute('aria-expanded', 'false');
    const group = groupOf(item);
    if (group !== null) group.hidden = true;
    if (group?.contains(doc.activeElement) === true) focusItem(item);
  };
  // Opens the groups above a field until its own item is drawn (or the tree has no place for it).
  const reveal = (id: number): HTMLElement | undefined => {
    for (const ancestor of ancestorsOf(model, id).reverse()) {
      const item = items.get(ancestor);
      if (item !== undefined) expand(item);
    }
    const item = items.get(id);
    return item !== undefined && visible(item) ? item : itemFor(id);
  };
  const visibleItems = (): HTMLElement[] =>
    [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter(visible);

  const setTreeStop = (item: HTMLElement): void => {
    for (const other of tree.querySelectorAll<HTMLElement>('[role="treeitem"][tabindex="0"]'))
      if (other !== item) other.tabIndex = -1;
    item.tabIndex = 0;
  };
  const scrollTreeTo = (item: HTMLElement): void => {
    const row = item.querySelector<HTMLElement>('.pv-n') ?? item;
    const top = item.offsetTop;
    if (top < treeBox.scrollTop) treeBox.scrollTop = top;
    else if (top + row.offsetHeight > treeBox.scrollTop + treeBox.clientHeight)
      treeBox.scrollTop = top + row.offsetHeight - treeBox.clientHeight;
  };
  function focusItem(item: HTMLElement): void {
    setTreeStop(item);
    item.focus();
  }

  // The grid: one tab stop on the last focused byte.
  let stop = Math.max(
    0,
    cells.findIndex((cell) => cell.tabIndex === 0),
  );
  const setGridStop = (index: number): void => {
    const previous = cells[stop];
    if (previous !== undefined && stop !== index) previous.tabIndex = -1;
    stop = index;
    const cell = cells[index];
    if (cell !== undefined) cell.tabIndex = 0;
  };
  const focusCell = (index: number): void => {
    const clamped = Math.max(0, Math.min(cells.length - 1, index));
    setGridStop(clamped);
    cells[clamped]?.focus();
  };
  const columns = (): number =>
    getComputedStyle(pane).getPropertyValue('--pv-cols').trim() === '8' ? 8 : 16;

  // What a pointer or focus target stands for.
  const fieldAt = (target: EventTarget | null): number | undefined => {
    if (!(target instanceof Element)) return undefined;
    const cell = target.closest<HTMLElement>('[role="gridcell"]');
    if (cell !== null && pane.contains(cell)) {
      const index = cells.indexOf(cell);
      return index < 0 ? undefined : targetOfByte(model, from + index);
    }
    const run = target.closest<HTMLElement>('.pv-s[data-f]');
    if (run !== null) return targetOfLeaf(model, Number(run.dataset['f']));
    const item = target.closest<HTMLElement>('[role="treeitem"]');
    if (item !== null && tree.contains(item)) return Number(item.dataset['f']);
    return undefined;
  };

  const onPointerOver = (target: EventTarget | null): void => {
    const id = fieldAt(target);
    if (id === hovered) return;
    hovered = id;
    update();
  };

  const onFocus = (target: EventTarget | null): void => {
    if (!(target instanceof HTMLElement)) return;
    if (target.getAttribute('role') === 'gridcell') {
      const index = cells.indexOf(target);
      if (index < 0) return;
      setGridStop(index);
      selected = targetOfByte(model, from + index);
      if (selected !== undefined) {
        const item = reveal(selected);
        if (item !== undefined) {
          setTreeStop(item);
          scrollTreeTo(item);
        }
      }
      update();
    } else if (target.getAttribute('role') === 'treeitem') {
      setTreeStop(target);
      selected = Number(target.dataset['f']);
      const field = model.fields[selected];
      if (field !== undefined && field.end > field.start) {
        const index = field.start - from;
        if (index >= 0 && index < cells.length) setGridStop(index);
      }
      update();
    }
  };

  // A click on a byte or its character focuses that byte's cell.
  const onPointerDown = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const cell = target.closest<HTMLElement>('[role="gridcell"]');
    if (cell !== null && pane.contains(cell)) {
      event.preventDefault();
      focusCell(cells.indexOf(cell));
      return;
    }
    const run = target.closest<HTMLElement>('.pv-a .pv-s[data-f]');
    if (run !== null) {
      const field = model.fields[Number(run.dataset['f'])];
      if (field !== undefined) {
        event.preventDefault();
        focusCell(field.start - from);
      }
    }
  };

  const onGridKey = (event: KeyboardEvent): void => {
    const index = cells.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const cols = columns();
    const rowStart = index - (index % cols);
    const last = cells.length - 1;
    const ctrl = event.ctrlKey || event.metaKey;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowLeft':
        next = index - 1;
        break;
      case 'ArrowRight':
        next = index + 1;
        break;
      case 'ArrowUp':
        next = index - cols >= 0 ? index - cols : index;
        break;
      case 'ArrowDown':
        next = index + cols <= last ? index + cols : index;
        break;
      case 'Home':
        next = ctrl ? 0 : rowStart;
        break;
      case 'End':
        next = ctrl ? last : Math.min(rowStart + cols - 1, last);
        break;
      case 'PageUp':
        next = Math.max(index - cols * 8, index % cols);
        break;
      case 'PageDown':
        next = index + cols * 8 <= last ? index + cols * 8 : index;
        break;
      default:
        return;
    }
    event.preventDefault();
    focusCell(next);
  };

  const onTreeKey = (event: KeyboardEvent): void => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (item === null || event.target !== item) return;
    const list = visibleItems();
    const at = list.indexOf(item);
    const expanded = item.getAttribute('aria-expanded');
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = list[at + 1];
        break;
      case 'ArrowUp':
        next = list[at - 1];
        break;
      case 'Home':
        next = list[0];
        break;
      case 'End':
        next = list[list.length - 1];
        break;
      case 'ArrowRight':
        if (expanded === 'false') expand(item);
        else if (expanded === 'true')
          next = groupOf(item)?.querySelector<HTMLElement>('[role="treeitem"]') ?? undefined;
        break;
      case 'ArrowLeft':
        if (expanded === 'true') collapse(item);
        else next = item.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined;
        break;
      case 'Enter':
      case ' ':
        if (expanded === 'true') collapse(item);
        else if (expanded === 'false') expand(item);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== undefined) focusItem(next);
  };

  const onTreeClick = (event: Event): void => {
    if (!(event.target instanceof Element) || !event.target.closest('.pv-n__tw')) return;
    const item = event.target.closest<HTMLElement>('[role="treeitem"]');
    if (item === null) return;
    if (item.getAttribute('aria-expanded') === 'true') collapse(item);
    else expand(item);
  };

  root.addEventListener('pointerover', (event) => onPointerOver(event.target));
  root.addEventListener('pointerleave', () => onPointerOver(null));
  root.addEventListener('focusin', (event) => onFocus(event.target));
  pane.addEventListener('pointerdown', onPointerDown);
  pane.addEventListener('keydown', onGridKey);
  tree.addEventListener('keydown', onTreeKey);
  tree.addEventListener('click', onTreeClick);
  root.dataset['bound'] = '';

  return {
    replay(event) {
      if (event.type === 'focusin') onFocus(doc.activeElement);
      else if (event.type === 'pointerdown') onPointerDown(event);
      // a pointer that has left since is not pointing any more
      else if (event.target instanceof Element && event.target.matches(':hover'))
        onPointerOver(event.target);
    },
  };
}
