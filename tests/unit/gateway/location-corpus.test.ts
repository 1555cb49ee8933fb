// Location selection: for every (config, URI) pair of the corpus, the location real nginx 1.22.1
// chose (each location answers with its own name) is the one the model chooses.

import { describe, expect, it } from 'vitest';
import { locationModel, readAnswer, readLocationCorpus } from './support/location-corpus.ts';

const corpus = readLocationCorpus();
const model = locationModel();

describe('location corpus', () => {
  it('holds at least 60 cases', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(corpus.cases.map((c) => [`${c.group} ${c.uri}`, c] as const))('%s', (_, testCase) => {
    const { response } = model(testCase.group, testCase.uri);
    expect(response).toBeDefined();
    const answer = readAnswer(response!);
    expect(answer.status).toBe(testCase.status);
    expect(answer.body).toBe(testCase.body);
    expect(answer.location).toBe(testCase.location);
  });
});
