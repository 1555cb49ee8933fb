// Debian 12's /etc/init.d/nginx (nginx-common 1.22.1) run by hand on a machine where systemd is
// PID 1: start, stop, restart, reload, force-reload, try-restart and status go to systemctl
// (programs/lsb-init-functions.ts: `Restarting nginx (via systemctl): nginx.service.`);
// configtest, rotate and upgrade the script runs itself (`Testing nginx configuration:.`);
// anything else gets its usage line, exit 3. Without an executable /usr/sbin/nginx it exits 0
// before printing anything (`test -x $DAEMON || exit 0`). The script's texts without systemd are
// what real-output-shell.md §6.2 and §6.3 captured.

import type { CommandDefinition, ProgramContext } from '../program.ts';
import {
  isExecutable,
  logEndMsg,
  redirectedToSystemctl,
  systemctlRedirect,
} from '../programs/lsb-init-functions.ts';
import { runNginxCli } from '../programs/nginx-cli.ts';

const USAGE =
  'Usage: nginx {start|stop|restart|reload|force-reload|status|configtest|rotate|upgrade}\n';

export const initDNginx: CommandDefinition = {
  name: '/etc/init.d/nginx',
  programs: ['/etc/init.d/nginx'],
  run: (context) => runNginxScript(context, context.argv[1] ?? ''),
};

async function runNginxScript(context: ProgramContext, action: string): Promise<number> {
  if (!isExecutable(context, '/usr/sbin/nginx')) return 0;
  if (redirectedToSystemctl(action)) return systemctlRedirect(context, 'nginx', action);
  switch (action) {
    case 'configtest':
    case 'testconfig':
      context.stdout.write('Testing nginx configuration:');
      return logEndMsg(context, configTest(context) ? 0 : 1);
    case 'rotate':
      context.stdout.write('Re-opening nginx log files: nginx');
      signalMaster(context, 'SIGUSR1');
      return logEndMsg(context, 0);
    case 'upgrade':
      context.stderr.write(
        'uwsgi-lab: the init script\'s "upgrade" (a new binary taking over with SIGUSR2) is not simulated\n',
      );
      return 1;
    default:
      context.stderr.write(USAGE);
      return 3;
  }
}

// test_config: $DAEMON -t $DAEMON_OPTS >/dev/null 2>&1
function configTest(context: ProgramContext): boolean {
  const machine = context.machine;
  return runNginxCli(machine, ['/usr/sbin/nginx', '-t'], machine.pids.next()).status === 0;
}

// start-stop-daemon --stop --signal SIG --quiet --pidfile /run/nginx.pid --name nginx
function signalMaster(context: ProgramContext, signal: 'SIGUSR1'): void {
  const machine = context.machine;
  const file = machine.fs.tryStat('/run/nginx.pid');
  if (file?.type !== 'file') return;
  const pid = Number.parseInt(machine.fs.readText('/run/nginx.pid'), 10);
  if (!Number.isInteger(pid) || machine.processes.byPid(pid)?.comm !== 'nginx') return;
  machine.processes.signal(pid, signal);
}
