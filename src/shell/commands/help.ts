// bash's `help`: the list of builtins, or the page of each name (or glob pattern) given; -s for
// the synopsis only. Texts recorded from bash 5.2 (bash-help-text.ts); builtins outside the
// course have only their synopsis here. The texts load the first time `help` runs: the lab's code
// stays smaller until then.

import { GlobPattern, type PatternChar } from '../bash/pattern.ts';
import type { CommandDefinition, ProgramContext } from '../program.ts';

export const help: CommandDefinition = {
  name: 'help',
  builtin: true,
  options: ['-s', '-d', '-m'],
  run: (context) => import('./bash-help-text.ts').then((texts) => showHelp(context, texts)),
};

type HelpTexts = typeof import('./bash-help-text.ts');

function showHelp(
  { argv, stdout, stderr }: ProgramContext,
  { HELP_LIST, HELP_PAGES, HELP_SYNOPSES }: HelpTexts,
): number {
  let args = argv.slice(1);
  let short = false;
  while (args[0] !== undefined && /^-[dms]+$/.test(args[0])) {
    if (args[0].includes('s')) short = true;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    stdout.write(HELP_LIST);
    return 0;
  }
  let status = 0;
  for (const pattern of args) {
    const chars: PatternChar[] = Array.from(pattern, (char) => ({ char, quoted: false }));
    const glob = new GlobPattern(chars);
    const names = Object.keys(HELP_SYNOPSES).filter((name) =>
      glob.hasWildcards ? glob.matches(name) : name === pattern,
    );
    if (names.length === 0) {
      stderr.write(
        `bash: help: no help topics match \`${pattern}'.  Try \`help help' or \`man -k ${pattern}' or \`info ${pattern}'.\n`,
      );
      status = 1;
      continue;
    }
    for (const name of names)
      stdout.write(short ? HELP_SYNOPSES[name]! : (HELP_PAGES[name] ?? HELP_SYNOPSES[name]!));
  }
  return status;
}
