// apt-get 2.6.1 (and `apt`, its interactive front end) for the packages the course installs:
// `update`, `install` (what it resolves to, the `[Y/n]` question without -y, the download, dpkg's
// unpacking and setting up, the files each package lays down: install-package.ts), already
// installed packages, `--reinstall`, and `remove`. Texts are real-output-shell.md §7's; lines
// real apt prints that were not captured are marked RECONSTRUCTED. Packages outside the course's
// set (their libraries) are recorded in dpkg's database without files (SIMPLIFIED).

import { FsError } from '../../gateway/fs.ts';
import type { ProgramContext } from '../program.ts';
import { APT_ARCHIVE, type ArchivePackage } from '../machine/apt-archive-data.ts';
import { installPackage, removePackageFiles } from '../machine/install-package.ts';
import type { Machine } from '../machine/machine.ts';
import { catalogPackage } from '../machine/package-catalog.ts';
import { INSTALL_PLANS } from './apt-plans.ts';
import { serviceManager } from './service-manager.ts';

export type AptFrontend = 'apt-get' | 'apt';

interface AptOptions {
  readonly command: string | undefined;
  readonly names: readonly string[];
  readonly yes: boolean;
  readonly reinstall: boolean;
}

/** apt's screen width when stdout is not a terminal (§7.3: lists wrap at 80 columns). */
const DEFAULT_COLUMNS = 80;

const ARCHIVE = new Map(APT_ARCHIVE.map((pkg) => [pkg.name, pkg]));

const APT_GET_HELP = `apt 2.6.1 (amd64)
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for installation, upgrade and removal of packages together
with their dependencies.

Most used commands:
  update - Retrieve new lists of packages
  upgrade - Perform an upgrade
  install - Install new packages (pkg is libc6 not libc6.deb)
  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)
  remove - Remove packages
  purge - Remove packages and config files
  autoremove - Remove automatically all unused packages
  dist-upgrade - Distribution upgrade, see apt-get(8)
  dselect-upgrade - Follow dselect selections
  build-dep - Configure build-dependencies for source packages
  satisfy - Satisfy dependency strings
  clean - Erase downloaded archive files
  autoclean - Erase old downloaded archive files
  check - Verify that there are no broken dependencies
  source - Download source archives
  download - Download the binary package into the current directory
  changelog - Download and display the changelog for the given package

See apt-get(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
`;

