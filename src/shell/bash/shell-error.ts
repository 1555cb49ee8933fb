// The one error the bash subset throws: what bash 5.2 (Debian 12) would print, in its words. The
// parser, history expansion and word expansion fail with a ShellError and nothing else, so the
// terminal can print `error.message` and carry on (tests/unit/shell checks every text against a
// recording of the real bash, tests/fixtures/bash/bash-5.2-recording.json).

export type ShellErrorKind =
  /** `syntax error near unexpected token `;;'` (parse.y: report_syntax_error). */
  | 'unexpected-token'
  /** `syntax error: unexpected end of file`: input ended where a command must follow. */
  | 'unexpected-eof'
  /** `unexpected EOF while looking for matching `"'`: a quote or `$(`/`${` left open. */
  | 'unmatched'
  /** `!x: event not found` (history expansion, lib/readline/histexpand.c). */
  | 'event-not-found'
  /** `:9: bad word specifier`. */
  | 'bad-word-specifier'
  /** `${a b}: bad substitution` (expansion time, subst.c). */
  | 'bad-substitution'
  /** `$x: ambiguous redirect`: a redirection's word expanded to no word or several. */
  | 'ambiguous-redirect'
  /** `x: parameter null or not set` from `${x:?}`. */
  | 'parameter-unset'
  /** `N: Bad file descriptor` for `>&N` on a descriptor that is not open. */
  | 'bad-file-descriptor'
  /** A construct real bash accepts and this subset does not (compound commands, arithmetic). */
  | 'unsupported';

/** An error as bash reports it: `message` is the whole line an interactive bash prints. */
export class ShellError extends Error {
  override readonly name = 'ShellError';
  readonly kind: ShellErrorKind;
  /** The text after `bash: ` (an interactive shell's prefix). */
  readonly detail: string;
  /** The input line bash was on (1-based), when the error comes from reading input. */
  readonly line: number | undefined;

  constructor(kind: ShellErrorKind, detail: string, line?: number) {
    super(`bash: ${detail}`);
    this.kind = kind;
    this.detail = detail;
    this.line = line;
  }

  /**
   * The text a non-interactive bash prints for a script or `bash -c` (`source`, `.`): the name
   * and line before the detail, e.g. `bash: -c: line 1: syntax error near unexpected token `;;'`.
   * bash also quotes the offending line after a syntax error (the second line).
   */
  scriptMessage(scriptName: string, sourceLine?: string): string {
    const where = this.line === undefined ? '' : `line ${this.line}: `;
    const first = `${scriptName}: ${where}${this.detail}`;
    if (this.kind === 'unexpected-token' && sourceLine !== undefined) {
      return `${first}\n${scriptName}: ${where}\`${sourceLine}'`;
    }
    return first;
  }

  static unexpectedToken(token: string, line?: number): ShellError {
    return new ShellError(
      'unexpected-token',
      `syntax error near unexpected token \`${token}'`,
      line,
    );
  }

  static unexpectedEof(line?: number): ShellError {
    return new ShellError('unexpected-eof', 'syntax error: unexpected end of file', line);
  }

  static unmatched(opener: string, line?: number): ShellError {
    return new ShellError(
      'unmatched',
      `unexpected EOF while looking for matching \`${opener}'`,
      line,
    );
  }

  /** `what`: the construct as typed (`if`, `$((`); `kind`: what it is (`compound commands`). */
  static unsupported(what: string, kind: string, line?: number): ShellError {
    return new ShellError(
      'unsupported',
      `${what}: ${kind} are not supported in this simulated shell`,
      line,
    );
  }
}
