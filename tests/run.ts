// `npm test`: every gate, in order, stopping at the first that fails — browser present, types, lint
// and format, unit/property/interop tests, the build, page budgets, e2e tests, Lighthouse.
import { spawnSync } from 'node:child_process';
import { missingBrowser } from './support/browser.ts';

const problem = missingBrowser();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const steps: [name: string, command: string, args: string[]][] = [
  ['check (astro check, eslint, prettier)', 'npm', ['run', '-s', 'check']],
  ['unit, property and interop tests', 'npx', ['vitest', 'run']],
  ['build (site and search index)', 'npm', ['run', '-s', 'build']],
  ['page budgets', 'npm', ['run', '-s', 'budgets']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
  ['lighthouse', 'npm', ['run', '-s', 'lighthouse', '--', '--assert']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (${seconds} s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds} s)`);
}
console.log(`\nall gates passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
