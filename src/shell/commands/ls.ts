// GNU coreutils 9.1's `ls` as Debian 12's root runs it (no alias, no colour unless asked): names
// sorted by code point (C.UTF-8), columns on a terminal (down, then across, padded with tabs as ls
// does) and one per line otherwise, -l's long format (`srw-rw-rw- 1 root root 0 Nov 26 07:22
// /tmp/uwsgi.sock`, `lrwxrwxrwx … /usr/bin/uwsgi -> /etc/alternatives/uwsgi`, `total` in 1K
// blocks), and -a -A -d -h -i -s -n -g -o -r -t -S -U -R -F -p -1 -C -x -L --color --full-time.
// A missing operand is `ls: cannot access '/nope': No such file or directory`, status 2.

import { absolutePath } from '../bash/shell-host.ts';
import { compareCodePoints } from '../bash/pathname-expansion.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { modeString } from '../gnu/file-mode.ts';
import { getoptLong, has, last, tryHelp, type ParsedOption } from '../gnu/getopt-long.ts';
import { humanSize } from '../gnu/human-size.ts';
import { lsNeedsQuotes, quote, quoteFile, quoteForLs } from '../gnu/quoting.ts';
import { fullIsoTime, lsTime } from '../gnu/time-format.ts';
import { stringWidth } from '../terminal-width.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';
import type { VfsStat } from '../vfs/vfs.ts';

/** ls's exit statuses: a subdirectory it could not read is minor, a bad operand serious. */
const MINOR = 1;
const SERIOUS = 2;

/** ls.c's built-in colours (no LS_COLORS in Debian root's environment). */
const COLORS = {
  directory: '01;34',
  symlink: '01;36',
  socket: '01;35',
  device: '40;33;01',
  executable: '01;32',
  setuid: '37;41',
  setgid: '30;43',
  stickyOtherWritable: '30;42',
  otherWritable: '34;42',
  sticky: '37;44',
} as const;

interface Entry {
  /** The name as ls prints it (the operand, or the entry's name in a directory). */
  readonly name: string;
  readonly path: string;
  readonly stat: VfsStat;
  /** For a symlink: its target text, and what it points at (undefined when dangling). */
  readonly target?: string;
  readonly targetStat?: VfsStat | undefined;
}

interface Settings {
  readonly all: boolean;
  readonly almostAll: boolean;
  readonly long: boolean;
  readonly human: boolean;
  readonly directoryItself: boolean;
  readonly inode: boolean;
  readonly size: boolean;
  readonly numeric: boolean;
  readonly noOwner: boolean;
  readonly noGroup: boolean;
  readonly reverse: boolean;
  readonly sort: 'name' | 'time' | 'size' | 'none';
  readonly recursive: boolean;
  readonly classify: 'none' | 'slash' | 'all';
  readonly format: 'long' | 'one' | 'columns' | 'across';
  readonly dereference: 'always' | 'never' | 'command-line-dirs' | 'command-line';
  readonly color: boolean;
  readonly colorState: { started: boolean };
  /** How names are quoted: shell-escape on a terminal, literal otherwise (coreutils' defaults). */
  readonly quoting: 'literal' | 'shell-escape' | 'shell-escape-always';
  readonly fullTime: boolean;
  readonly columns: number;
}

