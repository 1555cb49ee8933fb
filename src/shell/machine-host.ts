// The ShellHost of a machine: what the bash core asks of it — the command runner, files for
// redirections, directory listings for globbing, home directories for `~user`, process ids.

import type { CommandRunner } from './bash/command-runner.ts';
import type { ListDirectory } from './bash/pathname-expansion.ts';
import type { RedirectionFiles, ShellHost } from './bash/shell-host.ts';
import type { Machine } from './machine/machine.ts';
import { VfsRedirectionFiles } from './vfs-redirection-files.ts';

export class MachineHost implements ShellHost {
  readonly runner: CommandRunner;
  readonly files: RedirectionFiles;
  readonly listDirectory: ListDirectory;
  readonly shellPid: number;
  readonly #machine: Machine;
  readonly #user: string;

  constructor(machine: Machine, runner: CommandRunner, shellPid: number, user = 'root') {
    this.#machine = machine;
    this.runner = runner;
    this.shellPid = shellPid;
    this.#user = user;
    this.files = new VfsRedirectionFiles(machine.fs);
    this.listDirectory = (path) => {
      const stat = machine.fs.tryStat(path);
      return stat?.type === 'directory' ? machine.fs.readDir(path) : undefined;
    };
  }

  homeDirectory(user: string): string | undefined {
    return this.#machine.users.userByName(user === '' ? this.#user : user)?.home;
  }

  nextPid(): number {
    return this.#machine.pids.next();
  }
}
