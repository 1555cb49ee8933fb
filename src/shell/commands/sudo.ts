// sudo 1.9.13 as root uses it on Debian 12: the command runs (root needs no password) with the
// environment sudo resets it to (env_reset, Debian's secure_path — so a venv's PATH is not kept and
// `sudo pip` is the system's pip). `sudo: nope: command not found` for the others.

import type { CommandDefinition } from '../program.ts';

/** /etc/sudoers' secure_path on Debian 12. */
const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** What env_reset keeps from the caller's environment (sudoers(5) defaults and Debian's). */
const KEPT = [
  'COLORS',
  'DISPLAY',
  'HOSTNAME',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LS_COLORS',
  'TERM',
  'TZ',
  'XAUTHORITY',
];

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            file ...
`;

export const sudo: CommandDefinition = {
  name: 'sudo',
  options: ['-u', '-E', '-H', '-i', '-s'],
  run: async (context) => {
    const { argv, stderr, stdout, env, session, machine } = context;
    let i = 1;
    let preserve = false;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-')) break;
      if (arg === '-E') preserve = true;
      else if (arg === '-H') continue;
      else if (arg === '-u') {
        const user = argv[++i];
        if (user !== 'root' && user !== '#0') {
          stderr.write(
            `sudo: running commands as ${user ?? '?'} is not part of the simulation (uwsgi-lab)\n`,
          );
          return 1;
        }
      } else if (arg === '-V') {
        stdout.write('Sudo version 1.9.13p3\n');
        return 0;
      } else if (arg === '-h') {
        stdout.write(USAGE);
        return 0;
      } else {
        stderr.write(`sudo: invalid option -- '${arg.slice(1, 2)}'\n${USAGE}`);
        return 1;
      }
    }
    const command = argv.slice(i);
    if (command.length === 0) {
      stderr.write(USAGE);
      return 1;
    }
    const home = machine.users.userById(0)?.home ?? '/root';
    const environment = new Map<string, string>();
    if (preserve) for (const [name, value] of env) environment.set(name, value);
    else for (const name of KEPT) if (env.has(name)) environment.set(name, env.get(name)!);
    environment.set('PATH', SECURE_PATH);
    environment.set('HOME', home);
    environment.set('LOGNAME', 'root');
    environment.set('USER', 'root');
    environment.set('MAIL', '/var/mail/root');
    environment.set('SHELL', '/bin/bash');
    environment.set('SUDO_COMMAND', command.join(' '));
    environment.set('SUDO_USER', 'root');
    environment.set('SUDO_UID', '0');
    environment.set('SUDO_GID', '0');
    const outcome = await session.runChild(context, command, { env: environment });
    if (outcome === 'not-found') {
      stderr.write(`sudo: ${command[0]!}: command not found\n`);
      return 1;
    }
    return outcome;
  },
};
