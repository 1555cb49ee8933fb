// The VFS against Linux's rules: path resolution (symlinks, loops, `..`, trailing slashes), the
// errno of each call, rename and hard links, ext4's sizes, times from the clock, following a file's
// appends, and the snapshot: save → load gives the same tree, and broken snapshots fail with a
// SnapshotError only.

import { describe, expect, it } from 'vitest';
import { accessError, FsError, ROOT_CREDENTIALS } from '../../../src/gateway/fs.ts';
import { SnapshotError } from '../../../src/shell/vfs/snapshot-error.ts';
import { Vfs } from '../../../src/shell/vfs/vfs.ts';
import { restoreVfs, snapshotVfs } from '../../../src/shell/vfs/vfs-snapshot.ts';

const T0 = Date.UTC(2026, 10, 26, 7, 0, 0);

function clockedVfs(): { fs: Vfs; tick: (ms: number) => void } {
  let now = T0;
  const fs = new Vfs({ clock: () => now });
  return { fs, tick: (ms) => (now += ms) };
}

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FsError) return error.code;
    throw error;
  }
  return 'ok';
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('path resolution', () => {
  it('follows symlinks in the middle always and at the end for stat, not lstat', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/usr/bin');
    fs.put('/usr/bin/uwsgi-core', 'binary');
    fs.mkdirs('/etc/alternatives');
    fs.symlink('/usr/bin/uwsgi-core', '/etc/alternatives/uwsgi');
    fs.symlink('/etc/alternatives/uwsgi', '/usr/bin/uwsgi');
    expect(fs.stat('/usr/bin/uwsgi').type).toBe('file');
    expect(fs.lstat('/usr/bin/uwsgi').type).toBe('symlink');
    expect(fs.lstat('/usr/bin/uwsgi').size).toBe('/etc/alternatives/uwsgi'.length);
    expect(fs.realpath('/usr/bin/uwsgi')).toBe('/usr/bin/uwsgi-core');
    expect(text(fs.readFile('/usr/bin/uwsgi'))).toBe('binary');
  });

  it('resolves relative targets from the link folder and `..` from the folder reached', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/a/b');
    fs.mkdirs('/c');
    fs.put('/c/file', 'x');
    fs.symlink('../../c', '/a/b/up');
    expect(fs.realpath('/a/b/up/file')).toBe('/c/file');
    // `..` after a symlink to a folder is the target's parent, as the kernel does it
    fs.symlink('/a/b', '/c/tob');
    expect(fs.realpath('/c/tob/..')).toBe('/a');
    expect(fs.realpath('/a/./b/../b//up/')).toBe('/c');
  });

  it('reports dangling symlinks, loops and files in the middle of a path as Linux does', () => {
    const { fs } = clockedVfs();
    fs.put('/tmp/file', 'x');
    fs.symlink('/usr/local/bin/uwsgi', '/tmp/dangling');
    fs.symlink('/tmp/loop2', '/tmp/loop1');
    fs.symlink('/tmp/loop1', '/tmp/loop2');
    expect(code(() => fs.stat('/tmp/dangling'))).toBe('ENOENT');
    expect(fs.lstat('/tmp/dangling').type).toBe('symlink');
    expect(code(() => fs.stat('/tmp/loop1'))).toBe('ELOOP');
    expect(code(() => fs.readFile('/tmp/loop1/x'))).toBe('ELOOP');
    expect(code(() => fs.stat('/tmp/file/x'))).toBe('ENOTDIR');
    expect(code(() => fs.stat('/tmp/file/'))).toBe('ENOTDIR');
    expect(code(() => fs.stat('relative'))).toBe('ENOENT');
    // 40 links in a row are allowed, the 41st is ELOOP
    fs.put('/chain/0', 'end');
    for (let i = 1; i <= 41; i++) fs.symlink(`/chain/${i - 1}`, `/chain/${i}`);
    expect(text(fs.readFile('/chain/40'))).toBe('end');
    expect(code(() => fs.readFile('/chain/41'))).toBe('ELOOP');
  });

  it('writes through a dangling symlink by making its target, as open(O_CREAT) does', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/usr/local/bin');
    fs.symlink('/usr/local/bin/uwsgi', '/tmp-link');
    fs.writeText('/tmp-link', 'made');
    expect(fs.readText('/usr/local/bin/uwsgi')).toBe('made');
    expect(fs.lstat('/tmp-link').type).toBe('symlink');
  });
});

