// bash's `echo` builtin (xpg_echo off): `-n` (no newline), `-e` (backslash escapes), `-E`; only
// arguments made of those letters are options, and `\c` under -e ends all output.

import type { CommandDefinition } from '../program.ts';

export const echo: CommandDefinition = {
  name: 'echo',
  builtin: true,
  // coreutils' /usr/bin/echo behaves the same for everything the course does
  programs: ['/usr/bin/echo'],
  options: ['-n', '-e', '-E'],
  run: ({ argv, stdout }) => {
    let newline = true;
    let escapes = false;
    let i = 1;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (!/^-[neE]+$/.test(arg)) break;
      for (const flag of arg.slice(1)) {
        if (flag === 'n') newline = false;
        else escapes = flag === 'e';
      }
    }
    let text = argv.slice(i).join(' ');
    if (escapes) {
      const expanded = expandEscapes(text);
      text = expanded.text;
      if (expanded.stop) newline = false;
    }
    stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};

/** echo -e's escapes; `stop` when `\c` cut the output. */
export function expandEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const e = text[++i]!;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e === 'c') return { text: out, stop: true };
    if (simple[e] !== undefined) {
      out += simple[e];
    } else if (e === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += digits.length;
    } else if (e === 'x' && /^[0-9a-fA-F]/.test(text.slice(i + 1))) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += digits.length;
    } else if ((e === 'u' || e === 'U') && /^[0-9a-fA-F]/.test(text.slice(i + 1))) {
      const digits = new RegExp(`^[0-9a-fA-F]{1,${e === 'u' ? 4 : 8}}`).exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff));
      i += digits.length;
    } else {
      out += `\\${e}`;
    }
  }
  return { text: out, stop: false };
}