const SPECS = [
  { id: 'a', short: 'a', long: 'all' },
  { id: 'A', short: 'A', long: 'almost-all' },
  { id: 'l', short: 'l' },
  { id: 'h', short: 'h', long: 'human-readable' },
  { id: 'd', short: 'd', long: 'directory' },
  { id: 'i', short: 'i', long: 'inode' },
  { id: 's', short: 's', long: 'size' },
  { id: 'n', short: 'n', long: 'numeric-uid-gid' },
  { id: 'g', short: 'g' },
  { id: 'o', short: 'o' },
  { id: 'r', short: 'r', long: 'reverse' },
  { id: 't', short: 't' },
  { id: 'S', short: 'S' },
  { id: 'U', short: 'U' },
  { id: 'f', short: 'f' },
  { id: 'R', short: 'R', long: 'recursive' },
  { id: 'F', short: 'F', long: 'classify' },
  { id: 'p', short: 'p' },
  { id: '1', short: '1' },
  { id: 'C', short: 'C' },
  { id: 'x', short: 'x' },
  { id: 'L', short: 'L', long: 'dereference' },
  { id: 'H', short: 'H', long: 'dereference-command-line' },
  { id: 'N', short: 'N', long: 'literal' },
  { id: 'Q', short: 'Q', long: 'quote-name' },
  { id: 'color', long: 'color', argument: 'optional' },
  { id: 'full-time', long: 'full-time' },
  { id: 'w', short: 'w', long: 'width', argument: 'required' },
  { id: 'quoting-style', long: 'quoting-style', argument: 'required' },
] as const;

function settingsFrom(o: readonly ParsedOption[], context: ProgramContext): Settings | string {
  const terminal = context.terminal;
  const fullTime = has(o, 'full-time');
  // the last of -l/-1/-C/-x decides the format
  let format: Settings['format'] = terminal === undefined ? 'one' : 'columns';
  for (const option of o) {
    if (option.id === 'l' || option.id === 'g' || option.id === 'o' || option.id === 'full-time')
      format = 'long';
    else if (option.id === '1' && format !== 'long') format = 'one';
    else if (option.id === 'C') format = 'columns';
    else if (option.id === 'x') format = 'across';
  }
  let sort: Settings['sort'] = 'name';
  for (const option of o) {
    if (option.id === 't') sort = 'time';
    else if (option.id === 'S') sort = 'size';
    else if (option.id === 'U' || option.id === 'f') sort = 'none';
  }
  const colorWhen = last(o, 'color');
  let color = false;
  if (colorWhen !== undefined) {
    const when = colorWhen.value ?? 'always';
    if (['always', 'yes', 'force'].includes(when)) color = true;
    else if (['auto', 'tty', 'if-tty'].includes(when)) color = terminal !== undefined;
    else if (!['never', 'no', 'none'].includes(when)) {
      return `ls: invalid argument ${quote(when)} for ${quote('--color')}\nValid arguments are:\n  - ${quote('always')}, ${quote('yes')}, ${quote('force')}\n  - ${quote('never')}, ${quote('no')}, ${quote('none')}\n  - ${quote('auto')}, ${quote('tty')}, ${quote('if-tty')}\n${tryHelp('ls')}`;
    }
  }
  const style = last(o, 'quoting-style')?.value;
  if (
    style !== undefined &&
    !['literal', 'shell', 'shell-always', 'shell-escape', 'shell-escape-always'].includes(style)
  ) {
    return `ls: invalid argument ${quote(style)} for ${quote('--quoting-style')}\n${tryHelp('ls')}`;
  }
  const width = last(o, 'w')?.value;
  const long = format === 'long';
  const classify = has(o, 'F') ? 'all' : has(o, 'p') ? 'slash' : 'none';
  return {
    all: has(o, 'a') || has(o, 'f'),
    almostAll: has(o, 'A'),
    long,
    human: has(o, 'h'),
    directoryItself: has(o, 'd'),
    inode: has(o, 'i'),
    size: has(o, 's'),
    numeric: has(o, 'n'),
    noOwner: has(o, 'g'),
    noGroup: has(o, 'o'),
    reverse: has(o, 'r'),
    sort,
    recursive: has(o, 'R') && !has(o, 'd'),
    classify,
    format,
    dereference: has(o, 'L')
      ? 'always'
      : has(o, 'H')
        ? 'command-line'
        : has(o, 'd') || classify === 'all' || long
          ? 'never'
          : 'command-line-dirs',
    color: color && colorTerminal(context.env),
    colorState: { started: false },
    quoting: quotingStyle(o, terminal !== undefined),
    fullTime,
    columns:
      width !== undefined && /^\d+$/.test(width)
        ? Number(width) || Infinity
        : (terminal?.columns ?? 80),
  };
}

