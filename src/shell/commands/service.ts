// Debian 12's `service` (init-system-helpers 1.65.2) on a machine where systemd is PID 1:
// start/stop/restart/status/try-restart become `systemctl ACTION NAME.service`, reload and
// force-reload too (nginx's unit can reload), `--full-restart` a restart, and any other action runs
// the init script itself (`service nginx configtest`); `--status-all` asks every script in
// /etc/init.d for its status. The texts are the script's own (/usr/sbin/service).
// SIMPLIFIED: --status-all asks systemd about each script's unit instead of running the scripts
// (which under systemd end up asking systemctl anyway): `[ + ]` active, `[ - ]` not, `[ ? ]` for a
// script without a status action.

import type { CommandDefinition, ProgramContext } from '../program.ts';
import { serviceManager } from '../programs/service-manager.ts';
import { unitValues } from '../programs/systemd-unit-file.ts';
import { systemctl } from './systemctl.ts';

const USAGE =
  'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n';

/** Files in /etc/init.d that `--status-all` skips. */
const IGNORED =
  /^(skeleton|README|.*\.dpkg-dist|.*\.dpkg-old|rc|rcS|single|reboot|bootclean\.sh|functions|halt|killall|linuxconf|kudzu)$/;

export const service: CommandDefinition = {
  name: 'service',
  programs: ['/usr/sbin/service'],
  options: ['--status-all', '--full-restart'],
  run: (context) => {
    const args = context.argv.slice(1);
    if (args.length === 0) {
      context.stderr.write(USAGE);
      return 1;
    }
    const first = args[0]!;
    if (first === '--help' || first === '-h' || first.startsWith('--h')) {
      context.stderr.write(USAGE);
      return 0;
    }
    if (first === '--version' || first === '-V') {
      context.stderr.write('service ver. 1.65.2\n');
      return 0;
    }
    if (args.length === 1 && first === '--status-all') return statusAll(context);
    const name = first;
    const action = args[1] === '--full-restart' && args.length === 2 ? 'restart' : (args[1] ?? '');
    return runService(context, name, action, args.slice(2));
  },
};

async function runService(
  context: ProgramContext,
  name: string,
  action: string,
  options: readonly string[],
): Promise<number> {
  const unit = `${name.replace(/\.sh$/, '')}.service`;
  switch (action) {
    case 'restart':
    case 'status':
    case 'try-restart':
    case 'start':
    case 'stop':
    case 'reload':
    case 'force-reload': {
      const verb = action === 'force-reload' ? forceReloadVerb(context, unit) : action;
      const outcome = await systemctl.run({ ...context, argv: ['systemctl', verb, unit] });
      return typeof outcome === 'number' ? outcome : 128;
    }
    default:
      return viaSysvinit(
        context,
        name,
        [action, ...options].filter((a) => a !== ''),
      );
  }
}

// CanReload=no (no ExecReload=) makes force-reload a restart
function forceReloadVerb(context: ProgramContext, unit: string): 'reload' | 'restart' {
  const loaded = serviceManager(context.machine).unit(unit);
  if (loaded === undefined) return 'reload';
  return unitValues(loaded.file, 'Service.ExecReload').length === 0 ? 'restart' : 'reload';
}

// run_via_sysvinit: the script itself, or `NAME: unrecognized service`
async function viaSysvinit(
  context: ProgramContext,
  name: string,
  args: readonly string[],
): Promise<number> {
  const path = `/etc/init.d/${name}`;
  const stat = context.machine.fs.tryStat(path);
  if (stat === undefined || stat.type !== 'file' || (stat.mode & 0o111) === 0) {
    context.stderr.write(`${name}: unrecognized service\n`);
    return 1;
  }
  const outcome = await context.session.runChild(context, [path, ...args]);
  if (outcome === 'not-found') {
    context.stderr.write(`${name}: unrecognized service\n`);
    return 1;
  }
  return typeof outcome === 'number' ? outcome : 128;
}

function statusAll(context: ProgramContext): number {
  const fs = context.machine.fs;
  const manager = serviceManager(context.machine);
  const names = fs.tryStat('/etc/init.d')?.type === 'directory' ? fs.readDir('/etc/init.d') : [];
  for (const name of [...names].sort()) {
    if (IGNORED.test(name)) continue;
    const path = `/etc/init.d/${name}`;
    const stat = fs.tryStat(path);
    if (stat?.type !== 'file' || (stat.mode & 0o111) === 0) continue;
    const text = stat.program === undefined ? fs.readText(path) : 'status)';
    if (!/^\s*(\S+\|)?status(\|\S+)?\)/m.test(text)) {
      context.stderr.write(` [ ? ]  ${name}\n`);
      continue;
    }
    const active = manager.unit(name) !== undefined && manager.runtime(name).active === 'active';
    context.stdout.write(` [ ${active ? '+' : '-'} ]  ${name}\n`);
  }
  return 0;
}
