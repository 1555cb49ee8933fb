// The goal of the lessons on uWSGI alone (before nginx): the tutorial's app answers `Hello World!`
// through uWSGI on /tmp/uwsgi.sock. Its check sends the packet nginx would send for the request
// the captures made (`curl -H 'Host: helloworld.haruair.com' http://127.0.0.1:8080/` through the
// tutorial's server block: ../shared/vectors/get-root.txt) straight to the socket.

import type { ScenarioGoal } from './scenario.ts';

export const APP_ON_UWSGI_SOCKET_GOAL: ScenarioGoal = {
  id: 'app-on-uwsgi-socket',
  request: {
    url: 'http://127.0.0.1:8080/',
    headers: [['Host', 'helloworld.haruair.com']],
    uwsgiSocket: '/tmp/uwsgi.sock',
  },
  expect: { status: 200, body: 'Hello World!' },
};
