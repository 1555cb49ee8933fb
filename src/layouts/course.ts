// The course as an ordered list of lessons per language: ids, slugs, URLs, previous and next.
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale, UiKey } from '../i18n/index.ts';

export type Lesson = CollectionEntry<'lessons'>;

/** `ko/01-wsgi` → { locale: 'ko', number: '01', slug: 'wsgi' }. */
export function parseLessonId(id: string): { locale: Locale; number: string; slug: string } {
  const match = /^(ko|en)\/(\d\d)-([a-z0-9-]+)$/.exec(id);
  if (!match) throw new Error(`lesson id "${id}" is not ko|en/NN-slug`);
  return { locale: match[1] as Locale, number: match[2] ?? '', slug: match[3] ?? '' };
}

export async function lessonsIn(locale: Locale): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', (entry) => entry.id.startsWith(`${locale}/`));
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

export function base(): string {
  const raw = import.meta.env.BASE_URL;
  return raw.endsWith('/') ? raw : `${raw}/`;
}

export function homeUrl(locale: Locale): string {
  return `${base()}${locale}/`;
}

/** The pages beside the lessons, each at /ko/NAME/ and /en/NAME/. */
export type ToolPage = 'inspector' | 'builder' | 'glossary' | 'simplifications';

/** Each tool page's title and description in the UI strings. */
export const TOOL_TEXTS: Readonly<Record<ToolPage, { title: UiKey; description: UiKey }>> = {
  inspector: { title: 'inspector.title', description: 'inspector.description' },
  builder: { title: 'builder.title', description: 'builder.description' },
  glossary: { title: 'glossary.title', description: 'glossary.description' },
  simplifications: { title: 'simplifications.title', description: 'simplifications.description' },
};

export function toolUrl(page: ToolPage, locale: Locale): string {
  return `${base()}${locale}/${page}/`;
}

/** The terminal's error-line glosses in one language (src/pages/[lang]/terminal-glosses.json.ts). */
export const terminalGlossesUrl = (locale: Locale): string =>
  `${base()}${locale}/terminal-glosses.json`;

export const inspectorUrl = (locale: Locale): string => toolUrl('inspector', locale);
export const builderUrl = (locale: Locale): string => toolUrl('builder', locale);
export const glossaryUrl = (locale: Locale): string => toolUrl('glossary', locale);
export const simplificationsUrl = (locale: Locale): string => toolUrl('simplifications', locale);

export function lessonUrl(lesson: Lesson): string {
  const { locale, slug } = parseLessonId(lesson.id);
  return `${base()}${locale}/${slug}/`;
}

export function lessonSlug(lesson: Lesson): string {
  return parseLessonId(lesson.id).slug;
}

/** A lesson as the course navigation lists it. */
export interface NavItem {
  slug: string;
  number: string;
  title: string;
  url: string;
}

export function navItem(lesson: Lesson): NavItem {
  return {
    slug: lessonSlug(lesson),
    number: parseLessonId(lesson.id).number,
    title: lesson.data.navTitle ?? lesson.data.title,
    url: lessonUrl(lesson),
  };
}
