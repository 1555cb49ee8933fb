// Strings with variables in them (`$document_root`, `${uri}x`, `$1`), compiled the way
// ngx_http_script_compile reads them (nginx 1.22.1, src/http/ngx_http_script.c) and evaluated per
// request. A variable's name is letters, digits and `_`; `${…}` lets text follow it directly.

export type ScriptPart =
  | { readonly kind: 'text'; readonly text: string }
  /** Lower case: nginx looks variables up case-insensitively. */
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'capture'; readonly index: number };

export interface Script {
  /** The string as written in the config. */
  readonly source: string;
  readonly parts: readonly ScriptPart[];
}

/** Why a script did not compile, in nginx's words. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
}

/** Compiles a config string; throws ScriptError with nginx's message. */
export function compileScript(source: string): Script {
  const parts: ScriptPart[] = [];
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    if (source[i] !== '$') {
      text += source[i];
      i++;
      continue;
    }
    flush();
    if (++i === source.length) throw new ScriptError('invalid variable name');
    const first = source[i]!;
    if (first >= '1' && first <= '9') {
      parts.push({ kind: 'capture', index: Number(first) });
      i++;
      continue;
    }
    let bracket = false;
    if (first === '{') {
      bracket = true;
      if (++i === source.length) throw new ScriptError('invalid variable name');
    }
    let name = '';
    for (; i < source.length; i++) {
      const ch = source[i]!;
      if (ch === '}' && bracket) {
        i++;
        bracket = false;
        break;
      }
      if (/[A-Za-z0-9_]/.test(ch)) {
        name += ch;
        continue;
      }
      break;
    }
    if (bracket) throw new ScriptError(`the closing bracket in "${name}" variable is missing`);
    if (name === '') throw new ScriptError('invalid variable name');
    parts.push({ kind: 'variable', name: name.toLowerCase() });
  }
  flush();
  return { source, parts };
}

/** A script of plain text (no variables), for values nginx does not compile. */
export function literalScript(text: string): Script {
  return { source: text, parts: text === '' ? [] : [{ kind: 'text', text }] };
}

/** ngx_http_script_variables_count: nginx compiles a value only when it has a `$`. */
export function countVariables(source: string): number {
  let n = 0;
  for (const ch of source) if (ch === '$') n++;
  return n;
}

/** The variables a script reads. */
export function scriptVariables(script: Script): string[] {
  return script.parts.flatMap((part) => (part.kind === 'variable' ? [part.name] : []));
}

/** What a script needs at run time: variable values and regex captures (undefined → empty). */
export interface ScriptScope {
  variable(name: string): string | undefined;
  capture(index: number): string | undefined;
}

export function evaluateScript(script: Script, scope: ScriptScope): string {
  let out = '';
  for (const part of script.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'variable') out += scope.variable(part.name) ?? '';
    else out += scope.capture(part.index) ?? '';
  }
  return out;
}
