// Copies text to the clipboard with the async Clipboard API. Where it is refused (an insecure
// origin, a browser that asks and hears no), the block's own text is selected instead, so that the
// reader's Ctrl+C or ⌘C takes it: the copy command Expressive Code falls back to is deprecated.

export async function copyText(value: string, shown: HTMLElement): Promise<boolean> {
  const view = shown.ownerDocument.defaultView;
  try {
    if (view === null) throw new Error('no window');
    await view.navigator.clipboard.writeText(value);
    return true;
  } catch {
    view?.getSelection()?.selectAllChildren(shown);
    return false;
  }
}
