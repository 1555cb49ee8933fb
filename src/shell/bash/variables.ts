// The shell's variables: a value, and whether it is exported to the environment of the commands it
// runs. `export -p` prints them as bash does (`declare -x NAME="value"`, sorted by name). Plain data
// (`toJSON`) so a machine can be saved and restored with its shell.

import { isName } from './word-reader.ts';

export interface VariableState {
  readonly value: string | undefined;
  readonly exported: boolean;
}

export class ShellVariables {
  readonly #variables = new Map<string, VariableState>();

  /** `exported` becomes the environment; `local` are shell variables only (PS1, IFS...). */
  constructor(
    exported: Readonly<Record<string, string>> = {},
    local: Readonly<Record<string, string>> = {},
  ) {
    for (const [name, value] of Object.entries(local))
      this.#variables.set(name, { value, exported: false });
    for (const [name, value] of Object.entries(exported))
      this.#variables.set(name, { value, exported: true });
  }

  static fromJSON(state: Readonly<Record<string, VariableState>>): ShellVariables {
    const variables = new ShellVariables();
    for (const [name, entry] of Object.entries(state)) variables.#variables.set(name, entry);
    return variables;
  }

  toJSON(): Record<string, VariableState> {
    return Object.fromEntries(this.#variables);
  }

  /** The value, or undefined when unset (an exported name without a value is unset too). */
  get(name: string): string | undefined {
    return this.#variables.get(name)?.value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  isExported(name: string): boolean {
    return this.#variables.get(name)?.exported ?? false;
  }

  /** `NAME=value`: keeps the export flag it had. */
  set(name: string, value: string): void {
    const exported = this.#variables.get(name)?.exported ?? false;
    this.#variables.set(name, { value, exported });
  }

  /** `export NAME[=value]`. */
  export(name: string, value?: string): void {
    const current = this.#variables.get(name)?.value;
    this.#variables.set(name, { value: value ?? current, exported: true });
  }

  /** `export -n NAME`. */
  unexport(name: string): void {
    const entry = this.#variables.get(name);
    if (entry !== undefined) this.#variables.set(name, { value: entry.value, exported: false });
  }

  unset(name: string): void {
    this.#variables.delete(name);
  }

  /** The environment a command gets: exported variables with values, in the order they came. */
  environment(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [name, { value, exported }] of this.#variables) {
      if (exported && value !== undefined) env.set(name, value);
    }
    return env;
  }

  /** Every set variable's name, sorted (what `set` and `compgen -v` list). */
  names(): string[] {
    return [...this.#variables]
      .filter(([, entry]) => entry.value !== undefined)
      .map(([name]) => name)
      .sort();
  }

  /** `export -p` / `export` with no arguments. */
  formatExports(): string {
    const names = [...this.#variables]
      .filter(([name, entry]) => entry.exported && isName(name))
      .map(([name]) => name)
      .sort();
    let text = '';
    for (const name of names) {
      const value = this.#variables.get(name)!.value;
      // bash's declare -p quoting: inside double quotes, `\`, `"`, `$` and `` ` `` get a backslash.
      text +=
        value === undefined
          ? `declare -x ${name}\n`
          : `declare -x ${name}="${value.replace(/[\\"$`]/g, '\\$&')}"\n`;
    }
    return text;
  }
}
