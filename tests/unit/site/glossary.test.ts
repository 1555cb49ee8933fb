// The glossary: the same terms in both languages, each pointing at a lesson heading that exists,
// with forms that lead to one term only; and the page's grouping of terms under their lessons.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ko from '../../../content/glossary/ko.json' with { type: 'json' };
import en from '../../../content/glossary/en.json' with { type: 'json' };
import {
  GlossaryError,
  glossaryGroups,
  type GlossaryLesson,
} from '../../../src/layouts/glossary.ts';

const glossaries = { ko: ko.terms, en: en.terms };

function lessonHeadings(locale: string, slug: string): string[] | undefined {
  const dir = join('content/lessons', locale);
  const file = readdirSync(dir).find((name) => name.slice(3) === `${slug}.mdx`);
  if (file === undefined) return undefined;
  const source = readFileSync(join(dir, file), 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  return [...source.matchAll(/^#{2,6} (.+)$/gm)].map((m) => m[1] ?? '');
}

describe('glossary content', () => {
  it('has the same ids, in the same order, with the same lessons in both languages', () => {
    expect(en.terms.map((t) => [t.id, t.lesson])).toEqual(ko.terms.map((t) => [t.id, t.lesson]));
    expect(ko.terms.length).toBeGreaterThanOrEqual(30);
  });

  for (const [locale, terms] of Object.entries(glossaries)) {
    it(`(${locale}) has unique ids, and every form leads to one term`, () => {
      expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
      const owner = new Map<string, string>();
      for (const term of terms) {
        for (const alias of term.aliases) {
          expect(owner.get(alias) ?? term.id, `"${alias}"`).toBe(term.id);
          owner.set(alias, term.id);
        }
      }
    });

    it(`(${locale}) points every term at a heading of its lesson`, () => {
      const missing = terms.filter((term) => {
        const headings = lessonHeadings(locale, term.lesson);
        return headings === undefined || !headings.includes(term.section);
      });
      expect(missing.map((t) => `${t.id}: ${t.lesson} / ${t.section}`)).toEqual([]);
    });

    it(`(${locale}) defines every term in a sentence or two of its language`, () => {
      for (const term of terms) {
        expect(term.definition.length, term.id).toBeGreaterThan(40);
        expect(/[가-힣]/.test(term.definition), term.id).toBe(locale === 'ko');
      }
    });
  }
});

describe('glossaryGroups', () => {
  const lessons: GlossaryLesson[] = [
    {
      slug: 'wsgi',
      number: '01',
      title: 'WSGI',
      url: '/en/wsgi/',
      headings: [{ slug: 'environ', text: 'environ' }],
    },
    {
      slug: 'nginx',
      number: '05',
      title: 'nginx',
      url: '/en/nginx/',
      headings: [
        { slug: 'debians-layout', text: 'Debian\u2019s layout' },
        { slug: '502-http-socket', text: '502: \u2013http-socket' },
      ],
    },
  ];
  const term = (id: string, lesson: string, section: string) => ({
    id,
    term: id,
    definition: 'a definition',
    lesson,
    section,
  });

  it('groups terms under their lessons in course order, with the section anchor', () => {
    const groups = glossaryGroups(
      [
        term('sites', 'nginx', "Debian's layout"),
        term('environ', 'wsgi', 'environ'),
        term('http-socket', 'nginx', '502: --http-socket'),
      ],
      lessons,
    );
    expect(groups.map((g) => [g.lesson.slug, g.entries.map((e) => e.href)])).toEqual([
      ['wsgi', ['/en/wsgi/#environ']],
      ['nginx', ['/en/nginx/#debians-layout', '/en/nginx/#502-http-socket']],
    ]);
  });

  it('stops on a lesson or a heading that does not exist', () => {
    expect(() => glossaryGroups([term('x', 'uwsgi', 'environ')], lessons)).toThrow(
      new GlossaryError('glossary term "x": no lesson "uwsgi"'),
    );
    expect(() => glossaryGroups([term('x', 'wsgi', 'Environ')], lessons)).toThrow(
      'lesson "wsgi" has no heading "Environ"',
    );
  });
});
