// The course navigation's behaviour: the phone menu (open, close, Escape, focus) and the progress
// marks, read from and written to localStorage.
import {
  loadProgress,
  markFinished,
  markOpened,
  saveProgress,
  type Progress,
} from './progress-store.ts';

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

function showProgress(nav: HTMLElement, progress: Progress): void {
  const links = nav.querySelectorAll<HTMLAnchorElement>('a[data-lesson]');
  let finished = 0;
  for (const link of links) {
    const state = progress[link.dataset['lesson'] ?? ''];
    if (state === 'finished') finished += 1;
    const mark = link.querySelector<HTMLElement>('[data-progress-mark]');
    const text = link.querySelector<HTMLElement>('[data-progress-text]');
    if (!mark || !text || !state) continue;
    mark.dataset['state'] = state;
    text.textContent =
      (state === 'finished' ? nav.dataset['labelFinished'] : nav.dataset['labelOpened']) ?? '';
  }
  const summary = nav.querySelector<HTMLElement>('[data-progress-summary]');
  if (summary && nav.dataset['summary']) {
    summary.textContent = nav.dataset['summary']
      .replace('{finished}', String(finished))
      .replace('{total}', String(links.length));
  }
}

function bindMenu(doc: Document, nav: HTMLElement): void {
  const toggle = doc.querySelector<HTMLButtonElement>('[data-nav-toggle]');
  const close = nav.querySelector<HTMLButtonElement>('[data-nav-close]');
  if (!toggle) return;

  const setOpen = (open: boolean, returnFocus: boolean): void => {
    nav.dataset['open'] = String(open);
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      const target =
        nav.querySelector<HTMLElement>('a[aria-current="page"]') ??
        nav.querySelector<HTMLElement>('a');
      target?.focus();
    } else if (returnFocus) {
      toggle.focus();
    }
  };

  toggle.addEventListener('click', () => setOpen(nav.dataset['open'] !== 'true', true));
  close?.addEventListener('click', () => setOpen(false, true));
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nav.dataset['open'] === 'true') setOpen(false, true);
  });
}

export function bindCourseNav(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>('[data-course-nav]');
  if (!nav) return;
  bindMenu(doc, nav);

  const store = storage();
  let progress = loadProgress(store);
  const current = doc.body.dataset['lesson'];
  if (current) {
    progress = markOpened(progress, current);
    saveProgress(store, progress);
    const end = doc.querySelector('[data-lesson-end]');
    if (end && 'IntersectionObserver' in window) {
      // Finished means the reader scrolled to the end, not that the end was on screen at load.
      const observer = new IntersectionObserver((entries) => {
        if (window.scrollY <= 0 || !entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        progress = markFinished(loadProgress(store), current);
        saveProgress(store, progress);
        showProgress(nav, progress);
      });
      observer.observe(end);
    }
  }
  showProgress(nav, progress);
}
