// A small Debian 12 machine for the uWSGI model's tests: users (root, www-data, nobody), /tmp with
// its sticky bit, Debian's uWSGI files, the tutorial's app in /home/ubuntu/helloWorld, and seeded
// clock, pids and randomness — the captured host's values (node name `vm`) so outputs compare with
// the captures.

import type { Credentials } from '../../../../src/gateway/fs.ts';
import { SocketTable, seededPorts } from '../../../../src/gateway/net/socket-table.ts';
import { MemoryFs } from '../../../../src/gateway/testing/memory-fs.ts';
import {
  parseGroup,
  parsePasswd,
  usersFromEntries,
  credentialsFor,
} from '../../../../src/gateway/users.ts';
import { DEBIAN_BUILD, type UwsgiBuild } from '../../../../src/gateway/uwsgi/builds.ts';
import { installDebianUwsgi } from '../../../../src/gateway/uwsgi/debian-uwsgi-files.ts';
import { startUwsgi, type UwsgiProcess } from '../../../../src/gateway/uwsgi/uwsgi-process.ts';
import {
  CAPTURED_HOST,
  DEBIAN_FLASK_MODULES,
  ManualClock,
  seededRandom,
  sequentialPids,
  type HostFacts,
  type UwsgiMachine,
} from '../../../../src/gateway/uwsgi/uwsgi-machine.ts';

export const APP_DIR = '/home/ubuntu/helloWorld';

export const HELLO_APP = `from flask import Flask
app = Flask(__name__)

@app.route("/")
def hello():
    return "Hello World!"

if __name__ == "__main__":
    app.run()
`;

export const TUTORIAL_INI = `[uwsgi]
chdir=/home/ubuntu/helloWorld
chmod-socket=666
callable=app
module=app
socket=/tmp/uwsgi.sock
virtualenv=/home/ubuntu/helloWorld/.venv
`;

const PASSWD =
  'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\nadm:x:4:\nwww-data:x:33:\nnogroup:x:65534:\n';

export interface TestMachine extends UwsgiMachine {
  readonly fs: MemoryFs;
  readonly clock: ManualClock;
  /** Credentials of nginx's workers (www-data). */
  readonly wwwData: Credentials;
}

export function testMachine(
  options: { host?: HostFacts; venv?: 'ssp' | 'plain' } = {},
): TestMachine {
  const fs = new MemoryFs();
  fs.put('/etc/passwd', PASSWD).put('/etc/group', GROUP);
  fs.mkdir('/tmp', { mode: 0o1777 });
  fs.mkdirs(APP_DIR);
  fs.put(`${APP_DIR}/app.py`, HELLO_APP);
  installDebianUwsgi(fs);
  // Debian's /etc/mime.types (media-types) has 1545 entries with extensions
  fs.put(
    '/etc/mime.types',
    Array.from({ length: 1545 }, (_, i) => `type/x-${i}\text${i}\n`).join(''),
  );
  if (options.venv !== undefined) {
    fs.mkdirs(`${APP_DIR}/.venv/lib/python3.11/site-packages`);
    fs.put(
      `${APP_DIR}/.venv/pyvenv.cfg`,
      `home = /usr/bin\ninclude-system-site-packages = ${options.venv === 'ssp' ? 'true' : 'false'}\nversion = 3.11.2\n`,
    );
  }
  const users = usersFromEntries(parsePasswd(PASSWD), parseGroup(GROUP));
  const wwwData = credentialsFor(users, users.userByName('www-data')!, 33);
  return {
    fs,
    users,
    net: new SocketTable({ fs, ports: seededPorts(7) }),
    clock: new ManualClock(Date.UTC(2026, 10, 26, 6, 40, 17)),
    pids: sequentialPids(26473),
    random: seededRandom(42),
    host: options.host ?? CAPTURED_HOST,
    systemPythonModules: DEBIAN_FLASK_MODULES,
    wwwData,
  };
}

export function uwsgi(
  machine: UwsgiMachine,
  command: string,
  options: { cwd?: string; build?: UwsgiBuild } = {},
): UwsgiProcess {
  return startUwsgi(machine, {
    argv: command.split(' ').filter((part) => part !== ''),
    cwd: options.cwd ?? APP_DIR,
    build: options.build ?? DEBIAN_BUILD,
    parentPid: 1000,
  });
}

/** Masks what differs between runs: dates, pids, interpreter addresses, msecs, switches. */
export function masked(lines: readonly string[]): string[] {
  return lines.map((line) =>
    line
      .replace(/on \[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\]/, 'on [DATE]')
      .replace(/\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\]/, '[DATE]')
      .replace(/0x[0-9a-f]{8,16}\b/g, 'ADDR')
      .replace(/127\.0\.0\.1:\d+ \(port auto-assigned\)/, '127.0.0.1:PORT (port auto-assigned)')
      .replace(/0x00007f[0-9a-f]{10}/g, 'THREAD')
      .replace(/pid: \d+/g, 'pid: N')
      .replace(/ready in \d+ seconds/, 'ready in N seconds')
      .replace(/in \d+ msecs/, 'in N msecs')
      .replace(/\(\d+ switches/, '(N switches'),
  );
}
