// axe on every built page, in both themes: no violations at all.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, builtPages } from './fixtures.ts';

// The root page only redirects; it is checked by the routing tests.
const pages = builtPages().filter((page) => page !== '/');

for (const theme of ['light', 'dark'] as const) {
  for (const path of pages) {
    test(`axe: ${path} (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary).toEqual([]);
    });
  }
}
