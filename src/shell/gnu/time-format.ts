// Times as coreutils prints them, in the machine's zone (UTC on the course's server): `ls -l`'s
// `Nov 26 07:17` for the last six months and `May 19  2023` otherwise, and `stat`'s
// `2026-11-26 07:17:03.000000000 +0000`.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** ls's "recent": within half a Gregorian year (31556952 s / 2) before now, and not in the future. */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

const two = (n: number): string => String(n).padStart(2, '0');

/** ls -l's date column (C locale). */
export function lsTime(ms: number, nowMs: number): string {
  const date = new Date(ms);
  const month = MONTHS[date.getUTCMonth()]!;
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const recent = ms > nowMs - SIX_MONTHS_MS && ms <= nowMs;
  if (recent) return `${month} ${day} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
  return `${month} ${day}  ${date.getUTCFullYear()}`;
}

/** `2026-11-26 07:17:03.123000000 +0000` (stat, ls --full-time). */
export function fullIsoTime(ms: number): string {
  const date = new Date(ms);
  const nanos = String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + '000000';
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${nanos} +0000`;
}
