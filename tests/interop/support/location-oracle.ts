// Real nginx as the oracle for location selection: every group of location-cases.ts becomes a
// server{} (told apart by server_name GROUP.test) in one private nginx, and each URI is sent raw.
// The answer's status, body and Location path say which location won.

import { LOCATION_GROUPS } from '../../fixtures/nginx/tools/location-cases.ts';
import {
  locationSite,
  readAnswer,
  requestFor,
  type LocationCorpus,
  type LocationCorpusCase,
} from '../../unit/gateway/support/location-corpus.ts';
import { sendRaw, withPrivateNginx } from './nginx-oracle.ts';

export async function captureLocationCorpus(): Promise<LocationCorpus> {
  return withPrivateNginx(
    (port) => locationSite(`127.0.0.1:${port}`),
    async (nginx) => {
      const cases: LocationCorpusCase[] = [];
      for (const group of LOCATION_GROUPS) {
        for (const uri of group.uris) {
          const answer = readAnswer(await sendRaw(nginx.port, requestFor(group.name, uri)));
          cases.push({ group: group.name, uri, ...answer });
        }
      }
      return {
        nginx: '1.22.1 (Debian 12, nginx 1.22.1-9+deb12u11)',
        groups: LOCATION_GROUPS.map(({ name, body }) => ({ name, body })),
        cases,
      };
    },
  );
}