describe('system calls', () => {
  it('gives each call its errno', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/d/sub');
    fs.put('/d/file', 'x');
    fs.mksocket('/d/sock', { mode: 0o666 });
    expect(code(() => fs.mkdir('/d'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/nope/x'))).toBe('ENOENT');
    expect(code(() => fs.mkdir('/d/file/x'))).toBe('ENOTDIR');
    expect(code(() => fs.readFile('/d'))).toBe('EISDIR');
    expect(code(() => fs.readFile('/d/sock'))).toBe('ENXIO');
    expect(code(() => fs.writeFile('/d/sock', new Uint8Array(1)))).toBe('ENXIO');
    expect(code(() => fs.readDir('/d/file'))).toBe('ENOTDIR');
    expect(code(() => fs.unlink('/d/sub'))).toBe('EISDIR');
    expect(code(() => fs.unlink('/d/nope'))).toBe('ENOENT');
    expect(code(() => fs.rmdir('/d'))).toBe('ENOTEMPTY');
    expect(code(() => fs.rmdir('/d/file'))).toBe('ENOTDIR');
    expect(code(() => fs.rmdir('/'))).toBe('EBUSY');
    expect(code(() => fs.readLink('/d/file'))).toBe('EINVAL');
    expect(code(() => fs.link('/d/sub', '/d/hard'))).toBe('EPERM');
  });

  it('renames as rename(2): over files, over empty folders, never into itself', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/a/b');
    fs.put('/f', '1');
    fs.put('/g', '2');
    fs.mkdirs('/empty');
    fs.mkdirs('/full/x');
    fs.rename('/f', '/g');
    expect(fs.readText('/g')).toBe('1');
    expect(fs.exists('/f')).toBe(false);
    expect(code(() => fs.rename('/a', '/a/b/c'))).toBe('EINVAL');
    expect(code(() => fs.rename('/g', '/empty'))).toBe('EISDIR');
    expect(code(() => fs.rename('/a', '/g'))).toBe('ENOTDIR');
    expect(code(() => fs.rename('/a', '/full'))).toBe('ENOTEMPTY');
    fs.rename('/a', '/empty');
    expect(fs.stat('/empty/b').type).toBe('directory');
    // a symlink moves itself and keeps its text
    fs.symlink('/etc/alternatives/uwsgi', '/uwsgi');
    fs.rename('/uwsgi', '/uwsgi-old');
    expect(fs.readLink('/uwsgi-old')).toBe('/etc/alternatives/uwsgi');
  });

  it('keeps hard links to one inode and frees it with the last name', () => {
    const { fs } = clockedVfs();
    fs.put('/a', 'shared');
    fs.link('/a', '/b');
    expect(fs.stat('/a').nlink).toBe(2);
    expect(fs.stat('/b').ino).toBe(fs.stat('/a').ino);
    fs.appendFile('/b', new TextEncoder().encode('!'));
    expect(fs.readText('/a')).toBe('shared!');
    fs.unlink('/a');
    expect(fs.stat('/b').nlink).toBe(1);
  });

  it('reports ext4 sizes: 4096-byte folders that grow and never shrink, blocks, link counts', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/big');
    expect(fs.stat('/big').size).toBe(4096);
    expect(fs.stat('/big').nlink).toBe(2);
    for (let i = 0; i < 400; i++) fs.put(`/big/a-rather-long-file-name-${i}`, '');
    const grown = fs.stat('/big').size;
    expect(grown).toBeGreaterThan(4096);
    expect(grown % 4096).toBe(0);
    for (let i = 0; i < 400; i++) fs.unlink(`/big/a-rather-long-file-name-${i}`);
    expect(fs.stat('/big').size).toBe(grown);
    fs.put('/f', 'x'.repeat(5000));
    expect(fs.stat('/f').blocks).toBe(16);
    fs.mkdirs('/big/sub');
    expect(fs.stat('/big').nlink).toBe(3);
    fs.writeFile('/stand-in', new Uint8Array(0), {
      standInSize: 917736,
      program: '/usr/bin/uwsgi-core',
    });
    expect(fs.stat('/stand-in')).toMatchObject({
      size: 917736,
      standIn: true,
      program: '/usr/bin/uwsgi-core',
    });
  });

  it('takes times from the machine clock: writes move mtime and the folder’s, chmod ctime only', () => {
    const { fs, tick } = clockedVfs();
    fs.mkdirs('/d');
    tick(60_000);
    fs.put('/d/f', 'x');
    expect(fs.stat('/d/f').mtimeMs).toBe(T0 + 60_000);
    expect(fs.stat('/d').mtimeMs).toBe(T0 + 60_000);
    tick(60_000);
    fs.chmod('/d/f', 0o600);
    expect(fs.stat('/d/f')).toMatchObject({
      mtimeMs: T0 + 60_000,
      ctimeMs: T0 + 120_000,
      mode: 0o600,
    });
    expect(fs.stat('/d/f').mtime).toBe(Math.floor((T0 + 60_000) / 1000));
  });

  it('lets accessError decide for other users (www-data cannot write a 755 socket)', () => {
    const { fs } = clockedVfs();
    fs.mkdirs('/tmp', { mode: 0o1777 });
    fs.mksocket('/tmp/uwsgi.sock', { mode: 0o755 });
    const wwwData = { uid: 33, gid: 33, groups: [33] };
    expect(accessError(fs, '/tmp/uwsgi.sock', wwwData, 'write')).toBe('EACCES');
    fs.chmod('/tmp/uwsgi.sock', 0o666);
    expect(accessError(fs, '/tmp/uwsgi.sock', wwwData, 'write')).toBeUndefined();
    expect(accessError(fs, '/tmp/uwsgi.sock', ROOT_CREDENTIALS, 'write')).toBeUndefined();
  });

  it('tells a watcher about appends to the inode it watches, even after a rename', () => {
    const { fs } = clockedVfs();
    fs.put('/var/log/access.log', 'one\n');
    let calls = 0;
    const stop = fs.watch('/var/log/access.log', () => calls++);
    fs.appendFile('/var/log/access.log', new TextEncoder().encode('two\n'));
    fs.rename('/var/log/access.log', '/var/log/access.log.1');
    fs.appendFile('/var/log/access.log.1', new TextEncoder().encode('three\n'));
    fs.put('/var/log/access.log', 'new file\n');
    expect(calls).toBe(2);
    stop();
    fs.appendFile('/var/log/access.log.1', new TextEncoder().encode('four\n'));
    expect(calls).toBe(2);
  });
});

