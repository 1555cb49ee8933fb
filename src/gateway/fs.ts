// The file system the gateway needs from a machine: files, directories, symlinks and sockets with
// owner, group and mode. The simulated shell's VFS implements it; tests use testing/memory-fs.ts.
// Calls are synchronous (the machine is in memory) and fail with FsError, never anything else.

export type FileType = 'file' | 'directory' | 'symlink' | 'socket';

export interface FileStat {
  readonly type: FileType;
  /** Permission bits only (0o7777), as `chmod` takes them. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Bytes for a file, the target's length for a symlink, 0 for sockets; directories report 4096. */
  readonly size: number;
  /** Last modification, seconds since the epoch (nginx prints it as Last-Modified and in ETag). */
  readonly mtime: number;
}

/** Owner, group and mode for something new; missing fields default to root:root and 0644/0755. */
export interface NewEntry {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: number;
}

/** The errno values the machine reports, with the texts glibc's strerror gives them on Linux. */
export const ERRNO = {
  EPERM: { errno: 1, text: 'Operation not permitted' },
  ENOENT: { errno: 2, text: 'No such file or directory' },
  // open(2) on a unix socket's file: `cat /tmp/uwsgi.sock` says `No such device or address`
  ENXIO: { errno: 6, text: 'No such device or address' },
  EACCES: { errno: 13, text: 'Permission denied' },
  EBUSY: { errno: 16, text: 'Device or resource busy' },
  EEXIST: { errno: 17, text: 'File exists' },
  ENOTDIR: { errno: 20, text: 'Not a directory' },
  EISDIR: { errno: 21, text: 'Is a directory' },
  EINVAL: { errno: 22, text: 'Invalid argument' },
  ENOTEMPTY: { errno: 39, text: 'Directory not empty' },
  ELOOP: { errno: 40, text: 'Too many levels of symbolic links' },
  ECONNREFUSED: { errno: 111, text: 'Connection refused' },
} as const;

export type FsErrorCode = keyof typeof ERRNO;

/** A failed call: the errno name, its number and text, and the path it concerned. */
export class FsError extends Error {
  override readonly name = 'FsError';
  readonly code: FsErrorCode;
  readonly path: string;

  constructor(code: FsErrorCode, path: string) {
    super(`${path}: ${ERRNO[code].text}`);
    this.code = code;
    this.path = path;
  }

  get errno(): number {
    return ERRNO[this.code].errno;
  }

  /** `(2: No such file or directory)`, the way nginx and uWSGI append an errno to a message. */
  get parenthesized(): string {
    return `(${this.errno}: ${ERRNO[this.code].text})`;
  }
}

export interface MachineFs {
  /** Follows symlinks. */
  stat(path: string): FileStat;
  /** Does not follow a final symlink. */
  lstat(path: string): FileStat;
  readFile(path: string): Uint8Array;
  /** The names in a directory (not `.` or `..`), in no particular order. */
  readDir(path: string): string[];
  readLink(path: string): string;
  writeFile(path: string, data: Uint8Array, entry?: NewEntry): void;
  appendFile(path: string, data: Uint8Array): void;
  mkdir(path: string, entry?: NewEntry): void;
  symlink(target: string, path: string, entry?: NewEntry): void;
  /** Creates a unix socket's file (what bind(2) does for AF_UNIX). */
  mksocket(path: string, entry?: NewEntry): void;
  /** Removes a file, symlink or socket. */
  unlink(path: string): void;
  rmdir(path: string): void;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
}

/** Who is asking: what nginx's worker (www-data) or uWSGI runs as. */
export interface Credentials {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups. */
  readonly groups: readonly number[];
}

export const ROOT_CREDENTIALS: Credentials = { uid: 0, gid: 0, groups: [0] };

export type AccessWant = 'read' | 'write' | 'execute';

const WANT_BIT: Readonly<Record<AccessWant, number>> = { read: 4, write: 2, execute: 1 };

/**
 * Whether `who` may read, write or execute `path` the way the kernel decides it (path_resolution(7)):
 * search (x) permission on every directory on the way, then the wanted bit from the owner, group or
 * other triple. Root passes everything except executing a file with no x bit at all. Returns the
 * failure as the errno the call would see, or undefined when allowed.
 */
export function accessError(
  fs: MachineFs,
  path: string,
  who: Credentials,
  want: AccessWant,
): FsErrorCode | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  let dir = '';
  for (const part of parts.slice(0, -1)) {
    dir += `/${part}`;
    let stat: FileStat;
    try {
      stat = fs.stat(dir);
    } catch (error) {
      if (error instanceof FsError) return error.code;
      throw error;
    }
    if (stat.type !== 'directory') return 'ENOTDIR';
    if (!permits(stat, who, 1)) return 'EACCES';
  }
  let target: FileStat;
  try {
    target = fs.stat(path);
  } catch (error) {
    if (error instanceof FsError) return error.code;
    throw error;
  }
  return permits(target, who, WANT_BIT[want]) ? undefined : 'EACCES';
}

function permits(stat: FileStat, who: Credentials, bit: number): boolean {
  if (who.uid === 0) {
    // root may search any directory and read or write anything; executing needs some x bit
    return bit !== 1 || stat.type === 'directory' || (stat.mode & 0o111) !== 0;
  }
  if (stat.uid === who.uid) return ((stat.mode >> 6) & bit) !== 0;
  if (stat.gid === who.gid || who.groups.includes(stat.gid)) return ((stat.mode >> 3) & bit) !== 0;
  return (stat.mode & bit) !== 0;
}

/** `/a/b/../c//d/.` → `/a/c/d`: the lexical form (symlinks are not resolved). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The folder part of an absolute path: `/etc/nginx/nginx.conf` → `/etc/nginx`. */
export function dirname(path: string): string {
  const normal = normalizePath(path);
  const cut = normal.lastIndexOf('/');
  return cut <= 0 ? '/' : normal.slice(0, cut);
}
