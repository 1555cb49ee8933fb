// The lab: a fresh machine from its scenario; save and open give back the same machine, shell and
// history; an entry that cannot be read gives a fresh machine and a notice, its text set aside;
// reset; clones that never touch the reader's machine; journeys and the goal check as events.
import { describe, expect, it } from 'vitest';
import { JourneyRecorder } from '../../../src/gateway/trace/index.ts';
import { Lab } from '../../../src/lab/lab.ts';
import type { LabEvent } from '../../../src/lab/lab-event.ts';
import {
  LAB_SCHEMA_VERSION,
  labStorageKey,
  type LabStorageArea,
} from '../../../src/lab/lab-storage.ts';
import { MachineShell } from '../../../src/shell/machine-shell.ts';
import { snapshotMachine } from '../../../src/shell/machine/machine-snapshot.ts';
import type { Machine } from '../../../src/shell/machine/machine.ts';
import {
  GOALS,
  registerGoalCheck,
  SCENARIOS,
  type Scenario,
} from '../../../src/shell/scenarios/index.ts';
import { TerminalSession } from '../../../src/shell/terminal-session.ts';

const ORIGINAL = SCENARIOS.original;
const KEY = labStorageKey('original');

function memoryArea(): LabStorageArea & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const machineText = (machine: Machine): string => JSON.stringify(snapshotMachine(machine));
/** The scenario's machine with a login shell on it (the shell took a pid), as a lab opens it. */
const freshText = (scenario: Scenario = ORIGINAL): string => {
  const machine = scenario.build(1);
  new MachineShell(machine, { cwd: scenario.cwd });
  return machineText(machine);
};

/** Types lines into the lab's shell as the terminal does; returns what the terminal showed. */
async function type(lab: Lab, ...lines: string[]): Promise<string> {
  let screen = '';
  const session = new TerminalSession({
    shell: lab.shell.session,
    completer: lab.shell.completer,
    write: (data) => void (screen += data),
  });
  await session.start();
  for (const line of lines) {
    session.input(`${line}\r`);
    await session.whenIdle();
  }
  return screen;
}

function events(lab: Lab): LabEvent[] {
  const seen: LabEvent[] = [];
  lab.subscribe((event) => seen.push(event));
  return seen;
}

describe('opening a lab', () => {
  it('starts the scenario’s machine fresh when nothing is saved', async () => {
    const lab = Lab.open({ scenario: ORIGINAL, storage: memoryArea() });
    expect(lab.notice).toBeUndefined();
    expect(lab.programsStarted).toBe(true);
    expect(machineText(lab.machine)).toBe(freshText());
    expect(lab.shell.session.state.cwd).toBe(ORIGINAL.cwd);
    expect(lab.goal).toEqual({ kind: 'unchecked' });
    expect(lab.journeys).toEqual([]);
    expect(await type(lab, 'pwd')).toContain('\r\n/home/ubuntu/helloWorld\r\n');
  });

  it('works with no storage at all, and says it is not saved', () => {
    const lab = Lab.open({ scenario: ORIGINAL });
    const seen = events(lab);
    expect(lab.save()).toBe(false);
    expect(seen).toEqual([{ kind: 'saved', saved: false }]);
  });
});

describe('saving and opening again', () => {
  it('gives back the same machine, shell session and history', async () => {
    const area = memoryArea();
    const lab = Lab.open({ scenario: ORIGINAL, storage: area, now: () => 42 });
    await type(lab, 'echo 안녕 > /tmp/note.txt', 'cd /tmp', 'export COLOR=blue');
    const seen = events(lab);
    expect(lab.save()).toBe(true);
    expect(seen).toEqual([{ kind: 'saved', saved: true }]);
    const saved = JSON.parse(area.items.get(KEY) ?? 'null') as Record<string, unknown>;
    expect(saved).toMatchObject({ schema: LAB_SCHEMA_VERSION, scenario: 'original', savedAt: 42 });

    const again = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(again.notice).toBeUndefined();
    expect(machineText(again.machine)).toBe(machineText(lab.machine));
    expect(again.shell.toJSON()).toEqual(lab.shell.toJSON());
    expect(again.shell.session.history.toJSON().entries).toEqual([
      'echo 안녕 > /tmp/note.txt',
      'cd /tmp',
      'export COLOR=blue',
    ]);
    const screen = await type(again, 'cat note.txt', 'echo $COLOR');
    expect(screen).toContain('root@helloworld:/tmp# ');
    expect(screen).toContain('\r\n안녕\r\n');
    expect(screen).toContain('\r\nblue\r\n');
  });

  it('keeps the newest journeys with the machine', () => {
    const area = memoryArea();
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    const seen = events(lab);
    const journey = new JourneyRecorder(lab.machine.journeys.nextId(), 0).journey();
    lab.machine.journeys.record(journey, { kind: 'command', line: 'curl localhost:8080' });
    expect(seen).toEqual([{ kind: 'journey', entry: lab.journeys[0] }]);
    lab.save();
    const again = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(again.journeys).toEqual(lab.journeys);
    expect(again.machine.journeys.nextId()).toBe(2);
  });
});

