// What the phone key row sends: the bytes a real keyboard's key sends through xterm.js. The arrow
// keys follow the terminal's cursor-key mode (a full-screen editor asks for application mode,
// `ESC O A`; the shell's line editor reads normal mode, `ESC [ A`). Ctrl-O and Ctrl-X are nano's
// "write out" and "exit", which a phone keyboard cannot type.

export type RowKey = 'tab' | 'ctrl-c' | 'up' | 'down' | 'esc' | 'ctrl-o' | 'ctrl-x';

const ROW_KEYS: ReadonlySet<string> = new Set([
  'tab',
  'ctrl-c',
  'up',
  'down',
  'esc',
  'ctrl-o',
  'ctrl-x',
]);

export function isRowKey(value: string | undefined): value is RowKey {
  return ROW_KEYS.has(value ?? '');
}

export function keySequence(key: RowKey, applicationCursorKeys: boolean): string {
  const cursor = applicationCursorKeys ? '\x1bO' : '\x1b[';
  switch (key) {
    case 'tab':
      return '\t';
    case 'ctrl-c':
      return '\x03';
    case 'up':
      return `${cursor}A`;
    case 'down':
      return `${cursor}B`;
    case 'esc':
      return '\x1b';
    case 'ctrl-o':
      return '\x0f';
    case 'ctrl-x':
      return '\x18';
  }
}
