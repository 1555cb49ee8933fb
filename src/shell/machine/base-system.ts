// A fresh Debian 12 server as the scenarios start from it: the merged-/usr file system layout
// (/bin is a link to usr/bin), /dev's device nodes, /etc's accounts and host files, root's stock
// dotfiles, the executables of every base package with the alternatives their postinsts register,
// dpkg's record of them, and the processes a systemd machine runs after boot. What is not
// modelled is left out on purpose: /proc and /sys are empty folders, libraries and most of
// /usr/share are absent (the base packages bring only their executables).

import type { SignalName } from '../bash/signals.ts';
import { DEBIAN_PACKAGE_TEXT } from './debian-package-text.ts';
import {
  BASE_GROUP,
  BASE_PASSWD,
  DEBIAN_SOURCES,
  ETC_SHELLS,
  gshadowFor,
  hostsFor,
  shadowFor,
} from './debian-base-files.ts';
import { installPackage } from './install-package.ts';
import { Machine, type MachineOptions } from './machine.ts';
import { basePackages } from './package-catalog.ts';

// base-passwd's numbers for the groups that own system files
const TTY = 5;
const MAIL = 8;
const SHADOW = 42;
const UTMP = 43;
const STAFF = 50;
const SYSTEMD_JOURNAL = 999;

/** When the server was installed: six days before the captures' morning. */
const INSTALLED_DAYS_BEFORE = 6;
/** How long the machine has been up when a scenario starts. */
const UPTIME_MS = 55 * 60 * 1000;

/** `(path, mode, gid)` of the folders a Debian 12 system has, in creation order. */
const FOLDERS: readonly (readonly [string, number, number?])[] = [
  ['/boot', 0o755],
  ['/dev', 0o755],
  ['/dev/pts', 0o755],
  ['/dev/shm', 0o1777],
  ['/etc', 0o755],
  ['/etc/alternatives', 0o755],
  ['/etc/apt', 0o755],
  ['/etc/apt/sources.list.d', 0o755],
  ['/etc/default', 0o755],
  ['/etc/init.d', 0o755],
  ['/etc/logrotate.d', 0o755],
  ['/etc/skel', 0o755],
  ['/etc/systemd', 0o755],
  ['/etc/systemd/system', 0o755],
  ['/home', 0o755],
  ['/media', 0o755],
  ['/mnt', 0o755],
  ['/opt', 0o755],
  ['/proc', 0o555],
  ['/root', 0o700],
  ['/run', 0o755],
  ['/run/lock', 0o1777],
  ['/run/user', 0o755],
  ['/srv', 0o755],
  ['/sys', 0o555],
  ['/tmp', 0o1777],
  ['/usr', 0o755],
  ['/usr/bin', 0o755],
  ['/usr/games', 0o755],
  ['/usr/include', 0o755],
  ['/usr/lib', 0o755],
  ['/usr/lib/python3', 0o755],
  ['/usr/lib/python3/dist-packages', 0o755],
  ['/usr/lib/python3.11', 0o755],
  ['/usr/lib/systemd', 0o755],
  ['/usr/lib/systemd/system', 0o755],
  ['/usr/lib64', 0o755],
  ['/usr/libexec', 0o755],
  ['/usr/local', 0o755],
  ['/usr/local/bin', 0o755],
  ['/usr/local/etc', 0o755],
  ['/usr/local/games', 0o755],
  ['/usr/local/include', 0o755],
  ['/usr/local/lib', 0o755],
  ['/usr/local/sbin', 0o755],
  ['/usr/local/share', 0o755],
  ['/usr/local/src', 0o755],
  ['/usr/sbin', 0o755],
  ['/usr/share', 0o755],
  ['/usr/share/base-files', 0o755],
  ['/usr/share/doc', 0o755],
  ['/usr/share/man', 0o755],
  ['/usr/src', 0o755],
  ['/var', 0o755],
  ['/var/backups', 0o755],
  ['/var/cache', 0o755],
  ['/var/cache/apt', 0o755],
  ['/var/cache/apt/archives', 0o755],
  ['/var/lib', 0o755],
  ['/var/lib/apt', 0o755],
  ['/var/lib/apt/lists', 0o755],
  ['/var/lib/dpkg', 0o755],
  ['/var/local', 0o2775, STAFF],
  ['/var/log', 0o755],
  ['/var/log/apt', 0o755],
  ['/var/log/journal', 0o2755, SYSTEMD_JOURNAL],
  ['/var/log/private', 0o700],
  ['/var/mail', 0o2775, MAIL],
  ['/var/opt', 0o755],
  ['/var/spool', 0o755],
  ['/var/tmp', 0o1777],
];

