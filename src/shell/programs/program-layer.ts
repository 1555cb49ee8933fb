// The program layer's hooks into the machine: what starts a scenario's programs (nginx as systemd
// starts it, uWSGI as an earlier login shell left it running), what starts saved programs again
// when a machine is loaded (pass PROGRAM_RESUMERS to restoreMachine), and the goal check. Importing
// this module registers them (commands/index.ts imports it, so every MachineShell — the CLI's, the
// lab's — has them; the lab takes the resumers from lab-programs.ts).

import type { ProgramResumer } from '../machine/machine-snapshot.ts';
import type { Machine } from '../machine/machine.ts';
import {
  registerGoalCheck,
  registerProgramStarter,
  type ProgramStart,
} from '../scenarios/scenario.ts';
import { checkGoal } from './goal-check.ts';
import { NGINX_PROGRAM, resumeNginx } from './nginx-daemon.ts';
import { resumeSystemd, serviceManager, SYSTEMD_PROGRAM } from './service-manager.ts';
import { uwsgiBuildOf } from './uwsgi-binary.ts';
import { resumeUwsgi, startUwsgiInstance, UWSGI_PROGRAM } from './uwsgi-instance.ts';
import { FLASK_PROGRAM, resumeFlask } from './flask-dev-server.ts';
import './uwsgi-socket-check.ts';

/** Starts saved programs again: `restoreMachine(json, { resumers: PROGRAM_RESUMERS })`. */
export const PROGRAM_RESUMERS: Readonly<Record<string, ProgramResumer>> = {
  [SYSTEMD_PROGRAM]: (machine, data) => resumeSystemd(machine, data),
  [NGINX_PROGRAM]: (machine, data) => void resumeNginx(machine, data),
  [UWSGI_PROGRAM]: (machine, data) => void resumeUwsgi(machine, data),
  [FLASK_PROGRAM]: (machine, data) => void resumeFlask(machine, data),
};

/** Starts what a scenario runs from the start (registered with the scenarios). */
export function startPrograms(machine: Machine, programs: readonly ProgramStart[]): void {
  for (const program of programs) {
    if (program.program === 'nginx') {
      serviceManager(machine).start('nginx');
      continue;
    }
    // `uwsgi uwsgi.ini &` in a login shell that has since ended: found on PATH as bash finds it
    const name = program.argv[0] ?? 'uwsgi';
    const path = name.includes('/') ? name : `/usr/bin/${name}`;
    const build = uwsgiBuildOf(machine, path) ?? { kind: 'debian' };
    startUwsgiInstance(machine, {
      argv: program.argv,
      cwd: program.cwd,
      build,
      parentPid: 1,
      tty: '?',
    });
  }
}

registerProgramStarter(startPrograms);
registerGoalCheck('hello-world-through-nginx', checkGoal);
