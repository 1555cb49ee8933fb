// Runs with the page and stays tiny: the packet views' code (the codec, the view model, the
// strings) loads the first time a reader points at, touches or tabs into a view. What the reader
// does while it loads is handed over, so a quick click is not lost.
const TRIGGERS = ['pointerover', 'pointerdown', 'focusin'] as const;

export function armPacketViews(doc: Document): void {
  for (const view of doc.querySelectorAll<HTMLElement>('[data-packet-view]:not([data-bound])')) {
    const events: Event[] = [];
    const record = (event: Event): void => {
      events.push(event);
      if (events.length > 1) return;
      void import('./packet-view-hydrate.ts').then(async (module) => {
        await module.hydratePacketView(view, events);
        for (const type of TRIGGERS) view.removeEventListener(type, record);
      });
    };
    for (const type of TRIGGERS) view.addEventListener(type, record, { passive: true });
  }
}
