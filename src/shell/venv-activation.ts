// `source .venv/bin/activate` and `deactivate`, done natively: the script Python 3.11's venv writes
// uses shell functions and `[ … ]`, which the bash subset does not have, so `source` recognizes it
// and does what it does — VIRTUAL_ENV, PATH with the venv's bin first, the `(.venv) ` prompt prefix
// (PS1 exported, as the script exports it), `hash -r`, and the `deactivate` function, which puts
// them back (real-output-shell.md §1.5; `type deactivate` as real bash 5.2 prints the function).

import type { ShellState } from './bash/shell-state.ts';
import type { ShellFunction, ShellFunctions } from './program.ts';

export interface ActivateScript {
  /** VIRTUAL_ENV as the script sets it. */
  readonly directory: string;
  /** The folder of executables inside it (`bin`). */
  readonly binName: string;
  /** The prompt prefix (`(.venv) `). */
  readonly prompt: string;
}

/** Recognizes a venv's bin/activate (Python 3.11's template), or undefined. */
export function readActivateScript(text: string): ActivateScript | undefined {
  if (!/^deactivate \(\) \{$/m.test(text)) return undefined;
  const directory = /^VIRTUAL_ENV=(.*)$/m.exec(text)?.[1];
  if (directory === undefined) return undefined;
  const binName = /^PATH="\$VIRTUAL_ENV\/"?([^":]*)"?:\$PATH"$/m.exec(text)?.[1] ?? 'bin';
  const prompt = /^\s*VIRTUAL_ENV_PROMPT=(.*)$/m.exec(text)?.[1] ?? '';
  return { directory: unquote(directory), binName, prompt: unquote(prompt) };
}

/** The shell words of the template: `'(.venv) '`, `"/x"`, or plain. */
function unquote(word: string): string {
  let out = '';
  for (const part of word.matchAll(/'([^']*)'|"([^"]*)"|([^'"]+)/g)) {
    out += part[1] ?? part[2] ?? part[3] ?? '';
  }
  return out;
}

export interface ActivationTarget {
  readonly state: ShellState;
  readonly functions: ShellFunctions;
  /** bash's hash table hit counts, cleared with the table by `hash -r`. */
  readonly hashHits: Map<string, number>;
}

/** What sourcing the activate script does. */
export function activate(script: ActivateScript, target: ActivationTarget): void {
  const { state } = target;
  const variables = state.variables;
  // `deactivate nondestructive`: an active venv is left first, its function kept
  if (target.functions.get('deactivate') !== undefined) deactivate(target, ['nondestructive']);
  variables.set('VIRTUAL_ENV', script.directory);
  variables.export('VIRTUAL_ENV');
  const path = variables.get('PATH') ?? '';
  variables.set('_OLD_VIRTUAL_PATH', path);
  variables.set('PATH', `${script.directory}/${script.binName}:${path}`);
  variables.export('PATH');
  const home = variables.get('PYTHONHOME');
  if (home !== undefined && home !== '') {
    variables.set('_OLD_VIRTUAL_PYTHONHOME', home);
    variables.unset('PYTHONHOME');
  }
  if ((variables.get('VIRTUAL_ENV_DISABLE_PROMPT') ?? '') === '') {
    const ps1 = variables.get('PS1') ?? '';
    variables.set('_OLD_VIRTUAL_PS1', ps1);
    variables.set('PS1', `${script.prompt}${ps1}`);
    variables.export('PS1');
    variables.set('VIRTUAL_ENV_PROMPT', script.prompt);
    variables.export('VIRTUAL_ENV_PROMPT');
  }
  hashReset(target);
  target.functions.define(deactivateFunction(target.functions, target.hashHits));
}

/** The `deactivate` function body (Python 3.11's template, as it was sourced). */
export function deactivate(target: ActivationTarget, args: readonly string[]): void {
  const variables = target.state.variables;
  const nonEmpty = (name: string): string | undefined => {
    const value = variables.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const oldPath = nonEmpty('_OLD_VIRTUAL_PATH');
  if (oldPath !== undefined) {
    variables.set('PATH', oldPath);
    variables.export('PATH');
    variables.unset('_OLD_VIRTUAL_PATH');
  }
  const oldHome = nonEmpty('_OLD_VIRTUAL_PYTHONHOME');
  if (oldHome !== undefined) {
    variables.set('PYTHONHOME', oldHome);
    variables.export('PYTHONHOME');
    variables.unset('_OLD_VIRTUAL_PYTHONHOME');
  }
  if (nonEmpty('BASH') !== undefined || nonEmpty('ZSH_VERSION') !== undefined) hashReset(target);
  const oldPs1 = nonEmpty('_OLD_VIRTUAL_PS1');
  if (oldPs1 !== undefined) {
    variables.set('PS1', oldPs1);
    variables.export('PS1');
    variables.unset('_OLD_VIRTUAL_PS1');
  }
  variables.unset('VIRTUAL_ENV');
  variables.unset('VIRTUAL_ENV_PROMPT');
  if (args[0] !== 'nondestructive') target.functions.remove('deactivate');
}

function hashReset(target: ActivationTarget): void {
  target.state.hashed.clear();
  target.hashHits.clear();
}

/** `deactivate` as a function of the session (it runs in the shell that calls it). */
export function deactivateFunction(
  functions: ShellFunctions,
  hashHits: Map<string, number>,
): ShellFunction {
  return {
    name: 'deactivate',
    text: DEACTIVATE_TEXT,
    run: (context) => {
      deactivate({ state: context.shell.state, functions, hashHits }, context.argv.slice(1));
      return 0;
    },
  };
}

/** How bash 5.2 prints the function (`type deactivate`), recorded. */
export const DEACTIVATE_TEXT = `deactivate () 
{ 
    if [ -n "\${_OLD_VIRTUAL_PATH:-}" ]; then
        PATH="\${_OLD_VIRTUAL_PATH:-}";
        export PATH;
        unset _OLD_VIRTUAL_PATH;
    fi;
    if [ -n "\${_OLD_VIRTUAL_PYTHONHOME:-}" ]; then
        PYTHONHOME="\${_OLD_VIRTUAL_PYTHONHOME:-}";
        export PYTHONHOME;
        unset _OLD_VIRTUAL_PYTHONHOME;
    fi;
    if [ -n "\${BASH:-}" -o -n "\${ZSH_VERSION:-}" ]; then
        hash -r 2> /dev/null;
    fi;
    if [ -n "\${_OLD_VIRTUAL_PS1:-}" ]; then
        PS1="\${_OLD_VIRTUAL_PS1:-}";
        export PS1;
        unset _OLD_VIRTUAL_PS1;
    fi;
    unset VIRTUAL_ENV;
    unset VIRTUAL_ENV_PROMPT;
    if [ ! "\${1:-}" = "nondestructive" ]; then
        unset -f deactivate;
    fi
}
`;
