// A small in-memory MachineFs: enough of Linux's path rules (symlinks, ENOENT/ENOTDIR/ELOOP, owners
// and modes) for tests of the gateway. The shell's VFS is the real implementation; this one stays
// simple on purpose and has no permission checks of its own (callers use accessError).

import {
  FsError,
  normalizePath,
  type FileStat,
  type FileType,
  type MachineFs,
  type NewEntry,
} from '../fs.ts';

interface Meta {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

type Node =
  | (Meta & { readonly type: 'file'; data: Uint8Array })
  | (Meta & { readonly type: 'directory'; readonly entries: Map<string, Node> })
  | (Meta & { readonly type: 'symlink'; readonly target: string })
  | (Meta & { readonly type: 'socket' });

// Linux follows at most 40 symlinks while resolving one path (path_resolution(7)).
const MAX_SYMLINKS = 40;
// 2026-11-26 00:00:00 UTC, the day the reference captures were made.
const DEFAULT_MTIME = 1795651200;

export class MemoryFs implements MachineFs {
  readonly #root: Node & { type: 'directory' };
  #clock: number;

  constructor(options: { readonly mtime?: number } = {}) {
    this.#clock = options.mtime ?? DEFAULT_MTIME;
    this.#root = { type: 'directory', entries: new Map(), ...this.#meta({ mode: 0o755 }, 0o755) };
  }

