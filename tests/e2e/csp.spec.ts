// Every built page carries a Content-Security-Policy with no 'unsafe-inline' or 'unsafe-eval' for
// scripts and no third-party origin anywhere; every inline script is covered by a hash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { test, expect, builtPages } from './fixtures.ts';
import { DIST_DIR } from '../support/dist-dir.ts';

function pageFile(page: string): string {
  return join(DIST_DIR, page.endsWith('/') ? `${page}index.html` : page);
}

for (const page of builtPages()) {
  test(`CSP of ${page}`, () => {
    const html = readFileSync(pageFile(page), 'utf8');
    const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
    expect(csp, 'a CSP meta tag').toBeDefined();
    const directives = new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0] ?? '', parts.slice(1)]),
    );
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} allows another origin`).not.toMatch(
          /^(https?:|\*|[a-z0-9.-]+\.[a-z]{2,})/i,
        );
      }
    }
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      const hash = `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`;
      expect(scriptSrc, 'inline script hashed').toContain(hash);
    }
  });
}
