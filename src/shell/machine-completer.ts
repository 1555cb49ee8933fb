// Tab completion on the machine, as bash's readline offers it: command names in command position
// (functions, builtins, keywords and the executables on PATH), `$` variables, a command's common
// options after `-` (what Debian's bash-completion would add), and otherwise file names in the
// folder the word points into (hidden ones too: readline's match-hidden-files), `~` kept as typed.

import type { ShellState } from './bash/shell-state.ts';
import type { CommandRegistry } from './command-registry.ts';
import type {
  CompletionCandidate,
  CompletionRequest,
  Completer,
} from './line-editor-completion.ts';
import { SHELL_KEYWORDS } from './machine-command-runner.ts';
import type { Machine } from './machine/machine.ts';
import type { ShellFunctions } from './program.ts';

export interface CompleterSources {
  readonly machine: Machine;
  readonly registry: CommandRegistry;
  readonly functions: ShellFunctions;
  /** The shell's state now (cwd, PATH, HOME, variables). */
  readonly state: () => ShellState;
}

export class MachineCompleter implements Completer {
  readonly #sources: CompleterSources;

  constructor(sources: CompleterSources) {
    this.#sources = sources;
  }

  complete(request: CompletionRequest): readonly CompletionCandidate[] {
    const word = request.word;
    if (word.startsWith('$') && !word.includes('/')) return this.#variables(word);
    if (request.commandPosition && !word.includes('/') && !word.startsWith('~')) {
      return this.#commands(word);
    }
    if (word.startsWith('-') && request.previousWords.length > 0) {
      const options = this.#options(request.previousWords[0]!, word);
      if (options.length > 0) return options;
    }
    return this.#files(word, request.commandPosition);
  }

  #variables(word: string): CompletionCandidate[] {
    const prefix = word.slice(1);
    return this.#sources
      .state()
      .variables.names()
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({ text: `$${name}` }));
  }

  #commands(prefix: string): CompletionCandidate[] {
    const { machine, registry, functions } = this.#sources;
    const names = new Set<string>();
    for (const name of [...functions.names(), ...registry.builtinNames(), ...SHELL_KEYWORDS]) {
      if (name.startsWith(prefix)) names.add(name);
    }
    const state = this.#sources.state();
    for (const dir of (state.variables.get('PATH') ?? '').split(':')) {
      if (!dir.startsWith('/')) continue;
      const stat = machine.fs.tryStat(dir);
      if (stat?.type !== 'directory') continue;
      for (const name of machine.fs.readDir(dir)) {
        if (!name.startsWith(prefix) || names.has(name)) continue;
        const entry = machine.fs.tryStat(`${dir}/${name}`);
        if (entry !== undefined && entry.kind === 'file' && (entry.mode & 0o111) !== 0)
          names.add(name);
      }
    }
    return [...names].sort().map((text) => ({ text }));
  }

  #options(command: string, prefix: string): CompletionCandidate[] {
    const name = command.slice(command.lastIndexOf('/') + 1);
    const definition = this.#sources.registry.definitions.find((d) => d.name === name);
    return (definition?.options ?? [])
      .filter((option) => option.startsWith(prefix))
      .map((text) => ({ text }));
  }

  #files(word: string, executablesOnly: boolean): CompletionCandidate[] {
    const { machine } = this.#sources;
    const state = this.#sources.state();
    const cut = word.lastIndexOf('/');
    const typedDir = cut < 0 ? '' : word.slice(0, cut + 1);
    const prefix = word.slice(cut + 1);
    let dir = typedDir === '' ? state.cwd : typedDir;
    if (dir.startsWith('~')) {
      const slash = dir.indexOf('/');
      const user = dir.slice(1, slash < 0 ? undefined : slash);
      const home = user === '' ? state.variables.get('HOME') : machine.users.userByName(user)?.home;
      if (home === undefined) return [];
      dir = home + (slash < 0 ? '' : dir.slice(slash));
    } else if (!dir.startsWith('/')) {
      dir = `${state.cwd}/${dir}`;
    }
    if (cut < 0 && word.startsWith('~') && !word.includes('/')) {
      // `~ro` completes user names, as bash does
      return this.#users(word.slice(1));
    }
    const listing = machine.fs.tryStat(dir);
    if (listing?.type !== 'directory') return [];
    const candidates: CompletionCandidate[] = [];
    for (const name of machine.fs.readDir(dir)) {
      if (!name.startsWith(prefix)) continue;
      // readline's match-hidden-files is on by default: dotfiles complete without a typed dot
      const stat = machine.fs.tryStat(`${dir}/${name}`);
      const directory = stat?.type === 'directory';
      if (executablesOnly && !directory && (stat === undefined || (stat.mode & 0o111) === 0))
        continue;
      candidates.push({ text: `${typedDir}${name}`, ...(directory ? { directory: true } : {}) });
    }
    return candidates.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  }

  #users(prefix: string): CompletionCandidate[] {
    const text =
      this.#sources.machine.fs.tryStat('/etc/passwd') === undefined
        ? ''
        : this.#sources.machine.fs.readText('/etc/passwd');
    return text
      .split('\n')
      .map((line) => line.split(':')[0] ?? '')
      .filter((name) => name !== '' && name.startsWith(prefix))
      .sort()
      .map((name) => ({ text: `~${name}`, directory: true }));
  }
}
