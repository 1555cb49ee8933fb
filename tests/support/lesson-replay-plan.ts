// How the simulator check replays each lesson's console blocks that are not `run` blocks. By
// default a block runs on the machine of the page's <Terminal> (original where there is none), in
// page order, after the blocks before it: one reader typing everything in order. A block that
// shows another state — an aside, a break the prose describes, a later step the text shows early —
// is listed here: it runs on a machine of its own (`machine`, built from `scenario` the first time
// a block names it, then kept for the later blocks that name it), after `setup` steps typed on
// that machine just before it (what the prose says was done, as the lesson's capture script does
// on the real machine, tests/fixtures/captures/); or not at all (`skip`, with the reason).
//
// Blocks marked `real-only` in the MDX are never replayed: their output comes from programs or
// machines the simulator does not model, and the page says so under the block.

import { CAPTURE_APP_SOURCE } from '../../src/gateway/apps/known-apps.ts';
import { TUTORIAL_NGINX_SITE } from '../../src/shell/machine/tutorial-files.ts';

/**
 * A setup step: a command line typed at the prompt; the lesson's console blocks from…to, their
 * commands typed in order; or a file written with the text of one of the lesson's code blocks
 * (changed as the prose says, where it describes a change instead of showing the file).
 */
export type SetupStep =
  | string
  | { readonly blocks: readonly [number, number] }
  | {
      readonly file: string;
      readonly block: number;
      /** Changes made to the block's text first: [what, into]. */
      readonly replace?: readonly [string, string];
    };

export interface BlockReplay {
  /** The lesson file, e.g. `05-nginx.mdx`. */
  readonly lesson: string;
  /** 1-based position among the lesson's code blocks (as the checks' messages number them). */
  readonly block: number;
  /** The block's first command, checked, so the plan cannot drift from the lesson. */
  readonly command: string;
  /** The machine it runs on (default: the page's); a name not used before is built from `scenario`. */
  readonly machine?: string;
  readonly scenario?: string;
  /** Typed on the machine just before the block; their output is not compared. */
  readonly setup?: readonly SetupStep[];
  /** Not replayed, for this reason (commands shown for reading, done later step by step). */
  readonly skip?: string;
}

/** `cat > PATH <<'EOF'` with the text: writes a file the way a lesson's run blocks do. */
export const writeFile = (path: string, text: string): string =>
  `cat > ${path} <<'EOF'\n${text.replace(/\n$/, '')}\nEOF`;

const INI = '/home/ubuntu/helloWorld/uwsgi.ini';
const APP = '/home/ubuntu/helloWorld/app.py';
const SITE = '/etc/nginx/sites-available/default';
const HELLOWORLD_SITE = '/etc/nginx/sites-available/helloworld';
const UNIT = '/etc/systemd/system/uwsgi-helloworld.service';

/** nginx from lesson 05 on a machine of the first lessons: installed, the tutorial's site, running. */
const TUTORIAL_NGINX: readonly SetupStep[] = [
  'apt-get install -y nginx-full',
  writeFile(SITE, TUTORIAL_NGINX_SITE),
  'systemctl restart nginx',
];

