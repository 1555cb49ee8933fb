// The syntax tree of the bash subset: lists of and-or chains of pipelines of simple commands, as
// bash's grammar (parse.y) builds them, with words kept as parts so that expansion knows what was
// quoted. Every node keeps enough source text for the printer to show it as `jobs` does.

/** Text outside quotes, as typed (subject to globbing; never to word splitting). */
export interface LiteralPart {
  readonly type: 'literal';
  readonly text: string;
}

/** `\x` outside quotes: the character, quoted. */
export interface EscapedPart {
  readonly type: 'escaped';
  readonly text: string;
}

/** `'...'`, or `$'...'` with its escapes already decoded (`raw` keeps the source for printing). */
export interface SingleQuotedPart {
  readonly type: 'single-quoted';
  readonly text: string;
  readonly ansiC: boolean;
}

/** Text inside double quotes or a here-document body: quoted, never split or globbed. */
export interface QuotedTextPart {
  readonly type: 'quoted-text';
  readonly text: string;
}

export interface DoubleQuotedPart {
  readonly type: 'double-quoted';
  readonly parts: readonly ExpansionPart[];
}

/** `~` or `~user` where bash performs tilde expansion (word start, after `=` or `:` in assignments). */
export interface TildePart {
  readonly type: 'tilde';
  readonly user: string;
}

export type ParameterOperation =
  /** `${#NAME}` */
  | { readonly kind: 'length' }
  /** `${NAME:-w}` `${NAME-w}`, `:=`, `:+`, `:?` and their colon-less forms. */
  | {
      readonly kind: 'default' | 'assign' | 'alternative' | 'error';
      readonly colon: boolean;
      readonly word: Word;
    }
  /** `${NAME#p}` `${NAME##p}` `${NAME%p}` `${NAME%%p}` */
  | {
      readonly kind: 'remove-prefix' | 'remove-suffix';
      readonly longest: boolean;
      readonly pattern: Word;
    };

/** `$NAME`, `${NAME}`, `$?`, `$!`, `$$`, `$0`..`$9`, `$#`, `$@`, `$*`, `$-`, with an operation. */
export interface ParameterPart {
  readonly type: 'parameter';
  readonly name: string;
  readonly braced: boolean;
  readonly operation: ParameterOperation | undefined;
}

/** A `${...}` bash parses but refuses when expanding it (`${a b}: bad substitution`). */
export interface BadSubstitutionPart {
  readonly type: 'bad-substitution';
  readonly text: string;
  /** Valid bash this subset does not implement (`${x:1:2}`, `${x/a/b}`, `${x^^}`). */
  readonly unsupported: boolean;
}

/** `$(...)` or `` `...` ``. */
export interface CommandSubstitutionPart {
  readonly type: 'command-substitution';
  readonly program: Program;
  readonly backquoted: boolean;
}

/** Parts that may appear inside double quotes and here-document bodies. */
export type ExpansionPart =
  QuotedTextPart | ParameterPart | BadSubstitutionPart | CommandSubstitutionPart;

export type WordPart =
  | LiteralPart
  | EscapedPart
  | SingleQuotedPart
  | DoubleQuotedPart
  | TildePart
  | ParameterPart
  | BadSubstitutionPart
  | CommandSubstitutionPart;

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as typed (quotes included), for the printer and error messages. */
  readonly raw: string;
}

/** `NAME=value` before a command (or alone). */
export interface Assignment {
  readonly name: string;
  readonly value: Word;
  /** `+=` appends (bash). */
  readonly append: boolean;
  readonly raw: string;
}

/** A here-document's body, filled in when the lexer reads the lines after the command's line. */
export interface HereDocumentBody {
  /** The body's lines as typed (tabs already stripped for `<<-`), each ending in a newline. */
  text: string;
  /** With an unquoted delimiter: the body's expansions; a quoted one gives one quoted-text part. */
  parts: ExpansionPart[];
  /** False when input ended before the delimiter line (bash warns and uses what it read). */
  terminated: boolean;
}

export type Redirection =
  /** `[n]>file` `[n]>>file` `[n]<file` `[n]>|file` `[n]<>file` */
  | {
      readonly type: 'file';
      readonly fd: number;
      readonly operator: '>' | '>>' | '<' | '>|' | '<>';
      readonly target: Word;
      /** The fd number as typed (`2` in `2>x`), or '' when the default was used. */
      readonly fdText: string;
    }
  /** `&>file` `&>>file` (and `>&file` with a non-numeric word): stdout and stderr both. */
  | {
      readonly type: 'both';
      readonly operator: '&>' | '&>>';
      readonly target: Word;
    }
  /** `[n]>&m`, `[n]<&m`, `[n]>&-` */
  | {
      readonly type: 'duplicate';
      readonly fd: number;
      readonly operator: '>&' | '<&';
      readonly target: Word;
      readonly fdText: string;
    }
  /** `[n]<<WORD`, `[n]<<-WORD` */
  | {
      readonly type: 'here-document';
      readonly fd: number;
      readonly fdText: string;
      /** The delimiter after quote removal. */
      readonly delimiter: string;
      /** The delimiter as typed (`'EOF'`). */
      readonly delimiterRaw: string;
      /** Any part of the delimiter quoted: the body is taken literally. */
      readonly quoted: boolean;
      readonly stripTabs: boolean;
      readonly body: HereDocumentBody;
      /** The line the redirection is on (bash's warning names it). */
      readonly line: number;
    }
  /** `[n]<<<word` */
  | {
      readonly type: 'here-string';
      readonly fd: number;
      readonly fdText: string;
      readonly word: Word;
    };

export interface SimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirections: readonly Redirection[];
  readonly line: number;
}

export interface Pipeline {
  readonly type: 'pipeline';
  /** `! cmd`: the status is inverted. */
  readonly negated: boolean;
  readonly commands: readonly SimpleCommand[];
  /** For each `|` between commands: whether it was `|&` (stderr too). */
  readonly stderrPipes: readonly boolean[];
}

export interface AndOr {
  readonly type: 'and-or';
  readonly first: Pipeline;
  readonly rest: readonly { readonly operator: '&&' | '||'; readonly pipeline: Pipeline }[];
}

export interface ListItem {
  readonly command: AndOr;
  /** Ended by `&`: run as a background job. */
  readonly background: boolean;
}

/** What one read of input yields: a list of commands, run one item after another. */
export interface Program {
  readonly items: readonly ListItem[];
}
