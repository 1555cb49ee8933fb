// A file the builder writes: where it goes, its text, and which field each line came from, so that
// a model's complaint about a line can be shown next to the field that made it.

import type { FieldName } from './builder-inputs.ts';

export interface FileLine {
  readonly text: string;
  readonly field?: FieldName;
}

export interface GeneratedFile {
  /** Where the file goes on the server (its title bar shows it). */
  readonly path: string;
  /** The whole file, ending in a newline: what the copy button copies. */
  readonly text: string;
  readonly lines: readonly FileLine[];
}

export function line(text: string, field?: FieldName): FileLine {
  return field === undefined ? { text } : { text, field };
}

export function generatedFile(path: string, lines: readonly FileLine[]): GeneratedFile {
  return { path, text: `${lines.map((entry) => entry.text).join('\n')}\n`, lines };
}

/** The field that made line `number` (1-based), if one did. */
export function fieldOfLine(file: GeneratedFile, number: number): FieldName | undefined {
  return file.lines[number - 1]?.field;
}
