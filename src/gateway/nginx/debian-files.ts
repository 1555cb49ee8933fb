// Debian 12's nginx as installed: nginx-common's files (debian-file-text.ts, byte for byte), the
// folders it creates, what its postinst adds (the sites-enabled/default symlink with an absolute
// target, /var/www/html/index.nginx-debian.html copied from /usr/share/nginx/html/index.html), the
// log files, and the base users and groups nginx looks up (www-data, nobody, nogroup).

import { latin1Bytes } from '../../protocol/index.ts';
import type { MachineFs } from '../fs.ts';
import { FsError } from '../fs.ts';
import { DEBIAN_NGINX_FILE_TEXT } from './debian-file-text.ts';

// Debian's uids/gids from base-passwd.
const ROOT = 0;
const ADM = 4;
const WWW_DATA = 33;

// mtime of /usr/share/nginx/html/index.html in the package: nginx sends it as Last-Modified
// ("Wed, 19 Oct 2022 08:02:20 GMT") and in its ETag ("634faf0c-267").
const INDEX_HTML_MTIME = 0x634faf0c;

/** The folders nginx-common ships or creates, with owner, group and mode. */
const FOLDERS: readonly (readonly [path: string, mode: number, gid: number])[] = [
  ['/etc/nginx', 0o755, ROOT],
  ['/etc/nginx/conf.d', 0o755, ROOT],
  ['/etc/nginx/modules-available', 0o755, ROOT],
  ['/etc/nginx/modules-enabled', 0o755, ROOT],
  ['/etc/nginx/sites-available', 0o755, ROOT],
  ['/etc/nginx/sites-enabled', 0o755, ROOT],
  ['/etc/nginx/snippets', 0o755, ROOT],
  ['/usr/share/nginx', 0o755, ROOT],
  ['/usr/share/nginx/html', 0o755, ROOT],
  ['/var/www', 0o755, ROOT],
  ['/var/www/html', 0o755, ROOT],
  ['/var/lib/nginx', 0o755, ROOT],
  ['/var/log/nginx', 0o755, ADM],
  ['/run', 0o755, ROOT],
];

/**
 * Puts Debian's nginx files on a machine, creating missing parent folders (root, 0755). Existing
 * files are replaced.
 */
export function installDebianNginx(fs: MachineFs, options: { readonly mtime?: number } = {}): void {
  for (const [path, mode, gid] of FOLDERS) ensureFolders(fs, path, mode, gid);
  for (const [path, text] of Object.entries(DEBIAN_NGINX_FILE_TEXT)) {
    const mtime = path === '/usr/share/nginx/html/index.html' ? INDEX_HTML_MTIME : options.mtime;
    fs.writeFile(path, latin1Bytes(text), {
      mode: 0o644,
      ...(mtime === undefined ? {} : { mtime }),
    });
  }
  const index = DEBIAN_NGINX_FILE_TEXT['/usr/share/nginx/html/index.html']!;
  fs.writeFile('/var/www/html/index.nginx-debian.html', latin1Bytes(index), {
    mode: 0o644,
    ...(options.mtime === undefined ? {} : { mtime: options.mtime }),
  });
  replace(fs, '/etc/nginx/sites-enabled/default', () =>
    fs.symlink('/etc/nginx/sites-available/default', '/etc/nginx/sites-enabled/default'),
  );
  for (const log of ['/var/log/nginx/access.log', '/var/log/nginx/error.log']) {
    fs.writeFile(log, new Uint8Array(0), { mode: 0o640, uid: WWW_DATA, gid: ADM });
  }
}

function ensureFolders(fs: MachineFs, path: string, mode: number, gid: number): void {
  let at = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    at += `/${part}`;
    try {
      fs.stat(at);
    } catch (error) {
      if (!(error instanceof FsError) || error.code !== 'ENOENT') throw error;
      fs.mkdir(at, { mode: at === path ? mode : 0o755, uid: ROOT, gid: at === path ? gid : ROOT });
    }
  }
}

function replace(fs: MachineFs, path: string, create: () => void): void {
  try {
    fs.unlink(path);
  } catch (error) {
    if (!(error instanceof FsError) || error.code !== 'ENOENT') throw error;
  }
  create();
}

/** Debian 12's base /etc/passwd (base-passwd 3.6.1), the part a fresh server has. */
export const DEBIAN_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
  'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
  'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
  'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
  'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
  'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
  'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
  'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
  'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin',
  '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  '',
].join('\n');

/** Debian 12's base /etc/group: note `nogroup`, and no group called `nobody`. */
export const DEBIAN_GROUP = [
  'root:x:0:',
  'daemon:x:1:',
  'bin:x:2:',
  'sys:x:3:',
  'adm:x:4:',
  'tty:x:5:',
  'disk:x:6:',
  'lp:x:7:',
  'mail:x:8:',
  'news:x:9:',
  'uucp:x:10:',
  'man:x:12:',
  'proxy:x:13:',
  'kmem:x:15:',
  'dialout:x:20:',
  'fax:x:21:',
  'voice:x:22:',
  'cdrom:x:24:',
  'floppy:x:25:',
  'tape:x:26:',
  'sudo:x:27:',
  'audio:x:29:',
  'dip:x:30:',
  'www-data:x:33:',
  'backup:x:34:',
  'operator:x:37:',
  'list:x:38:',
  'irc:x:39:',
  'src:x:40:',
  'shadow:x:42:',
  'utmp:x:43:',
  'video:x:44:',
  'sasl:x:45:',
  'plugdev:x:46:',
  'staff:x:50:',
  'games:x:60:',
  'users:x:100:',
  'nogroup:x:65534:',
  '',
].join('\n');
