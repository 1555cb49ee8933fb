// `nginx -t` as Debian 12's build prints it (nginx 1.22.1, src/core/nginx.c and ngx_cycle.c):
// messages in error-log format on stderr (Debian builds with --error-log-path=stderr), then
// nginx's verdict, exit status 0 or 1. When the files read cleanly but a later check fails, the
// "syntax is ok" line comes before the error (ngx_init_cycle prints it right after parsing).

import { latin1Bytes } from '../../protocol/index.ts';
import type { ConfigLogLine, LogLevel } from './config-error.ts';
import type { LoadResult } from './load-config.ts';

export interface NginxTestOutput {
  /** What nginx writes to stderr, line by line, each ending in `\n`. */
  readonly output: string;
  readonly status: 0 | 1;
}

export interface LogClock {
  /** The moment the lines are stamped with. */
  readonly now: Date;
  /** nginx's process id (the `PID#TID` after the level; nginx -t is single-threaded: both the same). */
  readonly pid: number;
}

/** `2026/11/26 06:40:19 [emerg] 26512#26512: ` — ngx_log_error's prefix (the machine runs in UTC). */
export function errorLogPrefix(level: LogLevel, clock: LogClock): string {
  const d = clock.now;
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${stamp} [${level}] ${clock.pid}#${clock.pid}: `;
}

/** The lines of `nginx -t` for a load result; `confPath` is the main file nginx names. */
export function formatNginxTest(
  result: LoadResult,
  confPath: string,
  clock: LogClock,
): NginxTestOutput {
  const lines: string[] = [];
  const log = (line: ConfigLogLine): void => {
    lines.push(errorLogPrefix(line.level, clock) + line.text);
  };
  for (const line of result.log) log(line);
  if (result.ok || result.syntaxOk) {
    lines.push(`nginx: the configuration file ${confPath} syntax is ok`);
  }
  if (result.ok) {
    lines.push(`nginx: configuration file ${confPath} test is successful`);
    return { output: toText(lines), status: 0 };
  }
  log({ level: result.error.level, text: result.error.text });
  lines.push(`nginx: configuration file ${confPath} test failed`);
  return { output: toText(lines), status: 1 };
}

// nginx writes the bytes it read from the files; shown as UTF-8 text (invalid sequences as U+FFFD)
function toText(lines: readonly string[]): string {
  return new TextDecoder().decode(latin1Bytes(lines.map((line) => `${line}\n`).join('')));
}
