// What a built page costs a reader before they touch anything: gzipped HTML, the JavaScript that
// loads with the page (script tags, module preloads, inline scripts, and the modules those import
// statically — not code behind a dynamic import() that waits for an interaction), and CSS.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET = { html: 25_000, js: 20_000, css: 17_000 } as const;

export interface PageWeight {
  page: string;
  html: number;
  js: number;
  css: number;
  jsFiles: string[];
}

export const gzipSize = (data: string | Uint8Array): number => gzipSync(data, { level: 9 }).length;

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(2)
    .find((v) => v !== undefined);

// `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"` — but not `import("./a.js")`.
const STATIC_IMPORT =
  /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+\.m?js)["']/g;

/** `/ko/wsgi/` → dist/ko/wsgi/index.html; URLs of assets resolved against `base`. */
export function measurePage(dist: string, page: string, base = '/'): PageWeight {
  const file = page.endsWith('/') ? join(dist, page, 'index.html') : join(dist, page);
  const html = readFileSync(file, 'utf8');
  const toFile = (url: string, from: string): string | undefined => {
    if (/^[a-z]+:/i.test(url)) return undefined; // another origin: the CSP forbids it anyway
    const absolute = url.startsWith('/') ? url : posix.join(posix.dirname(from), url);
    const path = join(dist, absolute.startsWith(base) ? absolute.slice(base.length) : absolute);
    return existsSync(path) ? path : undefined;
  };

  const jsFiles = new Set<string>();
  const queue: string[] = [];
  let inlineJs = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = match[1] ?? '';
    const src = attr(tag, 'src');
    const type = attr(tag, 'type');
    if (type && !/module|javascript/i.test(type)) continue; // JSON data, not code
    if (src) queue.push(src);
    else inlineJs += gzipSize(match[2] ?? '');
    if (!src)
      for (const imp of (match[2] ?? '').matchAll(STATIC_IMPORT)) if (imp[1]) queue.push(imp[1]);
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    if (/rel\s*=\s*["']?modulepreload/i.test(tag)) {
      const href = attr(tag, 'href');
      if (href) queue.push(href);
    }
  }
  const pageUrl = page.endsWith('/') ? `${page}index.html` : page;
  while (queue.length > 0) {
    const url = queue.shift() ?? '';
    const path = toFile(url, url.startsWith('/') ? url : pageUrl);
    if (!path || jsFiles.has(path)) continue;
    jsFiles.add(path);
    const code = readFileSync(path, 'utf8');
    const from = `/${posix.relative(dist, path)}`;
    for (const imp of code.matchAll(STATIC_IMPORT)) {
      if (!imp[1]) continue;
      const next = imp[1].startsWith('.') ? posix.join(posix.dirname(from), imp[1]) : imp[1];
      queue.push(next);
    }
  }
  let js = inlineJs;
  for (const path of jsFiles) js += gzipSize(readFileSync(path));

  let css = 0;
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/rel\s*=\s*["']?stylesheet/i.test(tag)) continue;
    const href = attr(tag, 'href');
    const path = href && toFile(href, pageUrl);
    if (path) css += gzipSize(readFileSync(path));
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    css += gzipSize(match[1] ?? '');

  return {
    page,
    html: gzipSize(html),
    js,
    css,
    jsFiles: [...jsFiles].map((path) => `/${posix.relative(dist, path)}`),
  };
}

export function siteDir(): string {
  return join(dirname(new URL(import.meta.url).pathname), '..', '..', 'dist');
}
