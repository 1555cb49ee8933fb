// The files an editor opens and writes, through the machine's VFS with the kernel's permission
// checks for the user it runs as (root on this machine: it may write anything, yet nano still warns
// about a file without write bits). Text is UTF-8; a file that is not (a binary) would come back
// with U+FFFD in place of its bad bytes, which is why the editors are for text files.

import { accessError, FsError, type Credentials, type FsErrorCode } from '../../gateway/fs.ts';
import { absolutePath } from '../bash/shell-host.ts';
import type { Vfs } from '../vfs/vfs.ts';

export type OpenedFile =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** Bytes on disk (vi's `125B`). */
      readonly bytes: number;
      /** The user may not write it (nano: `File '…' is unwritable`; vi: `[readonly]`). */
      readonly unwritable: boolean;
      /** No write bit at all in its mode (nano warns root: `… is meant to be read-only`). */
      readonly noWriteBits: boolean;
    }
  | {
      readonly kind: 'missing';
      /** Why its folder cannot hold it, if it cannot: the folder is missing or not a folder. */
      readonly folderProblem: 'missing' | 'not-a-directory' | undefined;
      readonly folder: string;
    }
  | { readonly kind: 'directory' }
  | { readonly kind: 'device' }
  | { readonly kind: 'unreadable'; readonly error: FsErrorCode };

export interface EditorFiles {
  /** The absolute path a typed name stands for (to tell whether two names are one file). */
  resolve(path: string): string;
  /** The name with a leading `~` expanded, as the editors show names in their messages. */
  expandTilde(path: string): string;
  /** vim's home_replace(): an absolute name under HOME as `~/…`. */
  homeReplace(name: string): string;
  /** vim's shorten_fname(): the file's name relative to the working folder if it is under it. */
  shortName(path: string): string;
  open(path: string): OpenedFile;
  /** Writes the whole text; the error the write(2) would give, or undefined when it worked. */
  write(path: string, text: string): FsErrorCode | undefined;
  exists(path: string): boolean;
}

export interface MachineEditorFilesOptions {
  readonly fs: Vfs;
  /** Who writes (the shell's user). */
  readonly who: Credentials;
  /** The working directory relative names are taken from. */
  readonly cwd: string;
  /** HOME, for a `~/…` typed at a prompt. */
  readonly home: string | undefined;
  /** The shell's umask: a new file gets 0666 less it, as open(2) with O_CREAT makes it. */
  readonly umask: number;
}

/** The machine's files, as one user sees them. */
export class MachineEditorFiles implements EditorFiles {
  readonly #options: MachineEditorFilesOptions;

  constructor(options: MachineEditorFilesOptions) {
    this.#options = options;
  }

  expandTilde(path: string): string {
    const home = this.#options.home;
    return home !== undefined && (path === '~' || path.startsWith('~/'))
      ? home + path.slice(1)
      : path;
  }

  resolve(path: string): string {
    return absolutePath(this.#options.cwd, this.expandTilde(path));
  }

  homeReplace(name: string): string {
    const home = this.#options.home;
    if (home === undefined || home === '/' || !name.startsWith(`${home}/`)) return name;
    return `~${name.slice(home.length)}`;
  }

  shortName(path: string): string {
    const full = this.resolve(path);
    const cwd = this.#options.cwd;
    return cwd !== '/' && full.startsWith(`${cwd}/`) ? full.slice(cwd.length + 1) : full;
  }

  exists(path: string): boolean {
    return this.#options.fs.tryStat(this.resolve(path)) !== undefined;
  }

  open(path: string): OpenedFile {
    const { fs, who } = this.#options;
    const absolute = this.resolve(path);
    const stat = fs.tryStat(absolute);
    if (stat === undefined) {
      const folder = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
      const folderStat = fs.tryStat(folder);
      const folderProblem =
        folderStat === undefined
          ? 'missing'
          : folderStat.kind !== 'directory'
            ? 'not-a-directory'
            : undefined;
      return { kind: 'missing', folderProblem, folder };
    }
    if (stat.kind === 'directory') return { kind: 'directory' };
    if (stat.kind === 'device') return { kind: 'device' };
    const readError = accessError(fs, absolute, who, 'read');
    if (readError !== undefined) return { kind: 'unreadable', error: readError };
    try {
      const bytes = fs.readFile(absolute);
      return {
        kind: 'text',
        text: new TextDecoder().decode(bytes),
        bytes: bytes.length,
        unwritable: accessError(fs, absolute, who, 'write') !== undefined,
        noWriteBits: (stat.mode & 0o222) === 0,
      };
    } catch (error) {
      if (error instanceof FsError) return { kind: 'unreadable', error: error.code };
      throw error;
    }
  }

  write(path: string, text: string): FsErrorCode | undefined {
    const { fs, who, umask } = this.#options;
    const absolute = this.resolve(path);
    const exists = fs.tryStat(absolute) !== undefined;
    const target = exists ? absolute : absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    const denied = accessError(fs, target, who, 'write');
    if (denied !== undefined) return denied;
    try {
      fs.writeText(absolute, text, { mode: 0o666 & ~umask, uid: who.uid, gid: who.gid });
      return undefined;
    } catch (error) {
      if (error instanceof FsError) return error.code;
      throw error;
    }
  }
}
