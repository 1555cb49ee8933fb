// A Debian 12 machine with nginx installed, for the CLI commands and tests: Debian's files and users,
// and the site file of the course's tutorial in /etc/nginx/sites-enabled/default (or the one given).

import { latin1Bytes } from '../../protocol/index.ts';
import { MemoryFs } from '../testing/memory-fs.ts';
import { parseGroup, parsePasswd, usersFromEntries, type MachineUsers } from '../users.ts';
import { DEBIAN_GROUP, DEBIAN_PASSWD, installDebianNginx } from './debian-files.ts';

/**
 * The server block of the original tutorial ("Flask(uWSGI)를 nginx에 연결하기") with `root
 * /var/www/html;` from Debian's default site, as the reference captures ran it.
 */
export const TUTORIAL_SITE = `server {
        listen 8080;

        server_name helloworld.haruair.com;

        root /var/www/html;

        location / {
                try_files $uri @helloworld;
        }

        location @helloworld {
                include uwsgi_params;
                uwsgi_pass unix:/tmp/uwsgi.sock;
        }
}
`;

export interface NginxMachine {
  /** An in-memory machine (callers may add files and folders). */
  readonly fs: MemoryFs;
  readonly users: MachineUsers;
}

/** Debian's nginx layout with `site` (bytes or text) as /etc/nginx/sites-enabled/default. */
export function debianNginxMachine(site: string | Uint8Array = TUTORIAL_SITE): NginxMachine {
  const fs = new MemoryFs();
  installDebianNginx(fs);
  fs.writeFile('/etc/passwd', latin1Bytes(DEBIAN_PASSWD));
  fs.writeFile('/etc/group', latin1Bytes(DEBIAN_GROUP));
  fs.mkdirs('/tmp', { mode: 0o1777 });
  fs.unlink('/etc/nginx/sites-enabled/default');
  const bytes = typeof site === 'string' ? new TextEncoder().encode(site) : site;
  fs.writeFile('/etc/nginx/sites-enabled/default', bytes);
  return {
    fs,
    users: usersFromEntries(parsePasswd(DEBIAN_PASSWD), parseGroup(DEBIAN_GROUP)),
  };
}
