// The files bash opens for `>`, `>>` and `<`, on the machine's VFS: open(2) with O_CREAT makes a
// missing file 0666 & ~umask (following a dangling symlink to make its target), a directory is
// EISDIR, a socket ENXIO; every write lands in the file at once, so `tail -f` sees it.

import { FsError } from '../gateway/fs.ts';
import type {
  FileErrorCode,
  FileResult,
  RedirectionFiles,
  WritableFile,
} from './bash/shell-host.ts';
import { FILE_ERROR_TEXTS } from './bash/shell-host.ts';
import type { Vfs } from './vfs/vfs.ts';

export class VfsRedirectionFiles implements RedirectionFiles {
  readonly #fs: Vfs;

  constructor(fs: Vfs) {
    this.#fs = fs;
  }

  openForWriting(
    path: string,
    mode: 'truncate' | 'append',
    options: { readonly umask: number },
  ): FileResult<WritableFile> {
    const fs = this.#fs;
    try {
      const existing = fs.tryStat(path);
      if (existing?.kind === 'device') {
        return { ok: true, value: { write: () => undefined, close: () => undefined } };
      }
      if (existing === undefined) {
        fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~options.umask });
      } else if (existing.type === 'directory') {
        return { ok: false, error: 'EISDIR' };
      } else if (existing.type === 'socket') {
        return { ok: false, error: 'ENXIO' };
      } else if (mode === 'truncate') {
        fs.writeFile(path, new Uint8Array(0));
      }
    } catch (error) {
      return { ok: false, error: codeOf(error) };
    }
    const encoder = new TextEncoder();
    // the descriptor holds the inode: writes go on reaching it after an rm or mv of its name
    const node = fs.node(path);
    return {
      ok: true,
      value: {
        write: (text) => fs.appendToNode(node, encoder.encode(text)),
        close: () => undefined,
      },
    };
  }

  readText(path: string): FileResult<string> {
    try {
      return { ok: true, value: this.#fs.readText(path) };
    } catch (error) {
      return { ok: false, error: codeOf(error) };
    }
  }
}

function codeOf(error: unknown): FileErrorCode {
  if (!(error instanceof FsError)) throw error;
  return error.code in FILE_ERROR_TEXTS ? (error.code as FileErrorCode) : 'EINVAL';
}
