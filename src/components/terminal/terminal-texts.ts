// The words the terminal's lazy code writes at run time (statuses, notices, the line printed when
// the shell ends), picked at build time in the page's language and handed over in a data
// attribute: the island never loads a whole dictionary. Templates keep their `{detail}` holes.
import type { UiKey } from '../../i18n/index.ts';

export const TERMINAL_TEXT_KEYS = {
  loading: 'terminal.loading',
  loadFailed: 'terminal.load-failed',
  input: 'terminal.input',
  goalUnchecked: 'terminal.goal.unchecked',
  goalChecking: 'terminal.goal.checking',
  goalMet: 'terminal.goal.met',
  goalNotMet: 'terminal.goal.not-met',
  goalUnavailable: 'terminal.goal.unavailable',
  noticeCorrupt: 'terminal.notice.corrupt',
  noticeOutdated: 'terminal.notice.outdated',
  noticeNotSaved: 'terminal.notice.not-saved',
  noticePrograms: 'terminal.notice.programs',
  exited: 'terminal.exited',
  runDone: 'terminal.run.done',
  choiceSwitched: 'terminal.choice.switched',
} as const satisfies Readonly<Record<string, UiKey>>;

export type TerminalTexts = Readonly<Record<keyof typeof TERMINAL_TEXT_KEYS, string>>;

type TextName = keyof typeof TERMINAL_TEXT_KEYS;

/** The texts in one language (build time: `t` is the page's). */
export function terminalTexts(t: (key: UiKey) => string): TerminalTexts {
  const texts = {} as Record<TextName, string>;
  for (const [name, key] of Object.entries(TERMINAL_TEXT_KEYS)) texts[name as TextName] = t(key);
  return texts;
}

/** The texts back from the data attribute; a missing one reads as its key (never a crash). */
export function readTerminalTexts(json: string | undefined): TerminalTexts {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '{}');
  } catch {
    value = {};
  }
  const given =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const texts = {} as Record<TextName, string>;
  for (const [name, key] of Object.entries(TERMINAL_TEXT_KEYS)) {
    const text = given[name];
    texts[name as TextName] = typeof text === 'string' ? text : key;
  }
  return texts;
}
