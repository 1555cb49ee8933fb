// The lesson quotes marked `reconstructed` (a code block whose meta has that word: output put
// together from the programs' sources, not captured), with the heading they stand under, so the
// "what the simulator simplifies" page can list and link them without anyone keeping a list.

export interface ReconstructedQuote {
  /** The text of the nearest heading above the block (`Restart or reload`). */
  readonly section: string;
  /** The block's first line: for a console block, the command (`$ /etc/init.d/nginx restart`). */
  readonly firstLine: string;
}

const LINE = /^(`{3,}|~{3,})(.*)$|^#{2,6} (.+)$/;

/** The quotes marked `reconstructed` in one lesson's MDX source, in order. */
export function reconstructedQuotes(source: string): ReconstructedQuote[] {
  const quotes: ReconstructedQuote[] = [];
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
      pending = meta.includes('reconstructed') ? { first: true } : undefined;
    }
  }
  return quotes;
}
