// Build-time links from lesson prose to the glossary: in each lesson, the first use of each
// glossary term becomes a link to its entry on /ko/glossary/ or /en/glossary/. Nothing inside
// headings, code blocks, links or components is touched; an inline code span that is exactly a
// term (`environ`, `try_files`) is linked whole, the code left as it is. The terms and the forms
// they take in prose come from content/glossary/{ko,en}.json; the locale comes from the lesson's
// path (content/lessons/ko/…).
//
// Astro 7 renders Markdown and MDX with Sätteri, whose mdast plugins play the part remark plugins
// played: `glossaryLinksIntegration` adds this one to the processor MDX shares with Markdown.

import type { AstroIntegration } from 'astro';
import ko from '../../content/glossary/ko.json' with { type: 'json' };
import en from '../../content/glossary/en.json' with { type: 'json' };

export type GlossaryLocale = 'ko' | 'en';

/** What linking needs of a glossary entry (the full entry is checked by src/content.config.ts). */
export interface GlossaryTermForms {
  readonly id: string;
  readonly aliases: readonly string[];
  /** Phrases, exactly as written, in which a form means something else ("upstream nginx"). */
  readonly except?: readonly string[] | undefined;
}

export const glossaryTerms: Readonly<Record<GlossaryLocale, readonly GlossaryTermForms[]>> = {
  ko: ko.terms,
  en: en.terms,
};

interface Alias {
  readonly id: string;
  readonly text: string;
}

/** A locale's aliases, longest first: at one position the longest form wins ("유닉스 소켓" over "소켓"). */
export interface GlossaryMatcher {
  readonly locale: GlossaryLocale;
  readonly aliases: readonly Alias[];
  /** Phrases skipped whole: no term is found in them. */
  readonly exceptions: readonly string[];
}

export function glossaryMatcher(
  locale: GlossaryLocale,
  terms: readonly GlossaryTermForms[] = glossaryTerms[locale],
): GlossaryMatcher {
  const aliases = terms.flatMap((term) => term.aliases.map((text) => ({ id: term.id, text })));
  aliases.sort((a, b) => b.text.length - a.text.length);
  return { locale, aliases, exceptions: terms.flatMap((term) => term.except ?? []) };
}

/** One use of a term in a text: `text.slice(start, end)` is what the reader sees linked. */
export interface TermMatch {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}_]/u;
const LATIN_WORD = /[A-Za-z0-9_]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
/** Characters that glue a word to what precedes it: `.venv`, `/etc/nginx`, `$host`, `--socket`. */
const GLUE_BEFORE = new Set(['-', '.', '/', '@', '$', '\\']);
/** Joining characters that continue a word when a word character follows: `nginx-full`, `nginx.conf`. */
const GLUE_AFTER = new Set(['-', '.', '/']);
/** English forms may take a regular plural (`sockets`, `processes`) when the alias ends in a-z. */
const PLURALS = ['es', 's', ''] as const;

function startsWord(text: string, at: number): boolean {
  const before = text[at - 1];
  return before === undefined || (!WORD.test(before) && !GLUE_BEFORE.has(before));
}

/**
 * Whether a term may end at `at`. After a Hangul form anything may follow: Korean particles attach
 * to the word (가상환경을, 소켓은). After a Latin form no Latin letter or digit may follow (so
 * `uwsgi` is not found in `uwsgi_pass`), but in Korean a particle may (nginx가, uWSGI는).
 */
function endsWord(text: string, at: number, alias: string, locale: GlossaryLocale): boolean {
  const last = alias[alias.length - 1] ?? '';
  if (locale === 'ko' && HANGUL.test(last)) return true;
  const after = text[at];
  if (after === undefined) return true;
  const continues = locale === 'ko' ? LATIN_WORD : WORD;
  if (continues.test(after)) return false;
  const next = text[at + 1];
  return !(GLUE_AFTER.has(after) && next !== undefined && WORD.test(next));
}

