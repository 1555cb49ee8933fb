// The terminal in raw mode, as nano and vi put it: keys go to the program unechoed, Ctrl-C
// included, and keys typed while the program was still starting (canonical mode, echoed) are
// handed to it when it goes raw, as a tty keeps its input queue across tcsetattr.

import { describe, expect, it } from 'vitest';
import { TerminalInput } from '../../../../src/shell/terminal-input.ts';

function rawTerminal(): { input: TerminalInput; echoed: string[]; keys: string[] } {
  const echoed: string[] = [];
  const keys: string[] = [];
  const input = new TerminalInput((text) => echoed.push(text), { columns: 80, rows: 24 });
  return { input, echoed, keys };
}

describe('TerminalInput in raw mode', () => {
  it('hands every key to the program, unechoed, Ctrl-C and Enter included', () => {
    const { input, echoed, keys } = rawTerminal();
    input.setRawMode({ keys: (data) => keys.push(data), resize: () => undefined });
    input.type('ab\x03\r');
    expect(keys).toEqual(['ab\x03\r']);
    expect(echoed).toEqual([]);
    expect(input.raw).toBe(true);
  });

  it('gives the program what was typed before it went raw', () => {
    const { input, echoed, keys } = rawTerminal();
    input.type('i');
    input.type('x\r');
    expect(echoed.join('')).toBe('ix\r\n');
    input.setRawMode({ keys: (data) => keys.push(data), resize: () => undefined });
    // Enter comes back as the CR the terminal sent.
    expect(keys).toEqual(['ix\r']);
    expect(input.takeUnread()).toBe('');
  });

  it('tells the program when the terminal is resized, and goes back to canonical mode', () => {
    const { input, echoed } = rawTerminal();
    let resized = 0;
    input.setRawMode({ keys: () => undefined, resize: () => resized++ });
    input.resized();
    input.setRawMode(undefined);
    input.resized();
    input.type('y');
    expect(resized).toBe(1);
    expect(echoed).toEqual(['y']);
  });
});
