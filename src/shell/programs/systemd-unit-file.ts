// A systemd unit file as systemd 252 reads the parts the course's units use: sections and
// `Key=value` lines (comments, continuation lines ending in `\`), and the command lines of
// Exec*= settings with their prefixes (`-` ignores a failure) and quoting ('…', "…", `\`).
// Keys and sections systemd does not know are reported as `systemd-analyze verify` words them.

export interface ExecCommand {
  /** `-`: a failing command does not fail the unit. */
  readonly ignoreFailure: boolean;
  readonly argv: readonly string[];
  /** As `systemctl status` shows it after `Process: PID ExecStart=`: the argv joined by spaces. */
  readonly shown: string;
}

export interface UnitFile {
  readonly path: string;
  readonly text: string;
  /** Values in file order per `section` and key (a key may repeat: Exec lines, Wants). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** `path:line: Unknown key 'Usr' in section [Service], ignoring.` lines. */
  readonly warnings: readonly string[];
}

/** The [Service] keys that hold command lines. */
export const EXEC_KEYS = [
  'ExecStartPre',
  'ExecStart',
  'ExecStartPost',
  'ExecReload',
  'ExecStop',
  'ExecStopPost',
] as const;

const KNOWN: Readonly<Record<string, readonly string[]>> = {
  Unit: [
    'Description',
    'Documentation',
    'After',
    'Before',
    'Wants',
    'Requires',
    'BindsTo',
    'PartOf',
    'Conflicts',
    'ConditionPathExists',
    'StartLimitIntervalSec',
    'StartLimitBurst',
    'DefaultDependencies',
    'SourcePath',
  ],
  Service: [
    'Type',
    'PIDFile',
    ...EXEC_KEYS,
    'User',
    'Group',
    'WorkingDirectory',
    'RuntimeDirectory',
    'RuntimeDirectoryMode',
    'Environment',
    'EnvironmentFile',
    'Restart',
    'RestartSec',
    'TimeoutSec',
    'TimeoutStartSec',
    'TimeoutStopSec',
    'KillMode',
    'KillSignal',
    'NotifyAccess',
    'RemainAfterExit',
    'StandardOutput',
    'StandardError',
    'SyslogIdentifier',
    'LimitNOFILE',
    'UMask',
    'PrivateTmp',
    'SuccessExitStatus',
    'GuessMainPID',
  ],
  Install: ['WantedBy', 'RequiredBy', 'Alias', 'Also'],
};

export function parseUnitFile(path: string, text: string): UnitFile {
  const values = new Map<string, string[]>();
  const warnings: string[] = [];
  let section = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const number = i + 1;
    let line = lines[i]!.trim();
    while (line.endsWith('\\') && i + 1 < lines.length) {
      line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`;
    }
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      section = line.slice(1, -1);
      // systemd ignores a section it does not know (X- sections are the user's own), silently
      // after the first line that says so
      if (KNOWN[section] === undefined && !section.startsWith('X-'))
        warnings.push(`${path}:${number}: Unknown section '${section}'. Ignoring.`);
      continue;
    }
    if (section !== '' && KNOWN[section] === undefined) continue;
    const eq = line.indexOf('=');
    if (eq < 0) {
      warnings.push(`${path}:${number}: Missing '=', ignoring line.`);
      continue;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const known = KNOWN[section];
    if (known !== undefined && !known.includes(key)) {
      warnings.push(`${path}:${number}: Unknown key '${key}' in section [${section}], ignoring.`);
      continue;
    }
    const id = `${section}.${key}`;
    const list = values.get(id) ?? [];
    // an empty assignment resets a list setting (ExecStart=)
    if (value === '') list.length = 0;
    else list.push(value);
    values.set(id, list);
  }
  return { path, text, values, warnings };
}

/** The last value of `Section.Key`. */
export function unitValue(unit: UnitFile, id: string): string | undefined {
  return unit.values.get(id)?.at(-1);
}

export function unitValues(unit: UnitFile, id: string): readonly string[] {
  return unit.values.get(id) ?? [];
}

/** An Exec*= line split as systemd splits it (quotes and backslashes; `-@+!:` prefixes). */
export function parseExec(value: string): ExecCommand {
  let rest = value;
  let ignoreFailure = false;
  while (/^[-@+!:]/.test(rest)) {
    if (rest.startsWith('-')) ignoreFailure = true;
    rest = rest.slice(1);
  }
  const argv: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i]!)) i++;
    if (i >= rest.length) break;
    let word = '';
    while (i < rest.length && !/\s/.test(rest[i]!)) {
      const c = rest[i]!;
      if (c === "'" || c === '"') {
        const end = rest.indexOf(c, i + 1);
        const stop = end < 0 ? rest.length : end;
        word += rest.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '\\' && i + 1 < rest.length) {
        word += rest[i + 1]!;
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    argv.push(word);
  }
  return { ignoreFailure, argv, shown: argv.join(' ') };
}
