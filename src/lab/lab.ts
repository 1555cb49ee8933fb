// One page's lab: a machine built from a scenario, root's shell on it, and the journeys its
// requests made. The terminal (and later the visualizer) are views that subscribe to it. It saves
// itself through lab-storage (the island debounces), opens what the reader left — or, when that
// cannot be read, a fresh machine with a notice — resets to a fresh machine, clones the machine
// for "what if" presets (never touching the reader's), and checks its goal — the scenario's, or one
// the page chose — with a real request (curl → nginx → uWSGI → app, or nginx's packet straight to
// uWSGI's socket). No DOM: it runs in Node tests as in the browser.

import type { JourneyEntry } from '../shell/machine/journey-log.ts';
import {
  restoreMachine,
  snapshotMachine,
  type ProgramResumer,
} from '../shell/machine/machine-snapshot.ts';
import type { Machine } from '../shell/machine/machine.ts';
import { MachineShell, readMachineShellState } from '../shell/machine-shell.ts';
import {
  goalCheck,
  startScenarioPrograms,
  type Scenario,
  type ScenarioGoal,
} from '../shell/scenarios/index.ts';
import type { GoalStatus } from './goal-status.ts';
import type { LabEvent, LabListener } from './lab-event.ts';
import type { LabNotice } from './lab-notice.ts';
import { LAB_RESUMERS } from './lab-programs.ts';
import {
  LAB_SCHEMA_VERSION,
  forgetLab,
  labStorageKey,
  loadLab,
  setAside,
  storeLab,
  type LabStorageArea,
} from './lab-storage.ts';
import { journeysToSave, readSavedJourneys } from './saved-journeys.ts';

export interface LabOptions {
  readonly scenario: Scenario;
  /**
   * The goal to check instead of the scenario's (a lesson's own). Default the scenario's. A lab
   * with another goal is saved apart from the scenario's own (lab-storage.ts).
   */
  readonly goal?: ScenarioGoal | undefined;
  /** Where the lab is saved (localStorage in the browser). Default none: nothing is kept. */
  readonly storage?: LabStorageArea | undefined;
  /** The seed a fresh machine is built from. Default 1, as `cli shell` and the tests use. */
  readonly seed?: number;
  /** Restart a saved machine's programs. Default the program layer's (lab-programs.ts). */
  readonly resumers?: Readonly<Record<string, ProgramResumer>>;
  /** The reader's clock, for `savedAt`. Default Date.now. */
  readonly now?: () => number;
}

/** A machine and its shell, as the lab holds them. */
interface Bench {
  readonly machine: Machine;
  readonly shell: MachineShell;
  /** Whether the scenario's programs (nginx, uWSGI) are running as the scenario says. */
  readonly programsStarted: boolean;
}

export class Lab {
  readonly scenario: Scenario;
  /** The goal this lab checks: the page's choice, else the scenario's (none when neither names one). */
  readonly objective: ScenarioGoal | undefined;
  /** Set when the saved machine could not be opened and a fresh one was started instead. */
  readonly notice: LabNotice | undefined;
  readonly #storage: LabStorageArea | undefined;
  readonly #seed: number;
  readonly #resumers: Readonly<Record<string, ProgramResumer>>;
  readonly #now: () => number;
  readonly #listeners = new Set<LabListener>();
  readonly #goalKey: string | undefined;
  #bench: Bench;
  #unsubscribe: () => void;
  #goal: GoalStatus;

  /** Opens the scenario's lab: the saved machine when there is a usable one, else a fresh one. */
  static open(options: LabOptions): Lab {
    return new Lab(options);
  }

  private constructor(options: LabOptions) {
    this.scenario = options.scenario;
    this.objective = options.goal ?? options.scenario.goal;
    // saved under the scenario's name alone unless the page chose a goal of its own
    this.#goalKey = this.objective?.id === this.scenario.goal?.id ? undefined : this.objective?.id;
    this.#storage = options.storage;
    this.#seed = options.seed ?? 1;
    this.#resumers = options.resumers ?? LAB_RESUMERS;
    this.#now = options.now ?? Date.now;
    const opened = this.#openSaved();
    this.notice = opened.notice;
    this.#bench = opened.bench ?? this.#freshBench();
    this.#unsubscribe = this.#follow(this.#bench.machine);
    this.#goal = this.#uncheckedGoal();
  }

  get machine(): Machine {
    return this.#bench.machine;
  }

  get shell(): MachineShell {
    return this.#bench.shell;
  }

  /** False when the scenario runs programs from the start that this build cannot start. */
  get programsStarted(): boolean {
    return this.#bench.programsStarted;
  }

  /** The journeys recorded on this machine, oldest first. */
  get journeys(): readonly JourneyEntry[] {
    return this.#bench.machine.journeys.list();
  }

