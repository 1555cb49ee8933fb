// Search finds every lesson by its key terms, in Korean on Korean pages and in English on English
// pages (Pagefind keeps one index per language). A new lesson must add its terms here.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

const KEY_TERMS: Record<string, { ko: string[]; en: string[] }> = {
  overview: { ko: ['여정', 'haruair'], en: ['journey', 'haruair'] },
  wsgi: { ko: ['환경', 'start_response', 'latin-1'], en: ['environ', 'start_response', 'latin-1'] },
  'uwsgi-ini': { ko: ['플러그인', 'vacuum'], en: ['plugin', 'vacuum'] },
  'uwsgi-protocol': { ko: ['엔디언', 'datasize'], en: ['endian', 'datasize'] },
  nginx: { ko: ['try_files', 'sites-enabled'], en: ['try_files', 'sites-enabled'] },
  production: { ko: ['systemd', 'harakiri'], en: ['systemd', 'harakiri'] },
  'uwsgi-install': {
    ko: ['uwsgi-plugin-python3', 'externally-managed-environment'],
    en: ['uwsgi-plugin-python3', 'dangling'],
  },
  journey: { ko: ['여정', 'start_response'], en: ['journey', 'start_response'] },
  troubleshooting: { ko: ['문제 해결', '소켓'], en: ['troubleshooting', 'stale socket'] },
};

// The course's reference pages, found by their own words.
const PAGE_TERMS: Record<string, { ko: string[]; en: string[] }> = {
  glossary: { ko: ['용어집', 'modifier2'], en: ['glossary', 'modifier2'] },
  simplifications: { ko: ['재구성', 'multipart'], en: ['reconstructed', 'multipart'] },
};

async function searchUrls(page: Page, query: string): Promise<string[]> {
  // The module URL goes in as an argument so that TypeScript does not try to resolve it.
  return page.evaluate(
    async ([q, url]) => {
      const pagefind = (await import(url)) as {
        search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
      };
      const search = await pagefind.search(q);
      const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return data.map((d) => d.url);
    },
    [query, '/pagefind/pagefind.js'] as const,
  );
}

for (const locale of ['ko', 'en'] as const) {
  test(`every ${locale} lesson is found by its key terms`, async ({ page }) => {
    await page.goto(`/${locale}/`);
    const lessons = await page
      .locator('nav[aria-labelledby="course-nav-title"] a[data-lesson]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-lesson') ?? ''));
    expect(lessons.length).toBeGreaterThan(0);
    for (const slug of lessons) {
      const terms = KEY_TERMS[slug]?.[locale];
      expect(terms, `key terms for ${slug}`).toBeDefined();
      for (const term of terms ?? []) {
        const urls = await searchUrls(page, term);
        expect(urls, `"${term}"`).toContain(`/${locale}/${slug}/`);
        expect(
          urls.every((url) => url.startsWith(`/${locale}/`)),
          `"${term}" stays in ${locale}`,
        ).toBe(true);
      }
    }
  });
}

for (const locale of ['ko', 'en'] as const) {
  test(`the ${locale} glossary and simplifications pages are found by their terms`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/`);
    for (const [slug, terms] of Object.entries(PAGE_TERMS)) {
      for (const term of terms[locale]) {
        expect(await searchUrls(page, term), `"${term}"`).toContain(`/${locale}/${slug}/`);
      }
    }
  });
}
