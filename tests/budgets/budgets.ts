// Prints every built page's weight (gzipped HTML, JS before interaction, CSS) and fails above the
// budgets: HTML 25 kB, JS 20 kB, CSS 17 kB. Run after `npm run build`: npm run budgets
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages } from '../support/built-pages.ts';
import { BUDGET, measurePage, siteDir } from './page-weight.ts';

const dist = siteDir();
if (!existsSync(join(dist, 'index.html'))) {
  console.error('uwsgi-lab: budgets: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const pages = builtPages(dist);

const kB = (n: number): string => (n / 1000).toFixed(1).padStart(6);
const width = Math.max(...pages.map((p) => p.length), 4);
console.log(
  `${'page'.padEnd(width)}  ${'HTML'.padStart(6)}  ${'JS'.padStart(6)}  ${'CSS'.padStart(6)}   (kB gzipped)`,
);
const failures: string[] = [];
for (const page of pages) {
  const weight = measurePage(dist, page);
  const over = (['html', 'js', 'css'] as const).filter((kind) => weight[kind] > BUDGET[kind]);
  console.log(
    `${page.padEnd(width)}  ${kB(weight.html)}  ${kB(weight.js)}  ${kB(weight.css)}${over.length ? `   over: ${over.join(', ')}` : ''}`,
  );
  for (const kind of over) failures.push(`${page}: ${kind} ${weight[kind]} B > ${BUDGET[kind]} B`);
}
console.log(`${'budget'.padEnd(width)}  ${kB(BUDGET.html)}  ${kB(BUDGET.js)}  ${kB(BUDGET.css)}`);
if (failures.length > 0) {
  console.error(`\nuwsgi-lab: budgets exceeded:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nall ${pages.length} pages within budget`);
