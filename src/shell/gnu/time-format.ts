// Times as coreutils prints them, in the machine's zone (UTC on the course's server): `ls -l`'s
// `Nov 26 07:17` for the last six months and `May 19  2023` otherwise, and `stat`'s
// `2026-11-26 07:17:03.000000000 +0000`.

import { strftime } from '../../gateway/strftime.ts';

/** ls's "recent": within half a Gregorian year (31556952 s / 2) before now, and not in the future. */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

/** ls -l's date column (C locale). */
export function lsTime(ms: number, nowMs: number): string {
  const recent = ms > nowMs - SIX_MONTHS_MS && ms <= nowMs;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', ms);
}

/** `2026-11-26 07:17:03.123000000 +0000` (stat, ls --full-time). */
export function fullIsoTime(ms: number): string {
  const nanos = String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + '000000';
  return strftime(`%Y-%m-%d %H:%M:%S.${nanos} %z`, ms);
}
