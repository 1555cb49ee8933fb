// Reads a lesson's MDX source the way the parity and content tests need it: frontmatter scalars,
// the components it embeds (in order), its fenced code blocks, and its prose without code.

export interface CodeBlockInfo {
  language: string;
  title: string | undefined;
  code: string;
  meta: string;
}

export interface LessonParts {
  frontmatter: Record<string, string | number | boolean>;
  components: string[];
  codeBlocks: { language: string; title: string | undefined }[];
  blocks: CodeBlockInfo[];
  prose: string;
}

const FENCE = /^(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)\n\1[ \t]*$/gm;

function scalar(raw: string): string | number | boolean {
  const value = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

export function lessonParts(source: string): LessonParts {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const frontmatter: LessonParts['frontmatter'] = {};
  for (const line of (front?.[1] ?? '').split('\n')) {
    const match = /^([A-Za-z]\w*):\s*(.*)$/.exec(line);
    if (match?.[1]) frontmatter[match[1]] = scalar(match[2] ?? '');
  }
  const body = source.slice(front?.[0].length ?? 0);

  const blocks: CodeBlockInfo[] = [];
  for (const match of body.matchAll(FENCE)) {
    const info = (match[2] ?? '').trim();
    const language = info.split(/\s+/)[0] ?? '';
    const meta = info.slice(language.length).trim();
    const title = /title=(["'])(.*?)\1/.exec(meta)?.[2];
    blocks.push({ language, title, meta, code: match[3] ?? '' });
  }
  const prose = body.replace(FENCE, '');
  const components = [...prose.matchAll(/<([A-Z][A-Za-z0-9]*)[\s/>]/g)].map((m) => m[1] ?? '');
  return {
    frontmatter,
    components,
    codeBlocks: blocks.map(({ language, title }) => ({ language, title })),
    blocks,
    prose,
  };
}

/** An attribute of the lesson's `<Terminal … />` tag (`scenario`, `goal`, `choices`), if it has one. */
export function terminalAttribute(source: string, name: string): string | undefined {
  const tag = /<Terminal\s([^>]*)\/>/.exec(source)?.[1];
  return tag === undefined ? undefined : new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}