/** Sentence case: the first letter may differ in case (`Socket`, `Host header`), the rest may not. */
function aliasAt(text: string, at: number, alias: string): boolean {
  const first = text[at];
  if (first === undefined || first.toLowerCase() !== alias[0]?.toLowerCase()) return false;
  return text.startsWith(alias.slice(1), at + 1);
}

/** The length of `alias` (with a plural ending in English) at `at`, or 0 when it is not there. */
function matchLength(text: string, at: number, alias: string, locale: GlossaryLocale): number {
  if (!startsWord(text, at) || !aliasAt(text, at, alias)) return 0;
  const plural = locale === 'en' && /[a-z]$/.test(alias) ? PLURALS : ([''] as const);
  for (const ending of plural) {
    const end = at + alias.length + ending.length;
    if (ending !== '' && text.slice(at + alias.length, end) !== ending) continue;
    if (endsWord(text, end, alias, locale)) return end - at;
  }
  return 0;
}

/** Every use of any term in `text`, left to right, without overlaps, the longest form first. */
export function findTerms(text: string, matcher: GlossaryMatcher): TermMatch[] {
  const found: TermMatch[] = [];
  let at = 0;
  while (at < text.length) {
    const exception = matcher.exceptions.find(
      (phrase) => startsWord(text, at) && text.startsWith(phrase, at),
    );
    if (exception !== undefined) {
      at += exception.length;
      continue;
    }
    let match: TermMatch | undefined;
    for (const alias of matcher.aliases) {
      const length = matchLength(text, at, alias.text, matcher.locale);
      if (length > 0) {
        match = { id: alias.id, start: at, end: at + length };
        break;
      }
    }
    if (match) {
      found.push(match);
      at = match.end;
    } else {
      at += 1;
    }
  }
  return found;
}

/** The mdast this module reads and writes: the fields it needs of each node. */
export interface MdNode {
  readonly type: string;
  readonly value?: string;
  readonly url?: string;
  readonly children?: readonly MdNode[];
  readonly data?: Record<string, unknown>;
}

/** Nodes whose text is not prose to link: headings, code, links, components and MDX code. */
const NOT_PROSE = new Set([
  'heading',
  'code',
  'inlineCode',
  'link',
  'linkReference',
  'definition',
  'footnoteDefinition',
  'html',
  'image',
  'imageReference',
  'yaml',
  'toml',
  'math',
  'inlineMath',
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'mdxFlowExpression',
  'mdxTextExpression',
  'mdxjsEsm',
]);

export const GLOSSARY_LINK_CLASS = 'glossary-link';

/** A text node and what replaces it: the same text, with the terms' first uses as links. */
export interface GlossaryEdit {
  readonly node: MdNode;
  readonly replacement: MdNode[];
}

/**
 * The edits that link the first use of each term in a document, in document order. `href` gives
 * an entry's URL. A term is linked once per document, at its first use in prose.
 */