  get goal(): GoalStatus {
    return this.#goal;
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe. */
  subscribe(listener: LabListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Saves the machine, the shell session and the journeys; false when storage refused. */
  save(): boolean {
    const saved = this.#store();
    this.#emit({ kind: 'saved', saved });
    return saved;
  }

  #store(): boolean {
    try {
      return storeLab(this.#storage, {
        schema: LAB_SCHEMA_VERSION,
        scenario: this.scenario.name,
        ...(this.#goalKey === undefined ? {} : { goal: this.#goalKey }),
        savedAt: this.#now(),
        machine: snapshotMachine(this.machine),
        shell: this.shell.toJSON(),
        journeys: journeysToSave(this.machine.journeys.toJSON()),
      });
    } catch {
      // A machine that cannot be written out is not saved; the page says so and goes on.
      return false;
    }
  }

  /** A fresh machine and shell from the scenario; what was saved for it is forgotten. */
  reset(): void {
    forgetLab(this.#storage, this.scenario.name, this.#goalKey);
    this.#unsubscribe();
    this.#bench.shell.close();
    this.#bench = this.#freshBench();
    this.#unsubscribe = this.#follow(this.#bench.machine);
    this.#emit({ kind: 'reset' });
    this.#setGoal(this.#uncheckedGoal());
  }

  #uncheckedGoal(): GoalStatus {
    return this.objective === undefined ? { kind: 'none' } : { kind: 'unchecked' };
  }

  /**
   * The page is done with this lab (it switched to another scenario): the shell ends and the lab
   * stops following its machine. Save first if what the reader did should be kept.
   */
  close(): void {
    this.#unsubscribe();
    this.#bench.shell.close();
    this.#listeners.clear();
  }

  /**
   * A new login shell on the same machine, after the last one ended (`exit`, Ctrl-D): it starts
   * where the scenario's shell started, with no history, as a new ssh login would.
   */
  login(): MachineShell {
    this.#bench.shell.close();
    const shell = new MachineShell(this.machine, { cwd: this.scenario.cwd });
    this.#bench = { ...this.#bench, shell };
    return shell;
  }

  /** A copy of the machine (programs resumed, no journeys) for "what if": the reader's is untouched. */
  clone(): Machine {
    const text = JSON.stringify(snapshotMachine(this.machine));
    return restoreMachine(JSON.parse(text) as unknown, { resumers: this.#resumers });
  }

  /**
   * Runs the goal's check on the reader's machine: a real request through curl → nginx → uWSGI →
   * app, or nginx's packet to uWSGI's socket (it appears in the journey log and in the programs'
   * logs, as a curl would).
   */
  async checkGoal(): Promise<GoalStatus> {
    const goal = this.objective;
    if (goal === undefined) return this.#setGoal({ kind: 'none' });
    const check = goalCheck(goal.id);
    if (check === undefined) return this.#setGoal({ kind: 'unavailable' });
    const machine = this.machine;
    this.#setGoal({ kind: 'checking' });
    let status: GoalStatus;
    try {
      const result = await check(machine, goal);
      status = result.met
        ? { kind: 'met', detail: result.detail }
        : { kind: 'not-met', detail: result.detail };
    } catch {
      status = { kind: 'unavailable' };
    }
    // A reset while the request travelled: its answer is about a machine that is gone.
    if (machine !== this.machine) return this.#goal;
    return this.#setGoal(status);
  }

  #openSaved(): { bench?: Bench; notice?: LabNotice } {
    const name = this.scenario.name;
    const load = loadLab(this.#storage, name, this.#goalKey);
    if (load.kind === 'none') return {};
    if (load.kind === 'unusable') {
      return {
        notice: load.reason === 'outdated' ? 'saved-state-outdated' : 'saved-state-corrupt',
      };
    }
    try {
      const machine = restoreMachine(load.saved.machine, { resumers: this.#resumers });
      const saved = readMachineShellState(load.saved.shell);
      const journeys = readSavedJourneys(load.saved.journeys);
      for (const entry of journeys?.entries ?? [])
        machine.journeys.record(entry.journey, entry.origin);
      return {
        bench: {
          machine,
          shell: new MachineShell(machine, { cwd: this.scenario.cwd, saved }),
          programsStarted: true,
        },
      };
    } catch {
      // restoreMachine and readMachineShellState fail with a SnapshotError; anything else thrown
      // while rebuilding is treated the same way: the reader gets a working machine, not an error.
      setAside(this.#storage, this.#savedText() ?? JSON.stringify(load.saved), name, this.#goalKey);
      return { notice: 'saved-state-corrupt' };
    }
  }

  /** The saved entry's text as it is stored (undefined when storage cannot be read). */
  #savedText(): string | undefined {
    try {
      return this.#storage?.getItem(labStorageKey(this.scenario.name, this.#goalKey)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  #freshBench(): Bench {
    const machine = this.scenario.build(this.#seed);
    const programsStarted = startScenarioPrograms(machine, this.scenario);
    return {
      machine,
      shell: new MachineShell(machine, { cwd: this.scenario.cwd }),
      programsStarted,
    };
  }

  #follow(machine: Machine): () => void {
    return machine.journeys.subscribe((entry) => this.#emit({ kind: 'journey', entry }));
  }

  #setGoal(status: GoalStatus): GoalStatus {
    this.#goal = status;
    this.#emit({ kind: 'goal', status });
    return status;
  }

  #emit(event: LabEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
