// A Python exception raised by a modelled app or by loading one, printed the way CPython 3.11's
// PyErr_Print prints it: the traceback frames (when there are any), then `Type: message`. A
// SyntaxError has no frames of its own: it shows the file, line, the source line and a caret.

export interface TracebackFrame {
  readonly file: string;
  readonly line: number;
  /** The function, or `<module>` at a file's top level. */
  readonly name: string;
  /** The source line, stripped, as the traceback shows it (absent when unavailable). */
  readonly source?: string;
  /** Python 3.11's `^^^^` marker line under the failing expression, when it prints one. */
  readonly marker?: string;
}

/** Where a SyntaxError points: the file as named, the line, its text and the caret column (1-based). */
export interface SyntaxLocation {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly column: number;
  /** How many carets (3.11 underlines a range for some errors); 1 by default. */
  readonly width?: number;
}

export class PythonException extends Error {
  override readonly name = 'PythonException';
  /** `ModuleNotFoundError`, `SyntaxError`, `RuntimeError`, … */
  readonly type: string;
  /** The text after `Type: `. */
  readonly detail: string;
  readonly frames: readonly TracebackFrame[];
  readonly syntax: SyntaxLocation | undefined;

  constructor(
    type: string,
    detail: string,
    options: { readonly frames?: readonly TracebackFrame[]; readonly syntax?: SyntaxLocation } = {},
  ) {
    super(`${type}: ${detail}`);
    this.type = type;
    this.detail = detail;
    this.frames = options.frames ?? [];
    this.syntax = options.syntax;
  }

  /** The lines PyErr_Print writes to stderr (uWSGI's log). */
  lines(): string[] {
    const out: string[] = [];
    if (this.frames.length > 0) {
      out.push('Traceback (most recent call last):');
      for (const frame of this.frames) {
        out.push(`  File "${frame.file}", line ${frame.line}, in ${frame.name}`);
        if (frame.source !== undefined) out.push(`    ${frame.source}`);
        if (frame.marker !== undefined) out.push(`    ${frame.marker}`);
      }
    }
    if (this.syntax !== undefined) {
      const { file, line, text, column, width = 1 } = this.syntax;
      out.push(`  File "${file}", line ${line}`);
      // CPython prints the line with its indentation removed and shifts the caret to match
      const stripped = text.replace(/^[ \t\f]+/, '');
      const shift = text.length - stripped.length;
      out.push(`    ${stripped.replace(/\s+$/, '')}`);
      // some errors (`unexpected indent`, TabError) have no caret
      if (width > 0 && column > 0)
        out.push(`    ${' '.repeat(Math.max(0, column - 1 - shift))}${'^'.repeat(width)}`);
    }
    out.push(this.detail === '' ? this.type : `${this.type}: ${this.detail}`);
    return out;
  }
}
