// UI strings for both languages, and the helpers pages use to pick them and to build URLs.
import ko from './ko.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ko';

export type UiKey = keyof typeof ko;
// Typing en.json against ko.json's keys makes a key missing in English a type error as well as a
// test failure (tests/unit/site/i18n.test.ts checks both directions and unused keys).
const dictionaries: Record<Locale, Record<UiKey, string>> = { ko, en };

export function isLocale(value: string | undefined): value is Locale {
  return value === 'ko' || value === 'en';
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'ko' ? 'en' : 'ko';
}

/** The string for `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function t(locale: Locale, key: UiKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** BCP 47 tags for <html lang> and hreflang. */
export const languageTags: Record<Locale, string> = { ko: 'ko', en: 'en' };

/** The page's language, from its route: `/ko/…` or `/en/…`. Components in lessons use this. */
export function localeFromParams(params: Record<string, string | undefined>): Locale {
  return isLocale(params['lang']) ? params['lang'] : defaultLocale;
}