export function glossaryEdits(
  root: MdNode,
  matcher: GlossaryMatcher,
  href: (id: string) => string,
): GlossaryEdit[] {
  const linked = new Set<string>();
  const edits: GlossaryEdit[] = [];
  const visit = (node: MdNode): void => {
    if (node.type === 'inlineCode') {
      const id = wholeTerm(node.value ?? '', matcher);
      if (id !== undefined && !linked.has(id)) {
        linked.add(id);
        const code: MdNode = { type: 'inlineCode', value: node.value ?? '' };
        edits.push({ node, replacement: [glossaryLink(href(id), [code])] });
      }
      return;
    }
    if (NOT_PROSE.has(node.type)) return;
    if (node.type === 'text' && node.value !== undefined) {
      const value = node.value;
      const firsts = findTerms(value, matcher).filter((match) => {
        if (linked.has(match.id)) return false;
        linked.add(match.id);
        return true;
      });
      if (firsts.length > 0) edits.push({ node, replacement: splitText(value, firsts, href) });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return edits;
}

/** The term an inline code span spells exactly (`try_files`), or undefined. */
function wholeTerm(code: string, matcher: GlossaryMatcher): string | undefined {
  return matcher.aliases.find((alias) => alias.text === code)?.id;
}

function glossaryLink(url: string, children: MdNode[]): MdNode {
  // The link's text is the term as the lesson wrote it; no title (it would hide nothing a reader
  // needs and screen readers would read it twice).
  return {
    type: 'link',
    url,
    children,
    data: { hProperties: { className: [GLOSSARY_LINK_CLASS] } },
  };
}

function splitText(value: string, matches: readonly TermMatch[], href: (id: string) => string) {
  const nodes: MdNode[] = [];
  let at = 0;
  for (const match of matches) {
    if (match.start > at) nodes.push({ type: 'text', value: value.slice(at, match.start) });
    const text: MdNode = { type: 'text', value: value.slice(match.start, match.end) };
    nodes.push(glossaryLink(href(match.id), [text]));
    at = match.end;
  }
  if (at < value.length) nodes.push({ type: 'text', value: value.slice(at) });
  return nodes;
}

/** `…/content/lessons/ko/01-wsgi.mdx` → `ko`; anything else is not a lesson. */
export function lessonLocale(fileURL: URL | undefined): GlossaryLocale | undefined {
  if (fileURL === undefined) return undefined;
  const path = decodeURIComponent(fileURL.pathname);
  const match = /\/content\/lessons\/(ko|en)\/[^/]+\.mdx?$/.exec(path);
  return match ? (match[1] as GlossaryLocale) : undefined;
}

export function glossaryEntryUrl(base: string, locale: GlossaryLocale, id: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${locale}/glossary/#${id}`;
}

/** The part of Sätteri's plugin contexts this plugin uses. */
interface FactoryContext {
  readonly fileURL: URL | undefined;
}
interface MdastContext {
  replaceNode(node: MdNode, replacement: MdNode[]): void;
}
export interface GlossaryLinksPlugin {
  readonly name: string;
  before(root: MdNode, context: MdastContext): void;
}

/**
 * The Sätteri mdast plugin, as a factory: for a lesson it links the glossary's terms, for any
 * other document (or a page outside content/lessons) it stays out of the pipeline.
 */
export function glossaryLinks(options: {
  base: string;
}): (context: FactoryContext) => GlossaryLinksPlugin | null {
  const matchers = { ko: glossaryMatcher('ko'), en: glossaryMatcher('en') };
  return (context) => {
    const locale = lessonLocale(context.fileURL);
    if (locale === undefined) return null;
    const href = (id: string) => glossaryEntryUrl(options.base, locale, id);
    return {
      name: 'uwsgi-lab glossary links',
      before(root, mdast) {
        for (const edit of glossaryEdits(root, matchers[locale], href)) {
          mdast.replaceNode(edit.node, edit.replacement);
        }
      },
    };
  };
}

/** Astro's Markdown processor, as far as adding an mdast plugin to it goes. */
interface ProcessorLike {
  readonly name: string;
  readonly options: { readonly mdastPlugins?: unknown };
}

/**
 * Adds the plugin to the site's Markdown processor, which MDX inherits (`extendMarkdownConfig`).
 * Only Sätteri runs mdast plugins; with any other processor the build stops rather than ship
 * lessons without their glossary links.
 */
export function glossaryLinksIntegration(options: { base: string }): AstroIntegration {
  return {
    name: 'uwsgi-lab:glossary-links',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor as ProcessorLike;
        const plugins = processor.options.mdastPlugins;
        if (processor.name !== 'satteri' || !Array.isArray(plugins)) {
          throw new Error(
            `glossary links need the satteri Markdown processor, not "${processor.name}"`,
          );
        }
        plugins.push(glossaryLinks(options));
      },
    },
  };
}
