// The scenarios: each builds the same machine from the same seed, holds what its name promises
// (files, packages, the uwsgi.ini line it breaks), names the programs the program layer starts, and
// survives save and load.

import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../src/shell/machine/machine.ts';
import { restoreMachine, snapshotMachine } from '../../../src/shell/machine/machine-snapshot.ts';
import {
  goalCheck,
  registerGoalCheck,
  registerProgramStarter,
  SCENARIOS,
  scenario,
  startScenarioPrograms,
  type ProgramStart,
} from '../../../src/shell/scenarios/index.ts';

const DIR = '/home/ubuntu/helloWorld';
const built = new Map<string, Machine>();
function machineOf(name: keyof typeof SCENARIOS): Machine {
  let machine = built.get(name);
  if (machine === undefined) {
    machine = SCENARIOS[name].build(1);
    built.set(name, machine);
  }
  return machine;
}

describe('every scenario', () => {
  for (const s of Object.values(SCENARIOS)) {
    it(`${s.name}: replays from its seed, saves and loads, starts in the app folder`, () => {
      const first = JSON.stringify(snapshotMachine(s.build(3)));
      expect(JSON.stringify(snapshotMachine(s.build(3)))).toBe(first);
      const back = restoreMachine(JSON.parse(first) as unknown);
      expect(JSON.stringify(snapshotMachine(back))).toBe(first);
      expect(s.cwd).toBe(DIR);
      expect(s.goal?.request.url).toBe('http://localhost:8080/');
      expect(first.length).toBeLessThan(250_000);
    });
  }

  it('are found by name only', () => {
    expect(scenario('original')?.name).toBe('original');
    expect(scenario('nope')).toBeUndefined();
    expect(scenario('toString')).toBeUndefined();
  });
});

describe('original', () => {
  const machine = machineOf('original');

  it('has Debian’s uWSGI without its Python plugin, pip and venv, and no nginx', () => {
    const fs = machine.fs;
    expect(fs.realpath('/usr/bin/uwsgi')).toBe('/usr/bin/uwsgi-core');
    expect(fs.exists('/usr/lib/uwsgi/plugins/python3_plugin.so')).toBe(false);
    expect(machine.packages.isInstalled('uwsgi-plugin-python3')).toBe(false);
    expect(machine.packages.isInstalled('python3-pip')).toBe(true);
    expect(machine.packages.isInstalled('python3-venv')).toBe(true);
    expect(machine.packages.isInstalled('nginx')).toBe(false);
    expect(fs.exists('/etc/nginx')).toBe(false);
    expect(fs.exists('/usr/local/bin/uwsgi')).toBe(false);
  });

  it('has the app and a venv with Flask as pip installs it', () => {
    const fs = machine.fs;
    expect(fs.readText(`${DIR}/app.py`)).toContain('return "Hello World!"');
    expect(fs.stat(`${DIR}/app.py`)).toMatchObject({ uid: 0, gid: 0, mode: 0o644 });
    expect(fs.stat(`${DIR}/.venv/lib/python3.11/site-packages/flask`).type).toBe('directory');
    expect(fs.readText(`${DIR}/.venv/pyvenv.cfg`)).toContain(
      'include-system-site-packages = false',
    );
    expect(fs.exists(`${DIR}/.venv/bin/activate`)).toBe(true);
    expect(fs.exists(`${DIR}/uwsgi.ini`)).toBe(false);
    expect(SCENARIOS.original.programs).toEqual([]);
  });
});

