// bash 5.2's `fg` and `bg` builtins. `fg` brings a background job (`uwsgi uwsgi.ini &`) back to
// the terminal: it prints the job's command, waits for it, and Ctrl-C now interrupts it; its status
// becomes fg's (128 + the signal's number when a signal ended it). Errors as jobs.c words them:
// `bash: fg: current: no such job`, `bash: fg: %3: no such job`, `bash: fg: job has terminated`.
// `bg` resumes stopped jobs; nothing here is ever stopped (the terminal has no Ctrl-Z), so it
// finds every job already running: `bash: bg: job 1 already in background`.

import type { Job } from '../bash/job-table.ts';
import { SIGNAL_NUMBERS } from '../bash/signals.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

/** The job a spec names (the current job without one), or the error bash prints. */
function jobOf(context: ProgramContext, name: string): Job | undefined {
  const spec = context.argv[1];
  const job = context.shell.jobs.find(spec ?? '%%');
  if (job === undefined) context.stderr.write(`bash: ${name}: ${spec ?? 'current'}: no such job\n`);
  return job;
}

export const fg: CommandDefinition = {
  name: 'fg',
  builtin: true,
  run: async (context) => {
    const table = context.shell.jobs;
    const job = jobOf(context, 'fg');
    if (job === undefined) return 1;
    if (!job.running) {
      context.stderr.write('bash: fg: job has terminated\n');
      table.remove(job);
      return 1;
    }
    context.stdout.write(`${job.command}\n`);
    job.foreground = true;
    const previous = table.foreground;
    table.foreground = job;
    try {
      const outcome = await job.completion;
      return typeof outcome === 'number' ? outcome : 128 + SIGNAL_NUMBERS[outcome.signal];
    } finally {
      table.foreground = previous;
      table.remove(job);
    }
  },
};

export const bg: CommandDefinition = {
  name: 'bg',
  builtin: true,
  run: (context) => {
    const job = jobOf(context, 'bg');
    if (job === undefined) return 1;
    if (!job.running) {
      context.stderr.write('bash: bg: job has terminated\n');
      return 1;
    }
    context.stderr.write(`bash: bg: job ${job.number} already in background\n`);
    return 0;
  },
};
