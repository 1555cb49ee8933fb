// The terminal island, loaded on the reader's first interaction (terminal-loader.ts): opens the
// page's lab (the saved machine, or a fresh one with a notice), puts xterm.js where the
// placeholder stood, and wires the bar (reset, the goal, the scenario choice), the key row and
// touch line, the snippets' "type in terminal" buttons, the glosses beside error lines, and saving.
// Everything it writes into the page is text.
import { Lab } from '../../lab/lab.ts';
import type { LabStorageArea } from '../../lab/lab-storage.ts';
import { providePageLab, switchPageLab } from '../../lab/page-lab.ts';
import { goalNamed, scenario as scenarioNamed } from '../../shell/scenarios/index.ts';
import { bindErrorGlosses, fetchGlossTexts } from './error-gloss-list.ts';
import { goalText, noticeText } from './lab-status-text.ts';
import { readChoices, showChoice, storeChoice, type ScenarioChoice } from './scenario-choice.ts';
import { ShellConnection } from './shell-connection.ts';
import { bindTouchInput } from './touch-input.ts';
import { readTerminalTexts, type TerminalTexts } from './terminal-texts.ts';
import { openTerminalView, type TerminalView } from './terminal-view.ts';

/** How long after the last command the lab is saved, in ms. */
const SAVE_DELAY_MS = 300;
const RUN_BUTTONS = '[data-run-command]';

interface Parts {
  readonly screen: HTMLElement;
  readonly start: HTMLElement;
  readonly notice: HTMLElement;
  readonly reset: HTMLButtonElement;
  readonly confirm: HTMLDialogElement;
  readonly announce: HTMLElement;
  readonly goal: HTMLElement | null;
  readonly check: HTMLButtonElement | null;
  readonly choice: HTMLSelectElement | null;
}

/** The page's lab as the island holds it: the reader may switch it to another scenario's. */
interface Bench {
  lab: Lab;
  /** Stops following the lab's events (before a switch). */
  unfollow: () => void;
}

function partsOf(root: HTMLElement): Parts {
  const find = <E extends Element>(selector: string): E => {
    const element = root.querySelector<E>(selector);
    if (element === null) throw new Error(`terminal: ${selector} is missing`);
    return element;
  };
  return {
    screen: find('[data-terminal-screen]'),
    start: find('[data-terminal-start]'),
    notice: find('[data-terminal-notice]'),
    reset: find('[data-terminal-reset]'),
    confirm: find('[data-terminal-confirm]'),
    announce: find('[data-terminal-announce]'),
    goal: root.querySelector('[data-terminal-goal]'),
    check: root.querySelector('[data-terminal-check]'),
    choice: root.querySelector('[data-terminal-choice]'),
  };
}

/** localStorage, or nothing when the browser refuses it (private modes, disabled storage). */
function browserStorage(): LabStorageArea | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export async function startTerminal(root: HTMLElement, pending: readonly Event[]): Promise<void> {
  const parts = partsOf(root);
  const glossTexts = fetchGlossTexts(root.dataset['glossesUrl']);
  const texts = readTerminalTexts(root.dataset['texts']);
  const lab = openLab(root.dataset['scenario'] ?? '', root.dataset['goal']);
  const bench: Bench = { lab, unfollow: () => undefined };

  parts.notice.textContent = noticeText(lab, texts) ?? '';
  parts.start.remove();
  const touch = isTouchDevice();
  const view = openTerminalView(parts.screen, {
    inputLabel: texts.input,
    describedBy: 'terminal-escape',
  });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => bench.lab.save(), SAVE_DELAY_MS);
  };
  const glosses = bindErrorGlosses(root, glossTexts);
  const connection = new ShellConnection(lab, view.term, {
    exitedText: texts.exited,
    onSettled: save,
    onOutput: glosses.output,
  });
  // keys from the screen, the key row and the touch line; Enter starts a new command for the glosses
  const keys = {
    input: (data: string): void => {
      if (data.includes('\r')) glosses.newCommand();
      connection.input(data);
    },
  };
  view.onInput(keys.input);
  view.term.onResize(({ cols, rows }) => connection.resize(cols, rows));
  await connection.start();

  const follow = (opened: Lab): (() => void) => {
    const stop = followLab(opened, parts, texts, connection);
    const stopClearing = opened.subscribe((event) => {
      if (event.kind === 'reset') glosses.clear();
    });
    return () => {
      stop();
      stopClearing();
    };
  };
  bench.unfollow = follow(lab);
  bindBar(bench, parts);
  bindChoice(root, bench, parts, texts, (opened) => {
    glosses.clear();
    void connection.switchLab(opened);
    return follow(opened);
  });
  bindTouchInput(root, keys, view, { touch, narrow: isNarrow() });
  for (const hidden of root.querySelectorAll<HTMLElement>('[data-terminal-hint]'))
    hidden.hidden = true;
  const escape = root.querySelector<HTMLElement>('[data-terminal-escape]');
  if (escape !== null) escape.hidden = false;
  // Leaving the page (or a phone putting it away) saves what a running command has done so far.
  window.addEventListener('pagehide', () => bench.lab.save());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') bench.lab.save();
  });
  providePageLab(lab);
  root.setAttribute('data-bound', '');

  const run = (button: HTMLElement): void =>
    typeSnippet(button, connection, view, parts, texts, touch);
  handOver(pending, run, () => focusInput(root, view, touch));
  document.addEventListener('click', (event) => {
    const button =
      event.target instanceof Element ? event.target.closest<HTMLElement>(RUN_BUTTONS) : null;
    if (button !== null) run(button);
  });
}

