// SEAM (issue 5 items 8, 10, 12): the full path curl → nginx model → uWSGI model → app → back, in
// one machine, recorded as one journey. The uWSGI side is here and tested (uwsgi-process,
// upstream-exchange); what is missing is the nginx model's request handler: a StreamServer it binds
// with `SocketTable.bindInet('127.0.0.1', 8080, …)`, which builds the packet, calls
// `exchangeWithUpstream(net, uwsgi_pass address, www-data, packet, recorder, header)` and turns the
// outcome into the client's bytes and its error-log line, recording 'nginx-decision' and
// 'nginx-response' hops (src/gateway/trace/journey.ts). Fill these in when it lands.

import { describe, it } from 'vitest';

describe('curl → nginx model → uWSGI model → app → back', () => {
  it.todo(
    'every request vector: nginx writes NAME.hex, uWSGI answers uwsgi-resp-NAME.hex, the client gets what curl got (NAME.txt)',
  );
  it.todo('socket file missing → 502 and [crit] … (2: No such file or directory)');
  it.todo('no permission for www-data → 502 and (13: Permission denied)');
  it.todo('stale socket → 502 and [error] … (111: Connection refused)');
  it.todo('--http-socket behind uwsgi_pass → 502 and upstream prematurely closed connection');
  it.todo('headers over buffer-size → 502 and recv() failed (104: Connection reset by peer)');
  it.todo("callable missing → uWSGI's 500, re-chunked by nginx");
  it.todo(
    'the journey: client-request, nginx-decision, connect, uwsgi-packet, uwsgi-checks, environ, app-response, uwsgi-response, nginx-response',
  );
  it.todo('the full path under 1 ms median (npm run bench)');
});
