// The errno values a socket call reports, with glibc's strerror texts on Linux: the file-system
// ones from fs.ts plus those only sockets meet. nginx and uWSGI print them as `(111: Connection
// refused)` and `bind(): Address already in use`.

import { ERRNO } from '../fs.ts';

export const NET_ERRNO = {
  ...ERRNO,
  EPERM: { errno: 1, text: 'Operation not permitted' },
  EADDRINUSE: { errno: 98, text: 'Address already in use' },
  EADDRNOTAVAIL: { errno: 99, text: 'Cannot assign requested address' },
  ECONNRESET: { errno: 104, text: 'Connection reset by peer' },
} as const;

export type NetErrorCode = keyof typeof NET_ERRNO;

/** A failed socket call: the errno name, and the forms programs print it in. */
export interface NetError {
  readonly code: NetErrorCode;
  readonly errno: number;
  /** strerror's text: `Connection refused`. */
  readonly text: string;
  /** `(111: Connection refused)`, as nginx appends it to `connect() to … failed`. */
  readonly parenthesized: string;
}

export function netError(code: NetErrorCode): NetError {
  const { errno, text } = NET_ERRNO[code];
  return { code, errno, text, parenthesized: `(${errno}: ${text})` };
}
