// The state of one bash process: variables, working directory, `$?`, `$!`, the positional
// parameters. A subshell (pipeline member, background job, `$(...)`) works on a copy, so `cd` or
// `A=1` there does not change the interactive shell, as in bash.

import { ShellVariables, type VariableState } from './variables.ts';

export interface ShellStateData {
  readonly variables: Readonly<Record<string, VariableState>>;
  readonly cwd: string;
  readonly lastStatus: number;
  readonly umask?: number;
  readonly hashed?: Readonly<Record<string, string>>;
}

export interface ShellStateInit {
  readonly variables: ShellVariables;
  readonly cwd: string;
  /** `$0`. Default `bash`: an interactive shell that is not a login shell, as in the captures
   * (which is also why `exit` prints `exit`, not `logout`). */
  readonly shellName?: string;
}

export class ShellState {
  variables: ShellVariables;
  cwd: string;
  lastStatus = 0;
  lastBackgroundPid: number | undefined;
  positional: readonly string[] = [];
  shellName: string;
  /** The file mode creation mask (`umask`); Debian's default for root is 0022. */
  umask = 0o022;
  /**
   * bash's table of where it found commands (`hash`): name → path. The command layer fills it;
   * after `mv /usr/bin/uwsgi ...` bash still runs the remembered path until `hash -r`.
   */
  readonly hashed = new Map<string, string>();

  constructor(init: ShellStateInit) {
    this.variables = init.variables;
    this.cwd = init.cwd;
    this.shellName = init.shellName ?? 'bash';
  }

  static fromJSON(data: ShellStateData): ShellState {
    const state = new ShellState({
      variables: ShellVariables.fromJSON(data.variables),
      cwd: data.cwd,
    });
    state.lastStatus = data.lastStatus;
    if (data.umask !== undefined) state.umask = data.umask;
    for (const [name, path] of Object.entries(data.hashed ?? {})) state.hashed.set(name, path);
    return state;
  }

  toJSON(): ShellStateData {
    return {
      variables: this.variables.toJSON(),
      cwd: this.cwd,
      lastStatus: this.lastStatus,
      umask: this.umask,
      hashed: Object.fromEntries(this.hashed),
    };
  }

  /** A copy for a subshell. */
  subshell(): ShellState {
    const copy = new ShellState({
      variables: ShellVariables.fromJSON(this.variables.toJSON()),
      cwd: this.cwd,
      shellName: this.shellName,
    });
    copy.lastStatus = this.lastStatus;
    copy.lastBackgroundPid = this.lastBackgroundPid;
    copy.positional = this.positional;
    copy.umask = this.umask;
    for (const [name, path] of this.hashed) copy.hashed.set(name, path);
    return copy;
  }
}
