// apt (apt 2.6.1), the interactive front end: apt-get's update, install and remove, plus its
// warning when its output is not a terminal. SIMPLIFIED: without apt's progress bar and colours.

import type { CommandDefinition } from '../program.ts';
import { runApt } from '../programs/apt-get-program.ts';

export const apt: CommandDefinition = {
  name: 'apt',
  options: ['install', 'update', 'remove', 'purge', '-y', '--reinstall'],
  run: (context) => runApt(context, 'apt'),
};
