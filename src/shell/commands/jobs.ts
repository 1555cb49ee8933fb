// bash 5.2's `jobs` builtin: the shell's background jobs as jobs.c prints them
// (`[1]+  Running                 uwsgi uwsgi.ini &`), with -l (pids too), -p (pids only), -r
// (running ones only) and job specs. Jobs that have ended are listed once more and then
// forgotten, as bash does. Nothing here is ever stopped (the terminal has no Ctrl-Z), so -s lists
// nothing.

import type { Job } from '../bash/job-table.ts';
import type { CommandDefinition } from '../program.ts';

const USAGE = 'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n';

export const jobs: CommandDefinition = {
  name: 'jobs',
  builtin: true,
  options: ['-l', '-n', '-p', '-r', '-s'],
  run: ({ argv, shell, stdout, stderr }) => {
    const flags = new Set<string>();
    let i = 1;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      for (const flag of arg.slice(1)) {
        if (!'lnprs'.includes(flag)) {
          stderr.write(`bash: jobs: -${flag}: invalid option\n${USAGE}`);
          return 2;
        }
        flags.add(flag);
      }
    }
    const specs = argv.slice(i);
    const table = shell.jobs;
    let status = 0;
    let chosen: Job[];
    if (specs.length === 0) chosen = table.list();
    else {
      chosen = [];
      for (const spec of specs) {
        const job = table.find(spec);
        if (job === undefined) {
          stderr.write(`bash: jobs: ${spec}: no such job\n`);
          status = 1;
        } else chosen.push(job);
      }
    }
    if (flags.has('r')) chosen = chosen.filter((job) => job.running);
    if (flags.has('s')) chosen = [];
    if (flags.has('p')) {
      for (const job of chosen) stdout.write(`${job.processes[0]!.pid}\n`);
      return status;
    }
    if (specs.length === 0 && !flags.has('r') && !flags.has('s')) {
      stdout.write(table.formatJobs(flags.has('l')));
      return status;
    }
    for (const job of chosen) stdout.write(`${table.format(job, flags.has('l'))}\n`);
    return status;
  },
};
