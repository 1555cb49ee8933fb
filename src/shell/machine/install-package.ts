// What dpkg does when a package is installed, for the packages the course uses: its files unpacked
// (the text of the ones the course reads, stand-ins with the real sizes for the rest), the
// alternatives its postinst registers (update-alternatives picks the highest priority), the rest
// of its postinst (nginx-common's site link, index page and logs; uwsgi-plugin-python3's
// `uwsgi_python3` link), and the record in dpkg's database. `apt-get install` resolves
// dependencies and prints; this only lays down one package. Services a package starts
// (`invoke-rc.d nginx start`) are named in the result for the program layer to start.
//
// SIMPLIFIED: the catalogue holds the packages the course uses, not all of Debian, and a file the
// course never reads is a stand-in that has the real size but not the real bytes.

import { FsError } from '../../gateway/fs.ts';
import { DEBIAN_NGINX_FILE_TEXT } from '../../gateway/nginx/debian-file-text.ts';
import { installDebianNginx } from '../../gateway/nginx/debian-files.ts';
import { latin1Bytes } from '../../protocol/index.ts';
import type { Vfs } from '../vfs/vfs.ts';
import { DEBIAN_PACKAGE_TEXT } from './debian-package-text.ts';
import type { Machine } from './machine.ts';
import {
  catalogPackage,
  type Alternative,
  type CatalogPackage,
  type PackageFile,
} from './package-catalog.ts';

export type InstallResult =
  | {
      readonly kind: 'installed';
      readonly package: CatalogPackage;
      /** Already installed: unpacked again (`--reinstall`), keeping changed conffiles. */
      readonly reinstalled: boolean;
      /** Services its postinst starts (`nginx`): the program layer starts them. */
      readonly services: readonly string[];
    }
  | { readonly kind: 'unknown'; readonly name: string };

export interface InstallOptions {
  /** Installed only as a dependency (apt-mark's automatic). */
  readonly automatic?: boolean;
}

/** Services Debian's postinst starts through invoke-rc.d on a systemd machine. */
const SERVICES: Readonly<Record<string, readonly string[]>> = {
  nginx: ['nginx'],
  uwsgi: ['uwsgi'],
};

/** Folders an executable in them is a program the simulation may know. */
const PROGRAM_FOLDER = /^\/usr\/(s?bin|lib\/[^/]+\/?.*|libexec)\//;

/** Scripts the simulation runs as programs rather than through sh (commands/init-d-*.ts). */
const SCRIPT_PROGRAMS: ReadonlySet<string> = new Set(['/etc/init.d/nginx', '/etc/init.d/uwsgi']);

export function installPackage(
  machine: Machine,
  name: string,
  options: InstallOptions = {},
): InstallResult {
  const pkg = catalogPackage(name);
  if (pkg === undefined) return { kind: 'unknown', name };
  const reinstalled = machine.packages.isInstalled(name);
  const fs = machine.fs;
  for (const file of pkg.files()) unpack(fs, file, reinstalled);
  postinst(machine, pkg, reinstalled);
  machine.packages.record({
    name: pkg.name,
    version: pkg.version,
    architecture: pkg.architecture,
    automatic: reinstalled
      ? (machine.packages.get(name)?.automatic ?? false)
      : (options.automatic ?? false),
  });
  for (const alternative of pkg.alternatives) updateAlternatives(machine, alternative.name);
  return { kind: 'installed', package: pkg, reinstalled, services: SERVICES[name] ?? [] };
}

/** The text a package file is installed with, when the machine carries it. */
export function packageFileText(path: string): string | undefined {
  return DEBIAN_PACKAGE_TEXT[path] ?? DEBIAN_NGINX_FILE_TEXT[path];
}

function unpack(fs: Vfs, file: PackageFile, reinstalled: boolean): void {
  const entry = { mode: file.mode, uid: file.uid, gid: file.gid, mtime: file.mtime };
  ensureParents(fs, file.path, file.mtime);
  switch (file.kind) {
    case 'directory': {
      const stat = fs.tryLstat(file.path);
      if (stat === undefined) fs.mkdir(file.path, entry);
      return;
    }
    case 'symlink':
      removeNonDirectory(fs, file.path);
      fs.symlink(file.target ?? '', file.path, entry);
      return;
    case 'file': {
      // dpkg keeps a conffile the administrator changed (its default answer on a reinstall)
      if (reinstalled && file.path.startsWith('/etc/') && fs.lexists(file.path)) return;
      removeNonDirectory(fs, file.path);
      const text = packageFileText(file.path);
      const executable =
        (file.mode & 0o111) !== 0 &&
        (PROGRAM_FOLDER.test(file.path) || SCRIPT_PROGRAMS.has(file.path));
      fs.writeFile(file.path, text === undefined ? new Uint8Array(0) : latin1Bytes(text), {
        ...entry,
        ...(text === undefined ? { standInSize: file.size } : {}),
        ...(executable ? { program: file.path } : {}),
      });
      return;
    }
  }
}

