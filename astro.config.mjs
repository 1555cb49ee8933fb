// Site build: static output, Korean and English under /ko/ and /en/, lessons from content/.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import expressiveCode from 'astro-expressive-code';
import { expressiveCodeOptions } from './src/markdown/expressive-code.ts';
import { glossaryLinksIntegration } from './src/markdown/glossary-links.ts';

// Where the site is deployed: SITE_URL is the origin (canonical URLs and the sitemap need it),
// BASE_PATH a sub-folder such as /uwsgi-lab (default: the host's root).
const site = process.env.SITE_URL ?? 'https://uwsgi-lab.dev';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  output: 'static',
  // Code blocks are highlighted by Expressive Code (below), not by Astro's own Shiki step.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory' },
  integrations: [
    // Expressive Code must come before MDX so that MDX code blocks go through it.
    expressiveCode(expressiveCodeOptions(base)),
    // Links the first use of each glossary term in a lesson to /ko/glossary/ or /en/glossary/.
    glossaryLinksIntegration({ base }),
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'ko', locales: { ko: 'ko-KR', en: 'en-US' } },
      filter: (page) => !page.endsWith('/404/') && new URL(page).pathname !== `${base}`,
    }),
  ],
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind's search runs WebAssembly, which needs 'wasm-unsafe-eval' (not 'unsafe-eval').
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Styles may be inline: Expressive Code colours tokens with style attributes, and xterm.js
      // (the terminal) writes its own <style> elements with sizes and colours at run time, which no
      // build-time hash can cover. Scripts stay hash- or origin-checked, without 'unsafe-inline'.
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
