// Lighthouse (mobile) on one lesson per language against the built site served locally: prints the
// four scores, performance as the median of three runs. With --assert it fails below the gates:
// accessibility, best practices and SEO 0.95, performance 0.9.
// Usage: npm run lighthouse [-- --assert]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startStaticServer } from '../support/static-server.ts';
import { CHROMIUM_ARGS, chromiumPath, missingBrowser } from '../support/browser.ts';

const PAGES = ['/ko/wsgi/', '/en/wsgi/'];
const RUNS = 3;
const GATES = { performance: 0.9, accessibility: 0.95, 'best-practices': 0.95, seo: 0.95 } as const;
type Category = keyof typeof GATES;
const CATEGORIES = Object.keys(GATES) as Category[];

const { values } = parseArgs({ options: { assert: { type: 'boolean', default: false } } });

const problem = missingBrowser();
if (problem) {
  console.error(problem);
  process.exit(2);
}
if (!existsSync('dist/index.html')) {
  console.error('uwsgi-lab: lighthouse: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const server = await startStaticServer('dist', 0);
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const chromePath = chromiumPath();
const chrome = await launch({
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  ...(chromePath ? { chromePath } : {}),
});

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const failures: string[] = [];
try {
  console.log(`page          ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
  for (const page of PAGES) {
    const runs: Record<Category, number>[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const result = await lighthouse(`http://127.0.0.1:${port}${page}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        formFactor: 'mobile',
      });
      const categories = result?.lhr.categories;
      if (!categories) throw new Error(`lighthouse gave no result for ${page}`);
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, categories[c]?.score ?? 0]),
      ) as Record<Category, number>;
      runs.push(scores);
      if (i === 0) {
        for (const c of CATEGORIES.filter((c) => c !== 'performance')) {
          const failing = Object.values(result.lhr.audits).filter(
            (a) =>
              a.score !== null &&
              a.score < 1 &&
              result.lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0),
          );
          for (const audit of failing) console.log(`  ${page} ${c}: ${audit.id} (${audit.score})`);
        }
      }
    }
    const final: Record<Category, number> = {
      performance: median(runs.map((r) => r.performance)),
      accessibility: runs[0]?.accessibility ?? 0,
      'best-practices': runs[0]?.['best-practices'] ?? 0,
      seo: runs[0]?.seo ?? 0,
    };
    console.log(
      `${page.padEnd(14)}${CATEGORIES.map((c) => final[c].toFixed(2).padStart(15)).join('')}`,
    );
    console.log(
      `${''.padEnd(14)}  performance runs: ${runs.map((r) => r.performance.toFixed(2)).join(', ')}`,
    );
    for (const c of CATEGORIES) {
      if (final[c] < GATES[c]) failures.push(`${page} ${c} ${final[c].toFixed(2)} < ${GATES[c]}`);
    }
  }
} finally {
  chrome.kill();
  server.close();
}
if (failures.length > 0) {
  console.error(`\nuwsgi-lab: lighthouse below the gates:\n  ${failures.join('\n  ')}`);
  if (values.assert) process.exit(1);
}
