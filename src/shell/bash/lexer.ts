// bash's tokenizer for the subset (bash 5.2 parse.y read_token): operators by longest match,
// words (read by WordReader), `N>`-style descriptor numbers, `#` comments at the start of a word,
// backslash-newline joining lines, and here-document bodies read when their command's line ends.

import { IncompleteInput } from './incomplete-input.ts';
import { readHereDocumentBody, type PendingHereDocument } from './here-document.ts';
import type { SourceText } from './source-text.ts';
import type { Word } from './syntax-tree.ts';
import { WordReader, type NestedParser } from './word-reader.ts';

export type Operator =
  | '&&'
  | '||'
  | ';;'
  | ';&'
  | ';;&'
  | '|&'
  | '|'
  | '&'
  | ';'
  | '('
  | ')'
  | '<<<'
  | '<<-'
  | '<<'
  | '>>'
  | '<&'
  | '>&'
  | '<>'
  | '>|'
  | '&>>'
  | '&>'
  | '<'
  | '>';

/** Longest first, so that `;;&` wins over `;;` over `;`. */
const OPERATORS: readonly Operator[] = [
  ';;&',
  '<<<',
  '<<-',
  '&>>',
  '&&',
  '||',
  ';;',
  ';&',
  '|&',
  '<<',
  '>>',
  '<&',
  '>&',
  '<>',
  '>|',
  '&>',
  '|',
  '&',
  ';',
  '(',
  ')',
  '<',
  '>',
];

export type Token =
  | { readonly kind: 'word'; readonly word: Word; readonly line: number }
  | {
      readonly kind: 'io-number';
      readonly fd: number;
      readonly text: string;
      readonly line: number;
    }
  | { readonly kind: 'operator'; readonly operator: Operator; readonly line: number }
  | { readonly kind: 'newline'; readonly line: number }
  | { readonly kind: 'eof'; readonly line: number };

/** How bash names a token in `syntax error near unexpected token `X'`. */
export function tokenText(token: Token): string {
  switch (token.kind) {
    case 'word':
      return token.word.raw;
    case 'io-number':
      return token.text;
    case 'operator':
      return token.operator;
    case 'newline':
    case 'eof':
      return 'newline';
  }
}

export class Lexer {
  readonly #source: SourceText;
  readonly #nested: NestedParser;
  readonly #final: boolean;
  readonly #words: WordReader;
  #pending: PendingHereDocument[] = [];

  constructor(source: SourceText, nested: NestedParser, final: boolean) {
    this.#source = source;
    this.#nested = nested;
    this.#final = final;
    this.#words = new WordReader(source, nested, final);
  }

  get source(): SourceText {
    return this.#source;
  }

  /** A here-document to read after the current line ends. */
  addHereDocument(doc: PendingHereDocument): void {
    this.#pending.push(doc);
  }

  /** Here-documents still waiting for their bodies. */
  get pendingHereDocuments(): readonly PendingHereDocument[] {
    return this.#pending;
  }

  /** Reads the bodies now (the input ended without a newline after the command). */
  readPendingHereDocuments(): void {
    const pending = this.#pending;
    this.#pending = [];
    for (const doc of pending) readHereDocumentBody(this.#source, doc, this.#nested, this.#final);
  }

  next(): Token {
    const src = this.#source;
    for (;;) {
      const c = src.peek();
      if (c === ' ' || c === '\t') {
        src.next();
      } else if (c === '\\' && src.peek(1) === '\n') {
        src.next();
        src.next();
        if (src.atEnd && !this.#final) {
          throw new IncompleteInput({ kind: 'continuation', line: src.line });
        }
      } else if (c === '#') {
        // interactive_comments is on: `#` at the start of a word comments out the rest of the line.
        while (!src.atEnd && src.peek() !== '\n') src.next();
      } else {
        break;
      }
    }
    const line = src.line;
    if (src.atEnd) return { kind: 'eof', line };
    if (src.peek() === '\n') {
      src.next();
      this.readPendingHereDocuments();
      return { kind: 'newline', line };
    }
    for (const operator of OPERATORS) {
      if (src.startsWith(operator)) {
        src.pos += operator.length;
        return { kind: 'operator', operator, line };
      }
    }
    const digits = /^\d+(?=[<>])/.exec(src.text.slice(src.pos, src.pos + 12));
    if (digits !== null) {
      src.pos += digits[0].length;
      return { kind: 'io-number', fd: Number(digits[0]), text: digits[0], line };
    }
    return { kind: 'word', word: this.#words.readWord(), line };
  }
}
