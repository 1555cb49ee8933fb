// File name completion over the fake machine's files, as bash's default completion does it
// without bash-completion installed: names in the word's directory that start with the rest of
// the word, hidden ones too (readline's match-hidden-files), `.` and `..` never; in command
// position, the given command names. The real completer belongs to the command layer.

import type {
  CompletionCandidate,
  Completer,
  CompletionRequest,
} from '../../../src/shell/line-editor-completion.ts';
import { FakeFiles } from './fake-host.ts';

export class FakeCompleter implements Completer {
  readonly #files: FakeFiles;
  readonly #cwd: string;
  readonly #commands: readonly string[];
  readonly requests: CompletionRequest[] = [];

  constructor(files: FakeFiles, cwd: string, commands: readonly string[] = []) {
    this.#files = files;
    this.#cwd = cwd;
    this.#commands = commands;
  }

  complete(request: CompletionRequest): CompletionCandidate[] {
    this.requests.push(request);
    const word = request.word;
    if (request.commandPosition && !word.includes('/')) {
      return this.#commands.filter((c) => c.startsWith(word)).map((text) => ({ text }));
    }
    const slash = word.lastIndexOf('/');
    const dir = slash === -1 ? '' : word.slice(0, slash + 1);
    const prefix = word.slice(slash + 1);
    const path = dir.startsWith('/') ? dir : `${this.#cwd}/${dir}`;
    const names = this.#files.listDirectory(path) ?? [];
    return names
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({
        text: dir + name,
        directory: this.#files.directories.has(FakeFiles.normalize(`${path}/${name}`)),
      }));
  }
}
