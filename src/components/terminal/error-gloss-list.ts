// The glosses beside the programs' error lines: what the terminal prints goes through the
// ErrorGlossReader (src/lab/error-glosses.ts) and each error line the course knows adds a short
// sentence in the page's language to a list under the screen — never into xterm's text stream,
// which it would corrupt. The list is a polite live region kept short: one entry per distinct
// error, the latest first, at most three; an error seen again after a new command moves back to
// the top. Texts come from /ko|en/terminal-glosses.json (data-glosses-url), fetched while the
// machine starts; until they arrive (or if they never do) lines go unglossed. They are set as text.
// The box is in the accessibility tree (visually hidden while empty) from the moment the terminal
// loads: a live region that appears together with its first entry is often not announced.
import {
  ErrorGlossReader,
  readErrorGlossTexts,
  type ErrorGlossTexts,
} from '../../lab/error-glosses.ts';

/** How many glosses the list keeps. */
const SHOWN = 3;

export interface ErrorGlosses {
  /** What the shell wrote to the screen. */
  output(data: string): void;
  /** The reader pressed Enter: an error met again from now on is news again. */
  newCommand(): void;
  /** Another machine (a reset, another scenario): the glosses are about one that is gone. */
  clear(): void;
}

/** The page's gloss texts; none when the file cannot be had (offline, an old cached page). */
export async function fetchGlossTexts(url: string | undefined): Promise<Partial<ErrorGlossTexts>> {
  if (url === undefined) return {};
  try {
    const response = await fetch(url);
    return response.ok ? readErrorGlossTexts(await response.text()) : {};
  } catch {
    return {};
  }
}

export function bindErrorGlosses(
  root: HTMLElement,
  texts: Promise<Partial<ErrorGlossTexts>>,
): ErrorGlosses {
  const box = root.querySelector<HTMLElement>('[data-terminal-glosses]');
  const list = box?.querySelector<HTMLElement>('[data-terminal-gloss-list]');
  const reader = new ErrorGlossReader({});
  void texts.then((loaded) => reader.useTexts(loaded));
  const add = (text: string): void => {
    if (box === null || box === undefined || list === null || list === undefined) return;
    const items = [...list.querySelectorAll('li')];
    const known = items.find((item) => item.textContent === text);
    const item = known ?? root.ownerDocument.createElement('li');
    item.textContent = text;
    list.prepend(item);
    for (const extra of [...list.querySelectorAll('li')].slice(SHOWN)) extra.remove();
    box.classList.remove('visually-hidden');
  };
  if (box !== null && box !== undefined) {
    box.classList.add('visually-hidden');
    box.hidden = false;
  }
  return {
    output: (data) => {
      for (const text of reader.feed(data)) add(text);
    },
    newCommand: () => reader.reset(),
    clear: () => {
      reader.reset();
      list?.replaceChildren();
      box?.classList.add('visually-hidden');
    },
  };
}
