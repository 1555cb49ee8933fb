// The lines a running nginx 1.22.1 writes to its error log (src/core/ngx_log.c): the prefix
// `2026/11/26 06:40:19 [crit] 26484#26484: `, then `*N ` — the number of the connection the line is
// about — then the message; and the level filter: `error_log FILE` without a level (Debian's
// nginx.conf) keeps `error` and the more severe levels, so [notice] and [info] lines stay out.

import { LOG_LEVELS, type LogLevel } from './config-error.ts';
import { errorLogPrefix, type LogClock } from './nginx-test.ts';

/** The level `error_log` uses when none is given (ngx_log_set_levels: NGX_LOG_ERR). */
export const DEFAULT_ERROR_LOG_LEVEL: LogLevel = 'error';

/** The level an `error_log FILE [LEVEL]` keeps: the one named (`debug_http` and the like are debug), else error. */
export function logThreshold(level: string | undefined): LogLevel {
  if (level === undefined) return DEFAULT_ERROR_LOG_LEVEL;
  if (level.startsWith('debug')) return 'debug';
  return LOG_LEVELS.find((known) => known === level) ?? DEFAULT_ERROR_LOG_LEVEL;
}

/** Whether a line of `level` reaches a log kept at `threshold` (emerg is the most severe). */
export function levelShown(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}

/**
 * One error-log line as nginx writes it, without the newline. `connection`: the request's
 * connection number (ngx_http_log_error prints `*%uA ` before the message).
 */
export function errorLogLine(
  level: LogLevel,
  text: string,
  clock: LogClock,
  connection?: number,
): string {
  const star = connection === undefined ? '' : `*${connection} `;
  return `${errorLogPrefix(level, clock)}${star}${text}`;
}

/** How nginx copies an error to stderr when its log is a file (ngx_log_error_core, ngx_use_stderr). */
export function stderrLine(level: LogLevel, text: string): string {
  return `nginx: [${level}] ${text}`;
}
