// `npm run fuzz`: the protocol's property and fuzz cases at scale — a million by default — with
// the same properties as the normal test run, and the count actually run printed at the end.
// usage: node tests/fuzz/run.ts [--cases N] [--seed S]

import { parseArgs } from 'node:util';
import { requestVectorNames, vectorBytes } from '../unit/protocol/vector-files.ts';
import { casesRun, protocolProperties, totalCases } from './protocol-properties.ts';

const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' } } });
const target = Number(values.cases ?? 1_000_000);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const properties = protocolProperties(requestVectorNames().map(vectorBytes));
const planned = properties.reduce((sum, property) => sum + property.runs, 0);

console.log(`fuzzing the protocol codec: ${target} cases, seed ${seed}`);
const started = performance.now();
let failed = false;
for (const property of properties) {
  const runs = Math.ceil((property.runs * target) / planned);
  const t0 = performance.now();
  try {
    property.check(runs, seed);
    console.log(
      `  ok   ${runs.toString().padStart(8)}  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${property.name}`,
    );
  } catch (error) {
    failed = true;
    console.log(
      `  FAIL ${runs.toString().padStart(8)}  ${property.name}\n${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
console.log(
  `${totalCases()} cases run in ${((performance.now() - started) / 1000).toFixed(1)} s (${casesRun.size} properties), seed ${seed}: ${failed ? 'FAILED' : 'all passed'}`,
);
process.exitCode = failed ? 1 : 0;
