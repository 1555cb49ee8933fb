// The socket table: what connect() meets, with the errno texts nginx logs
// (real-output.md §5.1–§5.3, real-output-shell.md §4.3, §5).

import { describe, expect, it } from 'vitest';
import {
  SocketTable,
  seededPorts,
  EPHEMERAL_PORT_HIGH,
  EPHEMERAL_PORT_LOW,
  type StreamServer,
} from '../../../../src/gateway/net/socket-table.ts';
import {
  addressMatches,
  formatAddress,
  parseSocketArgument,
} from '../../../../src/gateway/net/socket-address.ts';
import { MemoryFs } from '../../../../src/gateway/testing/memory-fs.ts';

const ROOT = { uid: 0, gid: 0, groups: [0] };
const WWW_DATA = { uid: 33, gid: 33, groups: [33] };
const echo: StreamServer = {
  protocol: 'echo',
  exchange: (request) => ({ bytes: request, end: 'close' }),
};
const owner = { pid: 100, command: 'test' };

function table() {
  const fs = new MemoryFs();
  fs.mkdir('/tmp', { mode: 0o1777 });
  return { fs, net: new SocketTable({ fs, ports: seededPorts(3) }) };
}

describe('unix sockets', () => {
  it('a missing socket file: (2: No such file or directory)', () => {
    const { net } = table();
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { code: 'ENOENT', parenthesized: '(2: No such file or directory)' },
    });
  });

  it('connecting needs write permission on the socket: (13: Permission denied) for 755 and 600', () => {
    const { fs, net } = table();
    const bound = net.bindUnix('/tmp/uwsgi.sock', {
      server: echo,
      owner,
      credentials: ROOT,
      mode: 0o755,
    });
    expect(bound.ok).toBe(true);
    expect(fs.lstat('/tmp/uwsgi.sock')).toMatchObject({ type: 'socket', mode: 0o755, uid: 0 });
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { parenthesized: '(13: Permission denied)' },
    });
    fs.chmod('/tmp/uwsgi.sock', 0o600);
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { code: 'EACCES' },
    });
    fs.chmod('/tmp/uwsgi.sock', 0o666);
    const connected = net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA);
    expect(connected.ok).toBe(true);
    if (connected.ok)
      expect(
        new TextDecoder().decode(
          connected.connection.exchange(new TextEncoder().encode('hi')).bytes,
        ),
      ).toBe('hi');
  });

  it('and search permission on every folder above it', () => {
    const { fs, net } = table();
    fs.mkdirs('/srv/app', { mode: 0o750 });
    net.bindUnix('/srv/app/s.sock', { server: echo, owner, credentials: ROOT, mode: 0o777 });
    expect(net.connect({ kind: 'unix', path: '/srv/app/s.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { code: 'EACCES' },
    });
    fs.chmod('/srv/app', 0o751);
    fs.chmod('/srv', 0o751);
    expect(net.connect({ kind: 'unix', path: '/srv/app/s.sock' }, WWW_DATA).ok).toBe(true);
  });

  it('a stale socket (its server closed; the file stays): (111: Connection refused)', () => {
    const { fs, net } = table();
    const bound = net.bindUnix('/tmp/uwsgi.sock', {
      server: echo,
      owner,
      credentials: ROOT,
      mode: 0o777,
    });
    if (!bound.ok) throw new Error('bind failed');
    net.close(bound.listener);
    expect(fs.lstat('/tmp/uwsgi.sock').type).toBe('socket');
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { parenthesized: '(111: Connection refused)' },
    });
  });

  it('a regular file where a socket should be: Connection refused', () => {
    const { fs, net } = table();
    fs.put('/tmp/uwsgi.sock', 'x', { mode: 0o666 });
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, WWW_DATA)).toMatchObject({
      ok: false,
      error: { code: 'ECONNREFUSED' },
    });
  });

  it('bind: EADDRINUSE on anything at the path, ENOENT without the folder', () => {
    const { fs, net } = table();
    fs.put('/tmp/x', '');
    expect(net.bindUnix('/tmp/x', { server: echo, owner, credentials: ROOT })).toMatchObject({
      ok: false,
      error: { text: 'Address already in use' },
    });
    expect(net.bindUnix('/nope/x', { server: echo, owner, credentials: ROOT })).toMatchObject({
      ok: false,
      error: { code: 'ENOENT' },
    });
  });

  it('a file removed and made again is not the listener any more', () => {
    const { fs, net } = table();
    net.bindUnix('/tmp/uwsgi.sock', { server: echo, owner, credentials: ROOT, mode: 0o777 });
    fs.unlink('/tmp/uwsgi.sock');
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, ROOT)).toMatchObject({
      ok: false,
      error: { code: 'ENOENT' },
    });
    fs.mksocket('/tmp/uwsgi.sock', { mode: 0o777, mtime: 1 });
    expect(net.connect({ kind: 'unix', path: '/tmp/uwsgi.sock' }, ROOT)).toMatchObject({
      ok: false,
      error: { code: 'ECONNREFUSED' },
    });
  });
});