function ensureParents(fs: Vfs, path: string, mtime: number): void {
  const parts = path.split('/').filter((p) => p !== '');
  let at = '';
  for (const part of parts.slice(0, -1)) {
    at += `/${part}`;
    if (!fs.lexists(at)) fs.mkdir(at, { mode: 0o755, mtime });
  }
}

function removeNonDirectory(fs: Vfs, path: string): void {
  const stat = fs.tryLstat(path);
  if (stat !== undefined && stat.type !== 'directory') fs.unlink(path);
}

/**
 * update-alternatives in auto mode: among the installed packages' candidates for `name`, the one
 * with the highest priority; `/etc/alternatives/NAME` points at it and LINK at that.
 */
export function updateAlternatives(machine: Machine, name: string): void {
  const candidates: { alternative: Alternative; mtime: number }[] = [];
  for (const installed of machine.packages.list()) {
    const pkg = catalogPackage(installed.name);
    for (const alternative of pkg?.alternatives ?? []) {
      if (alternative.name === name && machine.fs.exists(alternative.path)) {
        candidates.push({ alternative, mtime: pkg!.mtime });
      }
    }
  }
  candidates.sort((a, b) => b.alternative.priority - a.alternative.priority);
  const best = candidates[0];
  if (best === undefined) return;
  const fs = machine.fs;
  const entry = { mtime: best.mtime };
  ensureParents(fs, `/etc/alternatives/${name}`, best.mtime);
  replaceLink(fs, `/etc/alternatives/${name}`, best.alternative.path, entry);
  if (fs.tryLstat(best.alternative.link)?.type !== 'symlink') {
    replaceLink(fs, best.alternative.link, `/etc/alternatives/${name}`, entry);
  }
}

function replaceLink(fs: Vfs, path: string, target: string, entry: { mtime: number }): void {
  const stat = fs.tryLstat(path);
  if (stat?.type === 'symlink' && fs.readLink(path) === target) return;
  if (stat !== undefined && stat.type !== 'directory') fs.unlink(path);
  fs.symlink(target, path, entry);
}

function postinst(machine: Machine, pkg: CatalogPackage, reinstalled: boolean): void {
  const fs = machine.fs;
  switch (pkg.name) {
    case 'nginx-common':
      // the folders, /etc/nginx's files, the sites-enabled/default link with an absolute target,
      // the copied index page and the log files: the gateway's model of this postinst
      if (!reinstalled) installDebianNginx(fs, { mtime: pkg.mtime });
      // deb-systemd-helper enable: the unit is wanted by multi-user.target (systemctl is-enabled)
      ensureParents(fs, '/etc/systemd/system/multi-user.target.wants/x', pkg.mtime);
      replaceLink(
        fs,
        '/etc/systemd/system/multi-user.target.wants/nginx.service',
        '/lib/systemd/system/nginx.service',
        { mtime: pkg.mtime },
      );
      break;
    case 'uwsgi-plugin-python3':
      // its postinst (with flavor python311) registers the plugin and `uwsgi_python3`
      // alternatives; the variables in it keep them out of the generated data
      ensureParents(fs, '/etc/alternatives/x', pkg.mtime);
      replaceLink(
        fs,
        '/etc/alternatives/uwsgi-plugin-python3',
        '/usr/lib/uwsgi/plugins/python311_plugin.so',
        { mtime: pkg.mtime },
      );
      replaceLink(
        fs,
        '/usr/lib/uwsgi/plugins/python3_plugin.so',
        '/etc/alternatives/uwsgi-plugin-python3',
        {
          mtime: pkg.mtime,
        },
      );
      replaceLink(fs, '/etc/alternatives/uwsgi_python3', '/usr/bin/uwsgi-core', {
        mtime: pkg.mtime,
      });
      replaceLink(fs, '/usr/bin/uwsgi_python3', '/etc/alternatives/uwsgi_python3', {
        mtime: pkg.mtime,
      });
      break;
    default:
      break;
  }
}

/** Removes what a package installed (files and links; folders only when empty). */
export function removePackageFiles(machine: Machine, name: string): boolean {
  const pkg = catalogPackage(name);
  if (pkg === undefined || !machine.packages.isInstalled(name)) return false;
  const fs = machine.fs;
  const files = [...pkg.files()].reverse();
  for (const file of files) {
    try {
      if (file.kind === 'directory') {
        if (fs.tryLstat(file.path)?.type === 'directory' && fs.readDir(file.path).length === 0) {
          fs.rmdir(file.path);
        }
      } else if (!file.path.startsWith('/etc/') && fs.lexists(file.path)) {
        fs.unlink(file.path);
      }
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
  machine.packages.remove(name);
  return true;
}