  stat(path: string): FileStat {
    return statOf(this.#resolve(path, true));
  }

  lstat(path: string): FileStat {
    return statOf(this.#resolve(path, false));
  }

  readFile(path: string): Uint8Array {
    const node = this.#resolve(path, true);
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    return node.data.slice();
  }

  readDir(path: string): string[] {
    const node = this.#resolve(path, true);
    if (node.type !== 'directory') throw new FsError('ENOTDIR', path);
    return [...node.entries.keys()];
  }

  readLink(path: string): string {
    const node = this.#resolve(path, false);
    if (node.type !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  writeFile(path: string, data: Uint8Array, entry: NewEntry = {}): void {
    const { parent, name } = this.#parentOf(path);
    const existing = parent.entries.get(name);
    const target = existing?.type === 'symlink' ? this.#resolve(path, true) : existing;
    if (target !== undefined) {
      if (target.type === 'directory') throw new FsError('EISDIR', path);
      if (target.type !== 'file') throw new FsError('EINVAL', path);
      target.data = data.slice();
      target.mtime = entry.mtime ?? this.#clock;
      return;
    }
    parent.entries.set(name, { type: 'file', data: data.slice(), ...this.#meta(entry, 0o644) });
  }

  appendFile(path: string, data: Uint8Array): void {
    let before: Uint8Array = new Uint8Array(0);
    try {
      before = this.readFile(path);
    } catch (error) {
      if (!(error instanceof FsError) || error.code !== 'ENOENT') throw error;
    }
    const joined = new Uint8Array(before.length + data.length);
    joined.set(before);
    joined.set(data, before.length);
    this.writeFile(path, joined);
  }

  mkdir(path: string, entry: NewEntry = {}): void {
    this.#create(path, { type: 'directory', entries: new Map(), ...this.#meta(entry, 0o755) });
  }

  /** `mkdir -p`: every missing folder on the way, with the same owner and mode. */
  mkdirs(path: string, entry: NewEntry = {}): void {
    let at = '';
    for (const part of normalizePath(path)
      .split('/')
      .filter((p) => p !== '')) {
      at += `/${part}`;
      try {
        if (this.stat(at).type !== 'directory') throw new FsError('ENOTDIR', at);
      } catch (error) {
        if (!(error instanceof FsError) || error.code !== 'ENOENT') throw error;
        this.mkdir(at, entry);
      }
    }
  }

  symlink(target: string, path: string, entry: NewEntry = {}): void {
    this.#create(path, { type: 'symlink', target, ...this.#meta(entry, 0o777) });
  }

  mksocket(path: string, entry: NewEntry = {}): void {
    this.#create(path, { type: 'socket', ...this.#meta(entry, 0o755) });
  }

  unlink(path: string): void {
    const { parent, name } = this.#parentOf(path);
    const node = parent.entries.get(name);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    parent.entries.delete(name);
  }

  rmdir(path: string): void {
    const { parent, name } = this.#parentOf(path);
    const node = parent.entries.get(name);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.type !== 'directory') throw new FsError('ENOTDIR', path);
    if (node.entries.size > 0) throw new FsError('ENOTEMPTY', path);
    parent.entries.delete(name);
  }

  chmod(path: string, mode: number): void {
    this.#resolve(path, true).mode = mode & 0o7777;
  }

  chown(path: string, uid: number, gid: number): void {
    const node = this.#resolve(path, true);
    node.uid = uid;
    node.gid = gid;
  }

  /** Convenience for tests: a text file, creating its folders. */
  put(path: string, text: string | Uint8Array, entry: NewEntry = {}): this {
    const cut = normalizePath(path).lastIndexOf('/');
    if (cut > 0) this.mkdirs(normalizePath(path).slice(0, cut));
    this.writeFile(path, typeof text === 'string' ? new TextEncoder().encode(text) : text, entry);
    return this;
  }

  #meta(entry: NewEntry, mode: number): Meta {
    return {
      mode: (entry.mode ?? mode) & 0o7777,
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      mtime: entry.mtime ?? this.#clock,
    };
  }

  #create(path: string, node: Node): void {
    const { parent, name } = this.#parentOf(path);
    if (parent.entries.has(name)) throw new FsError('EEXIST', path);
    parent.entries.set(name, node);
  }

  #parentOf(path: string): { parent: Node & { type: 'directory' }; name: string } {
    const normal = normalizePath(path);
    const cut = normal.lastIndexOf('/');
    const name = normal.slice(cut + 1);
    if (name === '') throw new FsError('EEXIST', path);
    const parent = this.#resolve(normal.slice(0, cut) || '/', true);
    if (parent.type !== 'directory') throw new FsError('ENOTDIR', path);
    return { parent, name };
  }

  // Walks the path from the root, following symlinks in the middle always and at the end when
  // `followLast`; `..` applies to the folder reached so far, as the kernel does.
  #resolve(path: string, followLast: boolean): Node {
    if (!path.startsWith('/')) throw new FsError('ENOENT', path);
    let followed = 0;
    const pending = path.split('/').filter((part) => part !== '' && part !== '.');
    const trail: (Node & { type: 'directory' })[] = [this.#root];
    let node: Node = this.#root;
    while (pending.length > 0) {
      const part = pending.shift()!;
      const dir = trail[trail.length - 1]!;
      if (part === '..') {
        if (trail.length > 1) trail.pop();
        node = trail[trail.length - 1]!;
        continue;
      }
      const next = dir.entries.get(part);
      if (next === undefined) throw new FsError('ENOENT', path);
      if (next.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++followed > MAX_SYMLINKS) throw new FsError('ELOOP', path);
        const target = next.target.split('/').filter((p) => p !== '' && p !== '.');
        if (next.target.startsWith('/')) trail.splice(1);
        pending.unshift(...target);
        node = trail[trail.length - 1]!;
        continue;
      }
      node = next;
      if (pending.length > 0) {
        if (next.type !== 'directory') throw new FsError('ENOTDIR', path);
        trail.push(next);
      }
    }
    return node;
  }
}

function statOf(node: Node): FileStat {
  const size: Record<FileType, number> = {
    file: node.type === 'file' ? node.data.length : 0,
    directory: 4096,
    symlink: node.type === 'symlink' ? new TextEncoder().encode(node.target).length : 0,
    socket: 0,
  };
  return {
    type: node.type,
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
    size: size[node.type],
    mtime: node.mtime,
  };
}
