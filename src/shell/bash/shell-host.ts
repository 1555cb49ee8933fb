// What the shell needs from the machine it runs on, injected so that the bash subset stays
// machine-independent: the command layer, files for redirections, directory listings for
// globbing, home directories for `~user`, and process ids for what bash forks.

import type { CommandRunner } from './command-runner.ts';
import type { ListDirectory } from './pathname-expansion.ts';

/** Error numbers a redirection can meet, with glibc's strerror texts (bash prints `bash: x: TEXT`).
 * The names match src/gateway/fs.ts FsErrorCode, so a VFS can pass its codes through. */
export const FILE_ERROR_TEXTS = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  ENXIO: 'No such device or address',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  ECONNREFUSED: 'Connection refused',
} as const;

export type FileErrorCode = keyof typeof FILE_ERROR_TEXTS;

export type FileResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FileErrorCode };

/** A file opened by `>`, `>>` or `&>`: each write lands in the file at once (so `tail -f` sees it). */
export interface WritableFile {
  write(text: string): void;
  close(): void;
}

export interface RedirectionFiles {
  /**
   * Opens `path` (absolute, not normalized: the VFS resolves `..` and symlinks) for writing:
   * `truncate` for `>` (creating it as open(2) with O_CREAT|O_TRUNC would, mode 0666 & ~umask),
   * `append` for `>>`. A directory is EISDIR, a missing parent ENOENT, no write permission EACCES.
   */
  openForWriting(
    path: string,
    mode: 'truncate' | 'append',
    options: { readonly umask: number },
  ): FileResult<WritableFile>;
  /** The text of `path` for `<` (UTF-8). */
  readText(path: string): FileResult<string>;
}

export interface ShellHost {
  readonly runner: CommandRunner;
  readonly files: RedirectionFiles;
  /** For pathname expansion (`ls /etc/nginx/sites-*`, `rm /tmp/*.sock`). */
  readonly listDirectory: ListDirectory;
  /** A user's home directory from the passwd database; '' means the shell's own user. */
  homeDirectory(user: string): string | undefined;
  /** The next process id, for each process bash forks (seeded and increasing, as Linux's). */
  nextPid(): number;
  /** `$$` */
  readonly shellPid: number;
}

/** `path` made absolute against `cwd`, as open(2) would see it (no `..` folding here). */
export function absolutePath(cwd: string, path: string): string {
  if (path.startsWith('/')) return path;
  return cwd.endsWith('/') ? `${cwd}${path}` : `${cwd}/${path}`;
}
