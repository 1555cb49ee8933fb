// Runs with the page and stays tiny: the stepper's code loads when the journey comes near the
// screen, when the reader points at, touches, focuses or types in it, or when the address already
// names one of its steps (#journey-4). Until then the steps read as one long list.
const TRIGGERS = ['pointerover', 'pointerdown', 'focusin', 'keydown'] as const;
/** How far below the screen the journey starts loading (before the reader gets there). */
const NEAR = '300px 0px';

export function armJourneys(doc: Document): void {
  for (const root of doc.querySelectorAll<HTMLElement>('[data-journey]:not([data-bound])')) {
    const pending: Event[] = [];
    let loading = false;
    let observer: IntersectionObserver | undefined;
    const load = (): void => {
      if (loading) return;
      loading = true;
      observer?.disconnect();
      void import('./journey-stepper.ts').then((module) => {
        for (const type of TRIGGERS) root.removeEventListener(type, record);
        module.startJourney(root, pending);
      });
    };
    const record = (event: Event): void => {
      pending.push(event);
      load();
    };
    for (const type of TRIGGERS) root.addEventListener(type, record, { passive: true });
    if (/^#journey-\d/.test(doc.location.hash)) load();
    else if (typeof IntersectionObserver === 'function') {
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) load();
        },
        { rootMargin: NEAR },
      );
      observer.observe(root);
    }
  }
}
