// The one place the lab meets the shell's program layer (nginx, uWSGI, systemd, Flask's
// development server): the resumers that start a saved machine's programs again after a reload,
// with the pids and configuration they had. The program layer registers its scenario starter and
// goal checks itself (scenarios/scenario.ts) when it is imported, which this import also does.

import type { ProgramResumer } from '../shell/machine/machine-snapshot.ts';
import { PROGRAM_RESUMERS } from '../shell/programs/program-layer.ts';

export const LAB_RESUMERS: Readonly<Record<string, ProgramResumer>> = PROGRAM_RESUMERS;
