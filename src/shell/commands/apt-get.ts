// apt-get (apt 2.6.1): update, install (with its [Y/n] question), --reinstall, remove — the
// program layer's apt-get-program.ts does the work.

import type { CommandDefinition } from '../program.ts';
import { runApt } from '../programs/apt-get-program.ts';

export const aptGet: CommandDefinition = {
  name: 'apt-get',
  options: ['install', 'update', 'remove', 'purge', '-y', '--reinstall'],
  run: (context) => runApt(context, 'apt-get'),
};
