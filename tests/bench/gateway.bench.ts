// `npm run bench`: the full path on one simulated machine — a client's HTTP bytes → the nginx
// process (Debian's config, the capture tool's site) → uwsgi_pass through the socket table → the
// uWSGI model → the capture tool's Flask app → back — with the journey recorded, as the lab runs
// every curl. Target: under 1 ms per request (median). It prints figures; it asserts nothing.

import { CAPTURE_APP_SOURCE } from '../../src/gateway/apps/known-apps.ts';
import { startNginx } from '../../src/gateway/nginx/nginx-process.ts';
import { sendClientRequest } from '../../src/gateway/net/client-request.ts';
import { JourneyRecorder } from '../../src/gateway/trace/journey.ts';
import { latin1Bytes } from '../../src/protocol/index.ts';
import { servingMachine, type ServingMachine } from '../unit/gateway/support/serving-machine.ts';
import { readVectors, VECTOR_SITE } from '../unit/gateway/support/vectors.ts';
import { uwsgi } from '../unit/gateway/uwsgi/test-machine.ts';

const WARM_UP = 200;
const SAMPLES = 2000;
const TARGET = { kind: 'inet', host: '127.0.0.1', port: 8080 } as const;

function machine(withUwsgi: boolean): ServingMachine {
  const serving = servingMachine({ site: VECTOR_SITE, app: CAPTURE_APP_SOURCE });
  const nginx = startNginx(serving);
  if (!nginx.ok) throw new Error(nginx.stderr.join('\n'));
  if (withUwsgi)
    uwsgi(
      serving,
      'uwsgi --plugin python3 --socket /tmp/uwsgi.sock --chdir /home/ubuntu/helloWorld --module app --callable app --chmod-socket=666',
    );
  return serving;
}

interface Figures {
  readonly median: number;
  readonly p90: number;
  readonly bytes: number;
}

/** Times each request alone (the logs are emptied between requests, outside the timing). */
function measure(serving: ServingMachine, request: Uint8Array): Figures {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const t0 = performance.now();
    const recorder = new JourneyRecorder(i, 0);
    const outcome = sendClientRequest(serving.net, TARGET, request, recorder);
    recorder.journey();
    const elapsed = performance.now() - t0;
    if (outcome.kind === 'response') bytes = outcome.bytes.length;
    if (i >= WARM_UP) times.push(elapsed);
    serving.fs.writeFile('/var/log/nginx/access.log', new Uint8Array(0));
    serving.fs.writeFile('/var/log/nginx/error.log', new Uint8Array(0));
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)]!,
    p90: times[Math.floor(times.length * 0.9)]!,
    bytes,
  };
}

const rows: [name: string, figures: Figures][] = [];
for (const vector of readVectors()) {
  if (vector.name === 'no-app') continue;
  rows.push([vector.name, measure(machine(true), vector.request)]);
}
rows.push([
  'socket missing (502)',
  measure(
    machine(false),
    latin1Bytes(
      'GET / HTTP/1.1\r\nHost: helloworld.haruair.com\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
    ),
  ),
]);

console.log(
  `\ngateway full-path benchmark — Node ${process.version}, ${SAMPLES} requests each after ${WARM_UP} to warm up`,
);
console.log(
  'client bytes → nginx process → uwsgi packet → uWSGI model → Flask app model → nginx → client, journey recorded\n',
);
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'request'.padEnd(width)}  median ms  p90 ms  response bytes`);
for (const [name, figures] of rows)
  console.log(
    `${name.padEnd(width)}  ${figures.median.toFixed(3).padStart(9)}  ${figures.p90.toFixed(3).padStart(6)}  ${String(figures.bytes).padStart(14)}`,
  );
const all = rows.map(([, figures]) => figures.median).sort((a, b) => a - b);
const median = all[Math.floor(all.length / 2)]!;
console.log(
  `\nmedian of the medians: ${median.toFixed(3)} ms per request (target < 1 ms: ${median < 1 ? 'met' : 'NOT met'})`,
);
