// /ko/terminal-glosses.json and /en/terminal-glosses.json: the sentences the terminal puts beside
// the programs' error lines, in the page's language. The terminal island fetches them when it
// loads, so a lesson page does not carry them in its HTML for readers who never open the terminal.
import type { APIRoute } from 'astro';
import { locales, t, type Locale } from '../../i18n/index.ts';
import { errorGlossTexts } from '../../lab/error-glosses.ts';

export function getStaticPaths() {
  return locales.map((lang) => ({ params: { lang } }));
}

export const GET: APIRoute = ({ params }) => {
  const locale = params['lang'] as Locale;
  return new Response(JSON.stringify(errorGlossTexts((key) => t(locale, key))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
