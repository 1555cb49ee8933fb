// systemd 252's `systemctl` on a Debian 12 server where systemd is PID 1: start, stop, restart,
// reload, status, enable (--now), disable (--now), daemon-reload, is-active, is-enabled, driving
// the machine's service manager (programs/service-manager.ts), which runs nginx's and uWSGI's
// models as their units say. Jobs print nothing when they succeed; failures and notices go to
// stderr; `status` prints the unit's state, its processes and its last journal lines.
//
// RECONSTRUCTED from systemd 252's sources (src/systemctl/): the captures had no systemd as PID 1
// (real-output-shell.md §6.2). SIMPLIFIED: no pager (as with --no-pager), no polkit (the reader is
// root), one unit type (services), and no `list-units` (the verbs above are the course's).

import { getoptLong, has, last } from '../gnu/getopt-long.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import { serviceManager, unitName, type ServiceManager } from '../programs/service-manager.ts';
import { systemctlStatus } from '../programs/systemctl-status.ts';

const JOB_VERBS = ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart'];
const VERBS = [
  ...JOB_VERBS,
  'status',
  'enable',
  'disable',
  'daemon-reload',
  'is-active',
  'is-enabled',
  'is-failed',
];

export const systemctl: CommandDefinition = {
  name: 'systemctl',
  programs: ['/usr/bin/systemctl'],
  options: ['--now', '--no-pager', '--quiet', '--full', '--lines', ...VERBS],
  run: (context) => {
    const { argv, stderr } = context;
    const parsed = getoptLong('systemctl', argv.slice(1), [
      { id: 'q', short: 'q', long: 'quiet' },
      { id: 'now', long: 'now' },
      { id: 'no-pager', long: 'no-pager' },
      { id: 'l', short: 'l', long: 'full' },
      { id: 'n', short: 'n', long: 'lines', argument: 'required' },
      { id: 'no-block', long: 'no-block' },
      { id: 'job-mode', long: 'job-mode', argument: 'required' },
      { id: 'h', short: 'h', long: 'help' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n`);
      return 1;
    }
    const options = parsed.options;
    if (has(options, 'h')) {
      context.stdout.write(
        `systemctl [OPTIONS...] COMMAND ...\n\nQuery or send control commands to the system manager.\n\n(uwsgi-lab: the simulated systemctl knows ${VERBS.join(', ')})\n`,
      );
      return 0;
    }
    const [verb, ...units] = parsed.operands;
    if (verb === undefined) {
      stderr.write(
        'uwsgi-lab: systemctl without a command lists the units; the simulated systemd does not (try systemctl status nginx)\n',
      );
      return 1;
    }
    if (!VERBS.includes(verb)) {
      stderr.write(`Unknown command verb ${verb}.\n`);
      return 1;
    }
    const manager = serviceManager(context.machine);
    if (verb === 'daemon-reload') {
      manager.daemonReload();
      return 0;
    }
    if (units.length === 0 && verb !== 'status') {
      stderr.write(`Too few arguments.\n`);
      return 1;
    }
    const quiet = has(options, 'q');
    const lines = last(options, 'n')?.value;
    switch (verb) {
      case 'status':
        return status(context, manager, units, lines === undefined ? 10 : Number(lines));
      case 'is-active':
      case 'is-failed':
        return isActive(context, manager, units, verb, quiet);
      case 'is-enabled':
        return isEnabled(context, manager, units, quiet);
      case 'enable':
      case 'disable':
        return enableDisable(context, manager, units, verb, has(options, 'now'));
      default:
        return jobs(context, manager, units, verb);
    }
  },
};

/** The warning systemctl prints before acting on a unit whose file changed since it was loaded. */
function changedWarning(context: ProgramContext, manager: ServiceManager, unit: string): void {
  if (manager.changedOnDisk(unit))
    context.stderr.write(
      `Warning: The unit file, source configuration file or drop-ins of ${unitName(unit)} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`,
    );
}

function jobs(
  context: ProgramContext,
  manager: ServiceManager,
  units: readonly string[],
  verb: string,
): number {
  let status = 0;
  for (const unit of units) {
    changedWarning(context, manager, unit);
    const outcome = job(manager, unit, verb);
    for (const line of outcome.lines) context.stderr.write(`${line}\n`);
    if (!outcome.ok) status = outcome.status;
  }
  return status;
}

function job(
  manager: ServiceManager,
  unit: string,
  verb: string,
): ReturnType<ServiceManager['start']> {
  switch (verb) {
    case 'start':
      return manager.start(unit);
    case 'stop':
      return manager.stop(unit);
    case 'reload':
      return manager.reload(unit);
    case 'try-restart':
      return manager.runtime(unit).active === 'active'
        ? manager.restart(unit)
        : { ok: true, lines: [] };
    case 'reload-or-restart':
      return manager.runtime(unit).active === 'active'
        ? manager.reload(unit)
        : manager.restart(unit);
    default:
      return manager.restart(unit);
  }
}

function status(
  context: ProgramContext,
  manager: ServiceManager,
  units: readonly string[],
  lines: number,
): number {
  if (units.length === 0) {
    context.stderr.write(
      'uwsgi-lab: systemctl status without a unit shows the whole system; the simulated systemd shows one unit (systemctl status nginx)\n',
    );
    return 1;
  }
  let result = 0;
  let first = true;
  for (const unit of units) {
    if (manager.unit(unit) === undefined) {
      context.stderr.write(`Unit ${unitName(unit)} could not be found.\n`);
      result = 4;
      continue;
    }
    changedWarning(context, manager, unit);
    const out = systemctlStatus(
      context.machine,
      manager,
      unit,
      context.terminal,
      Number.isInteger(lines) && lines >= 0 ? lines : 10,
    );
    if (!first) context.stdout.write('\n');
    first = false;
    context.stdout.write(out.text);
    if (result === 0) result = out.status;
  }
  return result;
}

function isActive(
  context: ProgramContext,
  manager: ServiceManager,
  units: readonly string[],
  verb: 'is-active' | 'is-failed',
  quiet: boolean,
): number {
  let found = false;
  for (const unit of units) {
    const state = manager.unit(unit) === undefined ? 'inactive' : manager.runtime(unit).active;
    if (!quiet) context.stdout.write(`${state}\n`);
    if (state === (verb === 'is-active' ? 'active' : 'failed')) found = true;
  }
  // 0 when at least one unit is in the state asked about; otherwise 3 (is-active) or 1
  if (found) return 0;
  return verb === 'is-active' ? 3 : 1;
}

function isEnabled(
  context: ProgramContext,
  manager: ServiceManager,
  units: readonly string[],
  quiet: boolean,
): number {
  let enabled = false;
  for (const unit of units) {
    if (manager.unit(unit) === undefined) {
      context.stderr.write(
        `Failed to get unit file state for ${unitName(unit)}: No such file or directory\n`,
      );
      continue;
    }
    const state = manager.enablement(unit);
    if (!quiet) context.stdout.write(`${state}\n`);
    if (state !== 'disabled') enabled = true;
  }
  return enabled ? 0 : 1;
}

function enableDisable(
  context: ProgramContext,
  manager: ServiceManager,
  units: readonly string[],
  verb: 'enable' | 'disable',
  now: boolean,
): number {
  let status = 0;
  for (const unit of units) {
    const outcome = verb === 'enable' ? manager.enable(unit) : manager.disable(unit);
    for (const line of outcome.lines) context.stderr.write(`${line}\n`);
    if (!outcome.ok) {
      status = outcome.status;
      continue;
    }
    if (!now) continue;
    const started = verb === 'enable' ? manager.start(unit) : manager.stop(unit);
    for (const line of started.lines) context.stderr.write(`${line}\n`);
    if (!started.ok) status = started.status;
  }
  return status;
}
