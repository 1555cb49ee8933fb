// The VFS as plain JSON, compact enough for localStorage: one object per node with one-letter
// keys, defaults left out (owner root, the type's usual mode, the parent's mtime, atime and ctime
// equal to mtime), text as text and only other bytes as base64. Loading checks every field and
// fails with a SnapshotError, never anything else.

import { SnapshotError, JsonReader } from './snapshot-error.ts';
import { Vfs, type VfsOptions } from './vfs.ts';
import { fileContent, type DirectoryNode, type NodeMeta, type VfsNode } from './vfs-node.ts';

export const VFS_SNAPSHOT_VERSION = 1;

/** One node. `t`: f file, d directory, l symlink, s socket, c device, h another link to a file. */
export interface NodeJson {
  readonly t: 'f' | 'd' | 'l' | 's' | 'c' | 'h';
  readonly i: number;
  readonly m?: number;
  readonly u?: number;
  readonly g?: number;
  /** mtime (ms); left out when it is the parent directory's. */
  readonly T?: number;
  readonly a?: number;
  readonly c?: number;
  /** Birth time, when not the mtime. */
  readonly B?: number;
  /** File content as text (valid UTF-8) or base64 (`b`). */
  readonly f?: string;
  readonly b?: string;
  /** A stand-in's size, and the program an executable is. */
  readonly z?: number;
  readonly p?: string;
  /** Hard links (when more than one; not for directories). */
  readonly n?: number;
  /** Directory entries: name, node, name, node... */
  readonly e?: readonly (string | NodeJson)[];
  /** Directory blocks (when more than one). */
  readonly k?: number;
  /** A directory on a tmpfs (1). */
  readonly F?: number;
  /** Symlink target. */
  readonly x?: string;
  /** Device numbers. */
  readonly M?: number;
  readonly N?: number;
}

export interface VfsSnapshot {
  readonly version: number;
  readonly nextIno: number;
  readonly root: NodeJson;
}

const DEFAULT_MODE: Readonly<Record<VfsNode['type'], number>> = {
  file: 0o644,
  directory: 0o755,
  symlink: 0o777,
  socket: 0o755,
  device: 0o666,
};

const TYPE_LETTER = {
  file: 'f',
  directory: 'd',
  symlink: 'l',
  socket: 's',
  device: 'c',
} as const;

export function snapshotVfs(fs: Vfs): VfsSnapshot {
  const seen = new Set<VfsNode>();
  return {
    version: VFS_SNAPSHOT_VERSION,
    nextIno: fs.nextIno,
    root: nodeJson(fs.root, undefined, seen),
  };
}

function nodeJson(node: VfsNode, parentMtime: number | undefined, seen: Set<VfsNode>): NodeJson {
  if (node.type !== 'directory' && node.links > 1) {
    if (seen.has(node)) return { t: 'h', i: node.ino };
    seen.add(node);
  }
  const json: { -readonly [K in keyof NodeJson]: NodeJson[K] } = {
    t: TYPE_LETTER[node.type],
    i: node.ino,
  };
  if (node.mode !== DEFAULT_MODE[node.type]) json.m = node.mode;
  if (node.uid !== 0) json.u = node.uid;
  if (node.gid !== 0) json.g = node.gid;
  if (node.mtimeMs !== parentMtime) json.T = node.mtimeMs;
  if (node.atimeMs !== node.mtimeMs) json.a = node.atimeMs;
  if (node.ctimeMs !== node.mtimeMs) json.c = node.ctimeMs;
  if (node.birthMs !== node.mtimeMs) json.B = node.birthMs;
  if (node.type !== 'directory' && node.links !== 1) json.n = node.links;
  switch (node.type) {
    case 'file': {
      const bytes = fileContent(node);
      if (bytes.length > 0) {
        const text = utf8(bytes);
        if (text !== undefined) json.f = text;
        else json.b = base64(bytes);
      }
      if (node.standInSize !== undefined) json.z = node.standInSize;
      if (node.program !== undefined) json.p = node.program;
      break;
    }
    case 'directory': {
      const entries: (string | NodeJson)[] = [];
      for (const [name, child] of node.entries) {
        entries.push(name, nodeJson(child, node.mtimeMs, seen));
      }
      if (entries.length > 0) json.e = entries;
      if (node.blocks !== 1) json.k = node.blocks;
      if (node.tmpfs === true) json.F = 1;
      break;
    }
    case 'symlink':
      json.x = node.target;
      break;
    case 'device':
      json.M = node.major;
      json.N = node.minor;
      break;
    case 'socket':
      break;
  }
  return json;
}

