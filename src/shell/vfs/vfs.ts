// The simulated machine's file system: a tree of inodes with Linux's path rules (path_resolution(7):
// symlinks followed in the middle of a path always and at its end when the call does, at most 40 of
// them before ELOOP, `..` taken from the directory reached, a trailing slash demanding a
// directory), the errno each system call gives, ext4's sizes, hard links, and times from the
// machine's clock. It implements the gateway's MachineFs; like a kernel called by root it checks no
// permissions itself (callers ask accessError, as nginx's worker does).

import {
  FsError,
  normalizePath,
  type FileStat,
  type FileType,
  type MachineFs,
  type NewEntry,
} from '../../gateway/fs.ts';
import {
  BLOCK_SIZE,
  directoryBlocksFor,
  fileContent,
  fileSize,
  type DeviceNode,
  type DirectoryNode,
  type FileNode,
  type NodeMeta,
  type NodeType,
  type SocketNode,
  type SymlinkNode,
  type VfsNode,
} from './vfs-node.ts';

/** Linux follows at most 40 symlinks while resolving one path (path_resolution(7)). */
const MAX_SYMLINKS = 40;
/** A symlink whose target fits in the inode (under 60 bytes on ext4) takes no block. */
const FAST_SYMLINK_MAX = 59;

/** What `stat(2)` says, beyond what the gateway needs: inode, links, blocks, all three times. */
export interface VfsStat extends FileStat {
  /** The node's own type (`device` is shown to the gateway as a file). */
  readonly kind: NodeType;
  readonly ino: number;
  readonly nlink: number;
  /** 512-byte blocks allocated (st_blocks), as `ls -s` and `total` count them. */
  readonly blocks: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly birthMs: number;
  readonly device?: { readonly major: number; readonly minor: number };
  /** The program an executable file is (see FileNode.program). */
  readonly program?: string;
  /** The content is not carried (a binary's stand-in): `size` is the real package's. */
  readonly standIn: boolean;
}

/** Owner, group, mode and times for something new, and what a stand-in file stands for. */
export interface VfsEntry extends NewEntry {
  /** All three times, in milliseconds (wins over `mtime`, which is in seconds). */
  readonly mtimeMs?: number;
  readonly program?: string;
  /** The size a stand-in shows (its bytes are not carried). */
  readonly standInSize?: number;
}

export interface VfsOptions {
  /** The machine's clock in milliseconds since the epoch. Default: the time the VFS was made. */
  readonly clock?: () => number;
}

type Found = {
  readonly kind: 'found';
  readonly node: VfsNode;
  /** The directory holding the final entry (the root for `/`). */
  readonly parent: DirectoryNode;
  readonly name: string;
  /** The path with every symlink and `..` resolved. */
  readonly canonical: string;
};

type Missing = {
  readonly kind: 'missing';
  readonly parent: DirectoryNode;
  readonly name: string;
  readonly canonical: string;
};

/** A watcher of one file's content (tail -f follows the inode it opened). */
export type ContentListener = () => void;

export class Vfs implements MachineFs {
  readonly #root: DirectoryNode;
  readonly #clock: () => number;
  readonly #watchers = new Map<FileNode, Set<ContentListener>>();
  #nextIno: number;
  #version = 0;

