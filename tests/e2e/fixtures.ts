// The e2e tests' page: every test fails if the page logged a console error, threw, or violated
// its Content-Security-Policy.
import { test as base, expect, type Page } from '@playwright/test';

interface PageProblems {
  problems: string[];
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

export async function watchPage(page: Page): Promise<PageProblems> {
  const watch: PageProblems = { problems: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return watch;
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

// Playwright's own `page` fixture already comes from browser.newContext(), as axe needs.
export const test = base.extend<{ watched: PageProblems }>({
  watched: [
    async ({ page }, use) => {
      const watch = await watchPage(page);
      await use(watch);
      const csp = page.url().startsWith('http') ? await cspViolations(page).catch(() => []) : [];
      expect([...watch.problems, ...csp.map((v) => `CSP violation: ${v}`)]).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export { builtPages } from '../support/built-pages.ts';
