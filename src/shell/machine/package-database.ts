// dpkg's view of the machine: which packages are installed, at which version, and whether apt
// installed them only as a dependency (apt-mark's "automatic"). `apt-get` and `dpkg -l` read it;
// installPackage writes it.

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  /** Installed only because another package needed it. */
  readonly automatic: boolean;
}

export class PackageDatabase {
  readonly #installed = new Map<string, InstalledPackage>();

  constructor(packages: readonly InstalledPackage[] = []) {
    for (const pkg of packages) this.#installed.set(pkg.name, pkg);
  }

  isInstalled(name: string): boolean {
    return this.#installed.has(name);
  }

  get(name: string): InstalledPackage | undefined {
    return this.#installed.get(name);
  }

  /** Every installed package, by name (dpkg -l's order). */
  list(): InstalledPackage[] {
    return [...this.#installed.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  record(pkg: InstalledPackage): void {
    this.#installed.set(pkg.name, pkg);
  }

  remove(name: string): void {
    this.#installed.delete(name);
  }

  toJSON(): InstalledPackage[] {
    return this.list();
  }
}
