// The line nginx appends to access.log for a request, in its predefined `combined` format
// (ngx_http_log_module): `$remote_addr - $remote_user [$time_local] "$request" $status
// $body_bytes_sent "$http_referer" "$http_user_agent"`, as Debian's `access_log` uses it.

import { strftime } from '../strftime.ts';

export interface AccessLogEntry {
  readonly remoteAddr: string;
  /** The request line; nginx logs what it read of it, '' when nothing. */
  readonly request: string;
  readonly status: number;
  readonly bodyBytesSent: number;
  readonly referer: string | undefined;
  readonly userAgent: string | undefined;
}

/** `$time_local`: `26/Nov/2026:07:23:46 +0000` (the machine runs in UTC). */
export function timeLocal(date: Date): string {
  return strftime('%d/%b/%Y:%H:%M:%S %z', date.getTime());
}

// ngx_http_log_escape: `"`, `\` and bytes outside printable ASCII are written as \xHH
function escape(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out +=
      ch === '"' || ch === '\\' || code < 0x20 || code > 0x7e
        ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : ch;
  }
  return out;
}

export function accessLogLine(entry: AccessLogEntry, now: Date): string {
  const field = (value: string | undefined): string =>
    value === undefined || value === '' ? '-' : escape(value);
  return `${entry.remoteAddr} - - [${timeLocal(now)}] "${escape(entry.request)}" ${entry.status} ${entry.bodyBytesSent} "${field(entry.referer)}" "${field(entry.userAgent)}"`;
}
