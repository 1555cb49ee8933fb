// The environment root's shell starts with after an ssh login to Debian 12: the exported variables
// (HOME=/root, LANG=C.UTF-8, Debian root's PATH from /etc/profile, the login's SHELL, USER, MAIL…)
// and bash's own shell variables, with the prompt Debian's /etc/bash.bashrc sets
// (`root@helloworld:~# `).

import type { Machine } from './machine.ts';

/** Debian root's PATH (/etc/profile's for uid 0). */
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Debian's /etc/bash.bashrc prompt. */
export const DEBIAN_PS1 = '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ';

export interface LoginEnvironment {
  /** Exported: what every command gets. */
  readonly exported: Readonly<Record<string, string>>;
  /** bash's own variables (PS1, BASH, HOSTNAME…), not exported. */
  readonly shell: Readonly<Record<string, string>>;
}

export function loginEnvironment(
  machine: Machine,
  cwd: string,
  term = 'xterm-256color',
): LoginEnvironment {
  const root = machine.users.userById(0);
  const home = root?.home ?? '/root';
  return {
    exported: {
      HOME: home,
      LANG: 'C.UTF-8',
      LOGNAME: root?.name ?? 'root',
      MAIL: '/var/mail/root',
      PATH: ROOT_PATH,
      PWD: cwd,
      SHELL: root?.shell ?? '/bin/bash',
      SHLVL: '1',
      TERM: term,
      USER: root?.name ?? 'root',
    },
    shell: {
      BASH: '/usr/bin/bash',
      BASH_VERSION: '5.2.15(1)-release',
      EUID: '0',
      HISTFILE: `${home}/.bash_history`,
      HISTFILESIZE: '500',
      HISTSIZE: '500',
      HOSTNAME: machine.hostname,
      HOSTTYPE: 'x86_64',
      IFS: ' \t\n',
      MACHTYPE: 'x86_64-pc-linux-gnu',
      OPTIND: '1',
      OSTYPE: 'linux-gnu',
      PPID: '1',
      PS1: DEBIAN_PS1,
      PS2: '> ',
      PS4: '+ ',
      UID: '0',
    },
  };
}
