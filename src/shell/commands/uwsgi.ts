// uwsgi: Debian's packaged 2.0.21-debian (uwsgi-core, reached through /usr/bin/uwsgi and the
// alternatives links) and the one `pip install uwsgi` builds into a venv's bin/. The gateway's
// runtime does the work (options and ini files, plugins, the start-up log, sockets, the app,
// requests, signals: real-output-shell.md §2–§4); this joins it to the shell. In the foreground it
// holds the terminal and streams its log (stderr) until a signal ends it — Ctrl-C is SIGINT:
// without a master it ends silently with status 30, with one it buries its workers and says
// goodbye (§4.2). With `&` the prompt comes back first and the log follows (§4.2's `&` transcript);
// `--daemonize` gives the prompt back at once and logs to its file.

import type { CommandDefinition, ProgramContext } from '../program.ts';
import type { CommandOutcome } from '../bash/command-runner.ts';
import { DEBIAN_UWSGI_PROGRAM, PIP_UWSGI_PROGRAM, uwsgiBuildOf } from '../programs/uwsgi-binary.ts';
import { startUwsgiInstance, type UwsgiInstance } from '../programs/uwsgi-instance.ts';

export const uwsgi: CommandDefinition = {
  name: 'uwsgi',
  programs: [DEBIAN_UWSGI_PROGRAM, PIP_UWSGI_PROGRAM],
  options: [
    '--socket',
    '--module',
    '--callable',
    '--venv',
    '--virtualenv',
    '--wsgi-file',
    '--plugin',
    '--ini',
    '--master',
    '--processes',
    '--chmod-socket',
    '--vacuum',
    '--die-on-term',
    '--http',
    '--http-socket',
    '--chdir',
    '--version',
  ],
  run: runUwsgi,
};

async function runUwsgi(context: ProgramContext): Promise<CommandOutcome> {
  const { machine, argv, cwd, pid, stdout, stderr } = context;
  const executable = context.executable ?? DEBIAN_UWSGI_PROGRAM;
  const build = uwsgiBuildOf(machine, executable) ?? { kind: 'debian' };
  const parentPid = (pid === undefined ? undefined : machine.processes.byPid(pid)?.ppid) ?? 1;
  // on a terminal, the log a background job writes at once is shown after the prompt, as bash's
  // `[1] 10095` and prompt come before the forked uWSGI's first line (§4.2); through a pipe it
  // is written as it comes
  const pending: string[] = [];
  let deferring = context.background && stderr.terminal !== undefined;
  const log = (line: string): void => {
    if (deferring) pending.push(line);
    else stderr.write(`${line}\n`);
  };
  const instance = startUwsgiInstance(
    machine,
    {
      argv,
      cwd,
      build,
      parentPid,
      tty: 'pts/0',
      pids: pid === undefined ? [] : [pid],
      foreground: !context.background,
    },
    context.process,
  );
  const printed = instance.process.output;
  if (!instance.running && instance.exitStatus === 0 && !instance.process.detached) {
    // `--version`, `--help`: printed on stdout (uwsgi_help, uwsgi_print_version); the log and
    // refusals go to stderr
    for (const line of printed) stdout.write(`${line}\n`);
    return 0;
  }
  for (const line of printed) log(line);
  const stopFollowing = instance.process.onOutput(log);
  if (deferring) {
    await nextTask();
    deferring = false;
    for (const line of pending.splice(0)) stderr.write(`${line}\n`);
  }
  try {
    if (instance.process.detached) {
      instance.release();
      return 0;
    }
    if (!instance.running) return instance.exitStatus ?? 1;
    return await untilEnded(instance, context);
  } finally {
    stopFollowing();
  }
}

/** Waits for it to exit: signals to the command reach uWSGI's handlers; SIGKILL ends it. */
async function untilEnded(
  instance: UwsgiInstance,
  context: ProgramContext,
): Promise<CommandOutcome> {
  const { signals } = context;
  const exited = new Promise<number>((resolve) => instance.onExit(resolve));
  const unsubscribe = signals.subscribe((signal) => {
    // a signal uWSGI has no handler for (SIGUSR2, SIGPIPE…) is not modelled: it is ignored
    instance.signal(signal);
  });
  try {
    const killed = signals.whenKilled().then((signal) => {
      instance.signal(signal);
      return { signal } as const;
    });
    return await Promise.race([exited, killed]);
  } finally {
    unsubscribe();
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
