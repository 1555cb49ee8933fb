// The page's UI strings in the browser, loaded with the code that needs them: one language's
// dictionary, as its own chunk, so that neither ships before the reader interacts.
import type { Locale, UiKey } from '../../i18n/index.ts';
import { fillTemplate, type TextFn } from './ui-text.ts';

export type UiStrings = Readonly<Record<UiKey, string>>;

export async function loadUiStrings(locale: Locale): Promise<UiStrings> {
  const module =
    locale === 'en' ? await import('../../i18n/en.json') : await import('../../i18n/ko.json');
  return module.default;
}

export function textFn(strings: UiStrings): TextFn {
  return (key, vars) => fillTemplate(strings[key], vars);
}

/** The page's language, from <html lang>. */
export function pageLocale(doc: Document): Locale {
  return doc.documentElement.lang === 'en' ? 'en' : 'ko';
}
