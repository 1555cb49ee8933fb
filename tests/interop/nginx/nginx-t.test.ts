// `nginx -t` agreement, re-derived from real nginx 1.22.1: every config of the corpus goes through
// real `nginx -t` with Debian's paths (private mount namespace) and through the model; both must
// say what the committed corpus says.

import { expect, it } from 'vitest';
import { describeWithPrograms } from '../support/real-programs.ts';
import { canUseMountNamespace, maskLogStamps, realNginxTest } from '../support/nginx-oracle.ts';
import { modelNginxTest, readNginxTestCorpus } from '../../unit/gateway/support/nginx-t-corpus.ts';

const corpus = readNginxTestCorpus();

describeWithPrograms(
  'nginx -t: real nginx and the model',
  ['nginx', { name: 'a private mount namespace (root, unshare)', available: canUseMountNamespace }],
  () => {
    it.each(corpus.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
      const real = realNginxTest(testCase.site, testCase.nginxConf);
      const model = modelNginxTest(testCase);
      expect(maskLogStamps(real.output)).toBe(testCase.output);
      expect(real.status).toBe(testCase.status);
      expect(model).toEqual({ output: testCase.output, status: testCase.status });
    });
  },
);
