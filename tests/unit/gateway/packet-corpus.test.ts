// The packet corpus: for every (config, request) pair captured from real nginx 1.22.1, the model
// sends the same bytes over uwsgi_pass (or, like nginx, none), the client then gets the same
// response for the listener's answer (Date masked), and the same lines reach the error log.

import { describe, expect, it } from 'vitest';
import { modelPacketCase, readPacketCorpus, seriousLines } from './support/packet-corpus.ts';

const corpus = readPacketCorpus();

describe('packet corpus', () => {
  it('holds at least 30 captured packets beyond the shared vectors', () => {
    expect(corpus.filter((c) => c.packet !== null).length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
    const model = modelPacketCase(testCase);
    expect(model.packet).toBe(testCase.packet);
    expect(model.response).toBe(testCase.response);
    expect(model.errorLog).toEqual(seriousLines(testCase.errorLog));
  });
});
