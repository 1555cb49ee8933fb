// Debian 12's /etc/init.d/uwsgi (uwsgi 2.0.21) run by hand on a machine where systemd is PID 1:
// start, stop, restart, reload, force-reload, try-restart and status go to systemctl and the unit
// systemd-sysv-generator made of the script (`Starting uwsgi (via systemctl): uwsgi.service.`;
// programs/lsb-init-functions.ts); anything else gets the script's usage line, exit 3. Without
// an executable /usr/bin/uwsgi — after the tutorial's `mv /usr/bin/uwsgi /usr/bin/uwsgi-old`, or
// its dangling `ln -s /usr/local/bin/uwsgi` — it exits 0 at once (`[ -x "$DAEMON" ] || exit 0`).

import type { CommandDefinition } from '../program.ts';
import {
  isExecutable,
  redirectedToSystemctl,
  systemctlRedirect,
} from '../programs/lsb-init-functions.ts';

export const initDUwsgi: CommandDefinition = {
  name: '/etc/init.d/uwsgi',
  programs: ['/etc/init.d/uwsgi'],
  run: (context) => {
    const action = context.argv[1] ?? '';
    if (!isExecutable(context, '/usr/bin/uwsgi')) return 0;
    if (redirectedToSystemctl(action)) return systemctlRedirect(context, 'uwsgi', action);
    context.stderr.write(
      'Usage: /etc/init.d/uwsgi {start|stop|status|restart|reload|force-reload}\n',
    );
    return 3;
  },
};
