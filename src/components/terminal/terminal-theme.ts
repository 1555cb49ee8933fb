// The terminal's colours from the page's CSS custom properties (terminal.css sets them for light
// and dark), so xterm.js follows the site's theme; read again when <html data-theme> changes.
import type { ITheme } from '@xterm/xterm';

const ANSI = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

type AnsiName = (typeof ANSI)[number];
type Bright<N extends string> = `bright${Capitalize<N>}`;

export function terminalTheme(element: Element): ITheme {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(`--terminal-${name}`).trim();
  const theme: Record<string, string> = {
    background: read('bg'),
    foreground: read('fg'),
    cursor: read('cursor'),
    cursorAccent: read('bg'),
    selectionBackground: read('selection'),
    selectionForeground: read('fg'),
  };
  for (const name of ANSI) {
    theme[name] = read(name);
    const bright: Bright<AnsiName> =
      `bright${(name[0] ?? '').toUpperCase()}${name.slice(1)}` as Bright<AnsiName>;
    theme[bright] = read(`bright-${name}`) || read(name);
  }
  return theme;
}

/** The page's monospace face (--font-mono), with Korean fonts for wide characters. */
export function terminalFont(element: Element): string {
  return getComputedStyle(element).getPropertyValue('--font-mono').trim() || 'monospace';
}