  constructor(options: VfsOptions = {}, restored?: { root: DirectoryNode; nextIno: number }) {
    const start = Date.now();
    this.#clock = options.clock ?? (() => start);
    if (restored !== undefined) {
      this.#root = restored.root;
      this.#nextIno = restored.nextIno;
    } else {
      // ext4 numbers its root directory 2 and the first ordinary inodes from 11 on
      this.#nextIno = 11;
      const now = this.#clock();
      this.#root = {
        type: 'directory',
        ino: 2,
        mode: 0o755,
        uid: 0,
        gid: 0,
        atimeMs: now,
        mtimeMs: now,
        ctimeMs: now,
        birthMs: now,
        entries: new Map(),
        blocks: 1,
      };
    }
  }

  /** The root directory, for serialization. */
  get root(): DirectoryNode {
    return this.#root;
  }

  /** The next inode number to hand out, for serialization. */
  get nextIno(): number {
    return this.#nextIno;
  }

  /** Counts every change: callers cache what they read from files (users, PATH listings) by it. */
  get version(): number {
    return this.#version;
  }

  now(): number {
    return this.#clock();
  }

  // --- MachineFs -----------------------------------------------------------------------------

  stat(path: string): VfsStat {
    return statOf(this.#found(path, true).node);
  }

  lstat(path: string): VfsStat {
    return statOf(this.#found(path, false).node);
  }

  readFile(path: string): Uint8Array {
    const node = this.#found(path, true).node;
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    if (node.type === 'socket') throw new FsError('ENXIO', path);
    if (node.type === 'device') return new Uint8Array(0);
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    this.#touchAccess(node);
    return fileContent(node).slice();
  }

  readDir(path: string): string[] {
    const node = this.#found(path, true).node;
    if (node.type !== 'directory') throw new FsError('ENOTDIR', path);
    return [...node.entries.keys()];
  }

  readLink(path: string): string {
    const node = this.#found(path, false).node;
    if (node.type !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  /**
   * open(O_WRONLY|O_CREAT|O_TRUNC) and write: an existing file keeps its inode, owner and mode; a
   * symlink is followed, and a dangling one makes its target, as open(2) does.
   */
  writeFile(path: string, data: Uint8Array, entry: VfsEntry = {}): void {
    const at = this.#resolve(path, true, true);
    if (at.kind === 'found') {
      const node = at.node;
      if (node.type === 'directory') throw new FsError('EISDIR', path);
      if (node.type === 'socket') throw new FsError('ENXIO', path);
      if (node.type === 'device') return;
      if (node.type !== 'file') throw new FsError('EINVAL', path);
      this.#setContent(node, data);
      const time = entryTime(entry) ?? this.#clock();
      node.mtimeMs = time;
      node.ctimeMs = time;
      if (entry.program !== undefined) node.program = entry.program;
      if (entry.standInSize !== undefined) node.standInSize = entry.standInSize;
      this.#changed(node);
      return;
    }
    if (path.endsWith('/')) throw new FsError('EISDIR', path);
    const node: FileNode = {
      type: 'file',
      ...this.#meta(entry, 0o644),
      bytes: data.slice(),
      length: data.length,
      links: 1,
    };
    if (entry.program !== undefined) node.program = entry.program;
    if (entry.standInSize !== undefined) node.standInSize = entry.standInSize;
    this.#insert(at.parent, at.name, node);
  }

  /** open(O_APPEND|O_CREAT) and write; creates the file (0644) when it is missing. */
  appendFile(path: string, data: Uint8Array): void {
    const at = this.#resolve(path, true, true);
    if (at.kind === 'missing') {
      this.writeFile(path, data);
      return;
    }
    const node = at.node;
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    if (node.type === 'socket') throw new FsError('ENXIO', path);
    if (node.type === 'device') return;
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    this.#appendTo(node, data);
  }

  mkdir(path: string, entry: VfsEntry = {}): void {
    const { parent, name } = this.#creation(path);
    const node: DirectoryNode = {
      type: 'directory',
      ...this.#meta(entry, 0o755),
      entries: new Map(),
      blocks: 1,
      ...(parent.tmpfs === true ? { tmpfs: true } : {}),
    };
    this.#insert(parent, name, node);
  }

  /** Mounts a tmpfs over a folder (its contents kept): the folder and those below report tmpfs sizes. */
  mountTmpfs(path: string): void {
    const mark = (node: VfsNode): void => {
      if (node.type !== 'directory') return;
      node.tmpfs = true;
      for (const child of node.entries.values()) mark(child);
    };
    const node = this.#found(path, true).node;
    if (node.type !== 'directory') throw new FsError('ENOTDIR', path);
    mark(node);
  }

  symlink(target: string, path: string, entry: VfsEntry = {}): void {
    if (path.endsWith('/')) {
      // symlink("t", "x/") is ENOENT when x is missing, EEXIST when it is there (Linux)
      this.#resolve(path, false, false);
      throw new FsError('EEXIST', path);
    }
    const { parent, name } = this.#creation(path);
    const node: SymlinkNode = { type: 'symlink', ...this.#meta(entry, 0o777), target, links: 1 };
    node.mode = 0o777;
    this.#insert(parent, name, node);
  }

  mksocket(path: string, entry: VfsEntry = {}): void {
    const { parent, name } = this.#creation(path);
    const node: SocketNode = { type: 'socket', ...this.#meta(entry, 0o755), links: 1 };
    this.#insert(parent, name, node);
  }

  /** mknod(2) for a character device (`/dev/null` is 1,3). */
  mkdevice(path: string, major: number, minor: number, entry: VfsEntry = {}): void {
    const { parent, name } = this.#creation(path);
    const node: DeviceNode = {
      type: 'device',
      ...this.#meta(entry, 0o666),
      major,
      minor,
      links: 1,
    };
    this.#insert(parent, name, node);
  }

  unlink(path: string): void {
    const { parent, name } = this.#entryOf(path);
    const node = parent.entries.get(name);
    if (node === undefined) throw new FsError('ENOENT', path);
    // unlink(2) on a directory is EISDIR on Linux (POSIX says EPERM)
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    if (path.endsWith('/')) throw new FsError('ENOTDIR', path);
    this.#remove(parent, name);
  }

  rmdir(path: string): void {
    const trimmed = path.replace(/\/+$/, '');
    if (/(^|\/)\.$/.test(trimmed)) throw new FsError('EINVAL', path);
    if (/(^|\/)\.\.$/.test(trimmed)) throw new FsError('ENOTEMPTY', path);
    if (normalizePath(path) === '/') throw new FsError('EBUSY', path);
    const { parent, name } = this.#entryOf(path);
    let node = parent.entries.get(name);
    if (node === undefined) throw new FsError('ENOENT', path);
    if (node.type === 'symlink' && path.endsWith('/')) node = this.#found(path, true).node;
    if (node.type !== 'directory') throw new FsError('ENOTDIR', path);
    if (node.entries.size > 0) throw new FsError('ENOTEMPTY', path);
    this.#remove(parent, name);
  }

  chmod(path: string, mode: number): void {
    const node = this.#found(path, true).node;
    node.mode = mode & 0o7777;
    node.ctimeMs = this.#clock();
    this.#version++;
  }

  chown(path: string, uid: number, gid: number): void {
    this.#chownNode(this.#found(path, true).node, uid, gid);
  }

  // --- beyond MachineFs ----------------------------------------------------------------------

  /** lchown(2): a symlink itself (`chown -h`). */
  lchown(path: string, uid: number, gid: number): void {
    this.#chownNode(this.#found(path, false).node, uid, gid);
  }

  /**
   * rename(2): replaces a file at `to`, or an empty directory with a directory; moving a directory
   * into itself is EINVAL. A symlink is moved, not followed.
   */
  rename(from: string, to: string): void {
    const source = this.#entryOf(from);
    const node = source.parent.entries.get(source.name);
    if (node === undefined) throw new FsError('ENOENT', from);
    if (from.endsWith('/') && node.type !== 'directory') throw new FsError('ENOTDIR', from);
    const target = this.#entryOf(to);
    if (node.type === 'directory' && this.#contains(node, target.parent)) {
      throw new FsError('EINVAL', to);
    }
    const existing = target.parent.entries.get(target.name);
    if (existing === node) return;
    if (existing !== undefined) {
      if (node.type === 'directory' && existing.type !== 'directory') {
        throw new FsError('ENOTDIR', to);
      }
      if (node.type !== 'directory' && existing.type === 'directory') {
        throw new FsError('EISDIR', to);
      }
      if (existing.type === 'directory' && existing.entries.size > 0) {
        throw new FsError('ENOTEMPTY', to);
      }
      this.#remove(target.parent, target.name);
    } else if (to.endsWith('/') && node.type !== 'directory') {
      throw new FsError('ENOTDIR', to);
    }
    source.parent.entries.delete(source.name);
    this.#directoryChanged(source.parent);
    this.#insert(target.parent, target.name, node);
    node.ctimeMs = this.#clock();
  }

  /** link(2): another name for a file (not a directory: EPERM). Does not follow a symlink. */
  link(existing: string, path: string): void {
    const node = this.#found(existing, false).node;
    if (node.type === 'directory') throw new FsError('EPERM', existing);
    const { parent, name } = this.#creation(path);
    node.links++;
    node.ctimeMs = this.#clock();
    this.#insert(parent, name, node);
  }

  /** utimensat(2): set the access and modification times (ctime becomes now). */
  setTimes(path: string, atimeMs: number, mtimeMs: number, follow = true): void {
    const node = this.#found(path, follow).node;
    node.atimeMs = atimeMs;
    node.mtimeMs = mtimeMs;
    node.ctimeMs = this.#clock();
    this.#version++;
  }

  /** truncate(2) to zero or a size (growing with zero bytes). */
  truncate(path: string, size = 0): void {
    const node = this.#found(path, true).node;
    if (node.type === 'directory') throw new FsError('EISDIR', path);
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    const bytes = new Uint8Array(size);
    bytes.set(fileContent(node).subarray(0, size));
    this.#setContent(node, bytes);
    node.mtimeMs = node.ctimeMs = this.#clock();
    this.#changed(node);
  }

  /** realpath(3): the path with every symlink, `.` and `..` resolved; the target must exist. */
  realpath(path: string): string {
    return this.#found(path, true).canonical;
  }

  /**
   * The canonical form of a path whose last component may be missing (`realpath -m` for the last
   * part): undefined when a directory on the way is missing.
   */
  canonicalParent(path: string): string | undefined {
    try {
      return this.#resolve(path, true, true).canonical;
    } catch (error) {
      if (error instanceof FsError) return undefined;
      throw error;
    }
  }

  /** Whether something is there (following symlinks, as `test -e` does). */
  exists(path: string): boolean {
    return this.#try(() => this.stat(path)) !== undefined;
  }

  /** Whether a name is there (a dangling symlink counts, as `test -L`). */
  lexists(path: string): boolean {
    return this.#try(() => this.lstat(path)) !== undefined;
  }

  /** stat, or undefined when the call fails. */
  tryStat(path: string): VfsStat | undefined {
    return this.#try(() => this.stat(path));
  }

  tryLstat(path: string): VfsStat | undefined {
    return this.#try(() => this.lstat(path));
  }

  /** `mkdir -p`: each missing directory on the way, with the same entry; existing ones are kept. */
  mkdirs(path: string, entry: VfsEntry = {}): void {
    let at = '';
    for (const part of normalizePath(path)
      .split('/')
      .filter((p) => p !== '')) {
      at += `/${part}`;
      const stat = this.tryStat(at);
      if (stat === undefined) this.mkdir(at, entry);
      else if (stat.type !== 'directory') throw new FsError('ENOTDIR', at);
    }
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  writeText(path: string, text: string, entry: VfsEntry = {}): void {
    this.writeFile(path, new TextEncoder().encode(text), entry);
  }

  /** Makes a file with its folders (root, 0755) — for installing packages and scenarios. */
  put(path: string, content: string | Uint8Array, entry: VfsEntry = {}): void {
    const cut = normalizePath(path).lastIndexOf('/');
    if (cut > 0) this.mkdirs(normalizePath(path).slice(0, cut));
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.writeFile(path, bytes, entry);
  }

  /** Sets a stand-in's program and size (an installed binary). */
  setProgram(path: string, program: string | undefined): void {
    const node = this.#found(path, true).node;
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    if (program === undefined) delete node.program;
    else node.program = program;
    this.#version++;
  }

  /**
   * Calls `listener` whenever the content of the file at `path` (the inode it names now, as an
   * open descriptor would) changes. Returns the unsubscribe function.
   */
  watch(path: string, listener: ContentListener): () => void {
    const node = this.#found(path, true).node;
    if (node.type !== 'file') return () => undefined;
    let set = this.#watchers.get(node);
    if (set === undefined) {
      set = new Set();
      this.#watchers.set(node, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#watchers.delete(node);
    };
  }

  /** The node a path names (following symlinks when `follow`), for the snapshot and tools. */
  node(path: string, follow = true): VfsNode {
    return this.#found(path, follow).node;
  }

  /** Appends to an inode directly: what a descriptor opened with `>>` writes to, wherever its name went. */
  appendToNode(node: VfsNode, data: Uint8Array): void {
    if (node.type === 'file') this.#appendTo(node, data);
  }

  /** Reads from an inode directly (tail -f keeps reading the file it opened after a rename). */
  static contentOf(node: VfsNode): Uint8Array {
    return node.type === 'file' ? fileContent(node) : new Uint8Array(0);
  }

  // --- internals -----------------------------------------------------------------------------

  #try<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (error instanceof FsError) return undefined;
      throw error;
    }
  }

  #meta(entry: VfsEntry, mode: number): NodeMeta {
    const time = entryTime(entry) ?? this.#clock();
    return {
      ino: this.#nextIno++,
      mode: (entry.mode ?? mode) & 0o7777,
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      atimeMs: time,
      mtimeMs: time,
      ctimeMs: time,
      birthMs: time,
    };
  }

  #chownNode(node: VfsNode, uid: number, gid: number): void {
    node.uid = uid;
    node.gid = gid;
    // chown(2) by root clears set-user-ID and set-group-ID bits of a regular file
    if (node.type === 'file' && (node.mode & 0o111) !== 0) node.mode &= ~0o6000;
    node.ctimeMs = this.#clock();
    this.#version++;
  }

  #touchAccess(node: FileNode): void {
    // relatime (Debian's default mount option): atime moves only when it is older than the last
    // change, or a day old
    const now = this.#clock();
    if (
      node.atimeMs <= node.mtimeMs ||
      node.atimeMs <= node.ctimeMs ||
      now - node.atimeMs > 864e5
    ) {
      // (not counted in `version`: nothing cached depends on access times)
      node.atimeMs = now;
    }
  }

  #setContent(node: FileNode, data: Uint8Array): void {
    node.bytes = data.slice();
    node.length = data.length;
    delete node.standInSize;
  }

  #appendTo(node: FileNode, data: Uint8Array): void {
    const needed = node.length + data.length;
    if (needed > node.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, node.bytes.length * 2, 256));
      grown.set(fileContent(node));
      node.bytes = grown;
    }
    node.bytes.set(data, node.length);
    node.length = needed;
    delete node.standInSize;
    node.mtimeMs = node.ctimeMs = this.#clock();
    this.#changed(node);
  }

  #changed(node: FileNode): void {
    this.#version++;
    const listeners = this.#watchers.get(node);
    if (listeners !== undefined) for (const listener of [...listeners]) listener();
  }

  #insert(parent: DirectoryNode, name: string, node: VfsNode): void {
    if (parent.entries.has(name)) throw new FsError('EEXIST', name);
    parent.entries.set(name, node);
    parent.blocks = Math.max(parent.blocks, directoryBlocksFor(parent.entries));
    this.#directoryChanged(parent);
  }

  #remove(parent: DirectoryNode, name: string): void {
    const node = parent.entries.get(name);
    parent.entries.delete(name);
    if (node !== undefined && node.type !== 'directory') {
      node.links--;
      node.ctimeMs = this.#clock();
    }
    this.#directoryChanged(parent);
  }

  #directoryChanged(parent: DirectoryNode): void {
    parent.mtimeMs = parent.ctimeMs = this.#clock();
    this.#version++;
  }

  #contains(dir: DirectoryNode, candidate: DirectoryNode): boolean {
    if (dir === candidate) return true;
    for (const child of dir.entries.values()) {
      if (child.type === 'directory' && this.#contains(child, candidate)) return true;
    }
    return false;
  }

  /** The directory and name a new entry goes in; EEXIST for `/`, `.` and `..`. */
  #creation(path: string): { parent: DirectoryNode; name: string } {
    const at = this.#resolve(path.replace(/\/+$/, '') || '/', false, true);
    if (at.kind === 'found') throw new FsError('EEXIST', path);
    return { parent: at.parent, name: at.name };
  }

  /** The directory holding a path's last component (which need not exist) and its name. */
  #entryOf(path: string): { parent: DirectoryNode; name: string } {
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed === '') throw new FsError('EBUSY', path);
    const cut = trimmed.lastIndexOf('/');
    const name = trimmed.slice(cut + 1);
    if (name === '.' || name === '..') throw new FsError('EINVAL', path);
    const parent = this.#found(cut <= 0 ? '/' : trimmed.slice(0, cut), true).node;
    if (parent.type !== 'directory') throw new FsError('ENOTDIR', path);
    return { parent, name };
  }

  #found(path: string, follow: boolean): Found {
    const at = this.#resolve(path, follow, false);
    if (at.kind === 'missing') throw new FsError('ENOENT', path);
    return at;
  }

  /**
   * Walks `path` from the root. With `allowMissing`, a missing last component (after following a
   * final symlink, when `follow`) is returned as such — what open(O_CREAT) and mkdir need.
   */
  #resolve(path: string, follow: boolean, allowMissing: boolean): Found | Missing {
    if (!path.startsWith('/')) throw new FsError('ENOENT', path);
    const mustBeDirectory = path.length > 1 && path.endsWith('/');
    const pending = split(path);
    const trail: DirectoryNode[] = [this.#root];
    const names: string[] = [];
    let node: VfsNode = this.#root;
    let parent = this.#root;
    let name = '';
    let followed = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      const dir = trail[trail.length - 1]!;
      if (part === '..') {
        if (trail.length > 1) {
          trail.pop();
          names.pop();
        }
        node = trail[trail.length - 1]!;
        parent = trail[trail.length - 2] ?? this.#root;
        name = names[names.length - 1] ?? '';
        continue;
      }
      const next = dir.entries.get(part);
      if (next === undefined) {
        if (pending.length === 0 && allowMissing) {
          return { kind: 'missing', parent: dir, name: part, canonical: join([...names, part]) };
        }
        throw new FsError('ENOENT', path);
      }
      const last = pending.length === 0;
      if (next.type === 'symlink' && (!last || follow || mustBeDirectory)) {
        if (++followed > MAX_SYMLINKS) throw new FsError('ELOOP', path);
        if (next.target === '') throw new FsError('ENOENT', path);
        if (next.target.startsWith('/')) {
          trail.splice(1);
          names.length = 0;
        }
        pending.unshift(...split(next.target));
        node = trail[trail.length - 1]!;
        parent = trail[trail.length - 2] ?? this.#root;
        name = names[names.length - 1] ?? '';
        continue;
      }
      if (!last) {
        if (next.type !== 'directory') throw new FsError('ENOTDIR', path);
        trail.push(next);
        names.push(part);
      }
      parent = dir;
      name = part;
      node = next;
      if (last) names.push(part);
    }
    if (mustBeDirectory && node.type !== 'directory') throw new FsError('ENOTDIR', path);
    return { kind: 'found', node, parent, name, canonical: join(names) };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function join(names: readonly string[]): string {
  return `/${names.join('/')}`;
}

