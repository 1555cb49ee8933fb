// Words for people, as data: an i18n key with the values code fills in, or a literal (a key, a
// hex run, a sentence quoted from the uWSGI docs in English). Views resolve them with the page's
// strings; the view model itself never picks a language.
import type { Locale, UiKey } from '../../i18n/index.ts';

export type TextVars = Readonly<Record<string, string | number>>;

export type UiText =
  | { readonly key: UiKey; readonly vars?: TextVars }
  /** Text shown as it is: `code` in a monospace face, `lang` when it is not the page's language. */
  | { readonly literal: string; readonly code?: boolean; readonly lang?: Locale };

/** A paragraph: runs of text joined by a space. */
export type Paragraph = readonly UiText[];

/** The page's strings: `t(locale, …)` at build time, the loaded dictionary in the browser. */
export type TextFn = (key: UiKey, vars?: TextVars) => string;

export const text = (key: UiKey, vars?: TextVars): UiText =>
  vars === undefined ? { key } : { key, vars };

export const literal = (value: string, code = false): UiText =>
  code ? { literal: value, code: true } : { literal: value };

/** `{name}` placeholders filled from `vars`, as src/i18n/index.ts fills them. */
export function fillTemplate(template: string, vars: TextVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** A text as a plain string (for attributes such as aria-label). */
export function plainText(value: UiText, t: TextFn): string {
  return 'key' in value ? t(value.key, value.vars) : value.literal;
}
