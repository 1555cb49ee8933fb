// The browser's renderer of the packet view's markup: elements made with createElement, text set
// as text nodes. Whatever the bytes (pasted text included) hold, nothing here parses HTML.
import type { Child, VNode } from './packet-view-markup.ts';

export function renderNode(doc: Document, node: VNode): HTMLElement {
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  element.append(...renderChildren(doc, node.children));
  return element;
}

export function renderChildren(doc: Document, children: readonly Child[]): Node[] {
  return children.map((child) =>
    typeof child === 'string' ? doc.createTextNode(child) : renderNode(doc, child),
  );
}
