// systemd 252's `systemd-analyze verify FILE…`, the check lesson 08 runs on its unit before
// installing it: the file read as systemd reads it (programs/systemd-unit-file.ts: unknown keys
// and sections are warnings), then each Exec*= command checked to be an executable file (a `-`
// prefix skips the check), and a service with nothing to run refused. Messages and exit statuses
// are the real program's (systemd 252.39 on Debian 12, checked by hand: tests/unit/shell/commands/
// systemd-analyze.test.ts quotes them).
//
// SIMPLIFIED: `verify` only, and only what the course's units contain is checked; values are not
// parsed (`Type=bogus` passes here, real systemd warns). Other verbs (`blame`, `time`…) answer that
// the simulator does not have them.

import { absolutePath } from '../bash/shell-host.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import { EXEC_KEYS, parseExec, parseUnitFile, unitValues } from '../programs/systemd-unit-file.ts';

/** Where systemd looks for units (the system instance, Debian's paths), after the file's folder. */
const UNIT_PATH = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system'];

export const systemdAnalyze: CommandDefinition = {
  name: 'systemd-analyze',
  programs: ['/usr/bin/systemd-analyze'],
  run: (context) => {
    const [verb, ...operands] = context.argv.slice(1);
    if (verb !== 'verify') {
      if (verb !== undefined && !verb.startsWith('-') && !KNOWN_VERBS.includes(verb)) {
        context.stderr.write(`Unknown command verb ${verb}.\n`);
        return 1;
      }
      // `systemd-analyze` alone is `systemd-analyze time`
      context.stderr.write(
        `systemd-analyze ${verb ?? 'time'}: not part of the simulation (uwsgi-lab), which has verify only\n`,
      );
      return 1;
    }
    if (operands.length === 0) {
      context.stderr.write('Too few arguments.\n');
      return 1;
    }
    let status = 0;
    for (const operand of operands) if (!verifyOne(context, operand)) status = 1;
    return status;
  },
};

/** systemd-analyze 252's verbs (`systemd-analyze --help`), so a typo gets the real message. */
const KNOWN_VERBS = [
  'time',
  'blame',
  'critical-chain',
  'plot',
  'dot',
  'log-level',
  'log-target',
  'service-watchdogs',
  'dump',
  'cat-config',
  'unit-files',
  'unit-paths',
  'exit-status',
  'capability',
  'condition',
  'syscall-filter',
  'filesystems',
  'calendar',
  'timestamp',
  'timespan',
  'security',
  'inspect-elf',
];

/** Checks one unit; false when systemd-analyze would fail for it. */
function verifyOne(context: ProgramContext, operand: string): boolean {
  const fs = context.machine.fs;
  // the operand is a file name (relative to the working directory); its folder goes in front of
  // the unit search path, so a unit found there or in systemd's own folders is loaded by its name
  const absolute = absolutePath(context.cwd, operand);
  const cut = absolute.lastIndexOf('/');
  const name = absolute.slice(cut + 1);
  if (!/\.(service|socket|target|timer|path|mount|slice|scope|swap|automount)$/.test(name)) {
    context.stderr.write(`Failed to prepare filename ${absolute}: Invalid argument\n`);
    return false;
  }
  const path = [absolute.slice(0, cut) || '/', ...UNIT_PATH]
    .map((folder) => `${folder === '/' ? '' : folder}/${name}`)
    .find((candidate) => fs.tryStat(candidate)?.type === 'file');
  if (path === undefined) {
    context.stderr.write(`Unit ${name} not found.\n`);
    return false;
  }
  const unit = parseUnitFile(path, fs.readText(path));
  for (const warning of unit.warnings) context.stderr.write(`${warning}\n`);
  if (!name.endsWith('.service')) return true;
  const commands = EXEC_KEYS.flatMap((key) => unitValues(unit, `Service.${key}`)).map(parseExec);
  if (
    unitValues(unit, 'Service.ExecStart').length === 0 &&
    unitValues(unit, 'Service.ExecStop').length === 0
  ) {
    context.stderr.write(
      `${name}: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.\n` +
        `Unit ${name} has a bad unit file setting.\n`,
    );
    return false;
  }
  let ok = true;
  for (const command of commands) {
    const program = command.argv[0];
    if (command.ignoreFailure || program === undefined) continue;
    const stat = program.startsWith('/') ? fs.tryStat(program) : undefined;
    if (stat?.type === 'file' && (stat.mode & 0o111) !== 0) continue;
    const reason = stat === undefined ? 'No such file or directory' : 'Permission denied';
    context.stderr.write(`${name}: Command ${program} is not executable: ${reason}\n`);
    ok = false;
  }
  return ok;
}
