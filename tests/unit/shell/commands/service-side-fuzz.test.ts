// Fuzz (fast-check) over the service side's commands on a machine where nginx and uWSGI run:
// curl, ps, kill, ss, netstat, nginx, systemctl, service and the init scripts with options and
// operands that exist, do not, or are of the wrong kind. No exception escapes (every command ends
// with a status), and the machine — programs included — survives being saved and loaded with the
// lab's resumers: the same processes run, on the same pids.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAB_RESUMERS } from '../../../../src/lab/lab-programs.ts';
import { restoreMachine, snapshotMachine } from '../../../../src/shell/machine/machine-snapshot.ts';
import type { Machine } from '../../../../src/shell/machine/machine.ts';
import { runLine, scenarioBench } from '../programs/scenario-shell.ts';

const word = fc.constantFrom(
  '-s',
  '-v',
  '-i',
  '-I',
  '-o',
  '/dev/null',
  '-w',
  '%{http_code}',
  '-X',
  'POST',
  '-d',
  'a=1',
  '-H',
  'X-A: b',
  '--unix-socket',
  '/tmp/uwsgi.sock',
  'http://localhost:8080/',
  'http://localhost:8080/../x/./y',
  'http://[::1]:8080/',
  'localhost',
  'https://localhost/',
  'aux',
  '-ef',
  '-p',
  '1',
  '-o',
  'pid,cmd',
  'f',
  '--forest',
  '-l',
  '-HUP',
  '-9',
  '-s',
  'QUIT',
  '%1',
  '99999',
  '-lx',
  '-ltnp',
  '-lxp',
  '-t',
  '-T',
  '-q',
  '-c',
  '/etc/nginx/nginx.conf',
  '-p',
  '/tmp',
  '-s',
  'reload',
  'stop',
  'start',
  'restart',
  'status',
  'enable',
  'disable',
  'daemon-reload',
  'is-active',
  'nginx',
  'uwsgi',
  'nope',
  'configtest',
  '--status-all',
  '--bogus',
  '',
  '한글',
);

const command = fc.constantFrom(
  'curl',
  'ps',
  'kill',
  'ss',
  'nginx',
  'systemctl',
  'service',
  '/etc/init.d/nginx',
  '/etc/init.d/uwsgi',
);

const line = fc
  .tuple(command, fc.array(word, { maxLength: 5 }))
  .map(([name, args]) => [name, ...args.map((a) => `'${a}'`)].join(' '));

/** What runs: pid, user and command of nginx's and uWSGI's processes. */
function programs(machine: Machine): string[] {
  return machine.processes
    .list()
    .filter((p) => p.comm === 'nginx' || p.comm === 'uwsgi')
    .map((p) => `${p.pid} ${p.user} ${p.command}`);
}

describe('the service side’s commands, fuzzed', () => {
  it('never throw, and the machine survives save and load with its programs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const { machine, shell } = scenarioBench('nginx-ready');
        for (const text of lines) {
          const result = await runLine(shell, text);
          expect(result.status).toBeGreaterThanOrEqual(0);
        }
        const loaded = restoreMachine(JSON.parse(JSON.stringify(snapshotMachine(machine))), {
          resumers: LAB_RESUMERS,
        });
        expect(programs(loaded)).toEqual(programs(machine));
      }),
      { numRuns: 25, seed: 20261126 },
    );
  }, 240_000);
});