export const REPLAY_PLAN: readonly BlockReplay[] = [
  // 00: the finished setup's answer, shown before the terminal's machine (the tutorial's start)
  {
    lesson: '00-overview.mdx',
    block: 5,
    command: "curl -i -H 'Host: helloworld.haruair.com' http://127.0.0.1:8080/",
    machine: 'finished',
    scenario: 'nginx-ready',
  },
  // 02: the tutorial's commands, quoted before the lesson types them one by one in `run` blocks
  {
    lesson: '02-uwsgi-install.mdx',
    block: 1,
    command: 'mv /usr/bin/uwsgi /usr/bin/uwsgi-old',
    skip: 'the tutorial’s four commands, typed one by one in the run blocks that follow',
  },
  {
    lesson: '02-uwsgi-install.mdx',
    block: 2,
    command: 'uwsgi -s /tmp/uwsgi.sock --wsgi-file app.py --callable app -H .venv',
    skip: 'the tutorial’s variant, typed in a run block further on',
  },
  // 03: nginx as lesson 05 sets it up asks the plugin-less uWSGI of the run blocks for the page
  {
    lesson: '03-uwsgi-ini.mdx',
    block: 6,
    command: 'curl -s -i http://localhost:8080/',
    setup: TUTORIAL_NGINX,
  },
  // strict without the plugin line: the file above the block
  {
    lesson: '03-uwsgi-ini.mdx',
    block: 18,
    command: 'uwsgi uwsgi.ini',
    setup: [{ file: INI, block: 17 }],
  },
  // “with plugin = python3 back in … add a typo such as modul = app”
  {
    lesson: '03-uwsgi-ini.mdx',
    block: 19,
    command: 'uwsgi uwsgi.ini',
    setup: [
      writeFile(
        INI,
        '[uwsgi]\nchdir=/home/ubuntu/helloWorld\nchmod-socket=666\ncallable=app\nmodul=app\n' +
          'socket=/tmp/uwsgi.sock\nvirtualenv=/home/ubuntu/helloWorld/.venv\nplugin = python3\n' +
          'strict = true\n',
      ),
    ],
  },
  // the working file with the plugin line again, the background uWSGI stopped
  {
    lesson: '03-uwsgi-ini.mdx',
    block: 21,
    command: 'uwsgi uwsgi.ini --master --processes 2 --vacuum',
    setup: [{ file: INI, block: 8 }, 'kill %2'],
  },
  // 05: the tutorial's block just written, nginx reloaded (the capture starts nginx with it)
  {
    lesson: '05-nginx.mdx',
    block: 7,
    command: "curl -s http://localhost:8080/index.html | grep '<title>'",
    setup: ['systemctl reload nginx'],
  },
  // the alternative: the same block as sites-available/helloworld beside Debian's default site
  {
    lesson: '05-nginx.mdx',
    block: 8,
    command: 'ln -s /etc/nginx/sites-available/helloworld /etc/nginx/sites-enabled/',
    machine: 'own-site',
    setup: [
      'apt-get install -y nginx-full',
      writeFile('/etc/nginx/sites-available/helloworld', TUTORIAL_NGINX_SITE),
    ],
  },
  // … moved to port 80 with default_server
  {
    lesson: '05-nginx.mdx',
    block: 10,
    command: 'nginx -t',
    machine: 'own-site',
    setup: [{ file: '/etc/nginx/sites-available/helloworld', block: 9 }],
  },
  // the typo uwsgi_pas, written while nginx runs the good block
  {
    lesson: '05-nginx.mdx',
    block: 13,
    command: 'nginx -t',
    machine: 'typo',
    setup: [...TUTORIAL_NGINX, { file: SITE, block: 12 }],
  },
  { lesson: '05-nginx.mdx', block: 16, command: 'nginx -s reload', machine: 'typo' },
  // the location-rule test block as the only site
  {
    lesson: '05-nginx.mdx',
    block: 20,
    command: 'curl -s http://localhost:8080/',
    setup: [{ file: SITE, block: 19 }, 'nginx -s reload'],
  },
  // 07: the ini with chmod-socket commented out, uWSGI restarted with it
  {
    lesson: '07-troubleshooting.mdx',
    block: 11,
    command: 'ls -l /tmp/uwsgi.sock',
    setup: [{ file: INI, block: 10 }, 'kill %%', 'uwsgi uwsgi.ini &'],
  },
  // the http-socket ini, as the terminal's broken-http-socket machine runs it
  {
    lesson: '07-troubleshooting.mdx',
    block: 15,
    command: 'curl -s -i --unix-socket /tmp/uwsgi.sock http://localhost/',
    machine: 'http-socket',
    scenario: 'broken-http-socket',
  },
  // module=yourapplication, as the terminal's broken-no-app machine runs it
  {
    lesson: '07-troubleshooting.mdx',
    block: 25,
    command: 'curl -s -i http://localhost:8080/',
    machine: 'no-app',
    scenario: 'broken-no-app',
  },
  // The captures' app: the tutorial's plus the lesson's /submit route. A generator expression is
  // outside the app.py subset the simulator reads (the lesson says the terminal's app has no such
  // route), but the capture tool's app has the very same route and the simulator models that app
  // (src/gateway/apps/known-apps.ts): its /submit, behind the simulated nginx, is what is checked.
  {
    lesson: '07-troubleshooting.mdx',
    block: 29,
    command:
      "curl -s -H 'Transfer-Encoding: chunked' -d 'name=haruair&lang=ko' http://localhost:8080/submit",
    machine: 'form',
    setup: [writeFile(APP, CAPTURE_APP_SOURCE), 'cd /home/ubuntu/helloWorld', 'uwsgi uwsgi.ini &'],
  },
  // … and the site with `uwsgi_param HTTP_TRANSFER_ENCODING "";`, reloaded
  {
    lesson: '07-troubleshooting.mdx',
    block: 31,
    command:
      "curl -s -H 'Transfer-Encoding: chunked' -d 'name=haruair&lang=ko' http://localhost:8080/submit",
    machine: 'form',
    setup: [{ file: SITE, block: 30 }, 'nginx -s reload'],
  },
  // 08: the machine after the lesson's run blocks (the unit, the helloworld site with /static/)
  {
    lesson: '08-production.mdx',
    block: 4,
    command: 'ls -ld /run/uwsgi /run/uwsgi/helloworld',
    machine: 'unit',
    scenario: 'nginx-ready',
    setup: [{ blocks: [9, 13] }],
  },
  // the capture's 34-byte style.css (the lesson quotes its size, not its text)
  {
    lesson: '08-production.mdx',
    block: 19,
    command: 'curl -sI http://localhost:8080/static/style.css',
    machine: 'unit',
    setup: [
      'mkdir -p /home/ubuntu/helloWorld/static',
      "printf 'body { font-family: sans-serif; }\\n' > /home/ubuntu/helloWorld/static/style.css",
    ],
  },
  // the lesson's app.py on disk, and the site's `location /static` without its slash
  {
    lesson: '08-production.mdx',
    block: 20,
    command: 'curl -s http://localhost:8080/static../app.py | head -3',
    machine: 'unit',
    setup: [
      { file: APP, block: 15 },
      { file: HELLOWORLD_SITE, block: 18, replace: ['location /static/ {', 'location /static {'] },
      'nginx -s reload',
    ],
  },
  // the unit as the lesson shows it, checked before it is installed
  {
    lesson: '08-production.mdx',
    block: 6,
    command: 'systemd-analyze verify /etc/systemd/system/uwsgi-helloworld.service',
    machine: 'unit-check',
    scenario: 'nginx-ready',
    setup: [{ file: UNIT, block: 2 }],
  },
  // … with User= misspelt Usr=
  {
    lesson: '08-production.mdx',
    block: 7,
    command: 'systemd-analyze verify /etc/systemd/system/uwsgi-helloworld.service',
    machine: 'unit-check',
    setup: [{ file: UNIT, block: 2, replace: ['User=', 'Usr='] }],
  },
];
