// The `RECONSTRUCTED:` and `SIMPLIFIED:` comments in the simulator's source: where the code says
// that what the reader sees was rebuilt from a program's sources rather than captured, or that it
// does less than the real program. The "what the simulator simplifies" page lists them (with the
// lines found here at build time) and a unit test keeps content/simplifications.json in step.

export type MarkerKind = 'reconstructed' | 'simplified';

export interface SourceMarker {
  readonly file: string;
  /** 1-based line of the comment that holds the marker. */
  readonly line: number;
  readonly kind: MarkerKind;
  /** The comment line, as written. */
  readonly text: string;
}

/** A comment line: `// …`, ` * …` (JSDoc) or `/* …`. */
const COMMENT = /^\s*(\/\/|\/?\*)/;
/**
 * The marker word, capitalised or in capitals, followed by `:`, `,` or ` from` (`SIMPLIFIED:`,
 * `Simplified, on purpose:`, `RECONSTRUCTED from systemd 252's sources`). A word in backticks is
 * a mention, like the ones in this comment, not a marker.
 */
const MARKER = /(?<!`)\b(RECONSTRUCTED|SIMPLIFIED|Reconstructed|Simplified)(?=[:,]| from\b)/g;

/** The markers in one file's text, in order. */
export function findMarkers(file: string, text: string): SourceMarker[] {
  const markers: SourceMarker[] = [];
  text.split('\n').forEach((content, index) => {
    if (!COMMENT.test(content)) return;
    for (const match of content.matchAll(MARKER)) {
      const kind = (match[1] ?? '').toLowerCase() as MarkerKind;
      markers.push({ file, line: index + 1, kind, text: content.trim() });
    }
  });
  return markers;
}

/** The markers of many files (path → text), sorted by file and line. */
export function markersIn(files: Readonly<Record<string, string>>): SourceMarker[] {
  return Object.entries(files)
    .flatMap(([file, text]) => findMarkers(file, text))
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
