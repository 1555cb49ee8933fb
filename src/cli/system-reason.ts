// A failed system call in words for a one-line error: "no such file or directory (ENOENT)".

/** An errno-style reason in words: "no such file or directory (ENOENT)". */
export function systemReason(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const words = SYSTEM_REASONS[error.code];
    return words === undefined ? error.code : `${words} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
  ETIMEDOUT: 'timed out',
  ENOTSOCK: 'not a socket',
  EADDRNOTAVAIL: 'address not available',
  EADDRINUSE: 'address already in use',
  EHOSTUNREACH: 'no route to host',
};