describe('the scenarios built on it', () => {
  it('uwsgi-running: the plugin, the tutorial’s ini with plugin = python3, uWSGI to start', () => {
    const machine = machineOf('uwsgi-running');
    expect(machine.fs.realpath('/usr/lib/uwsgi/plugins/python3_plugin.so')).toBe(
      '/usr/lib/uwsgi/plugins/python311_plugin.so',
    );
    expect(machine.fs.readText(`${DIR}/uwsgi.ini`)).toBe(
      '[uwsgi]\nchdir=/home/ubuntu/helloWorld\nchmod-socket=666\ncallable=app\nmodule=app\nsocket=/tmp/uwsgi.sock\nvirtualenv=/home/ubuntu/helloWorld/.venv\nplugin = python3\n',
    );
    expect(SCENARIOS['uwsgi-running'].programs).toEqual([
      { program: 'uwsgi', argv: ['uwsgi', 'uwsgi.ini'], cwd: DIR },
    ]);
    expect(machine.packages.isInstalled('nginx')).toBe(false);
  });

  it('nginx-ready: nginx-full with the tutorial’s server block, nginx then uWSGI to start', () => {
    const machine = machineOf('nginx-ready');
    expect(machine.packages.isInstalled('nginx-full')).toBe(true);
    expect(machine.fs.readText('/etc/nginx/sites-enabled/default')).toContain(
      'uwsgi_pass unix:/tmp/uwsgi.sock;',
    );
    expect(machine.fs.readLink('/etc/nginx/sites-enabled/default')).toBe(
      '/etc/nginx/sites-available/default',
    );
    expect(SCENARIOS['nginx-ready'].programs.map((p) => p.program)).toEqual(['nginx', 'uwsgi']);
  });

  it('broken-502-socket: no uWSGI, a stale socket file', () => {
    const machine = machineOf('broken-502-socket');
    expect(machine.fs.lstat('/tmp/uwsgi.sock')).toMatchObject({ type: 'socket', mode: 0o666 });
    expect(machine.net.unixListener('/tmp/uwsgi.sock')).toBeUndefined();
    expect(SCENARIOS['broken-502-socket'].programs).toEqual([{ program: 'nginx', via: 'systemd' }]);
  });

  it('broken-502-permission: the ini without chmod-socket', () => {
    const ini = machineOf('broken-502-permission').fs.readText(`${DIR}/uwsgi.ini`);
    expect(ini).not.toContain('chmod-socket');
    expect(ini).toContain('socket=/tmp/uwsgi.sock');
  });

  it('broken-block-size: a goal request with a 5 kB cookie', () => {
    const goal = SCENARIOS['broken-block-size'].goal!;
    const cookie = goal.request.headers?.find(([name]) => name === 'Cookie')?.[1] ?? '';
    expect(cookie.length).toBeGreaterThan(4096);
  });

  it('broken-http-socket: http-socket where nginx speaks uwsgi', () => {
    const ini = machineOf('broken-http-socket').fs.readText(`${DIR}/uwsgi.ini`);
    expect(ini).toContain('http-socket=/tmp/uwsgi.sock');
    expect(ini).not.toMatch(/^socket=/m);
  });

  it('broken-no-app: the tutorial’s placeholder module', () => {
    expect(machineOf('broken-no-app').fs.readText(`${DIR}/uwsgi.ini`)).toContain(
      'module=yourapplication',
    );
  });
});

describe('the program layer’s hooks', () => {
  it('starts a scenario’s programs through the registered starter, and names goal checks', async () => {
    const machine = SCENARIOS['uwsgi-running'].build(1);
    expect(startScenarioPrograms(SCENARIOS.original.build(1), SCENARIOS.original)).toBe(true);
    const started: ProgramStart[] = [];
    registerProgramStarter((_m, programs) => started.push(...programs));
    expect(startScenarioPrograms(machine, SCENARIOS['uwsgi-running'])).toBe(true);
    expect(started).toEqual(SCENARIOS['uwsgi-running'].programs);
    expect(goalCheck('hello-world-through-nginx')).toBeUndefined();
    registerGoalCheck('hello-world-through-nginx', () => ({
      met: false,
      detail: 'connection refused',
    }));
    const check = goalCheck('hello-world-through-nginx')!;
    expect(await check(machine, SCENARIOS['uwsgi-running'].goal!)).toEqual({
      met: false,
      detail: 'connection refused',
    });
  });
});
