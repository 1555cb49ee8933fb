// What the phone key row sends: the bytes a real keyboard's key sends through xterm.js. The arrow
// keys follow the terminal's cursor-key mode (a full-screen editor asks for application mode,
// `ESC O A`; the shell's line editor reads normal mode, `ESC [ A`).

export type RowKey = 'tab' | 'ctrl-c' | 'up' | 'down' | 'esc';

export function isRowKey(value: string | undefined): value is RowKey {
  return (
    value === 'tab' || value === 'ctrl-c' || value === 'up' || value === 'down' || value === 'esc'
  );
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
  }
}
