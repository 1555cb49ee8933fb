// Property and fuzz tests of the codec (fast-check): round trips of arbitrary packets, and the real
// vectors mutated every way — flipped, cut, extended, lying in their lengths — where only
// PacketError may escape and decode, PacketReader and annotate must agree. The cases are defined in
// tests/fuzz/protocol-properties.ts; `npm run fuzz` runs a million of them.

import { afterAll, describe, it } from 'vitest';
import { casesRun, protocolProperties, totalCases } from '../../fuzz/protocol-properties.ts';
import { requestVectorNames, vectorBytes } from './vector-files.ts';

const vectors = requestVectorNames().map(vectorBytes);

describe('protocol properties', () => {
  for (const property of protocolProperties(vectors)) {
    it(`${property.name} (${property.runs} cases)`, { timeout: 120_000 }, () => {
      property.check(property.runs);
    });
  }

  afterAll(() => {
    const lines = [...casesRun].map(([name, count]) => `  ${name}: ${count}`);
    console.log(`protocol property/fuzz cases run: ${totalCases()}\n${lines.join('\n')}`);
  });
});
