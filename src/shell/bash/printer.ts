// Prints a syntax tree back as bash source, the way bash shows a command in `jobs` and in job
// notifications (bash 5.2 print_cmd.c): words as typed, one space between them, redirections after
// the words (`> file`, `2> file`, `2>&1`, `&> file`, `<<< word`), ` | `, ` && `, ` || `, `; `, ` &`.
// Here-document bodies follow the whole text (bash prints them inside it, which cannot be parsed
// again), so that print → parse gives the same tree.

import type { AndOr, Pipeline, Program, Redirection, SimpleCommand } from './syntax-tree.ts';

export function printRedirection(redirection: Redirection): string {
  switch (redirection.type) {
    case 'file':
      return `${redirection.fdText}${redirection.operator} ${redirection.target.raw}`;
    case 'both':
      return `${redirection.operator} ${redirection.target.raw}`;
    case 'duplicate':
      return `${redirection.fdText}${redirection.operator}${redirection.target.raw}`;
    case 'here-string':
      return `${redirection.fdText}<<< ${redirection.word.raw}`;
    case 'here-document': {
      const operator = redirection.stripTabs ? '<<-' : '<<';
      // `<< -EOF` keeps its space, or it would read back as `<<-` and `EOF`.
      const space = !redirection.stripTabs && redirection.delimiterRaw.startsWith('-') ? ' ' : '';
      return `${redirection.fdText}${operator}${space}${redirection.delimiterRaw}`;
    }
  }
}

/** Words the parser would take as reserved (or `!`) if they came first. */
const RESERVED = new Set([
  '!',
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  '{',
  '}',
  '[[',
  'coproc',
  'time',
]);

export function printSimpleCommand(command: SimpleCommand): string {
  const assignments = command.assignments.map((a) => a.raw);
  const words = command.words.map((w) => w.raw);
  const redirections = command.redirections.map(printRedirection);
  // `>x }` runs a command named `}`; printed as `} > x` it would be a syntax error, so a
  // reserved word keeps its redirections in front.
  if (assignments.length === 0 && RESERVED.has(words[0] ?? '')) {
    return [...redirections, ...words].join(' ');
  }
  return [...assignments, ...words, ...redirections].join(' ');
}

export function printPipeline(pipeline: Pipeline): string {
  let text = pipeline.negated ? '! ' : '';
  pipeline.commands.forEach((command, i) => {
    if (i > 0) text += pipeline.stderrPipes[i - 1] === true ? ' |& ' : ' | ';
    text += printSimpleCommand(command);
  });
  return text;
}

/** One and-or chain: what `jobs` shows for a job (bash adds ` &` while it runs). */
export function printAndOr(command: AndOr): string {
  let text = printPipeline(command.first);
  for (const { operator, pipeline } of command.rest)
    text += ` ${operator} ${printPipeline(pipeline)}`;
  return text;
}

/** The whole program on one line, here-document bodies after it. */
export function printProgram(program: Program): string {
  const items = program.items;
  let text = '';
  items.forEach((item, i) => {
    text += printAndOr(item.command);
    if (item.background) text += i === items.length - 1 ? ' &' : ' & ';
    else if (i < items.length - 1) text += '; ';
  });
  const bodies = hereDocumentBodies(program);
  return bodies === '' ? text : `${text}\n${bodies}`;
}

function hereDocumentBodies(program: Program): string {
  let text = '';
  for (const item of program.items) {
    for (const pipeline of [item.command.first, ...item.command.rest.map((r) => r.pipeline)]) {
      for (const command of pipeline.commands) {
        for (const redirection of command.redirections) {
          if (redirection.type !== 'here-document') continue;
          // A body that input cut off has no delimiter line to print.
          text += redirection.body.terminated
            ? `${redirection.body.text}${redirection.delimiter}\n`
            : redirection.body.text;
        }
      }
    }
  }
  return text;
}
