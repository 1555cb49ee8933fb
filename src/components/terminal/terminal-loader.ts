// Runs with the page and stays tiny: the terminal's code (xterm.js, the machine, the shell) loads
// the first time the reader clicks, touches, focuses or types into the terminal, presses a
// snippet's "type in terminal" button, or another island asks for the page's lab. What the reader
// did meanwhile is handed over, so the click that opened it is not lost. A terminal that offers
// several scenarios shows the one the reader chose last at once, and follows the select until
// the terminal's code takes over.
import { setPageLabOpener } from '../../lab/page-lab.ts';
import { readChoices, showChoice, storedChoice, storeChoice } from './scenario-choice.ts';

const TRIGGERS = ['pointerdown', 'focusin', 'keydown', 'click'] as const;
const RUN_BUTTONS = '[data-run-command]';

export function armTerminal(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-terminal]:not([data-bound])');
  if (root === null) return;
  // Snippets' run buttons stay hidden on a page without a terminal (and without JavaScript).
  for (const button of doc.querySelectorAll<HTMLElement>(RUN_BUTTONS)) button.hidden = false;
  const stopChoosing = followChoice(root);
  const pending: Event[] = [];
  let loading = false;
  const load = (): void => {
    if (loading) return;
    loading = true;
    root.setAttribute('aria-busy', 'true');
    say(root, 'loading');
    void import('./terminal-island.ts')
      .then((module) => module.startTerminal(root, pending))
      .catch(() => say(root, 'loadFailed'))
      .finally(() => {
        for (const type of TRIGGERS) root.removeEventListener(type, record);
        doc.removeEventListener('click', recordRun);
        stopChoosing();
        root.removeAttribute('aria-busy');
      });
  };
  const record = (event: Event): void => {
    pending.push(event);
    load();
  };
  const recordRun = (event: Event): void => {
    if (!(event.target instanceof Element) || event.target.closest(RUN_BUTTONS) === null) return;
    record(event);
  };
  for (const type of TRIGGERS) root.addEventListener(type, record);
  doc.addEventListener('click', recordRun);
  setPageLabOpener(load);
}

/** Shows the reader's last choice of scenario, and each new one; returns the stop. */
function followChoice(root: HTMLElement): () => void {
  const select = root.querySelector<HTMLSelectElement>('[data-terminal-choice]');
  const choices = readChoices(root.dataset['choices']);
  if (select === null || choices.length === 0) return () => undefined;
  const storage = browserStorage();
  const kept = storedChoice(storage, choices);
  if (kept !== undefined) showChoice(root, kept);
  const change = (): void => {
    const choice = choices.find((offer) => offer.name === select.value);
    if (choice === undefined) return;
    showChoice(root, choice);
    storeChoice(storage, choices, choice.name);
  };
  select.addEventListener('change', change);
  return () => select.removeEventListener('change', change);
}

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** One line in the notice: loading, or that the terminal did not load (never a broken page). */
function say(root: HTMLElement, name: 'loading' | 'loadFailed'): void {
  const notice = root.querySelector<HTMLElement>('[data-terminal-notice]');
  if (notice === null) return;
  let text: unknown;
  try {
    text = (JSON.parse(root.dataset['texts'] ?? '{}') as Record<string, unknown>)[name];
  } catch {
    text = undefined;
  }
  notice.textContent = typeof text === 'string' ? text : name;
}
