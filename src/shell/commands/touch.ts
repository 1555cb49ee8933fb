// coreutils' `touch`: a missing file is made empty (0666 less the umask), an existing one gets
// the time now (or -d DATE, -t STAMP, -r FILE; -a/-m for one of the times), -c makes nothing.

import { attempt, errnoText } from '../gnu/errno-text.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quote, quoteFile } from '../gnu/quoting.ts';
import type { CommandDefinition } from '../program.ts';

export const touch: CommandDefinition = {
  name: 'touch',
  options: ['-a', '-m', '-c', '-d', '-t', '-r'],
  run: ({ argv, stderr, machine, resolve, shell }) => {
    const parsed = getoptLong('touch', argv.slice(1), [
      { id: 'a', short: 'a' },
      { id: 'm', short: 'm' },
      { id: 'c', short: 'c', long: 'no-create' },
      { id: 'd', short: 'd', long: 'date', argument: 'required' },
      { id: 't', short: 't', argument: 'required' },
      { id: 'r', short: 'r', long: 'reference', argument: 'required' },
      { id: 'h', short: 'h', long: 'no-dereference' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('touch')}`);
      return 1;
    }
    const o = parsed.options;
    if (parsed.operands.length === 0) {
      stderr.write(`touch: missing file operand\n${tryHelp('touch')}`);
      return 1;
    }
    const fs = machine.fs;
    let when = machine.clock.now();
    const date = last(o, 'd')?.value;
    const stamp = last(o, 't')?.value;
    const reference = last(o, 'r')?.value;
    if (date !== undefined) {
      const parsedDate = parseDate(date, when);
      if (parsedDate === undefined) {
        stderr.write(`touch: invalid date format ${quote(date)}\n`);
        return 1;
      }
      when = parsedDate;
    } else if (stamp !== undefined) {
      const match = /^(?:(\d{2})?(\d{2}))?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(stamp);
      if (match === null) {
        stderr.write(`touch: invalid date format ${quote(stamp)}\n`);
        return 1;
      }
      const [, century, year, month, day, hour, minute, second] = match;
      const now = new Date(when);
      const fullYear =
        year === undefined
          ? now.getUTCFullYear()
          : Number(century ?? (Number(year) < 69 ? '20' : '19')) * 100 + Number(year);
      when = Date.UTC(
        fullYear,
        Number(month) - 1,
        Number(day),
        Number(hour),
        Number(minute),
        Number(second ?? 0),
      );
    } else if (reference !== undefined) {
      const ref = attempt(() => fs.stat(resolve(reference)));
      if (!ref.ok) {
        stderr.write(
          `touch: failed to get attributes of ${quoteFile(reference)}: ${errnoText(ref.error)}\n`,
        );
        return 1;
      }
      when = ref.value.mtimeMs;
    }
    const onlyAccess = has(o, 'a') && !has(o, 'm');
    const onlyModify = has(o, 'm') && !has(o, 'a');
    let status = 0;
    for (const operand of parsed.operands) {
      const path = resolve(operand);
      const result = attempt(() => {
        const stat = fs.tryStat(path);
        if (stat === undefined) {
          if (has(o, 'c')) return;
          fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~shell.state.umask });
        }
        const now = fs.stat(path);
        fs.setTimes(path, onlyModify ? now.atimeMs : when, onlyAccess ? now.mtimeMs : when);
      });
      if (!result.ok) {
        stderr.write(`touch: cannot touch ${quoteFile(operand)}: ${errnoText(result.error)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

/** The date forms the course would type: `@EPOCH`, `YYYY-MM-DD[ HH:MM[:SS]]`, `now`, `yesterday`. */
function parseDate(text: string, now: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed === 'now' || trimmed === '') return now;
  if (trimmed === 'yesterday') return now - 864e5;
  if (trimmed === 'tomorrow') return now + 864e5;
  const epoch = /^@(-?\d+)$/.exec(trimmed);
  if (epoch !== null) return Number(epoch[1]) * 1000;
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(
      trimmed,
    );
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, frac] = match;
  return (
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
    ) +
    Number(`0.${frac ?? '0'}`) * 1000
  );
}