class AptExit {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

export async function runApt(context: ProgramContext, frontend: AptFrontend): Promise<number> {
  try {
    return await dispatch(context, frontend);
  } catch (error) {
    if (error instanceof AptExit) return error.status;
    throw error;
  }
}

async function dispatch(context: ProgramContext, frontend: AptFrontend): Promise<number> {
  const options = readOptions(context.argv.slice(1));
  const { stdout, stderr } = context;
  if (frontend === 'apt' && stdout.terminal === undefined && options.command !== undefined)
    stderr.write(
      '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n',
    );
  switch (options.command) {
    case undefined:
      stdout.write(APT_GET_HELP);
      return 1;
    case 'update':
      return update(context, frontend);
    case 'install':
      return install(context, options);
    case 'reinstall':
      return install(context, { ...options, reinstall: true });
    case 'remove':
    case 'purge':
      return remove(context, options);
    default:
      stderr.write(`E: Invalid operation ${options.command}\n`);
      return 100;
  }
}

function readOptions(args: readonly string[]): AptOptions {
  let command: string | undefined;
  const names: string[] = [];
  let yes = false;
  let reinstall = false;
  for (const arg of args) {
    if (arg === '-y' || arg === '--yes' || arg === '--assume-yes' || /^-[qy]*y[qy]*$/.test(arg))
      yes = true;
    else if (arg === '--reinstall') reinstall = true;
    else if (arg.startsWith('-')) continue;
    else if (command === undefined) command = arg;
    else names.push(arg);
  }
  return { command, names, yes, reinstall };
}

/** `Reading package lists...` and friends; a terminal sees them finish with ` Done` (§7.1). */
function readingState(context: ProgramContext, lines = 3): void {
  const done = context.stdout.terminal === undefined ? '' : ' Done';
  const all = [
    'Reading package lists...',
    'Building dependency tree...',
    'Reading state information...',
  ];
  for (const line of all.slice(0, lines)) context.stdout.write(`${line}${done}\n`);
}

/**
 * RECONSTRUCTED (not captured): Debian 12's three archives answering with nothing new, and
 * `apt update`'s closing line.
 */
function update(context: ProgramContext, frontend: AptFrontend): number {
  const { stdout } = context;
  stdout.write('Hit:1 http://deb.debian.org/debian bookworm InRelease\n');
  stdout.write('Hit:2 http://deb.debian.org/debian bookworm-updates InRelease\n');
  stdout.write('Hit:3 http://deb.debian.org/debian-security bookworm-security InRelease\n');
  context.machine.clock.advance(1_000);
  if (frontend === 'apt-get') {
    readingState(context, 1);
    return 0;
  }
  readingState(context);
  stdout.write('All packages are up to date.\n');
  return 0;
}

// ------------------------------------------------------------------------------------ install

interface Transaction {
  /** Newly installed, in apt's (alphabetical) order. */
  readonly installs: readonly string[];
  readonly reinstalls: readonly string[];
  readonly additional: readonly string[];
  readonly suggests: readonly string[];
}

async function install(context: ProgramContext, options: AptOptions): Promise<number> {
  const { machine, stdout, stderr } = context;
  readingState(context);
  const unknown = options.names.find((name) => known(name) === undefined);
  if (unknown !== undefined) {
    stderr.write(`E: Unable to locate package ${unknown}\n`);
    return 100;
  }
  if (options.names.length === 0) {
    stdout.write('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const transaction = plan(machine, options);
  for (const name of options.names) {
    if (!machine.packages.isInstalled(name) || options.reinstall) continue;
    stdout.write(`${name} is already the newest version (${known(name)!.version}).\n`);
    const record = machine.packages.get(name);
    if (record?.automatic === true) {
      machine.packages.record({ ...record, automatic: false });
      stdout.write(`${name} set to manually installed.\n`);
    }
  }
  const columns = screenWidth(context);
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    stdout.write(`${title}\n${wrapList(items, columns)}`);
  };
  list('The following additional packages will be installed:', transaction.additional);
  list('Suggested packages:', transaction.suggests);
  list('The following NEW packages will be installed:', transaction.installs);
  const { installs, reinstalls } = transaction;
  stdout.write(
    `0 upgraded, ${installs.length} newly installed, ${reinstalls.length === 0 ? '' : `${reinstalls.length} reinstalled, `}0 to remove and 0 not upgraded.\n`,
  );
  const fetched = [...installs, ...reinstalls];
  if (fetched.length === 0) return 0;
  const archive = fetched.map((name) => known(name)!);
  const download = archive.reduce((sum, pkg) => sum + pkg.size, 0);
  const growth = installs.reduce((sum, name) => sum + known(name)!.installedSize * 1024, 0);
  stdout.write(`Need to get ${sizeToStr(download)}B of archives.\n`);
  stdout.write(
    `After this operation, ${sizeToStr(growth)}B of additional disk space will be used.\n`,
  );
  if (transaction.additional.length > 0 && !options.yes && !(await confirm(context))) {
    stdout.write('Abort.\n');
    return 1;
  }
  fetch(context, archive);
  dpkgInstall(context, transaction, options);
  return 0;
}

/** A package apt can install: from the archive data, else the catalog. */
function known(
  name: string,
):
  | Pick<
      ArchivePackage,
      'name' | 'version' | 'architecture' | 'size' | 'installedSize' | 'multiArch' | 'origin'
    >
  | undefined {
  const archived = ARCHIVE.get(name);
  if (archived !== undefined) return archived;
  const pkg = catalogPackage(name);
  if (pkg === undefined) return undefined;
  return {
    name,
    version: pkg.version,
    architecture: pkg.architecture,
    size: pkg.installedSize * 1024,
    installedSize: pkg.installedSize,
    multiArch: '',
    origin: 'http://deb.debian.org/debian bookworm/main',
  };
}

/**
 * Installed, as dpkg knows it — or a library that came with a course package already on the
 * machine (a scenario lays down the course packages, not the libraries they pulled in).
 */
function present(machine: Machine, name: string): boolean {
  if (machine.packages.isInstalled(name)) return true;
  if (catalogPackage(name) !== undefined) return false;
  return machine.packages
    .list()
    .some((pkg) => INSTALL_PLANS[pkg.name]?.installs.includes(name) === true);
}

function plan(machine: Machine, options: AptOptions): Transaction {
  const wanted = new Set<string>();
  const suggests: string[] = [];
  for (const name of options.names) {
    if (machine.packages.isInstalled(name)) continue;
    const captured = INSTALL_PLANS[name];
    for (const dependency of captured?.installs ?? [name]) wanted.add(dependency);
    for (const suggestion of captured?.suggests ?? []) {
      const installed = suggestion.split(' | ').some((alt) => machine.packages.isInstalled(alt));
      if (!installed && !suggests.includes(suggestion)) suggests.push(suggestion);
    }
  }
  const installs = [...wanted].filter((name) => !present(machine, name)).sort();
  return {
    installs,
    reinstalls: options.reinstall
      ? options.names.filter((name) => machine.packages.isInstalled(name))
      : [],
    additional: installs.filter((name) => !options.names.includes(name)),
    suggests,
  };
}

/** apt's ScreenWidth: the terminal's columns, 80 when it has none (or says 0). */
function screenWidth(context: ProgramContext): number {
  const columns = context.stdout.terminal?.columns ?? 0;
  return columns > 0 ? columns : DEFAULT_COLUMNS;
}

/** apt's ShowList: two spaces, words, wrapped before the line would reach the last column. */
export function wrapList(items: readonly string[], columns: number): string {
  const words = items.flatMap((item) => item.split(' | ').map((w, i) => (i === 0 ? w : `| ${w}`)));
  let out = '';
  let line = ' ';
  for (const word of words) {
    if (line.length > 1 && line.length + 1 + word.length >= columns - 1) {
      out += `${line}\n`;
      line = ' ';
    }
    line += ` ${word}`;
  }
  return `${out}${line}\n`;
}

/**
 * `Do you want to continue? [Y/n] `: a line read from standard input (on a terminal the reader
 * types it and sees it echoed); empty means yes, end of input means no (apt's YnPrompt).
 */
async function confirm(context: ProgramContext): Promise<boolean> {
  context.stdout.write('Do you want to continue? [Y/n] ');
  let answer = '';
  for (;;) {
    const chunk = await context.stdin.read();
    if (chunk === undefined) return false;
    answer += chunk;
    const cut = answer.indexOf('\n');
    if (cut >= 0) {
      answer = answer.slice(0, cut);
      break;
    }
  }
  return answer.trim() === '' || /^[yY]([eE][sS])?$/.test(answer.trim());
}

/** apt's SizeToStr: SI units, one decimal under 100, none up to 9999. */
export function sizeToStr(bytes: number): string {
  let size = bytes;
  const units = ['', 'k', 'M', 'G', 'T'];
  for (let i = 0; i < units.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${units[i]}`;
    if (size < 10000) return `${size.toFixed(0)} ${units[i]}`;
    size /= 1000;
  }
  return `${size.toFixed(0)} P`;
}

/** The Get: lines, debconf's note and `Fetched …` (§7.2). The rate is the mirror's of the day. */
function fetch(context: ProgramContext, archive: readonly ReturnType<typeof known>[]): void {
  const { stdout, machine } = context;
  let total = 0;
  archive.forEach((pkg, i) => {
    const [uri = '', suite = ''] = pkg!.origin.split(' ');
    stdout.write(
      `Get:${i + 1} ${uri} ${suite} amd64 ${pkg!.name} ${pkg!.architecture} ${pkg!.version} [${sizeToStr(pkg!.size)}B]\n`,
    );
    total += pkg!.size;
  });
  // apt-utils is not on the machine (as on the capture machine, §7)
  stdout.write('debconf: delaying package configuration, since apt-utils is not installed\n');
  const rate = 4_000_000 + (machine.random.next() % 20_000_000);
  const seconds = total / rate;
  machine.clock.advance(Math.round(seconds * 1000));
  stdout.write(`Fetched ${sizeToStr(total)}B in ${Math.floor(seconds)}s (${sizeToStr(rate)}B/s)\n`);
}

/**
 * dpkg configures a package after the ones it depends on (nginx-common, then nginx, then
 * nginx-full); otherwise in apt's order. Dependencies are read from the catalog's Depends.
 */
function configureOrder(names: readonly string[]): string[] {
  const dependsOn = (name: string, other: string): boolean =>
    catalogPackage(name)
      ?.depends.split(/[,|]/)
      .some((item) => item.trim().split(' ')[0] === other) === true;
  const left = [...names];
  const order: string[] = [];
  while (left.length > 0) {
    const ready = left.findIndex(
      (name) => !left.some((other) => other !== name && dependsOn(name, other)),
    );
    // a dependency cycle (none among the course's packages): take them as they come
    const [next] = left.splice(ready < 0 ? 0 : ready, 1);
    order.push(next!);
  }
  return order;
}

/** dpkg's name for a package: `libicu72:amd64` for a Multi-Arch: same one. */
function dpkgName(pkg: NonNullable<ReturnType<typeof known>>): string {
  return pkg.multiArch === 'same' ? `${pkg.name}:${pkg.architecture}` : pkg.name;
}

/** The .deb's file name in apt's cache (an epoch's colon written `%3a`). */
function debFile(pkg: NonNullable<ReturnType<typeof known>>): string {
  return `${pkg.name}_${pkg.version.replace(':', '%3a')}_${pkg.architecture}.deb`;
}

/** SIMPLIFIED: dpkg's file count is the count of the catalog's files of what is installed. */
function databaseFiles(machine: Machine): number {
  let count = 0;
  for (const pkg of machine.packages.list()) count += catalogPackage(pkg.name)?.files().length ?? 0;
  return count;
}

function dpkgInstall(context: ProgramContext, transaction: Transaction, options: AptOptions): void {
  const { machine, stdout } = context;
  const write = (line: string): void => stdout.write(`${line}\n`);
  const database = `(Reading database ... ${databaseFiles(machine)} files and directories currently installed.)`;
  const unpacked = [...transaction.installs, ...transaction.reinstalls];
  const width = String(unpacked.length - 1).length;
  unpacked.forEach((name, i) => {
    const pkg = known(name)!;
    const fresh = transaction.installs.includes(name);
    if (fresh) write(`Selecting previously unselected package ${dpkgName(pkg)}.`);
    if (i === 0) write(database);
    const prefix = unpacked.length > 1 ? `${String(i).padStart(Math.max(2, width), '0')}-` : '';
    write(`Preparing to unpack .../${prefix}${debFile(pkg)} ...`);
    write(
      `Unpacking ${dpkgName(pkg)} (${pkg.version})${fresh ? '' : ` over (${pkg.version})`} ...`,
    );
  });
  const services: string[] = [];
  for (const name of configureOrder(unpacked)) {
    const pkg = known(name)!;
    write(`Setting up ${dpkgName(pkg)} (${pkg.version}) ...`);
    const automatic = !options.names.includes(name);
    const result = installPackage(machine, name, { automatic });
    if (result.kind === 'unknown') {
      machine.packages.record({
        name,
        version: pkg.version,
        architecture: pkg.architecture,
        automatic,
      });
      continue;
    }
    // RECONSTRUCTED: deb-systemd-helper's line when nginx-common's postinst enables the unit
    if (name === 'nginx-common' && !result.reinstalled)
      write(
        'Created symlink /etc/systemd/system/multi-user.target.wants/nginx.service → /lib/systemd/system/nginx.service.',
      );
    if (!result.reinstalled) services.push(...result.services);
  }
  triggers(context, unpacked);
  for (const service of services) {
    // invoke-rc.d NAME start, through systemd (the program layer's service manager)
    if (serviceManager(machine).unit(service) !== undefined) serviceManager(machine).start(service);
  }
}

/**
 * RECONSTRUCTED: the triggers dpkg runs after unpacking: man-db's for packages with manual pages,
 * libc-bin's (ldconfig) for shared libraries. A library outside the catalog is taken to have no
 * manual page and a shared object.
 */
function triggers(context: ProgramContext, unpacked: readonly string[]): void {
  const { machine, stdout } = context;
  const version = (name: string): string | undefined => machine.packages.get(name)?.version;
  const files = (name: string): readonly string[] | undefined =>
    catalogPackage(name)
      ?.files()
      .map((file) => file.path);
  const manPages = unpacked.some((name) =>
    files(name)?.some((path) => path.startsWith('/usr/share/man/')),
  );
  const libraries = unpacked.some((name) => {
    const paths = files(name);
    return paths === undefined
      ? name.startsWith('lib')
      : paths.some((path) => /^\/usr\/lib\/[^/]*\/?[^/]*\.so(\.|$)/.test(path));
  });
  const manDb = version('man-db');
  if (manPages && manDb !== undefined)
    stdout.write(`Processing triggers for man-db (${manDb}) ...\n`);
  const libc = version('libc-bin');
  if (libraries && libc !== undefined)
    stdout.write(`Processing triggers for libc-bin (${libc}) ...\n`);
}

// ------------------------------------------------------------------------------------- remove

/** RECONSTRUCTED (not captured): apt-get remove of course packages, with its question. */
async function remove(context: ProgramContext, options: AptOptions): Promise<number> {
  const { machine, stdout, stderr } = context;
  readingState(context);
  const unknown = options.names.find((name) => known(name) === undefined);
  if (unknown !== undefined) {
    stderr.write(`E: Unable to locate package ${unknown}\n`);
    return 100;
  }
  const removing = options.names.filter((name) => machine.packages.isInstalled(name)).sort();
  for (const name of options.names) {
    if (!removing.includes(name))
      stdout.write(`Package '${name}' is not installed, so not removed\n`);
  }
  const columns = screenWidth(context);
  if (removing.length > 0)
    stdout.write(`The following packages will be REMOVED:\n${wrapList(removing, columns)}`);
  stdout.write(`0 upgraded, 0 newly installed, ${removing.length} to remove and 0 not upgraded.\n`);
  if (removing.length === 0) return 0;
  const freed = removing.reduce((sum, name) => sum + known(name)!.installedSize * 1024, 0);
  stdout.write(`After this operation, ${sizeToStr(freed)}B disk space will be freed.\n`);
  if (!options.yes && !(await confirm(context))) {
    stdout.write('Abort.\n');
    return 1;
  }
  stdout.write(
    `(Reading database ... ${databaseFiles(machine)} files and directories currently installed.)\n`,
  );
  for (const name of removing) {
    const pkg = known(name)!;
    stdout.write(`Removing ${dpkgName(pkg)} (${pkg.version}) ...\n`);
    try {
      if (!removePackageFiles(machine, name)) machine.packages.remove(name);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
  triggers(context, removing);
  return 0;
}
