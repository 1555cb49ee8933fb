// Every scenario starts with the programs it names running — nginx as Debian's systemd unit starts
// it, uWSGI as an earlier login shell left it — and its goal check sends a real request curl →
// nginx → uWSGI → app, recorded as a journey. A saved machine loaded with the lab's resumers has
// the same programs running again, with the same pids, and answers the same.

import { describe, expect, it } from 'vitest';
import { LAB_RESUMERS } from '../../../../src/lab/lab-programs.ts';
import { restoreMachine, snapshotMachine } from '../../../../src/shell/machine/machine-snapshot.ts';
import type { Machine } from '../../../../src/shell/machine/machine.ts';
import { SCENARIOS, goalCheck, type ScenarioName } from '../../../../src/shell/scenarios/index.ts';
import { scenarioBench } from './scenario-shell.ts';

/** What runs: nginx's and uWSGI's processes as `ps -eo user,ppid,cmd` would list them. */
function programs(machine: Machine): string[] {
  return machine.processes
    .list()
    .filter((p) => p.comm === 'nginx' || p.comm === 'uwsgi')
    .map((p) => `${p.user} ${p.ppid === 1 ? 1 : 'master'} ${p.command}`);
}

const NGINX = [
  'root 1 nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
  'www-data master nginx: worker process',
  'www-data master nginx: worker process',
];
const UWSGI = ['root 1 uwsgi uwsgi.ini'];

const REFUSED =
  "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server";

/** The check's detail: only what curl, nginx and uWSGI print (real-output.md, real-output-shell.md §5). */
const EXPECTED: Readonly<
  Record<ScenarioName, { programs: readonly string[]; met: boolean; detail: string }>
> = {
  original: { programs: [], met: false, detail: REFUSED },
  'uwsgi-running': { programs: UWSGI, met: false, detail: REFUSED },
  'nginx-ready': {
    programs: [...NGINX, ...UWSGI],
    met: true,
    detail: 'HTTP/1.1 200 OK · Hello World!',
  },
  'broken-502-socket': {
    programs: NGINX,
    met: false,
    detail:
      'HTTP/1.1 502 Bad Gateway · nginx: [error] connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused) while connecting to upstream',
  },
  'broken-502-permission': {
    programs: [...NGINX, ...UWSGI],
    met: false,
    detail:
      'HTTP/1.1 502 Bad Gateway · nginx: [crit] connect() to unix:/tmp/uwsgi.sock failed (13: Permission denied) while connecting to upstream',
  },
  'broken-block-size': {
    programs: [...NGINX, ...UWSGI],
    met: false,
    detail:
      'HTTP/1.1 502 Bad Gateway · invalid request block size: 5381 (max 4096)...skip · nginx: [error] recv() failed (104: Connection reset by peer) while reading response header from upstream',
  },
  'broken-http-socket': {
    programs: [...NGINX, ...UWSGI],
    met: false,
    detail:
      'HTTP/1.1 502 Bad Gateway · nginx: [error] upstream prematurely closed connection while reading response header from upstream',
  },
  'broken-no-app': {
    programs: [...NGINX, ...UWSGI],
    met: false,
    detail:
      'HTTP/1.1 500 Internal Server Error · --- no python application found, check your startup logs for errors ---',
  },
};

describe('scenarios start with their programs, and their goal is a real request', () => {
  for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
    it(name, async () => {
      const { machine } = scenarioBench(name);
      const expected = EXPECTED[name];
      expect(programs(machine).filter((line) => !/^root master uwsgi$/.test(line))).toEqual(
        expected.programs,
      );
      const scenario = SCENARIOS[name];
      const goal = scenario.goal!;
      const before = machine.journeys.list().length;
      const result = await goalCheck(goal.id)!(machine, goal);
      expect(result.met).toBe(expected.met);
      expect(result.detail).toBe(expected.detail);
      // the check went over the wire like any curl, and the lab sees it
      expect(machine.journeys.list().length).toBe(before + 1);
      expect(machine.journeys.latest()!.origin).toEqual({ kind: 'goal', goal: goal.id });
    });
  }
});

describe('a saved machine loaded with the lab’s resumers', () => {
  for (const name of ['nginx-ready', 'broken-502-permission'] as const) {
    it(`${name}: the same processes, pids and answer`, async () => {
      const { machine } = scenarioBench(name);
      const goal = SCENARIOS[name].goal!;
      const json = JSON.parse(JSON.stringify(snapshotMachine(machine))) as unknown;
      const loaded = restoreMachine(json, { resumers: LAB_RESUMERS });
      const pids = (m: Machine): number[] =>
        m.processes
          .list()
          .filter((p) => p.comm === 'nginx' || p.comm === 'uwsgi')
          .map((p) => p.pid);
      expect(pids(loaded)).toEqual(pids(machine));
      expect(programs(loaded)).toEqual(programs(machine));
      const [here, there] = [
        await goalCheck(goal.id)!(machine, goal),
        await goalCheck(goal.id)!(loaded, goal),
      ];
      expect(there).toEqual(here);
    });
  }

  it('nginx keeps serving the config it loaded, not the file as edited since', async () => {
    const { machine } = scenarioBench('nginx-ready');
    const path = '/etc/nginx/sites-available/default';
    machine.fs.writeText(path, machine.fs.readText(path).replace(/listen\s+8080/, 'listen 8081'));
    const loaded = restoreMachine(JSON.parse(JSON.stringify(snapshotMachine(machine))), {
      resumers: LAB_RESUMERS,
    });
    const goal = SCENARIOS['nginx-ready'].goal!;
    expect((await goalCheck(goal.id)!(loaded, goal)).met).toBe(true);
    expect(loaded.fs.readText(path)).toContain('listen 8081');
  });

  it('systemd’s view survives too: systemctl knows nginx is active with the same main pid', async () => {
    const { machine } = scenarioBench('nginx-ready');
    const loaded = restoreMachine(JSON.parse(JSON.stringify(snapshotMachine(machine))), {
      resumers: LAB_RESUMERS,
    });
    const { serviceManager } = await import('../../../../src/shell/programs/service-manager.ts');
    const before = serviceManager(machine).runtime('nginx');
    const after = serviceManager(loaded).runtime('nginx');
    expect(after.active).toBe('active');
    expect(after.mainPid).toBe(before.mainPid);
  });
});
