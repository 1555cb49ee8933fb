// The JavaScript a page loads before any click or key, from the browser's own network log, at a
// laptop and a phone width: the same figure the budget script computes from dist/, within 20 kB.
import { test, expect } from './fixtures.ts';
import { BUDGET, gzipSize, measurePage } from '../budgets/page-weight.ts';
import { DIST_DIR } from '../support/dist-dir.ts';

const PAGES = [
  '/ko/',
  '/ko/overview/',
  '/ko/wsgi/',
  '/ko/inspector/',
  '/ko/builder/',
  '/en/',
  '/en/overview/',
  '/en/wsgi/',
  '/en/inspector/',
  '/en/builder/',
];

for (const width of [1280, 375]) {
  test(`JS before interaction at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of PAGES) {
      const scripts = new Map<string, number>();
      const listener = async (response: import('@playwright/test').Response): Promise<void> => {
        if (response.request().resourceType() !== 'script') return;
        const body = await response.body().catch(() => undefined);
        if (body) scripts.set(new URL(response.url()).pathname, gzipSize(body));
      };
      page.on('response', listener);
      await page.goto(path, { waitUntil: 'networkidle' });
      page.off('response', listener);
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('script:not([src])')]
          .filter(
            (s) =>
              !s.getAttribute('type') || /module|javascript/.test(s.getAttribute('type') ?? ''),
          )
          .map((s) => s.textContent ?? ''),
      );
      const total =
        [...scripts.values()].reduce((a, b) => a + b, 0) +
        inline.reduce((a, code) => a + gzipSize(code), 0);
      const fromDist = measurePage(DIST_DIR, path);
      console.log(`${width}px ${path}: ${(total / 1000).toFixed(1)} kB JS before interaction`);
      expect(total, path).toBeLessThanOrEqual(BUDGET.js);
      expect([...scripts.keys()].sort(), path).toEqual([...fromDist.jsFiles].sort());
      expect(total, path).toBe(fromDist.js);
    }
  });
}
