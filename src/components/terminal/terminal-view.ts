// The xterm.js view of a shell: opened in the island's screen, sized to it (the fit addon, again
// whenever the screen changes size), coloured from the page's theme and following it live, with
// xterm's screen-reader mode on. Text written to it is rendered by xterm as text, never as HTML.
// Tab belongs to the shell (completion); Shift+Tab, or Esc then Tab, leave the terminal. Nothing
// here is ever torn down: the terminal lives as long as the page.
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { terminalFont, terminalTheme } from './terminal-theme.ts';

export interface TerminalViewOptions {
  /** xterm's input textarea's accessible name (its promptLabel). */
  readonly inputLabel: string;
  /** The id of the text that says how to leave the terminal. */
  readonly describedBy?: string | undefined;
}

export interface TerminalView {
  readonly term: Terminal;
  /** Key data from the reader: xterm's onData, and text inserted without a key (see below). */
  onInput(listener: (data: string) => void): void;
  /** Whether the arrow keys send application-mode sequences (a full-screen program asked). */
  readonly applicationCursorKeys: boolean;
}

const NARROW = '(max-width: 40rem)';

export function openTerminalView(screen: HTMLElement, options: TerminalViewOptions): TerminalView {
  const doc = screen.ownerDocument;
  Terminal.strings.promptLabel = options.inputLabel;
  const term = new Terminal({
    screenReaderMode: true,
    fontFamily: terminalFont(screen),
    fontSize: doc.defaultView?.matchMedia(NARROW).matches ? 13 : 14,
    lineHeight: 1.2,
    cursorBlink: true,
    scrollback: 2000,
    // xterm lifts any colour that would fall under WCAG AA against its background.
    minimumContrastRatio: 4.5,
    theme: terminalTheme(screen),
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  const textarea = term.textarea;
  if (textarea !== undefined && options.describedBy !== undefined)
    textarea.setAttribute('aria-describedby', options.describedBy);
  fitSafely(fit);

  let escaped = false;
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Tab' && (event.shiftKey || escaped)) {
      escaped = false;
      return false; // the browser moves the focus on
    }
    escaped = event.key === 'Escape';
    return true;
  });

  const resize = new ResizeObserver(() => fitSafely(fit));
  resize.observe(screen);
  const themeWatch = new MutationObserver(() => {
    term.options.theme = terminalTheme(screen);
  });
  themeWatch.observe(doc.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  const inserted = insertedTextListeners(term);
  return {
    term,
    onInput: (listener) => {
      term.onData(listener);
      inserted.push(listener);
    },
    get applicationCursorKeys() {
      return term.modes.applicationCursorKeysMode;
    },
  };
}

/** Fits when the screen has a size (not while it is hidden). */
function fitSafely(fit: FitAddon): void {
  const size = fit.proposeDimensions();
  if (size !== undefined && Number.isFinite(size.cols) && size.cols > 0) fit.fit();
}

/**
 * Text that arrives without a key press (dictation, an on-screen keyboard's suggestion, a test's
 * insertText): xterm.js drops it in screen-reader mode (xterm 6, CoreBrowserTerminal._inputEvent
 * ignores insertText then, leaving typing to keypress), so it is passed on here. The input event
 * that follows a keypress, or the end of an IME's composition (xterm's composition helper sends
 * that text, Korean included), was typed through xterm already and is left alone.
 */
function insertedTextListeners(term: Terminal): ((data: string) => void)[] {
  const listeners: ((data: string) => void)[] = [];
  const textarea = term.textarea;
  // Set by a keypress or the end of a composition: the input event that follows is theirs.
  let handled = false;
  textarea?.addEventListener('keydown', () => void (handled = false), true);
  textarea?.addEventListener('keypress', () => void (handled = true), true);
  textarea?.addEventListener('compositionend', () => {
    handled = true;
    setTimeout(() => void (handled = false));
  });
  textarea?.addEventListener('input', (event) => {
    const typed = handled;
    handled = false;
    if (!(event instanceof InputEvent) || event.inputType !== 'insertText') return;
    if (event.isComposing || typed || !event.data || !term.options.screenReaderMode) return;
    for (const listener of listeners) listener(event.data);
  });
  return listeners;
}
