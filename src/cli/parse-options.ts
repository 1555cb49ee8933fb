// Command-line options through node:util's parseArgs, with its errors turned into CliError.

import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

export interface ParsedOptions<T extends ParseArgsOptionsConfig> {
  readonly values: ReturnType<
    typeof parseArgs<{ options: T; allowPositionals: true; strict: true; args: string[] }>
  >['values'];
  readonly positionals: string[];
}

export function parseOptions<T extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: T,
): ParsedOptions<T> {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--hexx'. To specify a positional argument …": keep the first sentence
    const message =
      error instanceof Error ? error.message.split(/\.\s/)[0]!.replace(/\s+/g, ' ') : String(error);
    throw new CliError(`${message} (see --help)`);
  }
}
