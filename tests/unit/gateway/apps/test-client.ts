// Calling a modelled app with the environ Werkzeug's test client builds, so its answers compare with
// what real Flask gave the same client (tests/fixtures/uwsgi/flask-responses.json).

import type { WsgiApp } from '../../../../src/gateway/apps/wsgi-app.ts';
import { environFromVars, WsgiErrors } from '../../../../src/gateway/wsgi/environ.ts';
import { callWsgiApp } from '../../../../src/gateway/wsgi/wsgi-response.ts';
import { latin1Bytes, latin1Text } from '../../../../src/protocol/index.ts';

/** The environ Werkzeug's test client builds (what the fixture's app saw), as uwsgi vars. */
export function testClientCall(
  app: WsgiApp,
  method: string,
  target: string,
  headers: Record<string, string>,
  body: Uint8Array,
  errors: string[] = [],
) {
  const [path = '', query = ''] = target.split('?');
  const decodedPath = latin1Text(
    new Uint8Array(
      Buffer.from(
        decodeURIComponent(path.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => `%${hex}`)),
        'utf8',
      ),
    ),
  );
  const vars: [string, string][] = [
    ['REQUEST_METHOD', method],
    ['SCRIPT_NAME', ''],
    ['PATH_INFO', decodedPath],
    ['QUERY_STRING', query],
    ['SERVER_NAME', 'localhost'],
    ['SERVER_PORT', '80'],
    ['HTTP_HOST', 'localhost'],
    ['SERVER_PROTOCOL', 'HTTP/1.1'],
  ];
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toUpperCase().replace(/-/g, '_');
    vars.push([key === 'CONTENT_TYPE' ? key : `HTTP_${key}`, value]);
  }
  if (body.length > 0) vars.push(['CONTENT_LENGTH', String(body.length)]);
  const environ = environFromVars(
    vars.map(([key, value]) => [latin1Bytes(key), latin1Bytes(value)]),
    body,
    {
      threads: 1,
      processes: 1,
      core: 0,
      uwsgiVersion: '2.0.21-debian',
      nodename: 'vm',
      errors: new WsgiErrors((text) => errors.push(text)),
    },
  );
  return callWsgiApp(app, environ);
}