/** Symlinks of the layout: merged /usr, /var's links to /run, /dev's links to /proc. */
const LINKS: readonly (readonly [string, string])[] = [
  ['/bin', 'usr/bin'],
  ['/sbin', 'usr/sbin'],
  ['/lib', 'usr/lib'],
  ['/lib64', 'usr/lib64'],
  ['/usr/local/man', 'share/man'],
  ['/var/lock', '/run/lock'],
  ['/var/run', '/run'],
  ['/dev/fd', '/proc/self/fd'],
  ['/dev/stdin', '/proc/self/fd/0'],
  ['/dev/stdout', '/proc/self/fd/1'],
  ['/dev/stderr', '/proc/self/fd/2'],
  ['/etc/os-release', '../usr/lib/os-release'],
  ['/etc/localtime', '/usr/share/zoneinfo/Etc/UTC'],
  ['/etc/mtab', '../proc/self/mounts'],
];

/** `(path, major, minor, mode, gid)`: the character devices the course can meet. */
const DEVICES: readonly (readonly [string, number, number, number, number?])[] = [
  ['/dev/null', 1, 3, 0o666],
  ['/dev/zero', 1, 5, 0o666],
  ['/dev/full', 1, 7, 0o666],
  ['/dev/random', 1, 8, 0o666],
  ['/dev/urandom', 1, 9, 0o666],
  ['/dev/tty', 5, 0, 0o666, TTY],
  ['/dev/console', 5, 1, 0o600],
  ['/dev/ptmx', 5, 2, 0o666, TTY],
  ['/dev/pts/0', 136, 0, 0o620, TTY],
];

/** A Debian 12 server (base-system.ts): the machine every scenario starts from. */
export function debianMachine(options: MachineOptions = {}): Machine {
  const machine = Machine.blank(options);
  installBaseSystem(machine);
  return machine;
}

export function installBaseSystem(machine: Machine): void {
  const fs = machine.fs;
  const now = machine.clock.now();
  const installedMs = now - INSTALLED_DAYS_BEFORE * 864e5;
  const at = { mtimeMs: installedMs };
  fs.setTimes('/', installedMs, installedMs);
  for (const [path, mode, gid] of FOLDERS) {
    if (!fs.exists(path)) fs.mkdir(path, { ...at, mode, gid: gid ?? 0 });
  }
  // Debian 12 mounts these as tmpfs (systemd), so their folders report tmpfs sizes
  for (const path of ['/run', '/dev/shm']) fs.mountTmpfs(path);
  for (const [path, target] of LINKS) if (!fs.lexists(path)) fs.symlink(target, path, at);
  for (const [path, major, minor, mode, gid] of DEVICES) {
    fs.mkdevice(path, major, minor, { ...at, mode, gid: gid ?? 0 });
  }

  const text = (path: string): string => DEBIAN_PACKAGE_TEXT[path] ?? '';
  const days = Math.floor(installedMs / 864e5);
  const files: readonly (readonly [string, string, number?, number?])[] = [
    ['/etc/hostname', `${machine.hostname}\n`],
    ['/etc/hosts', hostsFor(machine.hostname)],
    ['/etc/passwd', BASE_PASSWD],
    ['/etc/group', BASE_GROUP],
    ['/etc/shadow', shadowFor(BASE_PASSWD, days), 0o640, SHADOW],
    ['/etc/gshadow', gshadowFor(BASE_GROUP), 0o640, SHADOW],
    ['/etc/shells', ETC_SHELLS],
    ['/etc/timezone', 'Etc/UTC\n'],
    ['/etc/debian_version', text('/etc/debian_version')],
    ['/etc/issue', text('/etc/issue')],
    ['/etc/issue.net', text('/etc/issue.net')],
    ['/etc/motd', text('/usr/share/base-files/motd')],
    ['/etc/profile', text('/usr/share/base-files/profile')],
    ['/etc/bash.bashrc', text('/etc/bash.bashrc')],
    ['/etc/environment', ''],
    ['/etc/resolv.conf', 'nameserver 10.0.2.3\n'],
    ['/etc/apt/sources.list.d/debian.sources', DEBIAN_SOURCES],
    ['/etc/skel/.bashrc', text('/etc/skel/.bashrc')],
    ['/etc/skel/.profile', text('/etc/skel/.profile')],
    ['/etc/skel/.bash_logout', text('/etc/skel/.bash_logout')],
    ['/usr/lib/os-release', text('/usr/lib/os-release')],
    ['/usr/share/base-files/dot.bashrc', text('/usr/share/base-files/dot.bashrc')],
    ['/usr/share/base-files/dot.profile', text('/usr/share/base-files/dot.profile')],
    ['/usr/share/base-files/profile', text('/usr/share/base-files/profile')],
    ['/usr/share/base-files/motd', text('/usr/share/base-files/motd')],
    // PEP 668's marker: pip outside a venv refuses with its text (libpython3.11-stdlib)
    ['/usr/lib/python3.11/EXTERNALLY-MANAGED', text('/usr/lib/python3.11/EXTERNALLY-MANAGED')],
    ['/root/.bashrc', text('/usr/share/base-files/dot.bashrc')],
    ['/root/.profile', text('/usr/share/base-files/dot.profile')],
    ['/var/log/alternatives.log', ''],
    ['/var/log/dpkg.log', ''],
    ['/var/log/faillog', ''],
    ['/var/log/btmp', '', 0o660, UTMP],
    ['/var/log/lastlog', '', 0o664, UTMP],
    ['/var/log/wtmp', '', 0o664, UTMP],
  ];
  for (const [path, content, mode, gid] of files) {
    fs.put(path, content, { ...at, ...(mode === undefined ? {} : { mode }), gid: gid ?? 0 });
  }
  fs.setTimes('/var/log/apt', installedMs, installedMs);

  for (const pkg of basePackages()) installPackage(machine, pkg.name);
  // installing touched the folders' times: they are as old as the installation
  for (const [path] of FOLDERS) fs.setTimes(path, installedMs, installedMs);
  bootProcesses(machine, now - UPTIME_MS);
}

