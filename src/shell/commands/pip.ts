// pip / pip3 / pip3.11 as Debian's python3-pip installs them in /usr/bin: pip for the system
// Python (a venv's own bin/pip is a launcher script its python runs: see python3.ts). Without
// python3-pip these files are not there and bash says `pip: command not found` (§1.2).

import type { CommandDefinition } from '../program.ts';
import { runPip } from '../programs/pip-program.ts';
import { pythonEnvironment } from '../programs/python-environment.ts';

/** The Python Debian's pip scripts run (`#!/usr/bin/python3`). */
const SYSTEM_PYTHON = '/usr/bin/python3';

export const pip: CommandDefinition = {
  name: 'pip',
  programs: ['/usr/bin/pip', '/usr/bin/pip3', '/usr/bin/pip3.11'],
  options: ['install', 'list', 'freeze', 'help', '--version', '--break-system-packages'],
  run: (context) =>
    runPip({
      context,
      python: pythonEnvironment(context.machine, SYSTEM_PYTHON),
      args: context.argv.slice(1),
    }),
};
