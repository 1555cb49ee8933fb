// A terminal that offers several scenarios (`<Terminal choices="broken-502-socket broken-no-app …">`):
// the words each choice shows (its title, its goal, its first prompt — picked at build time in the
// page's language and handed over in a data attribute), which one the reader chose last (kept in
// localStorage, so a reload comes back to it), and showing a choice in the terminal's bar. Tiny and
// free of the lab: the loader uses it on page load, before the terminal's code is here.

/** What the page shows for one scenario on offer. */
export interface ScenarioChoice {
  readonly name: string;
  readonly title: string;
  /** The goal's sentence; empty when the scenario has none. */
  readonly goal: string;
  readonly prompt: string;
}

const CHOICE_PREFIX = 'uwsgi-lab:choice:';

/** The choices from the data attribute; none when there is none or it cannot be read. */
export function readChoices(json: string | undefined): ScenarioChoice[] {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ScenarioChoice =>
      typeof item === 'object' &&
      item !== null &&
      ['name', 'title', 'goal', 'prompt'].every(
        (key) => typeof (item as Record<string, unknown>)[key] === 'string',
      ),
  );
}

/** Where the reader's choice is kept: one entry per set of choices (the same on every page). */
export function choiceKey(choices: readonly ScenarioChoice[]): string {
  return `${CHOICE_PREFIX}${choices.map((choice) => choice.name).join(' ')}`;
}

/** The choice kept from an earlier visit, if it is still on offer (storage may refuse: none). */
export function storedChoice(
  storage: Pick<Storage, 'getItem'> | undefined,
  choices: readonly ScenarioChoice[],
): ScenarioChoice | undefined {
  let name: string | null = null;
  try {
    name = storage?.getItem(choiceKey(choices)) ?? null;
  } catch {
    return undefined;
  }
  return choices.find((choice) => choice.name === name);
}

export function storeChoice(
  storage: Pick<Storage, 'setItem'> | undefined,
  choices: readonly ScenarioChoice[],
  name: string,
): void {
  try {
    storage?.setItem(choiceKey(choices), name);
  } catch {
    // not kept: a reload shows the page's first scenario again
  }
}

/** Shows `choice` in the terminal's bar: the select, the title, the goal, the placeholder's prompt. */
export function showChoice(root: HTMLElement, choice: ScenarioChoice): void {
  root.dataset['scenario'] = choice.name;
  const select = root.querySelector<HTMLSelectElement>('[data-terminal-choice]');
  if (select !== null) select.value = choice.name;
  const title = root.querySelector<HTMLElement>('[data-terminal-title]');
  if (title !== null) title.textContent = choice.title;
  const goal = root.querySelector<HTMLElement>('[data-terminal-goal-block]');
  if (goal !== null) goal.hidden = choice.goal === '';
  const goalText = root.querySelector<HTMLElement>('[data-terminal-goal-text]');
  if (goalText !== null) goalText.textContent = choice.goal;
  const prompt = root.querySelector<HTMLElement>('[data-terminal-prompt]');
  if (prompt?.firstChild?.nodeType === Node.TEXT_NODE)
    prompt.firstChild.textContent = choice.prompt;
}
