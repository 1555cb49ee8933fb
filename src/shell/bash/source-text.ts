// The text being read, with a position and the line number bash would report (lines count from
// the first line the shell read, as an interactive bash counts them across commands).

export class SourceText {
  readonly text: string;
  pos: number;
  line: number;

  constructor(text: string, firstLine = 1, pos = 0) {
    this.text = text;
    this.pos = pos;
    this.line = firstLine;
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The character `offset` places ahead, or '' past the end. */
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Takes one character (counting newlines). */
  next(): string {
    const c = this.text[this.pos] ?? '';
    if (c === '\n') this.line++;
    this.pos++;
    return c;
  }

  slice(from: number, to = this.pos): string {
    return this.text.slice(from, to);
  }
}
