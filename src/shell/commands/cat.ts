// coreutils' `cat`: files (or `-`, stdin) in order; -n numbers lines, -b non-empty ones, -E marks
// line ends with `$`, -s squeezes blank lines, -T shows tabs, -A is -vET. A file that fails is
// named (quoted only when it needs to be) and the rest still print; the status is then 1.

import { getoptLong, has, tryHelp } from '../gnu/getopt-long.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { quoteForLs } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const cat: CommandDefinition = {
  name: 'cat',
  options: ['-n', '-b', '-E', '-s', '-T', '-A'],
  run: async ({ argv, stdin, stdout, stderr, machine, resolve }) => {
    const parsed = getoptLong('cat', argv.slice(1), [
      { id: 'A', short: 'A', long: 'show-all' },
      { id: 'b', short: 'b', long: 'number-nonblank' },
      { id: 'e', short: 'e' },
      { id: 'E', short: 'E', long: 'show-ends' },
      { id: 'n', short: 'n', long: 'number' },
      { id: 's', short: 's', long: 'squeeze-blank' },
      { id: 't', short: 't' },
      { id: 'T', short: 'T', long: 'show-tabs' },
      { id: 'u', short: 'u' },
      { id: 'v', short: 'v', long: 'show-nonprinting' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('cat')}`);
      return 1;
    }
    const o = parsed.options;
    const visible = has(o, 'v') || has(o, 'A') || has(o, 'e') || has(o, 't');
    const ends = has(o, 'E') || has(o, 'A') || has(o, 'e');
    const tabs = has(o, 'T') || has(o, 'A') || has(o, 't');
    const numberNonBlank = has(o, 'b');
    const number = has(o, 'n') || numberNonBlank;
    const squeeze = has(o, 's');
    const plain = !ends && !tabs && !number && !squeeze && !visible;
    let line = 1;
    let atLineStart = true;
    let blankRun = 0;
    const emit = (text: string): void => {
      if (plain) {
        stdout.write(text);
        return;
      }
      let out = '';
      for (const piece of text.split(/(?<=\n)/)) {
        const newline = piece.endsWith('\n');
        let body = newline ? piece.slice(0, -1) : piece;
        if (atLineStart && body === '' && newline) {
          blankRun++;
          if (squeeze && blankRun > 1) continue;
        } else if (atLineStart) blankRun = 0;
        if (atLineStart && number && !(numberNonBlank && body === '' && newline)) {
          out += `${String(line++).padStart(6)}\t`;
        }
        if (visible) body = showNonPrinting(body);
        if (tabs) body = body.replaceAll('\t', '^I');
        out += body + (newline ? `${ends ? '$' : ''}\n` : '');
        atLineStart = newline;
      }
      stdout.write(out);
    };
    const files = parsed.operands.length === 0 ? ['-'] : parsed.operands;
    let status = 0;
    for (const file of files) {
      if (file === '-') {
        for (let chunk = await stdin.read(); chunk !== undefined; chunk = await stdin.read())
          emit(chunk);
        continue;
      }
      const read = attempt(() => machine.fs.readText(resolve(file)));
      if (!read.ok) {
        stderr.write(`cat: ${quoteForLs(file)}: ${errnoText(read.error)}\n`);
        status = 1;
        continue;
      }
      emit(read.value);
    }
    return status;
  },
};

/** cat -v: bytes above 127 as `M-`, control characters as `^X` (tabs and newlines kept). */
function showNonPrinting(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    let c = byte;
    if (c >= 128) {
      out += 'M-';
      c -= 128;
    }
    if (c === 127) out += '^?';
    else if (c < 32 && c !== 9) out += `^${String.fromCharCode(c + 64)}`;
    else out += String.fromCharCode(c);
  }
  return out;
}
