// Here-documents (bash 5.2 make_here_document): after the line with `<<WORD` ends, the lines up to
// one that equals the delimiter are the body. A quoted delimiter (`<<'EOF'`, `<<"EOF"`, `<<E\OF`)
// takes the body literally; an unquoted one expands `$name`, `${...}`, `$(...)` and `` `...` `` in
// it, which is why an nginx `$uri` typed into `cat <<EOF` comes out empty. `<<-` strips leading tabs.

import { IncompleteInput } from './incomplete-input.ts';
import { SourceText } from './source-text.ts';
import type { HereDocumentBody } from './syntax-tree.ts';
import { WordReader, type NestedParser } from './word-reader.ts';

/** A here-document whose redirection has been parsed and whose body has not been read yet. */
export interface PendingHereDocument {
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripTabs: boolean;
  readonly body: HereDocumentBody;
  readonly line: number;
}

/** The delimiter bash compares lines with: the word with its quotes removed, nothing expanded. */
export function hereDocumentDelimiter(raw: string): { delimiter: string; quoted: boolean } {
  let delimiter = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      quoted = true;
      i++;
      delimiter += raw[i] ?? '';
    } else if (c === "'") {
      quoted = true;
      const end = raw.indexOf("'", i + 1);
      const close = end === -1 ? raw.length : end;
      delimiter += raw.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      quoted = true;
      for (i++; i < raw.length && raw[i] !== '"'; i++) {
        if (raw[i] === '\\' && '$`"\\'.includes(raw[i + 1] ?? '')) i++;
        delimiter += raw[i];
      }
    } else if (c === '$' && (raw[i + 1] === "'" || raw[i + 1] === '"')) {
      // $'EOF' and $"EOF" are quoted too; the $ itself disappears.
      continue;
    } else {
      delimiter += c;
    }
  }
  return { delimiter, quoted };
}

/**
 * Reads the body of `doc` from `source`, which is at the start of the line after the command.
 * Without its delimiter line the input is incomplete, unless it is final: then bash warns
 * (`here-document at line N delimited by end-of-file`) and uses what it read.
 */
export function readHereDocumentBody(
  source: SourceText,
  doc: PendingHereDocument,
  nested: NestedParser,
  final: boolean,
): void {
  const firstBodyLine = source.line;
  let text = '';
  let terminated = false;
  while (!source.atEnd) {
    const end = source.text.indexOf('\n', source.pos);
    const lineEnd = end === -1 ? source.text.length : end;
    let line = source.text.slice(source.pos, lineEnd);
    source.pos = lineEnd;
    if (end !== -1) source.next();
    if (doc.stripTabs) line = line.replace(/^\t+/, '');
    if (line === doc.delimiter) {
      terminated = true;
      break;
    }
    text += `${line}\n`;
  }
  if (!terminated && !final) throw new IncompleteInput({ kind: 'here-document', line: doc.line });
  doc.body.text = text;
  doc.body.terminated = terminated;
  doc.body.parts = doc.quoted
    ? text === ''
      ? []
      : [{ type: 'quoted-text', text }]
    : new WordReader(new SourceText(text, firstBodyLine), nested, true).readExpansionParts(
        'here-document',
      );
}

/** bash's warning for a body that input ended before its delimiter (printed, then it runs). */
export function hereDocumentWarning(line: number, delimiter: string): string {
  return `bash: warning: here-document at line ${line} delimited by end-of-file (wanted \`${delimiter}')`;
}
