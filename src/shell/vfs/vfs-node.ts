// The nodes of the simulated machine's file system: what an inode holds on Linux (type, owner,
// group, mode, the three times, link count, inode number) and, for each type, its payload. A
// directory holds its entries by name, so the tree is walked, never copied, per call.

/** Times in milliseconds since the epoch (the machine's clock); stat shows them to the second. */
export interface NodeTimes {
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When the inode was made (statx's birth time, which ext4 keeps). */
  readonly birthMs: number;
}

export interface NodeMeta extends NodeTimes {
  /** Inode number (ext4's root directory is 2). */
  readonly ino: number;
  /** Permission bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
}

/**
 * A regular file. `bytes[0, length)` is its content: the buffer has spare room so that a log
 * appended to line by line is not copied each time.
 */
export interface FileNode extends NodeMeta {
  readonly type: 'file';
  bytes: Uint8Array;
  length: number;
  /** Hard links to it (`ln` without -s); a file is removed when the last one is. */
  links: number;
  /**
   * A stand-in for a binary or a file whose bytes the simulation does not carry: the size `ls -l`
   * shows (the real package's), while the content stays empty.
   */
  standInSize?: number;
  /**
   * Which program an executable is — the code the simulation runs when it is executed. Packaged
   * binaries carry the path their package installed them at (`/usr/bin/uwsgi-core`); a copy keeps
   * it, as a copied binary is still the same program.
   */
  program?: string;
}

export interface DirectoryNode extends NodeMeta {
  readonly type: 'directory';
  readonly entries: Map<string, VfsNode>;
  /**
   * ext4 directories grow a 4096-byte block at a time as entries are added and never shrink when
   * entries are removed (`ls -ld` shows 4096, 12288...).
   */
  blocks: number;
  /**
   * On a tmpfs (Debian 12 mounts /run and /dev/shm so): no blocks, and the size is 40 bytes plus 20
   * per entry (mm/shmem.c's BOGO_DIRENT_SIZE), so `ls -ld /run/uwsgi` shows 60 with one entry.
   * Folders made inside one are on it too.
   */
  tmpfs?: boolean;
}

export interface SymlinkNode extends NodeMeta {
  readonly type: 'symlink';
  readonly target: string;
  /** Hard links (link(2) makes them to symlinks, sockets and devices too). */
  links: number;
}

export interface SocketNode extends NodeMeta {
  readonly type: 'socket';
  links: number;
}

/**
 * A character device (`/dev/null`, `/dev/tty`): reads end at once, writes are discarded. The
 * gateway's interfaces know no devices, so it reports itself to them as an empty file.
 */
export interface DeviceNode extends NodeMeta {
  readonly type: 'device';
  readonly major: number;
  readonly minor: number;
  links: number;
}

export type VfsNode = FileNode | DirectoryNode | SymlinkNode | SocketNode | DeviceNode;

export type NodeType = VfsNode['type'];

/** ext4's block size: directories grow by it, and files take whole blocks on disk. */
export const BLOCK_SIZE = 4096;

/** Bytes a name takes in an ext4 directory block: an 8-byte header and the name padded to 4. */
export function directoryEntryBytes(name: string): number {
  return 8 + ((new TextEncoder().encode(name).length + 3) & ~3);
}

/** The blocks a directory needs for its entries (with `.` and `..`, 12 bytes each). */
export function directoryBlocksFor(entries: ReadonlyMap<string, VfsNode>): number {
  let bytes = 24;
  for (const name of entries.keys()) bytes += directoryEntryBytes(name);
  // ext4 fills a block to about three quarters before an htree splits it; counting only the raw
  // sizes would be too few blocks for a large directory such as /usr/bin.
  return Math.max(1, Math.ceil(bytes / (BLOCK_SIZE * 0.75)));
}

/** A file's size as stat reports it. */
export function fileSize(node: FileNode): number {
  return node.standInSize ?? node.length;
}

/** A file's content (a view: callers copy before keeping it). */
export function fileContent(node: FileNode): Uint8Array {
  return node.bytes.subarray(0, node.length);
}
