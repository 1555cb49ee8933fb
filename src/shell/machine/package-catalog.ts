// The Debian 12 packages the machine can have, read from the generated data (versions, files,
// alternatives): what `apt-get install` lays down and what dpkg reports as installed.

import { DEBIAN_PACKAGE_DATA, type DebianPackageData } from './debian-package-data.ts';

export interface PackageFile {
  readonly kind: 'file' | 'directory' | 'symlink';
  readonly path: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** The real package's size (the content is carried only for some files). */
  readonly size: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
  readonly target?: string;
}

/** An `update-alternatives --install LINK NAME PATH PRIORITY` of the package's postinst. */
export interface Alternative {
  readonly name: string;
  readonly link: string;
  readonly path: string;
  readonly priority: number;
}

export interface CatalogPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  readonly priority: string;
  readonly section: string;
  readonly installedSize: number;
  readonly depends: string;
  readonly mtime: number;
  /** In the fresh Debian 12 server the scenarios start from. */
  readonly base: boolean;
  readonly alternatives: readonly Alternative[];
  files(): readonly PackageFile[];
}

const byName = new Map<string, CatalogPackage>();
for (const data of DEBIAN_PACKAGE_DATA) byName.set(data.name, catalogEntry(data));

export function catalogPackage(name: string): CatalogPackage | undefined {
  return byName.get(name);
}

/** The packages of the fresh server, in the catalog's order. */
export function basePackages(): CatalogPackage[] {
  return [...byName.values()].filter((pkg) => pkg.base);
}

export function catalogNames(): string[] {
  return [...byName.keys()];
}

function catalogEntry(data: DebianPackageData): CatalogPackage {
  let parsed: PackageFile[] | undefined;
  return {
    name: data.name,
    version: data.version,
    architecture: data.architecture,
    priority: data.priority,
    section: data.section,
    installedSize: data.installedSize,
    depends: data.depends,
    mtime: data.mtime,
    base: data.base,
    alternatives: data.alternatives.map((line) => {
      const [name = '', link = '', path = '', priority = '0'] = line.split(' ');
      return { name, link, path, priority: Number(priority) };
    }),
    files: () => (parsed ??= parseFiles(data.files, data.mtime)),
  };
}

/**
 * `f755 147176 /usr/bin/ls`, `d755 /etc/nginx`, `l /usr/bin/python3 python3.11`, each optionally
 * followed by ` @MTIME` and ` #UID:GID`.
 */
export function parseFiles(text: string, mtime: number): PackageFile[] {
  const files: PackageFile[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const words = line.split(' ');
    let own = { uid: 0, gid: 0 };
    let time = mtime;
    while (words.length > 0 && /^[@#]/.test(words.at(-1)!)) {
      const word = words.pop()!;
      if (word.startsWith('@')) time = Number(word.slice(1));
      else {
        const [uid = '0', gid = '0'] = word.slice(1).split(':');
        own = { uid: Number(uid), gid: Number(gid) };
      }
    }
    const [head = '', ...rest] = words;
    const kind = head[0];
    const common = { ...own, mtime: time };
    if (kind === 'l') {
      files.push({
        kind: 'symlink',
        path: rest[0]!,
        target: rest[1]!,
        mode: 0o777,
        size: 0,
        ...common,
      });
    } else if (kind === 'd') {
      files.push({
        kind: 'directory',
        path: rest[0]!,
        mode: parseInt(head.slice(1), 8),
        size: 0,
        ...common,
      });
    } else {
      files.push({
        kind: 'file',
        path: rest[1]!,
        mode: parseInt(head.slice(1), 8),
        size: Number(rest[0]),
        ...common,
      });
    }
  }
  return files;
}
