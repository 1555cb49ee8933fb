// The shell functions a session has. The bash subset has no `name () { … }` syntax of its own; the
// one function the course meets — `deactivate`, which a venv's activate script defines — is
// implemented natively (venv-activation.ts) and kept here so `type`, Tab and `unset -f` see it.

import type { ShellFunction, ShellFunctions } from './program.ts';

export class SessionFunctions implements ShellFunctions {
  readonly #functions = new Map<string, ShellFunction>();

  get(name: string): ShellFunction | undefined {
    return this.#functions.get(name);
  }

  define(fn: ShellFunction): void {
    this.#functions.set(fn.name, fn);
  }

  remove(name: string): void {
    this.#functions.delete(name);
  }

  names(): string[] {
    return [...this.#functions.keys()].sort();
  }
}
