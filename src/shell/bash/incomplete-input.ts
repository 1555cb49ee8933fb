// Input that stopped in the middle of a command: an open quote, a `|` or `&&` with nothing after
// it, a backslash-newline, a here-document whose delimiter line has not come yet. The lexer and
// parser throw it; `parse` turns it into "needs more input" (the terminal's `> ` prompt) or, when
// the input is final, into bash's end-of-file error. It never leaves `parse`.

export type IncompleteReason =
  /** A quote, `` ` ``, `$(` or `${` is open: bash says `looking for matching `"'`. */
  | { readonly kind: 'unmatched'; readonly opener: string; readonly line: number }
  /** A command must follow (`ls |`, `a &&`): bash says `syntax error: unexpected end of file`. */
  | { readonly kind: 'command'; readonly line: number }
  /** A backslash-newline at the very end. */
  | { readonly kind: 'continuation'; readonly line: number }
  /** A here-document's body has not been ended by its delimiter line yet. */
  | { readonly kind: 'here-document'; readonly line: number };

export class IncompleteInput extends Error {
  override readonly name = 'IncompleteInput';
  readonly reason: IncompleteReason;

  constructor(reason: IncompleteReason) {
    super(`incomplete input (${reason.kind})`);
    this.reason = reason;
  }
}
