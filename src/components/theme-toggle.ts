// Keeps <html data-theme>, the toggle's pressed state and localStorage in step; follows the system
// setting live until the reader makes a choice.
import { THEME_STORAGE_KEY } from './theme-init.ts';

type Theme = 'light' | 'dark';

function stored(): Theme | undefined {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

function apply(root: HTMLElement, theme: Theme, buttons: Iterable<HTMLElement>): void {
  root.dataset['theme'] = theme;
  for (const button of buttons) button.setAttribute('aria-pressed', String(theme === 'dark'));
}

export function bindThemeToggle(doc: Document): void {
  const root = doc.documentElement;
  const buttons = [...doc.querySelectorAll<HTMLElement>('[data-theme-toggle]')];
  const current = (): Theme => (root.dataset['theme'] === 'dark' ? 'dark' : 'light');
  apply(root, current(), buttons);

  for (const button of buttons) {
    button.addEventListener('click', () => {
      const next: Theme = current() === 'dark' ? 'light' : 'dark';
      apply(root, next, buttons);
      try {
        localStorage.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // Private mode or a full quota: the choice lasts for this page only.
      }
    });
  }

  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
    if (!stored()) apply(root, event.matches ? 'dark' : 'light', buttons);
  });
}
