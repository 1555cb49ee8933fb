// The lesson quotes marked with a meta word — `reconstructed` (output put together from the
// programs' sources, not captured) or `real-only` (captured output the simulator does not make) —
// with the heading they stand under, so the "what the simulator simplifies" page can list and link
// them without anyone keeping a list.

export type QuoteMark = 'reconstructed' | 'real-only';

export interface MarkedQuote {
  /** The text of the nearest heading above the block (`Restart or reload`). */
  readonly section: string;
  /** The block's first line: for a console block, the command (`$ /etc/init.d/nginx restart`). */
  readonly firstLine: string;
}

const LINE = /^(`{3,}|~{3,})(.*)$|^#{2,6} (.+)$/;

/** The code blocks of one lesson's MDX source whose meta has the word `mark`, in order. */
export function markedQuotes(source: string, mark: QuoteMark): MarkedQuote[] {
  const quotes: MarkedQuote[] = [];
  let section = '';
  let fence: string | undefined;
  let pending: { readonly first: boolean } | undefined;
  for (const line of source.split('\n')) {
    const match = LINE.exec(line);
    if (fence !== undefined) {
      if (match?.[1] !== undefined && line.trim() === fence) {
        fence = undefined;
        pending = undefined;
      } else if (pending?.first === true) {
        quotes.push({ section, firstLine: line });
        pending = { first: false };
      }
      continue;
    }
    if (match?.[3] !== undefined) section = match[3].trim();
    if (match?.[1] !== undefined) {
      fence = match[1];
      const meta = (match[2] ?? '').trim().split(/\s+/).slice(1);
      pending = meta.includes(mark) ? { first: true } : undefined;
    }
  }
  return quotes;
}