/** Rebuilds a VFS from a snapshot (the clock is the machine's). */
export function restoreVfs(value: unknown, options: VfsOptions = {}, where = 'fs'): Vfs {
  const reader = new JsonReader(value, where);
  if (typeof value !== 'object' || value === null) {
    throw new SnapshotError('not-a-snapshot', where, 'expected an object');
  }
  const version = reader.field('version').number({ integer: true });
  if (version !== VFS_SNAPSHOT_VERSION) {
    throw new SnapshotError('unsupported-version', `${where}.version`, `version ${version}`);
  }
  const nextIno = reader.field('nextIno').number({ integer: true, min: 3 });
  const files = new Map<number, VfsNode>();
  const pendingLinks: { dir: DirectoryNode; name: string; ino: number; where: string }[] = [];
  const rootReader = reader.field('root');
  const root = readNode(rootReader, undefined, files, pendingLinks);
  if (root === undefined || root.type !== 'directory') {
    return rootReader.fail('the root is not a directory');
  }
  for (const link of pendingLinks) {
    const target = files.get(link.ino);
    if (target === undefined || target.type === 'directory') {
      throw new SnapshotError('malformed', link.where, `no file with inode ${link.ino}`);
    }
    link.dir.entries.set(link.name, target);
  }
  for (const node of files.values()) {
    if (node.ino >= nextIno) rootReader.fail(`inode ${node.ino} is not below nextIno`);
  }
  return new Vfs(options, { root, nextIno });
}

function readNode(
  r: JsonReader,
  parentMtime: number | undefined,
  inodes: Map<number, VfsNode>,
  pending: { dir: DirectoryNode; name: string; ino: number; where: string }[],
): VfsNode | undefined {
  const t = r.field('t').string();
  const ino = r.field('i').number({ integer: true, min: 1 });
  if (t === 'h') return undefined;
  const mtimeMs = r.optional('T', (v) => v.number()) ?? parentMtime;
  if (mtimeMs === undefined) r.fail('the root needs a time (T)');
  const mode = (type: VfsNode['type']): number => {
    const m = r.optional('m', (v) => v.number({ integer: true, min: 0 })) ?? DEFAULT_MODE[type];
    if (m > 0o7777) r.fail('mode out of range');
    return m;
  };
  const meta = (type: VfsNode['type']): NodeMeta => ({
    ino,
    mode: mode(type),
    uid: r.optional('u', (v) => v.number({ integer: true, min: 0 })) ?? 0,
    gid: r.optional('g', (v) => v.number({ integer: true, min: 0 })) ?? 0,
    mtimeMs,
    atimeMs: r.optional('a', (v) => v.number()) ?? mtimeMs,
    ctimeMs: r.optional('c', (v) => v.number()) ?? mtimeMs,
    birthMs: r.optional('B', (v) => v.number()) ?? mtimeMs,
  });
  const links = (): number => r.optional('n', (v) => v.number({ integer: true, min: 1 })) ?? 1;
  let node: VfsNode;
  switch (t) {
    case 'f': {
      const text = r.optional('f', (v) => v.string());
      const encoded = r.optional('b', (v) => v.string());
      const bytes =
        text !== undefined
          ? new TextEncoder().encode(text)
          : encoded !== undefined
            ? fromBase64(encoded, r)
            : new Uint8Array(0);
      const file: VfsNode = {
        type: 'file',
        ...meta('file'),
        bytes,
        length: bytes.length,
        links: links(),
      };
      const standIn = r.optional('z', (v) => v.number({ integer: true, min: 0 }));
      if (standIn !== undefined) file.standInSize = standIn;
      const program = r.optional('p', (v) => v.string());
      if (program !== undefined) file.program = program;
      node = file;
      break;
    }
    case 'd': {
      const dir: DirectoryNode = {
        type: 'directory',
        ...meta('directory'),
        entries: new Map(),
        blocks: r.optional('k', (v) => v.number({ integer: true, min: 1 })) ?? 1,
      };
      if (r.optional('F', (v) => v.number({ integer: true, min: 1 })) === 1) dir.tmpfs = true;
      const entries = r.optional('e', (v) => v.array()) ?? [];
      if (entries.length % 2 !== 0) r.fail('entries come in name, node pairs');
      for (let i = 0; i < entries.length; i += 2) {
        const name = entries[i]!.string();
        if (name === '' || name === '.' || name === '..' || name.includes('/')) {
          entries[i]!.fail(`not a file name: ${JSON.stringify(name)}`);
        }
        if (dir.entries.has(name)) entries[i]!.fail(`${name} appears twice`);
        const childReader = entries[i + 1]!;
        const child = readNode(childReader, dir.mtimeMs, inodes, pending);
        if (child === undefined) {
          const target = childReader.field('i').number({ integer: true });
          pending.push({ dir, name, ino: target, where: childReader.where });
          // keeps the place (Map order) until the link is resolved
          dir.entries.set(name, dir);
        } else {
          dir.entries.set(name, child);
        }
      }
      node = dir;
      break;
    }
    case 'l':
      node = { type: 'symlink', ...meta('symlink'), target: r.field('x').string(), links: links() };
      break;
    case 's':
      node = { type: 'socket', ...meta('socket'), links: links() };
      break;
    case 'c':
      node = {
        type: 'device',
        ...meta('device'),
        major: r.field('M').number({ integer: true, min: 0 }),
        minor: r.field('N').number({ integer: true, min: 0 }),
        links: links(),
      };
      break;
    default:
      return r.field('t').fail(`unknown node type ${JSON.stringify(t)}`);
  }
  if (inodes.has(ino)) r.fail(`inode ${ino} appears twice`);
  inodes.set(ino, node);
  return node;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string, r: JsonReader): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    r.fail('not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
