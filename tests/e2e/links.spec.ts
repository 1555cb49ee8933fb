// No broken internal links: every href on every built page that points into the site leads to a
// built page (or asset), and every #fragment to an element with that id on the target page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, builtPages } from './fixtures.ts';
import { DIST_DIR } from '../support/dist-dir.ts';

const SITE = 'https://uwsgi-lab.dev';

function fileFor(path: string): string | undefined {
  const clean = decodeURIComponent(path);
  for (const candidate of [join(DIST_DIR, clean), join(DIST_DIR, clean, 'index.html')]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // a folder: try the next candidate
      }
    }
  }
  return undefined;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let found = ids.get(file);
  if (!found) {
    const html = readFileSync(file, 'utf8');
    found = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
    ids.set(file, found);
  }
  return found;
}

test('every internal link and anchor resolves', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of builtPages()) {
    const file = fileFor(page);
    if (!file) throw new Error(`no file for ${page}`);
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
      const href = (match[1] ?? '').replace(/&amp;/g, '&');
      const url = new URL(href, `${SITE}${page}`);
      if (url.origin !== SITE) continue;
      checked += 1;
      const target = url.pathname === page || href.startsWith('#') ? file : fileFor(url.pathname);
      if (!target) {
        broken.push(`${page}: ${href} (no such page)`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
        broken.push(`${page}: ${href} (no #${fragment} there)`);
      }
    }
  }
  expect(broken).toEqual([]);
  // The course links to itself a lot (navigation, tables of contents): far more than this.
  expect(checked).toBeGreaterThan(200);
});

test('the reference pages exist, and every lesson links its terms to its glossary', () => {
  const pages = builtPages();
  for (const locale of ['ko', 'en']) {
    expect(pages).toContain(`/${locale}/glossary/`);
    expect(pages).toContain(`/${locale}/simplifications/`);
  }
  const lessons = pages.filter((page) => {
    const file = fileFor(page);
    return file !== undefined && /<body[^>]*\sdata-lesson="/.test(readFileSync(file, 'utf8'));
  });
  expect(lessons.length).toBeGreaterThan(0);
  for (const page of lessons) {
    const html = readFileSync(fileFor(page) ?? '', 'utf8');
    const locale = page.slice(1, 3);
    const terms = [
      ...html.matchAll(/<a href="[^"]*\/(ko|en)\/glossary\/#[^"]+" class="glossary-link"/g),
    ];
    expect(terms.length, page).toBeGreaterThan(3);
    expect(
      terms.every((m) => m[1] === locale),
      `${page} links its own language's glossary`,
    ).toBe(true);
  }
});
