// What nginx says when it refuses a configuration, in its own words (nginx 1.22.1: ngx_conf_file.c,
// ngx_http_core_module.c, ngx_http.c, ngx_http_variables.c, the modules' handlers). A ConfigError
// carries the message and where nginx says it happened; nginx -t prints it after the error-log
// prefix: `unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14`.

/** nginx's log levels, most severe first (ngx_log.c err_levels[]). */
export type LogLevel = 'emerg' | 'alert' | 'crit' | 'error' | 'warn' | 'notice' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = [
  'emerg',
  'alert',
  'crit',
  'error',
  'warn',
  'notice',
  'info',
  'debug',
];

/** Where nginx was reading when it complained (ngx_conf_log_error appends ` in FILE:LINE`). */
export interface ConfigPosition {
  readonly file: string;
  readonly line: number;
}

export type ConfigErrorCode =
  /** A character where nginx's tokenizer does not accept it (`unexpected "}"`, `unexpected ";"`). */
  | 'unexpected'
  | 'unexpected-eof'
  | 'too-long-parameter'
  | 'unknown-directive'
  | 'not-allowed-here'
  | 'not-terminated'
  | 'no-opening-brace'
  | 'invalid-arguments'
  /** A directive's own handler refused its arguments (the largest family: invalid values, …). */
  | 'invalid-value'
  | 'duplicate'
  | 'duplicate-location'
  | 'duplicate-default-server'
  | 'duplicate-listen'
  | 'open-failed'
  | 'user-lookup-failed'
  | 'unknown-variable'
  | 'invalid-upstream'
  | 'no-upstream'
  | 'regex'
  /** A message that only warns (nginx -t still succeeds). */
  | 'warning';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  readonly level: LogLevel;
  /** The message without the position. */
  readonly detail: string;
  readonly position: ConfigPosition | undefined;

  constructor(
    code: ConfigErrorCode,
    detail: string,
    position: ConfigPosition | undefined,
    level: LogLevel = 'emerg',
  ) {
    super(position === undefined ? detail : `${detail} in ${position.file}:${position.line}`);
    this.code = code;
    this.detail = detail;
    this.position = position;
    this.level = level;
  }

  /** The message as nginx logs it: the detail and ` in FILE:LINE` when nginx knew where it was. */
  get text(): string {
    return this.message;
  }
}

/** A line nginx logs while reading the configuration without giving up (a warning). */
export interface ConfigLogLine {
  readonly level: LogLevel;
  readonly text: string;
}

/** nginx's `"NAME" directive MESSAGE` form, used when a handler returns a string. */
export function directiveSays(name: string, message: string): string {
  return `"${name}" directive ${message}`;
}
