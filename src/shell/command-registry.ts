// The commands the machine can run, found two ways: bash builtins by name, and programs by the
// `program` of the executable file bash executes — the path its package installed it at — so that
// `/usr/bin/uwsgi` (Debian's uwsgi-core, through its alternatives links) and a venv's pip-built
// `.venv/bin/uwsgi` are different programs, a copied binary still runs, and a moved one too.

import type { CommandDefinition } from './program.ts';

export class CommandRegistry {
  readonly #builtins = new Map<string, CommandDefinition>();
  readonly #programs = new Map<string, CommandDefinition>();
  readonly #all: CommandDefinition[] = [];

  constructor(definitions: readonly CommandDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  /** Adds a command; a later one with the same name or program replaces the earlier. */
  register(definition: CommandDefinition): this {
    const at = this.#all.findIndex(
      (d) => d.name === definition.name && d.builtin === definition.builtin,
    );
    if (at >= 0) this.#all.splice(at, 1);
    this.#all.push(definition);
    if (definition.builtin === true) {
      this.#builtins.set(definition.name, definition);
      for (const program of definition.programs ?? []) this.#programs.set(program, definition);
      return this;
    }
    for (const program of definition.programs ?? [`/usr/bin/${definition.name}`]) {
      this.#programs.set(program, definition);
    }
    return this;
  }

  builtin(name: string): CommandDefinition | undefined {
    return this.#builtins.get(name);
  }

  /** The program an executable file is (its `program`). */
  program(id: string): CommandDefinition | undefined {
    return this.#programs.get(id);
  }

  get definitions(): readonly CommandDefinition[] {
    return this.#all;
  }

  builtinNames(): string[] {
    return [...this.#builtins.keys()];
  }
}
