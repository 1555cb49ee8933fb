// uwsgi-lab's command line: `npm run -s cli -- <command> …` (Node 22 runs this TypeScript as is)
// or the built `uwsgi-lab` bin. Dispatches to one file per command under ./commands; bad input
// ends as one `uwsgi-lab: …` line on stderr and exit status 2, never a stack trace.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PacketError } from '../protocol/packet-error.ts';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILED } from './cli-error.ts';
import type { CliIo, Command } from './cli-io.ts';
import { decodeCommand } from './commands/decode.ts';
import { encodeCommand } from './commands/encode.ts';
import { nginxPacketCommand } from './commands/nginx-packet.ts';
import { nginxTCommand } from './commands/nginx-t.ts';
import { requestCommand } from './commands/request.ts';
import { serveCommand } from './commands/serve.ts';
import { shellCommand } from './commands/shell.ts';

const COMMANDS: readonly Command[] = [
  decodeCommand,
  encodeCommand,
  nginxPacketCommand,
  nginxTCommand,
  requestCommand,
  serveCommand,
  shellCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `usage: uwsgi-lab <command> [options]

The uwsgi protocol, byte by byte: the codec behind the uwsgi-lab course, for real deployments.

commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`uwsgi-lab <command> --help\` for a command's options.
`;
}

/** Runs one command line (without `node main.ts`); resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(
      `uwsgi-lab: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`,
    );
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const [message, status] = failure(error);
    io.stderr(`uwsgi-lab: ${command.name}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return status;
  }
}

function failure(error: unknown): [string, number] {
  if (error instanceof CliError) return [error.message, error.exitCode];
  if (error instanceof PacketError)
    return [`${error.message} (byte ${error.offset})`, EXIT_BAD_INPUT];
  // A bug, not bad input: still one line, never a stack trace.
  return [`internal error: ${error instanceof Error ? error.message : String(error)}`, EXIT_FAILED];
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const processIo: CliIo = {
  readStdin,
  stdout: (data) => {
    process.stdout.write(data);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
};

// Run when executed (node src/cli/main.ts, or the bundled bin), not when a test imports runCli.
function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // `npm run cli` runs in the package's folder; relative paths are meant from where npm was run.
  const invokedFrom = process.env['INIT_CWD'];
  if (process.env['npm_lifecycle_event'] === 'cli' && invokedFrom !== undefined)
    process.chdir(invokedFrom);
  // EPIPE on stdout (e.g. `| head`) is the reader leaving, not an error worth a trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await runCli(process.argv.slice(2), processIo);
}
