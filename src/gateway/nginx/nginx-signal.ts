// `nginx -s stop|quit|reopen|reload` (nginx 1.22.1, ngx_signal_process): a new nginx process reads
// the configuration — only to find the pid file — says `signal process started`, reads the master's
// pid from the file and sends it the signal. With a config error it prints only the [emerg] line
// and sends nothing (real-output-shell.md §6.2, §6.3). Debian's build logs to stderr in the error
// log's format. The shell delivers the signal to its process table.

import { FsError } from '../fs.ts';
import type { GatewayMachine } from '../machine.ts';
import type { LogLevel } from './config-error.ts';
import type { NginxLayout } from './directives/directive-call.ts';
import { errorLogLine } from './error-log.ts';
import { DEBIAN_LAYOUT, loadConfig } from './load-config.ts';
import { DEBIAN_PID_PATH, type NginxSignal } from './nginx-process.ts';

export type NginxSignalName = 'stop' | 'quit' | 'reopen' | 'reload';

/** The signal each `-s` name sends, with its number on Linux (`kill(PID, 1) failed`). */
export const SIGNAL_OF: Readonly<
  Record<NginxSignalName, { readonly signal: NginxSignal; readonly number: number }>
> = {
  stop: { signal: 'TERM', number: 15 },
  quit: { signal: 'QUIT', number: 3 },
  reopen: { signal: 'USR1', number: 10 },
  reload: { signal: 'HUP', number: 1 },
};

export interface NginxSignalResult {
  /** What it printed on stderr, line by line. */
  readonly stderr: readonly string[];
  readonly status: 0 | 1;
}

/**
 * Runs `nginx -s NAME`. `deliver(pid, signal)` sends the signal to the process with that pid and
 * says whether there was one (kill(2)'s ESRCH otherwise).
 */
export function nginxSignalCommand(
  machine: GatewayMachine,
  name: NginxSignalName,
  deliver: (pid: number, signal: NginxSignal) => boolean,
  layout: NginxLayout = DEBIAN_LAYOUT,
): NginxSignalResult {
  const pid = machine.pids.next();
  const line = (level: LogLevel, text: string): string =>
    errorLogLine(level, text, { now: new Date(machine.clock.now()), pid });
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout });
  const stderr = loaded.log.map((entry) => line(entry.level, entry.text));
  if (!loaded.ok) {
    stderr.push(line(loaded.error.level, loaded.error.text));
    return { stderr, status: 1 };
  }
  stderr.push(line('notice', 'signal process started'));
  const pidFile = loaded.config.main.pid ?? DEBIAN_PID_PATH;
  let text: string;
  try {
    text = new TextDecoder().decode(machine.fs.readFile(pidFile));
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    stderr.push(line('error', `open() "${pidFile}" failed ${error.parenthesized}`));
    return { stderr, status: 1 };
  }
  // ngx_signal_process: the file's text up to the first CR or LF must be a number
  const number = text.replace(/[\r\n].*$/s, '');
  if (!/^\d+$/.test(number) || Number(number) === 0) {
    stderr.push(line('error', `invalid PID number "${number}" in "${pidFile}"`));
    return { stderr, status: 1 };
  }
  const { signal, number: signo } = SIGNAL_OF[name];
  if (!deliver(Number(number), signal)) {
    stderr.push(line('alert', `kill(${number}, ${signo}) failed (3: No such process)`));
    return { stderr, status: 1 };
  }
  return { stderr, status: 0 };
}
