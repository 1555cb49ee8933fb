// Keys as xterm.js sends them (onData) with its default settings: the cursor keys in normal mode
// (CSI, not SS3), Home/End as `CSI H`/`CSI F`, Alt as an Esc prefix.

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  delete: '\x1b[3~',
  backspace: '\x7f',
  enter: '\r',
  escape: '\x1b',
  /** Ctrl plus a letter or one of `@ [ \\ ] ^ _` (xterm sends ^_ for Ctrl-/ too). */
  ctrl: (key: string): string => String.fromCharCode(key.charCodeAt(0) & 0x1f),
  /** Alt plus a key (xterm's metaSendsEscape). */
  alt: (key: string): string => `\x1b${key}`,
} as const;
