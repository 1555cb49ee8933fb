// The machine's users and groups, as getpwnam(3)/getgrnam(3) see them: nginx's `user` directive and
// uWSGI's --uid/--gid look names up here. The shell's /etc/passwd and /etc/group are the source.

import type { Credentials, MachineFs } from './fs.ts';
import { FsError } from './fs.ts';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  /** Supplementary members by user name (the fourth field of /etc/group). */
  readonly members: readonly string[];
}

export interface MachineUsers {
  userByName(name: string): PasswdEntry | undefined;
  userById(uid: number): PasswdEntry | undefined;
  groupByName(name: string): GroupEntry | undefined;
  groupById(gid: number): GroupEntry | undefined;
  /** The groups that list this user as a member (initgroups(3)). */
  groupsWithMember(name: string): readonly GroupEntry[];
}

/** `name:x:uid:gid:gecos:home:shell` lines; malformed lines are skipped, as glibc skips them. */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length !== 7) continue;
    const [name = '', , uid = '', gid = '', gecos = '', home = '', shell = ''] = fields;
    if (name === '' || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), gecos, home, shell });
  }
  return entries;
}

/** `name:x:gid:member,member` lines. */
export function parseGroup(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length !== 4) continue;
    const [name = '', , gid = '', members = ''] = fields;
    if (name === '' || !/^\d+$/.test(gid)) continue;
    entries.push({ name, gid: Number(gid), members: members === '' ? [] : members.split(',') });
  }
  return entries;
}

/** Users and groups from lists (the first entry wins for a repeated name or id, as in glibc). */
export function usersFromEntries(
  passwd: readonly PasswdEntry[],
  groups: readonly GroupEntry[],
): MachineUsers {
  return {
    userByName: (name) => passwd.find((entry) => entry.name === name),
    userById: (uid) => passwd.find((entry) => entry.uid === uid),
    groupByName: (name) => groups.find((entry) => entry.name === name),
    groupById: (gid) => groups.find((entry) => entry.gid === gid),
    groupsWithMember: (name) => groups.filter((entry) => entry.members.includes(name)),
  };
}

/** Users and groups read from the machine's /etc/passwd and /etc/group at each lookup. */
export function usersFromFiles(fs: MachineFs): MachineUsers {
  const read = (path: string): string => {
    try {
      return new TextDecoder().decode(fs.readFile(path));
    } catch (error) {
      if (error instanceof FsError) return '';
      throw error;
    }
  };
  const current = (): MachineUsers =>
    usersFromEntries(parsePasswd(read('/etc/passwd')), parseGroup(read('/etc/group')));
  return {
    userByName: (name) => current().userByName(name),
    userById: (uid) => current().userById(uid),
    groupByName: (name) => current().groupByName(name),
    groupById: (gid) => current().groupById(gid),
    groupsWithMember: (name) => current().groupsWithMember(name),
  };
}

/** The credentials a process gets after setgid(gid), initgroups(user), setuid(uid). */
export function credentialsFor(users: MachineUsers, user: PasswdEntry, gid: number): Credentials {
  const groups = [gid];
  for (const group of users.groupsWithMember(user.name)) {
    if (!groups.includes(group.gid)) groups.push(group.gid);
  }
  return { uid: user.uid, gid, groups };
}
