// `npm run bench`: every tests/bench/*.bench.ts in its own Node process, one after the other (a
// fresh process each, so one bench's warm-up and garbage do not colour another's figures).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const bench of benches) {
  const result = spawnSync(process.execPath, [`${dir}${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${bench} failed (exit status ${String(result.status ?? result.signal)})`);
    failed++;
  }
}
process.exitCode = failed === 0 ? 0 : 1;
