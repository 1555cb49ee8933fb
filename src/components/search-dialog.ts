// Opens the search dialog and queries Pagefind, loaded on first use. Result text is inserted as
// text (Pagefind's <mark> highlights become <mark> elements); nothing from the index becomes HTML.

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    ms?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_RESULTS = 8;

/** Splits Pagefind's excerpt (escaped text with <mark> around hits) into text and marked runs. */
export function excerptRuns(excerpt: string): { text: string; marked: boolean }[] {
  const runs: { text: string; marked: boolean }[] = [];
  const parser = new DOMParser();
  const decode = (html: string): string =>
    parser.parseFromString(html, 'text/html').documentElement.textContent ?? '';
  const parts = excerpt.split(/<mark>|<\/mark>/);
  parts.forEach((part, index) => {
    if (part) runs.push({ text: decode(part), marked: index % 2 === 1 });
  });
  return runs;
}

export function bindSearch(doc: Document): void {
  const dialog = doc.querySelector<HTMLDialogElement>('dialog[data-search]');
  const opener = doc.querySelector<HTMLButtonElement>('[data-search-open]');
  const input = dialog?.querySelector<HTMLInputElement>('[data-search-input]');
  const status = dialog?.querySelector<HTMLElement>('[data-search-status]');
  const list = dialog?.querySelector<HTMLOListElement>('[data-search-results]');
  if (!dialog || !opener || !input || !status || !list) return;
  const text = (name: string): string => dialog.dataset[name] ?? '';

  let pagefind: Promise<Pagefind> | undefined;
  const load = (): Promise<Pagefind> => {
    pagefind ??= (async () => {
      const base = dialog.dataset['base'] ?? '/';
      const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      await module.options({ baseUrl: base });
      await module.init();
      return module;
    })();
    return pagefind;
  };

  const render = async (query: string): Promise<void> => {
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let search;
    try {
      search = await (await load()).debouncedSearch(query, {}, 150);
    } catch {
      pagefind = undefined;
      status.textContent = text('textError');
      return;
    }
    if (search === null) return; // superseded by a newer query
    const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    list.replaceChildren(
      ...results.map((result) => {
        const item = doc.createElement('li');
        const link = doc.createElement('a');
        link.href = result.url;
        link.className = 'search-dialog__result-title';
        link.textContent = result.meta.title ?? result.url;
        const excerpt = doc.createElement('p');
        for (const run of excerptRuns(result.excerpt)) {
          if (run.marked) {
            const mark = doc.createElement('mark');
            mark.textContent = run.text;
            excerpt.append(mark);
          } else {
            excerpt.append(run.text);
          }
        }
        item.append(link, excerpt);
        return item;
      }),
    );
    status.textContent =
      results.length === 0
        ? text('textNone').replace('{query}', query)
        : text('textCount').replace('{count}', String(search.results.length));
  };

  const open = (): void => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    if (!pagefind) status.textContent = text('textLoading');
    load().then(
      () => {
        if (status.textContent === text('textLoading')) status.textContent = '';
      },
      () => {
        pagefind = undefined;
        status.textContent = text('textError');
      },
    );
  };

  opener.addEventListener('click', open);
  dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
  // Enter in the field goes to the first result instead of submitting anything.
  dialog.querySelector('[data-search-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    list.querySelector('a')?.focus();
  });
  input.addEventListener('input', () => void render(input.value));
  doc.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, [contenteditable], .xterm') !== null;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
  // Escape in a search field only clears it in Chromium; here it closes the dialog as well.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener('close', () => opener.focus());
}