describe('a saved entry that cannot be read', () => {
  const fresh = freshText();

  it.each([
    ['broken JSON', '{"schema":1,"scenario":"original","mach'],
    [
      'a machine that does not load',
      JSON.stringify({
        schema: LAB_SCHEMA_VERSION,
        scenario: 'original',
        savedAt: 1,
        machine: { format: 'uwsgi-lab/machine', version: 1, seed: 'x' },
        shell: { pid: 2 },
      }),
    ],
  ])('%s: a fresh machine, a notice, the text set aside', (_name, raw) => {
    const area = memoryArea();
    area.setItem(KEY, raw);
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(lab.notice).toBe('saved-state-corrupt');
    expect(machineText(lab.machine)).toBe(fresh);
    expect(area.items.has(KEY)).toBe(false);
    expect(area.items.get(`${KEY}.broken`)).toBe(raw);
  });

  it('a good machine with a broken shell session is set aside whole', () => {
    const area = memoryArea();
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    lab.save();
    const entry = JSON.parse(area.items.get(KEY) ?? '') as Record<string, unknown>;
    const raw = JSON.stringify({ ...entry, shell: { pid: 1, state: { cwd: 'tmp' } } });
    area.setItem(KEY, raw);
    const again = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(again.notice).toBe('saved-state-corrupt');
    expect(area.items.get(`${KEY}.broken`)).toBe(raw);
  });

  it('an entry from an older schema: a fresh machine and the “outdated” notice', () => {
    const area = memoryArea();
    const raw = JSON.stringify({ schema: LAB_SCHEMA_VERSION - 1, scenario: 'original' });
    area.setItem(KEY, raw);
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(lab.notice).toBe('saved-state-outdated');
    expect(machineText(lab.machine)).toBe(fresh);
    expect(area.items.get(`${KEY}.broken`)).toBe(raw);
  });

  it('journeys that are not journeys are dropped; the machine still opens', () => {
    const area = memoryArea();
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    lab.save();
    const entry = JSON.parse(area.items.get(KEY) ?? '') as Record<string, unknown>;
    area.setItem(KEY, JSON.stringify({ ...entry, journeys: { next: 3, entries: [{}] } }));
    const again = Lab.open({ scenario: ORIGINAL, storage: area });
    expect(again.notice).toBeUndefined();
    expect(again.journeys).toEqual([]);
  });
});

describe('reset', () => {
  it('starts a fresh machine and shell and forgets what was saved', async () => {
    const area = memoryArea();
    const lab = Lab.open({ scenario: ORIGINAL, storage: area });
    await type(lab, 'rm /home/ubuntu/helloWorld/app.py');
    lab.save();
    const oldShell = lab.shell;
    const seen = events(lab);
    lab.reset();
    expect(area.items.has(KEY)).toBe(false);
    expect(lab.shell).not.toBe(oldShell);
    expect(machineText(lab.machine)).toBe(freshText());
    expect(lab.shell.session.history.toJSON().entries).toEqual([]);
    expect(seen).toEqual([{ kind: 'reset' }, { kind: 'goal', status: { kind: 'unchecked' } }]);
    expect(lab.machine.fs.exists('/home/ubuntu/helloWorld/app.py')).toBe(true);
  });

  it('follows the new machine’s journeys, not the old one’s', () => {
    const lab = Lab.open({ scenario: ORIGINAL });
    const old = lab.machine;
    lab.reset();
    const seen = events(lab);
    old.journeys.record(new JourneyRecorder(1, 0).journey(), { kind: 'goal', goal: 'x' });
    expect(seen).toEqual([]);
    lab.machine.journeys.record(new JourneyRecorder(1, 0).journey(), { kind: 'goal', goal: 'x' });
    expect(seen).toHaveLength(1);
  });
});

describe('clone', () => {
  it('is the same machine, and independent of the reader’s both ways', async () => {
    const lab = Lab.open({ scenario: ORIGINAL });
    await type(lab, 'touch /tmp/before');
    const copy = lab.clone();
    expect(copy).not.toBe(lab.machine);
    expect(machineText(copy)).toBe(machineText(lab.machine));
    copy.fs.writeText('/tmp/only-in-clone', 'x\n');
    copy.fs.unlink('/tmp/before');
    await type(lab, 'touch /tmp/only-in-lab');
    expect(lab.machine.fs.exists('/tmp/only-in-clone')).toBe(false);
    expect(lab.machine.fs.exists('/tmp/before')).toBe(true);
    expect(copy.fs.exists('/tmp/only-in-lab')).toBe(false);
  });
});