function entryTime(entry: VfsEntry): number | undefined {
  if (entry.mtimeMs !== undefined) return entry.mtimeMs;
  return entry.mtime === undefined ? undefined : entry.mtime * 1000;
}

/** The type the gateway sees: a device is an (empty) file to it. */
function gatewayType(node: VfsNode): FileType {
  return node.type === 'device' ? 'file' : node.type;
}

export function statOf(node: VfsNode): VfsStat {
  let size = 0;
  let blocks = 0;
  let nlink = 1;
  switch (node.type) {
    case 'file':
      size = fileSize(node);
      blocks = Math.ceil(size / BLOCK_SIZE) * (BLOCK_SIZE / 512);
      nlink = node.links;
      break;
    case 'directory': {
      size = node.tmpfs === true ? 40 + 20 * node.entries.size : node.blocks * BLOCK_SIZE;
      blocks = node.tmpfs === true ? 0 : node.blocks * (BLOCK_SIZE / 512);
      let subdirectories = 0;
      for (const child of node.entries.values()) if (child.type === 'directory') subdirectories++;
      nlink = 2 + subdirectories;
      break;
    }
    case 'symlink':
      size = new TextEncoder().encode(node.target).length;
      blocks = size > FAST_SYMLINK_MAX ? BLOCK_SIZE / 512 : 0;
      nlink = node.links;
      break;
    case 'socket':
    case 'device':
      nlink = node.links;
      break;
  }
  return {
    type: gatewayType(node),
    kind: node.type,
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
    size,
    mtime: Math.floor(node.mtimeMs / 1000),
    ino: node.ino,
    nlink,
    blocks,
    atimeMs: node.atimeMs,
    mtimeMs: node.mtimeMs,
    ctimeMs: node.ctimeMs,
    birthMs: node.birthMs,
    ...(node.type === 'device' ? { device: { major: node.major, minor: node.minor } } : {}),
    ...(node.type === 'file' && node.program !== undefined ? { program: node.program } : {}),
    standIn: node.type === 'file' && node.standInSize !== undefined,
  };
}
