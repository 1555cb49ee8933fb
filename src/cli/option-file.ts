// The bytes of a file an option names (`--request FILE`, `--config FILE`), or of stdin for `-`;
// a file that cannot be read is bad input, said in one line.

import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import { systemReason } from './system-reason.ts';

export async function readOptionFile(option: string, file: string, io: CliIo): Promise<Uint8Array> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(`${option}: cannot read ${file}: ${systemReason(error)}`);
  }
}