/** The reader's events from before the code was here: a snippet's button, or a way into the terminal. */
function handOver(
  pending: readonly Event[],
  run: (button: HTMLElement) => void,
  focus: () => void,
): void {
  for (const event of pending) {
    const button =
      event.target instanceof Element ? event.target.closest<HTMLElement>(RUN_BUTTONS) : null;
    if (event.type === 'click' && button !== null) {
      run(button);
      return;
    }
  }
  const opened = pending.some(
    (event) =>
      event.target instanceof Element && event.target.closest('[data-terminal-start]') !== null,
  );
  if (opened) focus();
}

/** The scenario's lab (with the page's own goal, if it names one). */
function openLab(name: string, goalId: string | undefined): Lab {
  const scenario = scenarioNamed(name);
  if (scenario === undefined) throw new Error('terminal: unknown scenario');
  const goal = goalId === undefined ? undefined : goalNamed(goalId);
  return Lab.open({ scenario, goal, storage: browserStorage() });
}

/** Shows the lab's events in the bar; returns the unsubscribe. */
function followLab(
  lab: Lab,
  parts: Parts,
  texts: TerminalTexts,
  connection: ShellConnection,
): () => void {
  const unsubscribe = lab.subscribe((event) => {
    if (event.kind === 'goal' && parts.goal !== null)
      parts.goal.textContent = goalText(event.status, texts);
    else if (event.kind === 'saved' && !event.saved)
      parts.notice.textContent = texts.noticeNotSaved;
    else if (event.kind === 'reset') {
      parts.notice.textContent = '';
      void connection.restart();
    }
  });
  if (parts.goal !== null) parts.goal.textContent = goalText(lab.goal, texts);
  return unsubscribe;
}

function bindBar(bench: Bench, parts: Parts): void {
  parts.reset.disabled = false;
  parts.reset.addEventListener('click', () => parts.confirm.showModal());
  parts.confirm.addEventListener('close', () => {
    if (parts.confirm.returnValue === 'reset') bench.lab.reset();
    parts.confirm.returnValue = '';
    parts.reset.focus();
  });
  const check = parts.check;
  if (check === null) return;
  check.disabled = false;
  check.addEventListener('click', () => {
    check.disabled = true;
    void bench.lab.checkGoal().finally(() => (check.disabled = false));
  });
}

/**
 * The scenario select: the page's lab is saved and closed, the chosen scenario's lab opens (its
 * saved machine, or a fresh one), the bar shows its title and goal, `connect` starts a session on
 * it and follows it, the page's other views follow it, and the choice is kept for the next visit.
 */
function bindChoice(
  root: HTMLElement,
  bench: Bench,
  parts: Parts,
  texts: TerminalTexts,
  connect: (lab: Lab) => () => void,
): void {
  const select = parts.choice;
  const choices = readChoices(root.dataset['choices']);
  if (select === null || choices.length === 0) return;
  const switchTo = (choice: ScenarioChoice): void => {
    bench.lab.save();
    bench.unfollow();
    bench.lab.close();
    const lab = openLab(choice.name, root.dataset['goal']);
    bench.lab = lab;
    showChoice(root, choice);
    parts.notice.textContent = noticeText(lab, texts) ?? '';
    bench.unfollow = connect(lab);
    storeChoice(browserStorage(), choices, choice.name);
    switchPageLab(lab);
    parts.announce.textContent = texts.choiceSwitched.replace('{detail}', choice.title);
  };
  const follow = (): void => {
    const choice = choices.find((offer) => offer.name === select.value);
    if (choice !== undefined && choice.name !== bench.lab.scenario.name) switchTo(choice);
  };
  select.addEventListener('change', follow);
  // a choice made while the code was loading
  follow();
}

/** Types a snippet's commands at the prompt (the reader presses Enter) and says so. */
function typeSnippet(
  button: HTMLElement,
  connection: ShellConnection,
  view: TerminalView,
  parts: Parts,
  texts: TerminalTexts,
  touch: boolean,
): void {
  let commands: unknown;
  try {
    commands = JSON.parse(button.dataset['runCommand'] ?? '[]');
  } catch {
    commands = [];
  }
  if (!Array.isArray(commands) || !commands.every((c) => typeof c === 'string')) return;
  void connection.typist.type(commands).then(() => {
    parts.announce.textContent = texts.runDone;
    focusInput(parts.screen.closest<HTMLElement>('[data-terminal]') ?? parts.screen, view, touch);
    view.term.scrollToBottom();
  });
  parts.screen.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** The terminal on a keyboard; the plain line on a touch device (its keyboard's IME works there). */
function focusInput(root: HTMLElement, view: TerminalView, touch: boolean): void {
  const line = root.querySelector<HTMLInputElement>('[data-terminal-line] input');
  if (touch && line !== null) line.focus();
  else view.term.focus();
}

function isTouchDevice(): boolean {
  return window.matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0;
}

function isNarrow(): boolean {
  return window.matchMedia('(max-width: 40rem)').matches;
}