describe('TCP', () => {
  it('refused when nobody listens; a wildcard listener answers on 127.0.0.1 and localhost', () => {
    const { net } = table();
    expect(net.connect({ kind: 'inet', host: '127.0.0.1', port: 3031 }, ROOT)).toMatchObject({
      ok: false,
      error: { parenthesized: '(111: Connection refused)' },
    });
    net.bindInet('0.0.0.0', 3031, { server: echo, owner, credentials: ROOT });
    const connected = net.connect({ kind: 'inet', host: 'localhost', port: 3031 }, ROOT);
    expect(connected.ok).toBe(true);
    if (connected.ok) {
      expect(connected.connection.local).toMatchObject({ kind: 'inet', host: '127.0.0.1' });
      const port = connected.connection.local.kind === 'inet' ? connected.connection.local.port : 0;
      expect(port).toBeGreaterThanOrEqual(EPHEMERAL_PORT_LOW);
      expect(port).toBeLessThanOrEqual(EPHEMERAL_PORT_HIGH);
    }
  });

  it('EADDRINUSE when the address is taken, EACCES below 1024 without root, port 0 picks one', () => {
    const { net } = table();
    net.bindInet('127.0.0.1', 3031, { server: echo, owner, credentials: ROOT });
    expect(net.bindInet('0.0.0.0', 3031, { server: echo, owner, credentials: ROOT })).toMatchObject(
      { ok: false, error: { code: 'EADDRINUSE' } },
    );
    expect(net.bindInet('127.0.0.2', 3031, { server: echo, owner, credentials: ROOT }).ok).toBe(
      true,
    );
    expect(
      net.bindInet('127.0.0.1', 80, { server: echo, owner, credentials: WWW_DATA }),
    ).toMatchObject({ ok: false, error: { code: 'EACCES' } });
    const auto = net.bindInet('127.0.0.1', 0, { server: echo, owner, credentials: ROOT });
    expect(
      auto.ok &&
        auto.listener.address.kind === 'inet' &&
        auto.listener.address.port >= EPHEMERAL_PORT_LOW,
    ).toBe(true);
    expect(net.listeners()).toHaveLength(3);
  });
});

describe('addresses', () => {
  it('reads uWSGI socket arguments and formats them the way nginx names upstreams', () => {
    expect(parseSocketArgument('/tmp/uwsgi.sock')).toEqual({
      kind: 'unix',
      path: '/tmp/uwsgi.sock',
    });
    expect(parseSocketArgument('uwsgi.sock')).toEqual({ kind: 'unix', path: 'uwsgi.sock' });
    expect(parseSocketArgument('127.0.0.1:3031')).toEqual({
      kind: 'inet',
      host: '127.0.0.1',
      port: 3031,
    });
    expect(parseSocketArgument(':3031')).toEqual({ kind: 'inet', host: '0.0.0.0', port: 3031 });
    expect(parseSocketArgument('host:99999')).toBeUndefined();
    expect(formatAddress({ kind: 'unix', path: '/tmp/uwsgi.sock' })).toBe('unix:/tmp/uwsgi.sock');
    expect(
      addressMatches(
        { kind: 'inet', host: '127.0.0.1', port: 1 },
        { kind: 'inet', host: '127.0.0.2', port: 1 },
      ),
    ).toBe(false);
  });
});
