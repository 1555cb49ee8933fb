// The machine's users and groups as getpwnam(3)/getgrnam(3) see them: read from /etc/passwd and
// /etc/group at each lookup, as glibc does, but parsed only again after the files changed (`ls -l`
// of /usr/bin looks up the same owner hundreds of times).

import { FsError } from '../../gateway/fs.ts';
import {
  parseGroup,
  parsePasswd,
  usersFromEntries,
  type GroupEntry,
  type MachineUsers,
  type PasswdEntry,
} from '../../gateway/users.ts';
import type { Vfs } from '../vfs/vfs.ts';

export class FileUsers implements MachineUsers {
  readonly #fs: Vfs;
  #version = -1;
  #current: MachineUsers = usersFromEntries([], []);

  constructor(fs: Vfs) {
    this.#fs = fs;
  }

  userByName(name: string): PasswdEntry | undefined {
    return this.#users().userByName(name);
  }

  userById(uid: number): PasswdEntry | undefined {
    return this.#users().userById(uid);
  }

  groupByName(name: string): GroupEntry | undefined {
    return this.#users().groupByName(name);
  }

  groupById(gid: number): GroupEntry | undefined {
    return this.#users().groupById(gid);
  }

  groupsWithMember(name: string): readonly GroupEntry[] {
    return this.#users().groupsWithMember(name);
  }

  #users(): MachineUsers {
    if (this.#version !== this.#fs.version) {
      this.#version = this.#fs.version;
      this.#current = usersFromEntries(
        parsePasswd(this.#read('/etc/passwd')),
        parseGroup(this.#read('/etc/group')),
      );
    }
    return this.#current;
  }

  #read(path: string): string {
    try {
      return new TextDecoder().decode(this.#fs.readFile(path));
    } catch (error) {
      if (error instanceof FsError) return '';
      throw error;
    }
  }
}
