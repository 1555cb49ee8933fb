// The text of the configuration files a fresh Debian 12 server has that no single package ships
// as is: the accounts (base-passwd's entries plus the system users systemd and dbus add), the host
// name and hosts file the installer writes, and the shells list. The users come first from the
// gateway, which nginx and uWSGI look names up in.

import { DEBIAN_GROUP, DEBIAN_PASSWD } from '../../gateway/nginx/debian-files.ts';

/** base-passwd's users, then those systemd (252) and dbus create on a Debian 12 server. */
export const BASE_PASSWD =
  DEBIAN_PASSWD +
  [
    'systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin',
    'systemd-timesync:x:997:997:systemd Time Synchronization:/:/usr/sbin/nologin',
    'messagebus:x:100:102::/nonexistent:/usr/sbin/nologin',
    '',
  ].join('\n');

/** base-passwd's groups, then those openssh-client, systemd, udev and dbus add. */
export const BASE_GROUP =
  DEBIAN_GROUP +
  [
    '_ssh:x:101:',
    'systemd-journal:x:999:',
    'systemd-network:x:998:',
    'systemd-timesync:x:997:',
    'messagebus:x:102:',
    'input:x:103:',
    'sgx:x:104:',
    'kvm:x:105:',
    'render:x:106:',
    '',
  ].join('\n');

/** /etc/shadow: every account locked (`*`) or without a usable password (`!`), root included. */
export function shadowFor(passwd: string, days: number): string {
  return passwd
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const name = line.split(':')[0]!;
      const locked =
        name === 'root' ? '*' : name.startsWith('systemd') || name === 'messagebus' ? '!*' : '*';
      return `${name}:${locked}:${days}:0:99999:7:::`;
    })
    .join('\n')
    .concat('\n');
}

/** /etc/gshadow for the groups. */
export function gshadowFor(group: string): string {
  return group
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `${line.split(':')[0]!}:*::`)
    .join('\n')
    .concat('\n');
}

/** What Debian's installer writes for a host (the loopback name on 127.0.1.1). */
export function hostsFor(hostname: string): string {
  return `127.0.0.1\tlocalhost
127.0.1.1\t${hostname}

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;
}

/** Debian 12's /etc/shells (debianutils' add-shell for bash and dash). */
export const ETC_SHELLS = `# /etc/shells: valid login shells
/bin/sh
/usr/bin/sh
/bin/bash
/usr/bin/bash
/bin/rbash
/usr/bin/rbash
/bin/dash
/usr/bin/dash
`;

/** deb822 sources as Debian 12's installer writes them. */
export const DEBIAN_SOURCES = `Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;
