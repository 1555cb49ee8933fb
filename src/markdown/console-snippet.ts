// Splits a `console` snippet into the commands a reader types and the lines the programs print,
// so the copy button copies only commands: never the `$ ` prompt, never output.

export type ConsoleLineKind = 'command' | 'continuation' | 'output';

export interface ConsoleLine {
  readonly kind: ConsoleLineKind;
  /** The line as shown, prompt included. */
  readonly text: string;
}

export interface ConsoleSnippet {
  readonly lines: readonly ConsoleLine[];
  /** What a reader would type: one entry per command, continuation and here-document lines included. */
  readonly commands: readonly string[];
}

export const PROMPT = '$ ';
// `<<EOF`, `<< 'EOF'`, `<<-"EOF"`: bash reads the lines up to the delimiter as part of the command.
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

export function splitConsoleSnippet(code: string): ConsoleSnippet {
  const lines: ConsoleLine[] = [];
  // What the line before asked for: nothing, a backslash continuation, or a here-document body.
  let pending: { kind: 'none' } | { kind: 'backslash' } | { kind: 'heredoc'; end: string } = {
    kind: 'none',
  };

  for (const text of code.split('\n')) {
    let kind: ConsoleLineKind;
    let typed: string | undefined;
    if (pending.kind === 'heredoc') {
      kind = 'continuation';
      if (text.trim() === pending.end) pending = { kind: 'none' };
    } else if (pending.kind === 'backslash') {
      kind = 'continuation';
      typed = text;
    } else if (text.startsWith(PROMPT) || text === '$') {
      kind = 'command';
      typed = text.slice(PROMPT.length);
    } else {
      kind = 'output';
    }
    if (typed !== undefined) {
      const heredoc = HEREDOC.exec(typed);
      if (heredoc?.[2]) pending = { kind: 'heredoc', end: heredoc[2] };
      else pending = typed.endsWith('\\') ? { kind: 'backslash' } : { kind: 'none' };
    }
    lines.push({ kind, text });
  }
  return { lines, commands: commandsOf(lines) };
}

function commandsOf(lines: readonly ConsoleLine[]): string[] {
  const commands: string[] = [];
  for (const line of lines) {
    if (line.kind === 'command') {
      commands.push(line.text.slice(PROMPT.length));
    } else if (line.kind === 'continuation' && commands.length > 0) {
      commands[commands.length - 1] += `\n${line.text}`;
    }
  }
  return commands;
}
