// The strerror(3) text of a failed file-system call, as GNU programs end their diagnostics with it
// (`ls: cannot access '/nope': No such file or directory`).

import { ERRNO, FsError } from '../../gateway/fs.ts';

/** The text for an FsError; anything else is a bug and is thrown on. */
export function errnoText(error: unknown): string {
  if (error instanceof FsError) return ERRNO[error.code].text;
  throw error;
}

/** Runs a file-system call; its FsError comes back as a value. */
export function attempt<T>(run: () => T): { ok: true; value: T } | { ok: false; error: FsError } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof FsError) return { ok: false, error };
    throw error;
  }
}
