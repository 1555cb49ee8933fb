// The glossary page's shape: the terms grouped under the lesson that teaches them, in course order,
// each with the anchor of its section in that lesson. A term whose lesson or section does not exist
// stops the build: its link would be broken.

export interface GlossaryTermData {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  readonly lesson: string;
  readonly section: string;
}

/** What the page needs of a lesson: its slug, number, title, URL and headings. */
export interface GlossaryLesson {
  readonly slug: string;
  readonly number: string;
  readonly title: string;
  readonly url: string;
  readonly headings: readonly { readonly slug: string; readonly text: string }[];
}

export interface GlossaryEntry extends GlossaryTermData {
  /** The lesson section's URL: `/ko/wsgi/#environ`. */
  readonly href: string;
}

export interface GlossaryGroup {
  readonly lesson: GlossaryLesson;
  readonly entries: readonly GlossaryEntry[];
}

export class GlossaryError extends Error {
  override readonly name = 'GlossaryError';
}

/**
 * Headings come out with smart punctuation (typographic quotes, `--` as an en dash, `...` as an
 * ellipsis); the JSON has what the source has. Both sides are compared in the plain form.
 */
function plainQuotes(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2014/g, '---')
    .replace(/\u2013/g, '--')
    .replace(/\u2026/g, '...');
}

/** The rendered heading whose text is `text` as the source wrote it. */
export function findHeading<H extends { readonly text: string }>(
  headings: readonly H[],
  text: string,
): H | undefined {
  return headings.find((h) => plainQuotes(h.text) === plainQuotes(text));
}

/** Groups in the order of `lessons`; within a group, the terms in the file's order. */
export function glossaryGroups(
  terms: readonly GlossaryTermData[],
  lessons: readonly GlossaryLesson[],
): GlossaryGroup[] {
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  const entries = new Map<string, GlossaryEntry[]>();
  for (const term of terms) {
    const lesson = bySlug.get(term.lesson);
    if (lesson === undefined) {
      throw new GlossaryError(`glossary term "${term.id}": no lesson "${term.lesson}"`);
    }
    const heading = findHeading(lesson.headings, term.section);
    if (heading === undefined) {
      throw new GlossaryError(
        `glossary term "${term.id}": lesson "${term.lesson}" has no heading "${term.section}"`,
      );
    }
    const list = entries.get(lesson.slug) ?? [];
    list.push({ ...term, href: `${lesson.url}#${heading.slug}` });
    entries.set(lesson.slug, list);
  }
  return lessons.flatMap((lesson) => {
    const list = entries.get(lesson.slug);
    return list === undefined ? [] : [{ lesson, entries: list }];
  });
}
