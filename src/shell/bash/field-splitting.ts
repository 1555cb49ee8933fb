// Word splitting (bash 5.2 subst.c word_split, POSIX 2.6.5): the unquoted results of `$var` and
// `$(...)` are cut at IFS characters. IFS whitespace (space, tab, newline) runs count as one
// separator and are trimmed at the edges; each other IFS character ends a field, so with IFS=:
// `a::b` gives `a`, ``, `b`. Text typed in the word itself is never split.

/** A piece of an expanded word: quoted text is neither split nor globbed. */
export interface Segment {
  readonly text: string;
  readonly quoted: boolean;
  /** The unquoted result of an expansion: subject to word splitting. */
  readonly splittable: boolean;
}

export const DEFAULT_IFS = ' \t\n';

/** Splits one expanded word into fields (each still in segments, for globbing). */
export function splitFields(segments: readonly Segment[], ifs: string): Segment[][] {
  const fields: Segment[][] = [];
  let current: Segment[] = [];
  let started = false;
  let afterWhitespace = false;
  const emit = (): void => {
    fields.push(current);
    current = [];
    started = false;
  };
  for (const segment of segments) {
    if (!segment.splittable || ifs === '') {
      current.push(segment);
      if (segment.quoted || segment.text !== '') {
        started = true;
        afterWhitespace = false;
      }
      continue;
    }
    let text = '';
    const flush = (): void => {
      if (text !== '') current.push({ text, quoted: false, splittable: false });
      text = '';
    };
    for (const c of segment.text) {
      if (!ifs.includes(c)) {
        text += c;
        started = true;
        afterWhitespace = false;
        continue;
      }
      flush();
      if (c === ' ' || c === '\t' || c === '\n') {
        if (started) {
          emit();
          afterWhitespace = true;
        }
      } else {
        if (started || !afterWhitespace) emit();
        afterWhitespace = false;
      }
    }
    flush();
  }
  if (started) emit();
  return fields;
}
