// The error a command throws for bad input or a failed request: main prints its message as one
// `uwsgi-lab: COMMAND: …` line on stderr and exits with its status (2 for bad input).

export const EXIT_BAD_INPUT = 2;
export const EXIT_FAILED = 1;

export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message);
    this.exitCode = exitCode;
  }
}