describe('snapshots', () => {
  function sample(): Vfs {
    const { fs } = clockedVfs();
    fs.mkdirs('/etc/nginx', { mode: 0o755 });
    fs.put('/etc/hostname', 'helloworld\n');
    fs.put('/bin.dat', new Uint8Array([0, 255, 128, 10]));
    fs.put('/한글.txt', '한국어\n', { uid: 33, gid: 4, mode: 0o640 });
    fs.symlink('/etc/hostname', '/link');
    fs.mksocket('/sock', { mode: 0o666 });
    fs.mkdevice('/null', 1, 3);
    fs.link('/etc/hostname', '/etc/hostname.hard');
    // link(2) makes hard links to sockets, devices and symlinks too
    fs.link('/sock', '/sock.hard');
    fs.link('/null', '/null.hard');
    fs.writeFile('/usr-bin-ls', new Uint8Array(0), {
      mode: 0o755,
      standInSize: 151344,
      program: '/usr/bin/ls',
    });
    return fs;
  }

  it('saves and loads to the same tree, hard links included', () => {
    const fs = sample();
    const snapshot = snapshotVfs(fs);
    const json = JSON.stringify(snapshot);
    const back = restoreVfs(JSON.parse(json) as unknown);
    expect(JSON.stringify(snapshotVfs(back))).toBe(json);
    expect(back.stat('/etc/hostname.hard').ino).toBe(back.stat('/etc/hostname').ino);
    expect(back.lstat('/sock.hard')).toMatchObject({
      type: 'socket',
      nlink: 2,
      ino: back.lstat('/sock').ino,
    });
    expect(back.stat('/null.hard').nlink).toBe(2);
    back.appendFile('/etc/hostname', new TextEncoder().encode('more'));
    expect(back.readText('/etc/hostname.hard')).toBe('helloworld\nmore');
    expect([...back.readFile('/bin.dat')]).toEqual([0, 255, 128, 10]);
    expect(back.stat('/한글.txt')).toMatchObject({ uid: 33, gid: 4, mode: 0o640 });
    expect(back.stat('/usr-bin-ls')).toMatchObject({ size: 151344, program: '/usr/bin/ls' });
  });

  it('fails with a SnapshotError, never anything else, on broken data', () => {
    const good = snapshotVfs(sample());
    const broken: unknown[] = [
      null,
      42,
      'text',
      [],
      {},
      { ...good, version: 2 },
      { ...good, nextIno: 'x' },
      { ...good, root: { t: 'f', i: 2, T: 1 } },
      { ...good, root: { t: 'q', i: 2, T: 1 } },
      { ...good, root: { t: 'd', i: 2 } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a'] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a/b', { t: 'f', i: 3 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'f', i: 3 }, 'a', { t: 'f', i: 4 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'f', i: 3 }, 'b', { t: 'f', i: 3 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'h', i: 99 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'f', i: 3, m: 0o70000 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'f', i: 3, b: '%%%' }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'l', i: 3 }] } },
      { ...good, root: { t: 'd', i: 2, T: 1, e: ['a', { t: 'f', i: 3, u: -1 }] } },
    ];
    for (const value of broken) {
      let caught: unknown;
      try {
        restoreVfs(value);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(value)?.slice(0, 80)).toBeInstanceOf(SnapshotError);
    }
  });
});

