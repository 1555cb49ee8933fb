// A small machine for the shell's tests: files and directories in a Map, pids counting up from
// 1000, and a handful of commands that print exactly what coreutils/bash print for the inputs
// the tests use (echo, printf %s/%d/\n, cat, true, false, pwd, sleep until a signal, a command
// that handles SIGINT like uWSGI and exits 30). Unknown names get bash's `command not found`.

import type {
  CommandInvocation,
  CommandOutcome,
  CommandRunner,
} from '../../../src/shell/bash/command-runner.ts';
import type {
  FileResult,
  RedirectionFiles,
  ShellHost,
  WritableFile,
} from '../../../src/shell/bash/shell-host.ts';
import { ShellState } from '../../../src/shell/bash/shell-state.ts';
import { ShellVariables } from '../../../src/shell/bash/variables.ts';

export class FakeFiles implements RedirectionFiles {
  readonly files = new Map<string, string>();
  readonly directories = new Set<string>(['/']);
  /** Paths that refuse writing (EACCES). */
  readonly readOnly = new Set<string>();

  constructor(entries: Record<string, string | null> = {}) {
    for (const [path, content] of Object.entries(entries)) {
      if (content === null) this.mkdirs(path);
      else this.write(path, content);
    }
  }

  mkdirs(path: string): void {
    const parts = path.split('/').filter((p) => p !== '');
    let current = '';
    for (const part of parts) {
      current += `/${part}`;
      this.directories.add(current);
    }
  }

  write(path: string, content: string): void {
    this.mkdirs(path.slice(0, path.lastIndexOf('/')) || '/');
    this.files.set(path, content);
  }

  static normalize(path: string): string {
    const out: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return `/${out.join('/')}`;
  }

  parentExists(path: string): boolean {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    return this.directories.has(parent);
  }

  openForWriting(rawPath: string, mode: 'truncate' | 'append'): FileResult<WritableFile> {
    const path = FakeFiles.normalize(rawPath);
    if (this.directories.has(path)) return { ok: false, error: 'EISDIR' };
    if (!this.parentExists(path)) return { ok: false, error: 'ENOENT' };
    if (this.readOnly.has(path)) return { ok: false, error: 'EACCES' };
    if (mode === 'truncate' || !this.files.has(path)) this.files.set(path, '');
    return {
      ok: true,
      value: {
        write: (text) => this.files.set(path, (this.files.get(path) ?? '') + text),
        close: () => undefined,
      },
    };
  }

  readText(rawPath: string): FileResult<string> {
    const path = FakeFiles.normalize(rawPath);
    if (this.directories.has(path)) return { ok: false, error: 'EISDIR' };
    const text = this.files.get(path);
    if (text === undefined) return { ok: false, error: 'ENOENT' };
    if (this.readOnly.has(path)) return { ok: false, error: 'EACCES' };
    return { ok: true, value: text };
  }

  listDirectory(rawPath: string): string[] | undefined {
    const path = FakeFiles.normalize(rawPath);
    if (!this.directories.has(path)) return undefined;
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.directories]) {
      if (entry.startsWith(prefix) && entry !== path) {
        const name = entry.slice(prefix.length).split('/')[0]!;
        if (name !== '') names.add(name);
      }
    }
    return [...names];
  }
}

/** printf with the conversions the tests use: %s, %d, %%, \n, \t; the format repeats for extra args. */
function printf(args: readonly string[]): string {
  const [format = '', ...rest] = args;
  let out = '';
  let i = 0;
  do {
    out += format
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t')
      .replace(/%([sd%])/g, (_, c: string) => {
        if (c === '%') return '%';
        const value = rest[i++] ?? '';
        return c === 'd' ? String(Number(value) || 0) : value;
      });
  } while (i < rest.length);
  return out;
}

export type FakeCommand = (inv: CommandInvocation) => CommandOutcome | Promise<CommandOutcome>;