describe('the goal', () => {
  it('is none for a scenario without one', async () => {
    const withoutGoal: Scenario = { ...ORIGINAL };
    delete (withoutGoal as { goal?: unknown }).goal;
    const lab = Lab.open({ scenario: withoutGoal });
    expect(lab.goal).toEqual({ kind: 'none' });
    expect(await lab.checkGoal()).toEqual({ kind: 'none' });
  });

  it('is checked on the reader’s machine by the registered check, as events', async () => {
    const machines: Machine[] = [];
    registerGoalCheck('hello-world-through-nginx', (machine) => {
      machines.push(machine);
      return machine.fs.exists('/tmp/works')
        ? { met: true, detail: '200 OK: Hello World!' }
        : { met: false, detail: 'curl: (7) Failed to connect to localhost port 8080' };
    });
    const lab = Lab.open({ scenario: ORIGINAL });
    const seen = events(lab);
    expect(await lab.checkGoal()).toEqual({
      kind: 'not-met',
      detail: 'curl: (7) Failed to connect to localhost port 8080',
    });
    lab.machine.fs.writeText('/tmp/works', '');
    expect(await lab.checkGoal()).toEqual({ kind: 'met', detail: '200 OK: Hello World!' });
    expect(machines).toEqual([lab.machine, lab.machine]);
    expect(seen.map((e) => (e.kind === 'goal' ? e.status.kind : e.kind))).toEqual([
      'checking',
      'not-met',
      'checking',
      'met',
    ]);
  });

  it('drops an answer about a machine that was reset meanwhile', async () => {
    let answer: (value: { met: true; detail: string }) => void = () => undefined;
    registerGoalCheck(
      'hello-world-through-nginx',
      () => new Promise((resolve) => (answer = resolve)),
    );
    const lab = Lab.open({ scenario: ORIGINAL });
    const pending = lab.checkGoal();
    lab.reset();
    answer({ met: true, detail: 'late' });
    expect(await pending).toEqual({ kind: 'unchecked' });
    expect(lab.goal).toEqual({ kind: 'unchecked' });
  });
});

describe('a goal the page chose', () => {
  const SOCKET_GOAL = GOALS['app-on-uwsgi-socket'];

  it('is the one checked, with its own registered check', async () => {
    const lab = Lab.open({ scenario: ORIGINAL, goal: SOCKET_GOAL });
    expect(lab.objective).toBe(SOCKET_GOAL);
    expect(lab.goal).toEqual({ kind: 'unchecked' });
    const status = await lab.checkGoal();
    expect(status.kind).toBe('not-met');
    expect(status.kind === 'not-met' ? status.detail : '').toMatch(
      /^connect\(\) to unix:\/tmp\/uwsgi\.sock failed \(2: No such file or directory\)/,
    );
    expect(lab.journeys.at(-1)?.origin).toEqual({ kind: 'goal', goal: 'app-on-uwsgi-socket' });
  });

  it('keeps its machine apart from the scenario’s own; the scenario’s own goal does not', async () => {
    const area = memoryArea();
    const lesson = Lab.open({ scenario: ORIGINAL, goal: SOCKET_GOAL, storage: area });
    await type(lesson, 'touch /tmp/lesson');
    lesson.save();
    const key = labStorageKey('original', 'app-on-uwsgi-socket');
    expect(area.items.has(key)).toBe(true);
    expect(area.items.has(KEY)).toBe(false);
    expect(Lab.open({ scenario: ORIGINAL, storage: area }).machine.fs.exists('/tmp/lesson')).toBe(
      false,
    );
    const again = Lab.open({ scenario: ORIGINAL, goal: SOCKET_GOAL, storage: area });
    expect(again.machine.fs.exists('/tmp/lesson')).toBe(true);
    again.reset();
    expect(area.items.has(key)).toBe(false);
    const same = Lab.open({
      scenario: ORIGINAL,
      goal: GOALS['hello-world-through-nginx'],
      storage: area,
    });
    same.save();
    expect(same.objective).toBe(ORIGINAL.goal);
    expect(area.items.has(KEY)).toBe(true);
  });
});

describe('close', () => {
  it('ends the shell and stops telling anyone about the machine', () => {
    const lab = Lab.open({ scenario: ORIGINAL });
    const seen = events(lab);
    lab.close();
    lab.machine.journeys.record(new JourneyRecorder(1, 0).journey(), { kind: 'goal', goal: 'x' });
    lab.save();
    expect(seen).toEqual([]);
  });
});

describe('login', () => {
  it('gives a new shell on the same machine after the last one ended', async () => {
    const lab = Lab.open({ scenario: ORIGINAL });
    await type(lab, 'touch /tmp/kept', 'cd /', 'exit');
    const machine = lab.machine;
    const first = lab.shell;
    const shell = lab.login();
    expect(shell).not.toBe(first);
    expect(lab.shell).toBe(shell);
    expect(lab.machine).toBe(machine);
    expect(shell.pid).not.toBe(first.pid);
    expect(await type(lab, 'ls /tmp')).toContain(
      'root@helloworld:/home/ubuntu/helloWorld# ls /tmp\r\nkept\r\n',
    );
  });
});