export const ls: CommandDefinition = {
  name: 'ls',
  options: [
    '-l',
    '-a',
    '-A',
    '-h',
    '-d',
    '-i',
    '-la',
    '-lh',
    '-lah',
    '-R',
    '-t',
    '-r',
    '-S',
    '-1',
    '--color',
  ],
  run: (context) => {
    const { argv, stdout, stderr, machine, cwd } = context;
    const parsed = getoptLong('ls', argv.slice(1), SPECS);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('ls')}`);
      return SERIOUS;
    }
    const settings = settingsFrom(parsed.options, context);
    if (typeof settings === 'string') {
      stderr.write(settings);
      return SERIOUS;
    }
    const fs = machine.fs;
    const now = machine.clock.now();
    let status = 0;
    const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands;
    const files: Entry[] = [];
    const directories: Entry[] = [];
    for (const operand of operands) {
      const path = absolutePath(cwd, operand);
      const linkStat = attempt(() => fs.lstat(path));
      if (!linkStat.ok) {
        stderr.write(`ls: cannot access ${quoteFile(operand)}: ${errnoText(linkStat.error)}\n`);
        status = SERIOUS;
        continue;
      }
      let stat = linkStat.value;
      if (stat.kind === 'symlink' && settings.dereference !== 'never') {
        const followed = fs.tryStat(path);
        const loop = followed === undefined && attempt(() => fs.stat(path));
        if (loop !== false && !loop.ok && loop.error.code === 'ELOOP') {
          // coreutils 9.1 reports a link loop on the command line (a dangling link it lists)
          stderr.write(`ls: cannot access ${quoteFile(operand)}: ${errnoText(loop.error)}\n`);
          status = SERIOUS;
          continue;
        }
        if (
          followed !== undefined &&
          (settings.dereference !== 'command-line-dirs' || followed.type === 'directory')
        ) {
          stat = followed;
        } else if (followed === undefined && settings.dereference === 'always') {
          const failed = attempt(() => fs.stat(path));
          stderr.write(
            `ls: cannot access ${quoteFile(operand)}: ${failed.ok ? 'No such file or directory' : errnoText(failed.error)}\n`,
          );
          status = SERIOUS;
          continue;
        }
      }
      const entry = entryOf(context, operand, path, stat);
      if (stat.type === 'directory' && !settings.directoryItself) directories.push(entry);
      else files.push(entry);
    }
    const out: string[] = [];
    // ls sizes the columns of the operands' listing over every operand, folders included
    if (files.length > 0) {
      const all = [...files, ...directories];
      out.push(formatEntries(sortEntries(files, settings), settings, now, context, all));
    }
    const sortedDirectories = sortEntries(directories, settings);
    const headers =
      files.length > 0 || directories.length > 1 || settings.recursive || status !== 0;
    const listDirectory = (entry: Entry): void => {
      const names = attempt(() => fs.readDir(entry.path));
      if (!names.ok) {
        stderr.write(
          `ls: cannot open directory ${quoteFile(entry.name)}: ${errnoText(names.error)}\n`,
        );
        status = Math.max(status, MINOR);
        return;
      }
      const children: Entry[] = [];
      const shown = names.value.filter(
        (name) => settings.all || settings.almostAll || !name.startsWith('.'),
      );
      if (settings.all) shown.push('.', '..');
      for (const name of shown) {
        const childPath =
          name === '.'
            ? entry.path
            : name === '..'
              ? `${entry.path}/..`
              : `${entry.path.replace(/\/$/, '')}/${name}`;
        const stat =
          settings.dereference === 'always'
            ? (fs.tryStat(childPath) ?? fs.tryLstat(childPath))
            : fs.tryLstat(childPath);
        if (stat === undefined) continue;
        children.push(entryOf(context, name, childPath, stat));
      }
      const sorted = sortEntries(children, settings);
      const heading = headers ? `${displayName(entry.name, settings)}:\n` : '';
      const total =
        settings.long || settings.size
          ? `total ${blocksText(
              children.reduce((sum, child) => sum + child.stat.blocks, 0),
              settings,
            )}\n`
          : '';
      out.push(heading + total + formatEntries(sorted, settings, now, context, sorted));
      if (settings.recursive) {
        for (const child of sorted) {
          if (
            child.stat.type === 'directory' &&
            child.stat.kind !== 'symlink' &&
            child.name !== '.' &&
            child.name !== '..'
          ) {
            listDirectory({ ...child, name: `${entry.name.replace(/\/$/, '')}/${child.name}` });
          }
        }
      }
    };
    for (const entry of sortedDirectories) listDirectory(entry);
    stdout.write(out.filter((block, i) => block !== '' || i > 0).join('\n'));
    return status;
  },
};

function entryOf(context: ProgramContext, name: string, path: string, stat: VfsStat): Entry {
  if (stat.kind !== 'symlink') return { name, path, stat };
  const fs = context.machine.fs;
  return { name, path, stat, target: fs.readLink(path), targetStat: fs.tryStat(path) };
}

function quotingStyle(o: readonly ParsedOption[], terminal: boolean): Settings['quoting'] {
  let style: Settings['quoting'] = terminal ? 'shell-escape' : 'literal';
  for (const option of o) {
    if (option.id === 'N') style = 'literal';
    if (option.id === 'quoting-style') {
      const value = option.value!;
      style =
        value === 'literal'
          ? 'literal'
          : value.endsWith('always')
            ? 'shell-escape-always'
            : 'shell-escape';
    }
  }
  return style;
}

function sortEntries(entries: readonly Entry[], settings: Settings): Entry[] {
  if (settings.sort === 'none') return [...entries];
  const byName = (a: Entry, b: Entry): number => compareCodePoints(a.name, b.name);
  const compare =
    settings.sort === 'time'
      ? (a: Entry, b: Entry) => b.stat.mtimeMs - a.stat.mtimeMs || byName(a, b)
      : settings.sort === 'size'
        ? (a: Entry, b: Entry) => b.stat.size - a.stat.size || byName(a, b)
        : byName;
  const sorted = [...entries].sort(compare);
  return settings.reverse ? sorted.reverse() : sorted;
}

function blocksText(blocks512: number, settings: Settings): string {
  const kib = Math.ceil(blocks512 / 2);
  return settings.human ? humanSize(kib * 1024) : String(kib);
}

/** What -F/-p adds after a name. */
function indicator(entry: Entry, settings: Settings): string {
  if (settings.classify === 'none') return '';
  const stat = entry.stat;
  if (stat.type === 'directory') return '/';
  if (settings.classify === 'slash') return '';
  if (stat.kind === 'symlink') return settings.long ? '' : '@';
  if (stat.kind === 'socket') return '=';
  if (stat.kind === 'file' && (stat.mode & 0o111) !== 0) return '*';
  return '';
}

/**
 * Whether ls colours at all: --color=always still needs LS_COLORS or a TERM that dircolors'
 * built-in database lists (TERM=dumb gets none).
 */
function colorTerminal(env: ReadonlyMap<string, string>): boolean {
  if ((env.get('LS_COLORS') ?? '') !== '') return true;
  const term = env.get('TERM') ?? '';
  return /^(Eterm|ansi|.*color.*|con\d+x\d+|cons25|console|cygwin|.*direct.*|dtterm|gnome|hurd|jfbterm|konsole|kterm|linux|linux-c|mlterm|putty|rxvt.*|screen.*|st|terminator|tmux.*|vt100|xterm.*)$/.test(
    term,
  );
}

function colorOf(stat: VfsStat | undefined): string | undefined {
  if (stat === undefined) return undefined;
  switch (stat.kind) {
    case 'directory': {
      const otherWritable = (stat.mode & 0o2) !== 0;
      const sticky = (stat.mode & 0o1000) !== 0;
      if (sticky && otherWritable) return COLORS.stickyOtherWritable;
      if (otherWritable) return COLORS.otherWritable;
      if (sticky) return COLORS.sticky;
      return COLORS.directory;
    }
    case 'symlink':
      // without LS_COLORS an orphan has no colour of its own: it is shown as a link
      return COLORS.symlink;
    case 'socket':
      return COLORS.socket;
    case 'device':
      return COLORS.device;
    case 'file':
      if ((stat.mode & 0o4000) !== 0) return COLORS.setuid;
      if ((stat.mode & 0o2000) !== 0) return COLORS.setgid;
      return (stat.mode & 0o111) !== 0 ? COLORS.executable : undefined;
  }
}

function paint(text: string, code: string | undefined, settings: Settings): string {
  if (!settings.color || code === undefined) return text;
  // ls resets the terminal's attributes once, before the first coloured name
  const reset = settings.colorState.started ? '' : '\x1b[0m';
  settings.colorState.started = true;
  return `${reset}\x1b[${code}m${text}\x1b[0m`;
}

function displayName(name: string, settings: Settings): string {
  if (settings.quoting === 'literal') return name;
  return settings.quoting === 'shell-escape' ? quoteForLs(name) : quoteFile(name);
}

/** Whether a name gets quotes in this listing (the others are then padded by a space). */
function quoted(name: string, settings: Settings): boolean {
  return settings.quoting === 'shell-escape' && lsNeedsQuotes(name);
}

function formatEntries(
  entries: readonly Entry[],
  settings: Settings,
  now: number,
  context: ProgramContext,
  sizing: readonly Entry[],
): string {
  if (entries.length === 0) return '';
  const anyQuoted = entries.some((entry) => quoted(entry.name, settings));
  // when some name needs quotes, the others get a space so the names line up
  const nameText = (entry: Entry): string => {
    const text = displayName(entry.name, settings);
    const pad = anyQuoted && !quoted(entry.name, settings) ? ' ' : '';
    return pad + paint(text, colorOf(entry.stat), settings) + indicator(entry, settings);
  };
  const nameWidth = (entry: Entry): number =>
    stringWidth(displayName(entry.name, settings)) +
    (anyQuoted && !lsNeedsQuotes(entry.name) ? 1 : 0) +
    indicator(entry, settings).length;
  const inodeWidth = Math.max(...entries.map((e) => String(e.stat.ino).length));
  const blockWidth = Math.max(...entries.map((e) => blocksText(e.stat.blocks, settings).length));
  const prefix = (entry: Entry): string =>
    (settings.inode ? `${String(entry.stat.ino).padStart(inodeWidth)} ` : '') +
    (settings.size ? `${blocksText(entry.stat.blocks, settings).padStart(blockWidth)} ` : '');
  const prefixWidth = (settings.inode ? inodeWidth + 1 : 0) + (settings.size ? blockWidth + 1 : 0);

  if (settings.format === 'long')
    return longFormat(entries, sizing, settings, now, context, prefix, nameText);
  if (settings.format === 'one')
    return entries.map((entry) => `${prefix(entry)}${nameText(entry)}\n`).join('');
  return columnFormat(
    entries.map((entry) => ({
      text: prefix(entry) + nameText(entry),
      width: prefixWidth + nameWidth(entry),
    })),
    settings.columns,
    settings.format === 'across',
  );
}

function longFormat(
  entries: readonly Entry[],
  sizing: readonly Entry[],
  settings: Settings,
  now: number,
  context: ProgramContext,
  prefix: (entry: Entry) => string,
  nameText: (entry: Entry) => string,
): string {
  const users = context.machine.users;
  const owner = (uid: number): string =>
    settings.numeric ? String(uid) : (users.userById(uid)?.name ?? String(uid));
  const group = (gid: number): string =>
    settings.numeric ? String(gid) : (users.groupById(gid)?.name ?? String(gid));
  const sizeOf = (entry: Entry): string =>
    settings.human ? humanSize(entry.stat.size) : String(entry.stat.size);
  const devices = sizing.filter((e) => e.stat.device !== undefined);
  const majorWidth = Math.max(0, ...devices.map((e) => String(e.stat.device!.major).length));
  const minorWidth = Math.max(0, ...devices.map((e) => String(e.stat.device!.minor).length));
  const deviceWidth = devices.length > 0 ? majorWidth + 2 + minorWidth : 0;
  const widths = {
    links: Math.max(...sizing.map((e) => String(e.stat.nlink).length)),
    owner: Math.max(...sizing.map((e) => owner(e.stat.uid).length)),
    group: Math.max(...sizing.map((e) => group(e.stat.gid).length)),
    size: Math.max(
      deviceWidth,
      ...sizing.filter((e) => e.stat.device === undefined).map((e) => sizeOf(e).length),
    ),
  };
  let out = '';
  for (const entry of entries) {
    const stat = entry.stat;
    const kind = stat.kind;
    let line = `${prefix(entry)}${modeString(kind, stat.mode)} ${String(stat.nlink).padStart(widths.links)} `;
    if (!settings.noOwner) line += `${owner(stat.uid).padEnd(widths.owner)} `;
    if (!settings.noGroup) line += `${group(stat.gid).padEnd(widths.group)} `;
    const size =
      stat.device !== undefined
        ? `${String(stat.device.major).padStart(majorWidth)}, ${String(stat.device.minor).padStart(minorWidth)}`
        : sizeOf(entry);
    line += `${size.padStart(widths.size)} `;
    line += `${settings.fullTime ? fullIsoTime(stat.mtimeMs) : lsTime(stat.mtimeMs, now)} `;
    line += nameText(entry);
    if (entry.target !== undefined) {
      const targetIndicator =
        settings.classify === 'all' && entry.targetStat !== undefined
          ? indicator({ name: entry.target, path: entry.path, stat: entry.targetStat }, settings)
          : '';
      // the target is not coloured (color_symlink_as_referent is off without LS_COLORS)
      line += ` -> ${displayName(entry.target, settings)}${targetIndicator}`;
    }
    out += `${line}\n`;
  }
  return out;
}

/** ls.c's print_many_per_line / print_horizontal: columns as wide as their longest name + 2. */
function columnFormat(
  items: readonly { text: string; width: number }[],
  lineLength: number,
  across: boolean,
): string {
  const count = items.length;
  const minColumnWidth = 3;
  const maxColumns = Math.max(1, Math.min(count, Math.floor(lineLength / minColumnWidth)));
  let chosen = 1;
  let chosenWidths: number[] = [items.reduce((max, item) => Math.max(max, item.width), 0)];
  for (let columns = 1; columns <= maxColumns; columns++) {
    const rows = Math.ceil(count / columns);
    const widths = new Array<number>(columns).fill(minColumnWidth);
    let lineLen = columns * minColumnWidth;
    let valid = true;
    for (let i = 0; i < count && valid; i++) {
      const index = across ? i % columns : Math.floor(i / rows);
      const real = items[i]!.width + (index === columns - 1 ? 0 : 2);
      if (widths[index]! < real) {
        lineLen += real - widths[index]!;
        widths[index] = real;
        valid = lineLen < lineLength;
      }
    }
    if (valid) {
      chosen = columns;
      chosenWidths = widths;
    }
  }
  const columns = chosen;
  const rows = Math.ceil(count / columns);
  let out = '';
  const indent = (from: number, to: number): string => {
    let text = '';
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        text += '\t';
        from += 8 - (from % 8);
      } else {
        text += ' ';
        from++;
      }
    }
    return text;
  };
  if (across) {
    let position = 0;
    for (let i = 0; i < count; i++) {
      const column = i % columns;
      if (column === 0 && i > 0) {
        out += '\n';
        position = 0;
      }
      out += items[i]!.text;
      if (column < columns - 1 && i < count - 1) {
        out += indent(position + items[i]!.width, position + chosenWidths[column]!);
        position += chosenWidths[column]!;
      }
    }
    return `${out}\n`;
  }
  for (let row = 0; row < rows; row++) {
    let position = 0;
    for (let column = 0, index = row; index < count; column++, index += rows) {
      const item = items[index]!;
      out += item.text;
      if (index + rows >= count) break;
      out += indent(position + item.width, position + chosenWidths[column]!);
      position += chosenWidths[column]!;
    }
    out += '\n';
  }
  return out;
}
