// Property tests (fast-check): command lines generated from the subset's grammar — and the same
// lines with random shell punctuation spliced in — never make the parser throw anything but
// ShellError; a parsed program printed and parsed again prints the same; and the session runs any
// of them without an exception escaping.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/shell/bash/parser.ts';
import { printProgram } from '../../../src/shell/bash/printer.ts';
import { ShellError } from '../../../src/shell/bash/shell-error.ts';
import { ShellSession } from '../../../src/shell/bash/shell-session.ts';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { Collector, fakeMachine } from './fake-host.ts';

const plain = fc.constantFrom(
  'echo',
  'cat',
  'true',
  'false',
  'uwsgi',
  '--socket',
  '/tmp/uwsgi.sock',
  'app:app',
  '-l',
  'a=b',
  '한글',
  '*.sock',
  '/etc/nginx/sites-*',
  '[ab]?',
  '~',
  '~/x',
  '~root',
  'x\\ y',
);
const variable = fc.constantFrom(
  '$HOME',
  '$?',
  '$!',
  '$$',
  '${X}',
  '${X:-d e}',
  '${#HOME}',
  '$uri',
  '${X#*.}',
);
const singleQuoted = fc.constantFrom("'a b'", "'$uri'", "''", "'\"'");
const doubleQuoted = fc
  .array(fc.oneof(fc.constantFrom('a', ' ', '\\"', '\\$', '\\\\', "'", '한'), variable), {
    maxLength: 4,
  })
  .map((parts) => `"${parts.join('')}"`);
const substitution = fc.constantFrom('$(echo x)', '`echo y`', '"$(echo a  b)"');
const word = fc
  .array(
    fc.oneof({ weight: 4, arbitrary: plain }, variable, singleQuoted, doubleQuoted, substitution),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((parts) => parts.join(''));
const redirection = fc.oneof(
  fc
    .tuple(fc.constantFrom('>', '>>', '<', '2>', '2>>', '&>', '<<<'), word)
    .map(([op, w]) => `${op}${w}`),
  fc.constantFrom('2>&1', '>&2', '>/dev/null', '2>&-'),
);
const assignment = fc.tuple(fc.constantFrom('A', 'X', 'PATH'), word).map(([n, w]) => `${n}=${w}`);
const command = fc
  .tuple(
    fc.array(assignment, { maxLength: 2 }),
    fc.array(fc.oneof({ weight: 3, arbitrary: word }, redirection), { minLength: 1, maxLength: 4 }),
  )
  .map(([assignments, rest]) => [...assignments, ...rest].join(' '));
const pipeline = fc
  .tuple(
    fc.boolean(),
    fc.array(command, { minLength: 1, maxLength: 3 }),
    fc.constantFrom(' | ', ' |& '),
  )
  .map(([negated, commands, pipe]) => `${negated ? '! ' : ''}${commands.join(pipe)}`);
const andOr = fc
  .tuple(
    pipeline,
    fc.array(fc.tuple(fc.constantFrom(' && ', ' || ', ' &&\n'), pipeline), { maxLength: 2 }),
  )
  .map(([first, rest]) => first + rest.map(([op, p]) => op + p).join(''));
const hereDocument = fc
  .tuple(
    fc.constantFrom('EOF', "'EOF'", '"EOF"', '-EOF'),
    fc.array(fc.oneof(word, variable), { maxLength: 3 }),
  )
  .map(([delimiter, body]) => {
    const name = delimiter.replace(/['"-]/g, '');
    const strip = delimiter.startsWith('-');
    return { operator: `<<${delimiter}`, body: `${strip ? '\t' : ''}${body.join(' ')}\n${name}\n` };
  });
/** A whole command line, here-document bodies after it. */
const commandLine = fc
  .tuple(
    fc.array(fc.tuple(andOr, fc.constantFrom('; ', ' & ', ';\n')), { minLength: 1, maxLength: 3 }),
    fc.option(hereDocument, { nil: undefined }),
    fc.option(fc.constantFrom(' # a comment', ' &', ';'), { nil: undefined }),
  )
  .map(([items, doc, end]) => {
    let line = items.map(([c, sep], i) => (i < items.length - 1 ? c + sep : c)).join('');
    // A here-document's body starts after the first newline: keep the command on one line.
    if (doc !== undefined) line = `cat ${doc.operator} | ${line.replaceAll('\n', ' ')}`;
    line += end ?? '';
    return doc === undefined ? `${line}\n` : `${line}\n${doc.body}`;
  });
const PUNCTUATION = [
  ';',
  '|',
  '&',
  '(',
  ')',
  '<',
  '>',
  '"',
  "'",
  '`',
  '\\',
  '$',
  '{',
  '}',
  '#',
  '\n',
  ' ',
  '!',
  '*',
];
/** A generated line with random punctuation inserted: mostly not valid bash any more. */
const mangledLine = fc
  .tuple(
    commandLine,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PUNCTUATION)), { maxLength: 4 }),
  )
  .map(([line, inserts]) => {
    let text = line;
    for (const [at, char] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + char + text.slice(i);
    }
    return text;
  });

describe('properties of the bash subset', () => {
  it('parses every generated line', () => {
    fc.assert(
      fc.property(commandLine, (text) => {
        const result = parse(text, { final: true });
        expect(result.status).toBe('complete');
      }),
      { numRuns: 400 },
    );
  });

  it('only ever throws ShellError, whatever is spliced into a line', () => {
    fc.assert(
      fc.property(mangledLine, fc.boolean(), (text, final) => {
        try {
          parse(text, { final });
        } catch (error) {
          if (!(error instanceof ShellError)) throw error;
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('only ever throws ShellError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.boolean(), (text, final) => {
        try {
          parse(text, { final });
        } catch (error) {
          if (!(error instanceof ShellError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('prints a program so that it parses back to the same program', () => {
    fc.assert(
      fc.property(fc.oneof(commandLine, mangledLine), (text) => {
        // A backslash that is the very last character stays a backslash (`bash -c 'echo a\'`);
        // printed before a newline it would join lines instead.
        if (text.endsWith('\\')) return;
        let result;
        try {
          result = parse(text, { final: true });
        } catch {
          return;
        }
        if (result.status !== 'complete') return;
        const printed = printProgram(result.program);
        const again = parse(printed.endsWith('\n') ? printed : `${printed}\n`, { final: true });
        expect(again.status).toBe('complete');
        if (again.status === 'complete') expect(printProgram(again.program)).toBe(printed);
      }),
      { numRuns: 800 },
    );
  });

  it('runs any generated line in a session without an exception escaping', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(commandLine, mangledLine), async (text) => {
        const machine = fakeMachine({
          files: { '/tmp/uwsgi.sock': '', '/etc/nginx/sites-enabled': null },
        });
        const shell = new ShellSession(machine.host, machine.state, {
          user: 'root',
          uid: 0,
          hostname: 'h',
        });
        const out = new Collector();
        const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
        for (const line of text.split('\n')) {
          const step = await shell.submit(line, streams);
          if (step.kind === 'exit') return;
        }
        await shell.endOfInput(streams);
      }),
      { numRuns: 300 },
    );
  });
});
