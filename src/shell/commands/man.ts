// man-db's `man`, with short pages for the commands the course uses — written for the course, in
// the layout man prints (title line, NAME, SYNOPSIS, DESCRIPTION with the options the course needs,
// footer), not the full upstream manuals. A page is there only when its program is installed
// (`man nginx` before nginx is `No manual entry for nginx`); bash builtins have none, as on Debian.
// The pages (man-pages.ts) load the first time `man` runs.

import type { CommandDefinition, ProgramContext } from '../program.ts';
import type { ManPage } from './man-pages.ts';

export const man: CommandDefinition = {
  name: 'man',
  options: ['-k', '-f'],
  run: (context) => import('./man-pages.ts').then((pages) => showPages(context, pages)),
};

function showPages(
  { argv, stdout, stderr, machine, terminal }: ProgramContext,
  { PAGES, ALIASES }: typeof import('./man-pages.ts'),
): number {
  const names = argv.slice(1).filter((arg) => !/^\d$/.test(arg) && !arg.startsWith('-'));
  if (names.length === 0) {
    stderr.write("What manual page do you want?\nFor example, try 'man man'.\n");
    return 1;
  }
  let status = 0;
  for (const name of names) {
    const page = PAGES[ALIASES[name] ?? name];
    if (page === undefined || !machine.fs.exists(page.program)) {
      stderr.write(`No manual entry for ${name}\n`);
      status = 16;
      continue;
    }
    stdout.write(render(ALIASES[name] ?? name, page, terminal !== undefined));
  }
  return status;
}

function render(name: string, page: ManPage, bold: boolean): string {
  const b = (text: string): string => (bold ? `\x1b[1m${text}\x1b[0m` : text);
  const title = `${name.toUpperCase()}(${page.section})`;
  // man-db on an 80-column terminal formats 78 columns; the middle is centred on the line
  const width = 78;
  const center = (left: string, middle: string, right: string): string => {
    const start = Math.max(left.length + 1, Math.ceil((width - middle.length) / 2));
    const end = Math.max(start + middle.length + 1, width - right.length);
    return `${left.padEnd(start)}${middle.padEnd(end - start)}${right}`;
  };
  const wrap = (text: string, indent: number): string => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line !== '' && indent + line.length + 1 + word.length > width - 2) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') lines.push(line);
    return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
  };
  let out = `${center(title, page.header, title)}\n\n${b('NAME')}\n${wrap(page.name, 7)}\n\n${b('SYNOPSIS')}\n`;
  out += `${page.synopsis.map((s) => wrap(s, 7)).join('\n\n')}\n\n${b('DESCRIPTION')}\n${wrap(page.description, 7)}\n`;
  for (const [option, text] of page.options ?? [])
    out += `\n       ${b(option)}\n${wrap(text, 14)}\n`;
  out += `\n${center(page.footer[0], page.footer[1], title)}\n`;
  return out;
}