export const FAKE_COMMANDS: Record<string, FakeCommand> = {
  echo: ({ argv, stdout }) => {
    const args = argv.slice(1);
    const newline = args[0] !== '-n';
    if (!newline) args.shift();
    stdout.write(args.join(' ') + (newline ? '\n' : ''));
    return 0;
  },
  printf: ({ argv, stdout }) => {
    stdout.write(printf(argv.slice(1)));
    return 0;
  },
  true: () => 0,
  false: () => 1,
  pwd: ({ cwd, stdout }) => {
    stdout.write(`${cwd}\n`);
    return 0;
  },
  cat: async ({ argv, stdin, stdout, stderr, cwd }) => {
    const files = argv.slice(1);
    if (files.length === 0) {
      for (let chunk = await stdin.read(); chunk !== undefined; chunk = await stdin.read()) {
        stdout.write(chunk);
      }
      return 0;
    }
    let status = 0;
    for (const file of files) {
      const text = fakeFilesOf(cwd, file);
      if (text.ok) stdout.write(text.value);
      else {
        stderr.write(`cat: ${file}: No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
  env: ({ env, stdout }) => {
    for (const [name, value] of env) stdout.write(`${name}=${value}\n`);
    return 0;
  },
  /** `wc -l` of its stdin, as GNU wc prints it for a pipe (the number alone). */
  wc: async ({ argv, stdin, stdout }) => {
    const text = await stdin.readAll();
    const lines = text.split('\n').length - 1;
    stdout.write(
      argv.includes('-l')
        ? `${lines}\n`
        : `${lines} ${text.split(/\s+/).filter(Boolean).length} ${new TextEncoder().encode(text).length}\n`,
    );
    return 0;
  },
  history: ({ shell, stdout }) => {
    stdout.write(shell.history.format());
    return 0;
  },
  /** Runs until a signal: the default action ends it. */
  sleep: () => new Promise<CommandOutcome>(() => undefined),
  /** Like uWSGI without master: handles SIGINT/SIGTERM and exits with status 30. */
  'handles-int': ({ signals }) =>
    new Promise<CommandOutcome>((resolve) => {
      signals.subscribe(() => resolve(30));
    }),
  /** Reads its stdin and prints how many lines it got (a `wc -l` stand-in). */
  'count-lines': async ({ stdin, stdout }) => {
    const text = await stdin.readAll();
    stdout.write(`${text.split('\n').length - 1}\n`);
    return 0;
  },
  /** Prints to stderr. */
  complain: ({ argv, stderr }) => {
    stderr.write(`${argv.slice(1).join(' ')}\n`);
    return 0;
  },
  'exit-with': ({ argv }) => Number(argv[1] ?? 0),
  /** Writes its pid and argv as seen (to check forking and expansion). */
  'show-pid': ({ pid, stdout }) => {
    stdout.write(`${pid ?? 'shell'}\n`);
    return 0;
  },
  /** cd as the command layer will do it (enough for `cd -`-less tests). */
  cd: ({ argv, shell, stderr }) => {
    const target = argv[1] ?? shell.state.variables.get('HOME') ?? '/';
    const path = FakeFiles.normalize(
      target.startsWith('/') ? target : `${shell.state.cwd}/${target}`,
    );
    if (!currentFiles?.directories.has(path)) {
      stderr.write(`bash: cd: ${target}: No such file or directory\n`);
      return 1;
    }
    shell.state.variables.set('OLDPWD', shell.state.cwd);
    shell.state.cwd = path;
    shell.state.variables.set('PWD', path);
    return 0;
  },
  source: async ({ argv, shell, stdin, stdout, stderr }) => {
    const file = argv[1] ?? '';
    const text = currentFiles?.readText(file);
    if (text === undefined || !text.ok) {
      stderr.write(`bash: ${file}: No such file or directory\n`);
      return 1;
    }
    return shell.source(text.value, {
      name: file,
      streams: { stdin, stdout, stderr },
      positional: argv.slice(2),
    });
  },
};

let currentFiles: FakeFiles | undefined;

function fakeFilesOf(cwd: string, file: string): FileResult<string> {
  const path = file.startsWith('/') ? file : `${cwd}/${file}`;
  return currentFiles?.readText(path) ?? { ok: false, error: 'ENOENT' };
}

export class FakeRunner implements CommandRunner {
  readonly calls: CommandInvocation[] = [];
  readonly commands: Record<string, FakeCommand>;

  constructor(extra: Record<string, FakeCommand> = {}) {
    this.commands = { ...FAKE_COMMANDS, ...extra };
  }

  run(invocation: CommandInvocation): CommandOutcome | Promise<CommandOutcome> {
    this.calls.push(invocation);
    const name = invocation.argv[0]!;
    const command = this.commands[name];
    if (command === undefined) {
      invocation.stderr.write(`bash: ${name}: command not found\n`);
      return 127;
    }
    return command(invocation);
  }
}

export interface FakeMachine {
  readonly host: ShellHost;
  readonly files: FakeFiles;
  readonly runner: FakeRunner;
  readonly state: ShellState;
}

export interface FakeMachineOptions {
  readonly files?: Record<string, string | null>;
  readonly cwd?: string;
  readonly home?: string;
  readonly commands?: Record<string, FakeCommand>;
  readonly variables?: Record<string, string>;
}

export function fakeMachine(options: FakeMachineOptions = {}): FakeMachine {
  const files = new FakeFiles({ '/root': null, '/tmp': null, ...options.files });
  currentFiles = files;
  const runner = new FakeRunner(options.commands);
  let pid = 1000;
  const home = options.home ?? '/root';
  const host: ShellHost = {
    runner,
    files,
    listDirectory: (path) => files.listDirectory(path),
    homeDirectory: (user) =>
      user === '' || user === 'root' ? home : user === 'www-data' ? '/var/www' : undefined,
    nextPid: () => ++pid,
    shellPid: 999,
  };
  const cwd = options.cwd ?? home;
  const variables = new ShellVariables(
    {
      HOME: home,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      PWD: cwd,
      ...options.variables,
    },
    { PS1: '$ ', PS2: '> ' },
  );
  const state = new ShellState({ variables, cwd });
  return { host, files, runner, state };
}

/** A sink collecting what is written. */
export class Collector {
  text = '';
  readonly write = (text: string): void => {
    this.text += text;
  };
}
