// coreutils 9.1's `sleep NUMBER[SUFFIX]...`: the intervals (s, m, h, d; decimals allowed) are
// added up and the machine's clock moves on by them. On a terminal it also waits that long for
// real (Ctrl-C ends it); in a script the clock alone moves, so a replayed lesson runs at once.
// Messages are coreutils' (`missing operand`, `invalid time interval 'x'`).

import { getoptLong, tryHelp } from '../gnu/getopt-long.ts';
import type { CommandDefinition } from '../program.ts';

const UNIT_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Longest real wait, in ms (the clock still moves by the whole interval). */
const LONGEST_REAL_WAIT_MS = 10 * 60 * 1000;

export const sleep: CommandDefinition = {
  name: 'sleep',
  run: async ({ argv, stdin, stderr, machine, signals }) => {
    const parsed = getoptLong('sleep', argv.slice(1), []);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('sleep')}`);
      return 1;
    }
    if (parsed.operands.length === 0) {
      stderr.write(`sleep: missing operand\n${tryHelp('sleep')}`);
      return 1;
    }
    let seconds = 0;
    let bad = false;
    for (const operand of parsed.operands) {
      const interval = readInterval(operand);
      if (interval === undefined) {
        stderr.write(`sleep: invalid time interval '${operand}'\n`);
        bad = true;
      } else seconds += interval;
    }
    if (bad) {
      stderr.write(tryHelp('sleep'));
      return 1;
    }
    const ms = Math.min(seconds * 1000, Number.MAX_SAFE_INTEGER);
    if (stdin.terminal !== undefined) {
      const waited = await Promise.race([
        delay(Math.min(ms, LONGEST_REAL_WAIT_MS)).then(() => undefined),
        signals.whenKilled(),
      ]);
      if (waited !== undefined) return { signal: waited };
    } else await delay(0);
    machine.clock.advance(ms);
    return 0;
  },
};

/** `1`, `0.5`, `2m`, `1.5h`, `.5`; undefined when coreutils would refuse it. */
function readInterval(text: string): number | undefined {
  const match = /^([0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]+)?)([smhd]?)$/.exec(text);
  if (match === null || !/[0-9]/.test(match[1]!)) return undefined;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return undefined;
  return value * UNIT_SECONDS[match[2]!]!;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
