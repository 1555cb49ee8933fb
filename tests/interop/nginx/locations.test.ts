// Location selection re-derived from real nginx 1.22.1: every (config, URI) pair of the corpus is
// sent to a private nginx again; its answer must still be the committed one, and the model's too.

import { expect, it } from 'vitest';
import { describeWithPrograms } from '../support/real-programs.ts';
import { captureLocationCorpus } from '../support/location-oracle.ts';
import {
  locationModel,
  readAnswer,
  readLocationCorpus,
} from '../../unit/gateway/support/location-corpus.ts';

describeWithPrograms('location selection: real nginx and the model', ['nginx'], () => {
  it('agree on every case of the corpus', async () => {
    const recorded = readLocationCorpus();
    const live = await captureLocationCorpus();
    expect(live.cases).toEqual(recorded.cases);
    const model = locationModel();
    for (const testCase of live.cases) {
      const answer = readAnswer(model(testCase.group, testCase.uri).response ?? new Uint8Array(0));
      expect({ uri: testCase.uri, ...answer }).toEqual({
        uri: testCase.uri,
        status: testCase.status,
        body: testCase.body,
        location: testCase.location,
      });
    }
  });
});
