// What a command may touch of the process: stdin, stdout, stderr. main gives it the real ones;
// tests give it buffers, so most CLI tests run in-process.

export interface CliIo {
  /** All of stdin. */
  readonly readStdin: () => Promise<Uint8Array>;
  readonly stdout: (data: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to the exit status. Throws CliError or PacketError for bad input. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}
