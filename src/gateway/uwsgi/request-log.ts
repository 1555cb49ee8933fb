// uWSGI 2.0.21's request log line (core/logging.c, uwsgi_logit_simple):
//   [pid: %d|app: %d|req: %d/%llu] %s (%s) {%d vars in %d bytes} [%.24s] %s %s => generated %llu
//   bytes in %llu msecs%s(%s %d) %d headers in %llu bytes (%d switches on core %d)
// `app` is the app id (-1: none), `req` the app's own request count (-1 without an app) over the
// requests all workers served; `vars` counts keys and values (two per pair); `bytes` is the
// packet's datasize; the time is ctime(3) of the request's start; then method and REQUEST_URI,
// the body bytes written, the protocol and status, and the header lines with their bytes
// (status line and final CRLF included).

export interface RequestLogEntry {
  readonly pid: number;
  readonly appId: number;
  /** The app's own count, or -1. */
  readonly appRequests: number;
  readonly totalRequests: number;
  readonly remoteAddr: string;
  readonly remoteUser: string;
  readonly vars: number;
  readonly datasize: number;
  /** ctime(3) of the start of the request, e.g. `Thu Nov 26 06:38:02 2026`. */
  readonly time: string;
  readonly method: string;
  readonly uri: string;
  readonly generated: number;
  readonly msecs: number;
  readonly protocol: string;
  readonly status: number;
  readonly headers: number;
  readonly headerBytes: number;
  readonly switches: number;
  readonly core: number;
}

export function requestLogLine(entry: RequestLogEntry): string {
  return (
    `[pid: ${entry.pid}|app: ${entry.appId}|req: ${entry.appRequests}/${entry.totalRequests}] ` +
    `${entry.remoteAddr} (${entry.remoteUser}) {${entry.vars} vars in ${entry.datasize} bytes} [${entry.time}] ` +
    `${entry.method} ${entry.uri} => generated ${entry.generated} bytes in ${entry.msecs} msecs ` +
    `(${entry.protocol} ${entry.status}) ${entry.headers} headers in ${entry.headerBytes} bytes ` +
    `(${entry.switches} switches on core ${entry.core})`
  );
}

/** The parts of a log line tests compare: everything but pid, date, msecs and the switch count. */
export interface ComparableLogLine {
  readonly app: string;
  readonly req: string;
  readonly rest: string;
}

const LOG_LINE =
  /^\[pid: \d+\|app: (-?\d+)\|req: (-?\d+\/\d+)\] (.*) \[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] (.*) => generated (\d+) bytes in \d+ msecs (.*) \(\d+ switches on core (\d+)\)$/;

/** Splits a log line into what must match exactly and what may vary; undefined if it is not one. */
export function comparableLogLine(line: string): ComparableLogLine | undefined {
  const match = LOG_LINE.exec(line);
  if (match === null) return undefined;
  return {
    app: match[1]!,
    req: match[2]!,
    rest: `${match[3]} | ${match[4]} | ${match[5]} | ${match[6]} | core ${match[7]}`,
  };
}
