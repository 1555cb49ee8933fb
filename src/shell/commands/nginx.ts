// `nginx` as Debian 12's nginx 1.22.1 runs from a root shell: -t/-T/-q test (and dump) the
// configuration, -s stop|quit|reopen|reload signals the running master through /run/nginx.pid,
// -v/-V print the version, -c/-p choose another configuration or prefix, and plain `nginx` starts
// the daemon — the shell's process exits at once and the master (PPID 1) and its workers keep
// running, serving the machine's sockets. Everything goes through the gateway's nginx model
// (programs/nginx-cli.ts); the texts are the real ones (real-output-shell.md §6.2, §6.3).

import type { CommandDefinition } from '../program.ts';
import { runNginxCli } from '../programs/nginx-cli.ts';

export const nginx: CommandDefinition = {
  name: 'nginx',
  programs: ['/usr/sbin/nginx'],
  options: ['-t', '-T', '-q', '-s', '-v', '-V', '-h', '-c', '-p', '-g', '-e'],
  run: ({ machine, argv, pid, stdout, stderr, cwd }) => {
    // a builtin never runs this; the machine always forks a program
    const result = runNginxCli(machine, argv, pid ?? machine.pids.next(), undefined, cwd);
    stdout.write(result.stdout);
    stderr.write(result.stderr);
    return result.status;
  },
};
