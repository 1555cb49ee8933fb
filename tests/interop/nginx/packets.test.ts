// The packet corpus re-derived from real nginx 1.22.1: each case is captured again (private nginx,
// recording listener, fixed client port); the packet, the client's response and the error-log
// lines must match what the model produces for the same site, request and ports.

import { expect, it } from 'vitest';
import { PACKET_CASES } from '../../fixtures/nginx/tools/packet-cases.ts';
import { describeWithPrograms } from '../support/real-programs.ts';
import { capturePacketCase } from '../support/packet-oracle.ts';
import { modelPacketCase, seriousLines } from '../../unit/gateway/support/packet-corpus.ts';

describeWithPrograms(
  'uwsgi_pass packets and responses: real nginx and the model',
  ['nginx'],
  () => {
    it.each(PACKET_CASES.map((c, index) => [c.name, c, index] as const))(
      '%s',
      async (_, testCase, index) => {
        // client ports below Linux's ephemeral range (32768–60999): an outgoing connection elsewhere
        // on the machine (another test's, Playwright's) never takes them, nor does a recent
        // capture's TIME_WAIT (the capture tool uses 41000+)
        const live = await capturePacketCase(testCase, 29000 + index);
        const model = modelPacketCase(live);
        expect(model.packet).toBe(live.packet);
        expect(model.response).toBe(live.response);
        expect(model.errorLog).toEqual(seriousLines(live.errorLog));
      },
    );
  },
);
