// Helpers shared by the component tests: the page strings as build time has them, and a check
// that every placeholder of a text was filled.
import { t, type Locale } from '../../../src/i18n/index.ts';
import type { TextFn } from '../../../src/components/packet/ui-text.ts';

export const textIn =
  (locale: Locale): TextFn =>
  (key, vars) =>
    t(locale, key, vars);

/** Placeholders left unfilled (`{name}`) in a text. */
export function unfilled(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[0]);
}