describe('tmpfs folders (Debian 12 mounts /run so)', () => {
  it('report 40 bytes plus 20 per entry and no blocks; folders made inside are tmpfs too', () => {
    const fs = new Vfs();
    fs.mkdirs('/run');
    fs.mkdirs('/var');
    fs.mountTmpfs('/run');
    fs.mkdir('/run/uwsgi');
    fs.mkdir('/run/uwsgi/helloworld');
    // as `ls -ld /run/uwsgi /run/uwsgi/helloworld` showed on the capture machine: 60, then 40
    expect([fs.stat('/run/uwsgi').size, fs.stat('/run/uwsgi').blocks]).toEqual([60, 0]);
    expect(fs.stat('/run/uwsgi/helloworld').size).toBe(40);
    fs.writeText('/run/uwsgi/helloworld/a', 'x');
    expect(fs.stat('/run/uwsgi/helloworld').size).toBe(60);
    expect(fs.stat('/var').size).toBe(4096);
  });

  it('a snapshot keeps them tmpfs', () => {
    const fs = new Vfs();
    fs.mkdirs('/run/lock');
    fs.mountTmpfs('/run');
    const back = restoreVfs(JSON.parse(JSON.stringify(snapshotVfs(fs))));
    expect(back.stat('/run').size).toBe(60);
    back.mkdir('/run/user');
    expect(back.stat('/run/user').size).toBe(40);
  });
});
