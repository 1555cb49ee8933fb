// The HTML pages of a built site, as URL paths: dist/ko/wsgi/index.html → /ko/wsgi/.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST_DIR } from './dist-dir.ts';

export function builtPages(dist = DIST_DIR): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name.endsWith('.html')) {
        const rel = `/${relative(dist, path).replace(/\\/g, '/')}`;
        pages.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dist);
  return pages.sort();
}
