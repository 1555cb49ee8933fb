// The terminal's controls for phones and tablets: a key row (Tab, Ctrl-C, ↑, ↓, Esc — keys a
// phone's keyboard lacks) and, on touch devices, a plain input line under the screen. Korean input
// methods fail inside xterm.js's hidden textarea there; an ordinary <input> composes Hangul as
// every other text box does, and Send hands the line to the shell with Enter. A key from the row
// sends what the line holds first: `cat ap` then Tab completes at the prompt as on a keyboard.
import { isRowKey, keySequence } from './key-sequences.ts';

export interface KeyTarget {
  input(data: string): void;
}

export interface TouchInputOptions {
  /** A touch device: the input line is shown (and the key row). */
  readonly touch: boolean;
  /** A narrow screen: the key row is shown. */
  readonly narrow: boolean;
}

export function bindTouchInput(
  root: HTMLElement,
  target: KeyTarget,
  cursorKeys: { readonly applicationCursorKeys: boolean },
  options: TouchInputOptions,
): void {
  const line = root.querySelector<HTMLFormElement>('[data-terminal-line]');
  const field = line?.querySelector('input');
  const keys = root.querySelector<HTMLElement>('[data-terminal-keys]');
  if (keys !== null) {
    keys.hidden = !(options.touch || options.narrow);
    // The focus stays where it was (the line, the terminal): a phone's keyboard stays open.
    keys.addEventListener('pointerdown', (event) => event.preventDefault());
    keys.addEventListener('click', (event) => {
      const key =
        event.target instanceof Element ? event.target.closest<HTMLElement>('[data-key]') : null;
      const name = key?.dataset['key'];
      if (!isRowKey(name)) return;
      // What the line holds goes first (so Tab completes it at the prompt), then the key.
      if (field !== null && field !== undefined && field.value !== '') {
        target.input(field.value);
        field.value = '';
      }
      target.input(keySequence(name, cursorKeys.applicationCursorKeys));
    });
  }
  if (line === null || field === null || field === undefined) return;
  line.hidden = !options.touch;
  line.addEventListener('submit', (event) => {
    event.preventDefault();
    target.input(`${field.value}\r`);
    field.value = '';
  });
}
