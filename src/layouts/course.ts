// The course as an ordered list of lessons per language: ids, slugs, URLs, previous and next.
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/index.ts';

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

export function inspectorUrl(locale: Locale): string {
  return `${base()}${locale}/inspector/`;
}

export function builderUrl(locale: Locale): string {
  return `${base()}${locale}/builder/`;
}

export function glossaryUrl(locale: Locale): string {
  return `${base()}${locale}/glossary/`;
}

export function simplificationsUrl(locale: Locale): string {
  return `${base()}${locale}/simplifications/`;
}

export function lessonUrl(lesson: Lesson): string {
  const { locale, slug } = parseLessonId(lesson.id);
  return `${base()}${locale}/${slug}/`;
}

export function lessonSlug(lesson: Lesson): string {
  return parseLessonId(lesson.id).slug;
}
