// The machine interfaces (fs.ts, users.ts) and the in-memory file system tests use: Linux's path
// rules, errno codes and texts, permission checks as nginx's worker user meets them.

import { describe, expect, it } from 'vitest';
import {
  accessError,
  dirname,
  FsError,
  normalizePath,
  ROOT_CREDENTIALS,
} from '../../../src/gateway/fs.ts';
import { MemoryFs } from '../../../src/gateway/testing/memory-fs.ts';
import {
  credentialsFor,
  parseGroup,
  parsePasswd,
  usersFromEntries,
  usersFromFiles,
} from '../../../src/gateway/users.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function fsError(run: () => unknown): FsError {
  try {
    run();
  } catch (error) {
    if (error instanceof FsError) return error;
    throw error;
  }
  throw new Error('no FsError');
}

describe('MemoryFs', () => {
  it('reads, writes and appends files, creating parent folders with put', () => {
    const fs = new MemoryFs().put('/etc/nginx/nginx.conf', 'user www-data;\n');
    fs.appendFile('/etc/nginx/nginx.conf', new TextEncoder().encode('events {}\n'));
    expect(text(fs.readFile('/etc/nginx/nginx.conf'))).toBe('user www-data;\nevents {}\n');
    expect(fs.stat('/etc/nginx').type).toBe('directory');
    expect(fs.readDir('/etc/nginx')).toEqual(['nginx.conf']);
  });

  it('follows symlinks (absolute and relative) and reports them with lstat', () => {
    const fs = new MemoryFs().put('/etc/nginx/sites-available/default', 'server {}');
    fs.mkdirs('/etc/nginx/sites-enabled');
    fs.symlink('/etc/nginx/sites-available/default', '/etc/nginx/sites-enabled/default');
    fs.symlink('../sites-available/default', '/etc/nginx/sites-enabled/relative');
    expect(text(fs.readFile('/etc/nginx/sites-enabled/default'))).toBe('server {}');
    expect(text(fs.readFile('/etc/nginx/sites-enabled/relative'))).toBe('server {}');
    expect(fs.lstat('/etc/nginx/sites-enabled/default').type).toBe('symlink');
    expect(fs.readLink('/etc/nginx/sites-enabled/default')).toBe(
      '/etc/nginx/sites-available/default',
    );
  });

  it('fails with errno codes and nginx-style texts', () => {
    const fs = new MemoryFs().put('/etc/file', 'x');
    const missing = fsError(() => fs.readFile('/etc/nginx/uwsgi_param'));
    expect(missing.code).toBe('ENOENT');
    expect(missing.parenthesized).toBe('(2: No such file or directory)');
    expect(fsError(() => fs.readFile('/etc/file/x')).code).toBe('ENOTDIR');
    expect(fsError(() => fs.readFile('/etc')).code).toBe('EISDIR');
    expect(fsError(() => fs.mkdir('/etc')).code).toBe('EEXIST');
    fs.symlink('/loop/a', '/loop-b');
    fs.mkdirs('/loop');
    fs.symlink('/loop-b', '/loop/a');
    expect(fsError(() => fs.stat('/loop-b')).code).toBe('ELOOP');
    fs.mkdirs('/full/x');
    expect(fsError(() => fs.rmdir('/full')).code).toBe('ENOTEMPTY');
  });

  it('keeps owner, group, mode and sockets', () => {
    const fs = new MemoryFs();
    fs.mkdirs('/tmp');
    fs.mksocket('/tmp/uwsgi.sock', { mode: 0o755, uid: 0, gid: 0 });
    fs.chmod('/tmp/uwsgi.sock', 0o666);
    fs.chown('/tmp/uwsgi.sock', 33, 33);
    expect(fs.stat('/tmp/uwsgi.sock')).toMatchObject({
      type: 'socket',
      mode: 0o666,
      uid: 33,
      gid: 33,
    });
    fs.unlink('/tmp/uwsgi.sock');
    expect(fsError(() => fs.stat('/tmp/uwsgi.sock')).code).toBe('ENOENT');
  });

  it('normalises paths lexically', () => {
    expect(normalizePath('/a/b/../c//d/.')).toBe('/a/c/d');
    expect(normalizePath('/../x')).toBe('/x');
    expect(dirname('/etc/nginx/nginx.conf')).toBe('/etc/nginx');
    expect(dirname('/etc')).toBe('/');
  });
});

describe('accessError', () => {
  const fs = new MemoryFs();
  fs.mkdirs('/home/ubuntu', { mode: 0o700 });
  fs.put('/home/ubuntu/app.sock', 'x', { mode: 0o666 });
  fs.put('/srv/private.txt', 'x', { mode: 0o600 });
  fs.put('/srv/group.txt', 'x', { mode: 0o640, gid: 4 });
  const wwwData = { uid: 33, gid: 33, groups: [33] };

  it('needs search permission on every folder on the way', () => {
    expect(accessError(fs, '/home/ubuntu/app.sock', wwwData, 'write')).toBe('EACCES');
    expect(accessError(fs, '/home/ubuntu/app.sock', ROOT_CREDENTIALS, 'write')).toBeUndefined();
  });

  it('uses the owner, group or other bits', () => {
    expect(accessError(fs, '/srv/private.txt', wwwData, 'read')).toBe('EACCES');
    expect(
      accessError(fs, '/srv/group.txt', { uid: 33, gid: 33, groups: [33, 4] }, 'read'),
    ).toBeUndefined();
    expect(accessError(fs, '/srv/none', wwwData, 'read')).toBe('ENOENT');
  });
});

describe('users', () => {
  const passwd = parsePasswd(
    'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbroken line\n',
  );
  const groups = parseGroup(
    'root:x:0:\nadm:x:4:syslog,www-data\nwww-data:x:33:\nnogroup:x:65534:\n',
  );

  it('parses /etc/passwd and /etc/group, skipping malformed lines', () => {
    expect(passwd).toHaveLength(2);
    expect(passwd[1]).toEqual({
      name: 'www-data',
      uid: 33,
      gid: 33,
      gecos: 'www-data',
      home: '/var/www',
      shell: '/usr/sbin/nologin',
    });
    expect(groups[1]).toEqual({ name: 'adm', gid: 4, members: ['syslog', 'www-data'] });
  });

  it('looks users and groups up by name and id, and builds credentials', () => {
    const users = usersFromEntries(passwd, groups);
    expect(users.userByName('www-data')?.uid).toBe(33);
    expect(users.groupByName('nobody')).toBeUndefined();
    expect(users.groupById(65534)?.name).toBe('nogroup');
    expect(credentialsFor(users, users.userByName('www-data')!, 33)).toEqual({
      uid: 33,
      gid: 33,
      groups: [33, 4],
    });
  });

  it('reads the machine files at each lookup', () => {
    const fs = new MemoryFs()
      .put('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n')
      .put('/etc/group', 'root:x:0:\n');
    const users = usersFromFiles(fs);
    expect(users.userByName('haruair')).toBeUndefined();
    fs.appendFile(
      '/etc/passwd',
      new TextEncoder().encode('haruair:x:1000:1000::/home/haruair:/bin/bash\n'),
    );
    expect(users.userByName('haruair')?.uid).toBe(1000);
  });
});