interface BootProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly user: string;
  readonly uid: number;
  readonly command: string;
  readonly comm: string;
  readonly state: string;
  readonly vszKiB: number;
  readonly rssKiB: number;
  readonly cpuMs: number;
}

/**
 * What `ps` shows on a Debian 12 server with systemd after boot (kernel threads shortened to a
 * representative few). Sizes are typical of such a machine, not measured on one.
 */
const BOOT_PROCESSES: readonly BootProcess[] = [
  {
    pid: 1,
    ppid: 0,
    user: 'root',
    uid: 0,
    command: '/sbin/init',
    comm: 'systemd',
    state: 'Ss',
    vszKiB: 168016,
    rssKiB: 12064,
    cpuMs: 1210,
  },
  {
    pid: 2,
    ppid: 0,
    user: 'root',
    uid: 0,
    command: '[kthreadd]',
    comm: 'kthreadd',
    state: 'S',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 3,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[rcu_gp]',
    comm: 'rcu_gp',
    state: 'I<',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 4,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[rcu_par_gp]',
    comm: 'rcu_par_gp',
    state: 'I<',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 9,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[mm_percpu_wq]',
    comm: 'mm_percpu_wq',
    state: 'I<',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 10,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[rcu_tasks_kthread]',
    comm: 'rcu_tasks_kthread',
    state: 'I',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 13,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[ksoftirqd/0]',
    comm: 'ksoftirqd/0',
    state: 'S',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 30,
  },
  {
    pid: 14,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[rcu_preempt]',
    comm: 'rcu_preempt',
    state: 'I',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 60,
  },
  {
    pid: 15,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[migration/0]',
    comm: 'migration/0',
    state: 'S',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 22,
    ppid: 2,
    user: 'root',
    uid: 0,
    command: '[kdevtmpfs]',
    comm: 'kdevtmpfs',
    state: 'S',
    vszKiB: 0,
    rssKiB: 0,
    cpuMs: 0,
  },
  {
    pid: 209,
    ppid: 1,
    user: 'root',
    uid: 0,
    command: '/lib/systemd/systemd-journald',
    comm: 'systemd-journal',
    state: 'Ss',
    vszKiB: 49524,
    rssKiB: 15360,
    cpuMs: 120,
  },
  {
    pid: 236,
    ppid: 1,
    user: 'root',
    uid: 0,
    command: '/lib/systemd/systemd-udevd',
    comm: 'systemd-udevd',
    state: 'Ss',
    vszKiB: 25736,
    rssKiB: 6660,
    cpuMs: 90,
  },
  {
    pid: 388,
    ppid: 1,
    user: 'systemd-timesync',
    uid: 997,
    command: '/lib/systemd/systemd-timesyncd',
    comm: 'systemd-timesyn',
    state: 'Ssl',
    vszKiB: 90076,
    rssKiB: 6664,
    cpuMs: 20,
  },
  {
    pid: 402,
    ppid: 1,
    user: 'messagebus',
    uid: 100,
    command:
      '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
    comm: 'dbus-daemon',
    state: 'Ss',
    vszKiB: 9124,
    rssKiB: 4700,
    cpuMs: 10,
  },
  {
    pid: 405,
    ppid: 1,
    user: 'root',
    uid: 0,
    command: '/lib/systemd/systemd-logind',
    comm: 'systemd-logind',
    state: 'Ss',
    vszKiB: 25360,
    rssKiB: 7820,
    cpuMs: 20,
  },
  {
    pid: 412,
    ppid: 1,
    user: 'root',
    uid: 0,
    command: '/sbin/agetty -o -p -- \\u --noclear - linux',
    comm: 'agetty',
    state: 'Ss+',
    vszKiB: 5872,
    rssKiB: 1032,
    cpuMs: 0,
  },
];

function bootProcesses(machine: Machine, bootMs: number): void {
  for (const process of BOOT_PROCESSES) {
    machine.processes.spawn({
      ...process,
      startMs: bootMs,
      tty: process.comm === 'agetty' ? 'tty1' : '?',
      persistent: true,
      // SIMPLIFIED: systemd's and the daemons' handlers are not modelled: a signal is ignored
      onSignal: (_signal: SignalName) => undefined,
    });
  }
}
