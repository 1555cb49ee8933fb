// Fuzz (fast-check): 10 000 command lines generated from the shell's grammar — pipes, lists,
// redirections, background jobs, quotes, globs — over every command the machine has, with options
// and operands that exist, do not, or are of the wrong kind. No exception may escape, and after
// each batch the machine and the shell survive being saved and loaded again unchanged.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextInput } from '../../../src/shell/bash/text-input.ts';
import { MachineShell, readMachineShellState } from '../../../src/shell/machine-shell.ts';
import { restoreMachine, snapshotMachine } from '../../../src/shell/machine/machine-snapshot.ts';
import { Collector, transcriptShell, workMachine } from './machine-transcript.ts';

const operand = fc.constantFrom(
  'app.py',
  'uwsgi.ini',
  'notes.txt',
  'a\\ b.txt',
  '"a b.txt"',
  'empty',
  'logs',
  'logs/access.log',
  'sub',
  'sub/deeper',
  'private',
  'link',
  'dirlink',
  'dangling',
  'loop1',
  'uwsgi.sock',
  'run.sh',
  'plain.sh',
  'nope',
  'new',
  'new/x',
  '.',
  '..',
  '/',
  '/tmp',
  '/etc/passwd',
  '/etc/hostname',
  '/dev/null',
  '/usr/bin/ls',
  '/usr/bin/uwsgi',
  '~',
  '~root',
  '*',
  's*',
  '*.py',
  '$HOME',
  '"$PWD"',
  "'한글'",
  '-',
  '--',
  '',
);
const option = fc.constantFrom(
  '-l',
  '-a',
  '-A',
  '-h',
  '-d',
  '-r',
  '-R',
  '-f',
  '-p',
  '-n',
  '-s',
  '-v',
  '-i',
  '-c',
  '-x',
  '-e',
  '-E',
  '-1',
  '-t',
  '-S',
  '-L',
  '-P',
  '-T',
  '-m',
  '-u',
  '-g',
  '-G',
  '-q',
  '-w',
  '-la',
  '-rf',
  '-sf',
  '-n2',
  '-c5',
  '--color=always',
  '--full-time',
  '--bogus',
  '-z',
  '--',
  '-',
);
const special = fc.constantFrom(
  '755',
  '644',
  'u+x',
  'go-w',
  'a=r',
  'zz',
  'www-data',
  'root:adm',
  ':nogroup',
  'nope:nope',
  '2',
  '-3',
  '+2',
  '%s\\n',
  '%d',
  'x',
  'uwsgi',
  '^def',
  'a[',
  '\\(',
  '(',
);
const command = fc.constantFrom(
  'ls',
  'cd',
  'pwd',
  'cat',
  'echo',
  'printf',
  'mkdir',
  'touch',
  'rm',
  'mv',
  'cp',
  'ln',
  'chmod',
  'chown',
  'stat',
  'head',
  'tail',
  'grep',
  'wc',
  'which',
  'whoami',
  'id',
  'sudo',
  'env',
  'type',
  'hash',
  'source',
  '.',
  'history',
  'help',
  'man',
  'clear',
  'umask',
  'true',
  'false',
  'deactivate',
  './run.sh',
  './plain.sh',
  './app.py',
  'sh',
  'bash',
  'export',
  'unset',
  'nosuchcommand',
  'tar',
  'exit',
  'sort',
  'uniq',
  'tee',
  'basename',
  'dirname',
  'readlink',
  'realpath',
  'uname',
  'date',
  'hostname',
  // the programs (those that hold the terminal until Ctrl-C — uwsgi, python3 app.py, nano, vi,
  // fg — are fuzzed with their own drivers)
  'ps',
  'kill',
  'jobs',
  'bg',
  'find',
  'sleep',
  'ss',
  'pip',
  'pip3',
  'apt-get',
  'nginx',
  'curl',
  'systemctl',
  'service',
);
const simple = fc
  .tuple(
    command,
    fc.array(
      fc.oneof({ weight: 3, arbitrary: operand }, { weight: 2, arbitrary: option }, special),
      { maxLength: 4 },
    ),
  )
  // tail -f runs until a signal, and `history | bash` runs itself again and again (as real bash
  // would): the fuzz starts neither
  .map(([name, args]) => {
    if (name === 'tail') return [name, ...args.filter((arg) => !/^-[^-]*[fF]/.test(arg))].join(' ');
    if (name === 'bash' || name === 'sh')
      return [name, '-c', "'echo in a child'", ...args].join(' ');
    return [name, ...args].join(' ');
  });
const redirected = fc
  .tuple(
    simple,
    fc.constantFrom(
      '',
      '',
      '',
      ' > out.txt',
      ' >> out.txt',
      ' 2>&1',
      ' 2> /dev/null',
      ' < app.py',
      ' > sub',
      ' > uwsgi.sock',
      ' < nope',
    ),
  )
  .map(([line, redirection]) => line + redirection);
const pipeline = fc
  .array(redirected, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(' | '));
const line = fc
  .tuple(
    pipeline,
    fc.array(fc.tuple(fc.constantFrom(' && ', ' || ', '; ', ' & '), pipeline), { maxLength: 2 }),
    fc.constantFrom('', '', '', ' &'),
  )
  .map(([first, rest, end]) => first + rest.map(([op, p]) => op + p).join('') + end);

describe('10 000 generated command lines', () => {
  it('never throw, and the machine and shell survive save and load after every batch', async () => {
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 200, maxLength: 200 }), async (batch) => {
        let machine = workMachine();
        let shell = transcriptShell(machine);
        const out = new Collector();
        const streams = { stdin: new TextInput(''), stdout: out, stderr: out };
        for (const text of batch) {
          const step = await shell.session.submit(text, streams);
          lines++;
          // `exit` ends this shell: a new login goes on
          if (step.kind === 'exit') shell = new MachineShell(machine, {});
        }
        // let background jobs finish
        await new Promise((resolve) => setTimeout(resolve, 0));
        const saved = JSON.stringify(snapshotMachine(machine));
        machine = restoreMachine(JSON.parse(saved) as unknown);
        expect(JSON.stringify(snapshotMachine(machine))).toBe(saved);
        const session = readMachineShellState(
          JSON.parse(JSON.stringify(shell.toJSON())) as unknown,
        );
        const again = new MachineShell(machine, { saved: session });
        expect(again.toJSON()).toEqual(shell.toJSON());
        await again.session.submit('ls -la / > /dev/null; cd; pwd', streams);
        expect(typeof out.text).toBe('string');
      }),
      { numRuns: 50, seed: 20261126 },
    );
    expect(lines).toBe(10_000);
  }, 120_000);
});
