// What Debian 12's init scripts get from /lib/lsb/init-functions on a machine where systemd is
// PID 1: the hook /lib/lsb/init-functions.d/40-systemd hands start, stop, restart, reload,
// force-reload, try-restart and status over to systemctl (`Restarting nginx (via systemctl):
// nginx.service.`), and log_end_msg ends a message with `.` or ` failed!` — red when stdout is a
// terminal whose TERM is not dumb.
//
// RECONSTRUCTED from those files (sysvinit-utils 3.06, Debian 12): the captures had no systemd as
// PID 1, so they show the scripts' own messages instead (real-output-shell.md §6.2).

import type { ProgramContext } from '../program.ts';
import { systemctl } from '../commands/systemctl.ts';

/** The actions 40-systemd redirects, and what systemctl_redirect says before running systemctl. */
const REDIRECTED: Readonly<Record<string, (prog: string) => string>> = {
  start: (prog) => `Starting ${prog} (via systemctl)`,
  stop: (prog) => `Stopping ${prog} (via systemctl)`,
  reload: (prog) => `Reloading ${prog} configuration (via systemctl)`,
  'force-reload': (prog) => `Reloading ${prog} configuration (via systemctl)`,
  'try-restart': (prog) => `Restarting ${prog} if running (via systemctl)`,
  restart: (prog) => `Restarting ${prog} (via systemctl)`,
  status: () => '',
};

/** Whether 40-systemd takes this action away from the script. */
export function redirectedToSystemctl(action: string): boolean {
  return Object.hasOwn(REDIRECTED, action);
}

/**
 * systemctl_redirect: `log_daemon_msg "$s" "$service"`, `systemctl --no-pager $command
 * "$service"`, `log_end_msg $rc` (for status neither message: systemctl's exit status).
 */
export async function systemctlRedirect(
  context: ProgramContext,
  prog: string,
  action: string,
): Promise<number> {
  const service = `${prog.replace(/\.sh$/, '')}.service`;
  const status = action === 'status';
  if (!status) context.stdout.write(`${REDIRECTED[action]!(prog)}: ${service}`);
  const outcome = await systemctl.run({
    ...context,
    argv: ['systemctl', '--no-pager', action, service],
  });
  const rc = typeof outcome === 'number' ? outcome : 128;
  return status ? rc : logEndMsg(context, rc);
}

/** log_end_msg: `.` for 0, otherwise ` failed!` (red on a terminal); returns the status. */
export function logEndMsg(context: ProgramContext, rc: number): number {
  if (rc === 0) {
    context.stdout.write('.\n');
    return 0;
  }
  const term = context.env.get('TERM') ?? '';
  const fancy = context.terminal !== undefined && term !== '' && term !== 'dumb';
  context.stdout.write(fancy ? ' \x1b[31mfailed!\x1b[0m\n' : ' failed!\n');
  return rc;
}

/** `[ -x FILE ]` as the scripts test their daemon (a symlink is followed; a dangling one fails). */
export function isExecutable(context: ProgramContext, path: string): boolean {
  const stat = context.machine.fs.tryStat(path);
  return stat !== undefined && stat.type === 'file' && (stat.mode & 0o111) !== 0;
}
