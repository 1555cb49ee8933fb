// Glossary links in lessons: which words count as a use of a term (Korean particles, English
// plurals, never part of a longer name), and that only the first use per page is linked, never one
// in a heading, a code block, a link or a component.
import { describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToJs } from 'satteri';
import {
  findTerms,
  glossaryEdits,
  glossaryEntryUrl,
  glossaryLinks,
  glossaryMatcher,
  lessonLocale,
  type GlossaryTermForms,
  type MdNode,
} from '../../../src/markdown/glossary-links.ts';

const terms: GlossaryTermForms[] = [
  { id: 'socket', aliases: ['socket', '소켓'] },
  { id: 'unix-socket', aliases: ['unix socket', '유닉스 소켓'] },
  { id: 'uwsgi', aliases: ['uWSGI'] },
  { id: 'worker', aliases: ['worker', '워커'] },
  { id: 'environ', aliases: ['environ'] },
];
const en = glossaryMatcher('en', terms);
const ko = glossaryMatcher('ko', terms);
const seen = (text: string, matcher = en) =>
  findTerms(text, matcher).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);

describe('findTerms', () => {
  it('prefers the longest form at a position', () => {
    expect(seen('a unix socket, then a socket')).toEqual([
      'unix-socket:unix socket',
      'socket:socket',
    ]);
    expect(seen('유닉스 소켓과 소켓', ko)).toEqual(['unix-socket:유닉스 소켓', 'socket:소켓']);
  });

  it('takes English plurals and sentence case', () => {
    expect(seen('Workers and sockets')).toEqual(['worker:Workers', 'socket:sockets']);
  });

  it('takes Korean particles after Hangul and Latin forms', () => {
    expect(seen('워커가 소켓을 uWSGI는', ko)).toEqual([
      'worker:워커',
      'socket:소켓',
      'uwsgi:uWSGI',
    ]);
  });

  it('never finds a term inside a longer name', () => {
    expect(
      seen('worker_processes uwsgi_pass muWSGI environment .socket /socket socket-ish'),
    ).toEqual([]);
    expect(seen('workerx uWSGIs', ko)).toEqual([]);
  });

  it('skips the phrases in which a form means something else', () => {
    const matcher = glossaryMatcher('en', [
      { id: 'upstream', aliases: ['upstream'], except: ['upstream nginx', 'Upstream, '] },
    ]);
    expect(
      seen('Upstream, it came in 1.29. In upstream nginx, no. Bytes go upstream, fine', matcher),
    ).toEqual(['upstream:upstream']);
    expect(findTerms('Bytes go upstream, fine', matcher)).toEqual([
      { id: 'upstream', start: 9, end: 17 },
    ]);
  });

  it('lets punctuation end a term', () => {
    expect(seen('the socket. uWSGI, (environ)')).toEqual([
      'socket:socket',
      'uwsgi:uWSGI',
      'environ:environ',
    ]);
  });
});

const text = (value: string): MdNode => ({ type: 'text', value });
const node = (type: string, children: MdNode[], value?: string): MdNode => ({
  type,
  children,
  ...(value === undefined ? {} : { value }),
});
const href = (id: string) => `/en/glossary/#${id}`;

describe('glossaryEdits', () => {
  it('links the first use of each term only', () => {
    const first = text('uWSGI talks over a socket; uWSGI again');
    const second = text('the socket and the worker');
    const root = node('root', [node('paragraph', [first]), node('paragraph', [second])]);
    const edits = glossaryEdits(root, en, href);
    expect(edits.map((e) => e.node)).toEqual([first, second]);
    const links = edits.flatMap((e) => e.replacement.filter((n) => n.type === 'link'));
    expect(links.map((l) => [l.url, l.children?.[0]?.value])).toEqual([
      ['/en/glossary/#uwsgi', 'uWSGI'],
      ['/en/glossary/#socket', 'socket'],
      ['/en/glossary/#worker', 'worker'],
    ]);
    expect(edits[0]?.replacement.map((n) => n.value ?? n.type)).toEqual([
      'link',
      ' talks over a ',
      'link',
      '; uWSGI again',
    ]);
  });

  it('leaves headings, code, links and components alone', () => {
    const root = node('root', [
      node('heading', [text('the socket')]),
      node('code', [], 'socket'),
      node('paragraph', [node('link', [text('socket')]), node('inlineCode', [], 'a socket')]),
      node('mdxJsxFlowElement', [node('paragraph', [text('socket')])]),
    ]);
    expect(glossaryEdits(root, en, href)).toEqual([]);
  });

  it('links an inline code span that is exactly a term, code and all', () => {
    const code = node('inlineCode', [], 'environ');
    const root = node('root', [node('paragraph', [code, text(' and environ')])]);
    const edits = glossaryEdits(root, en, href);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.replacement).toEqual([
      expect.objectContaining({
        type: 'link',
        url: '/en/glossary/#environ',
        children: [{ type: 'inlineCode', value: 'environ' }],
      }),
    ]);
  });
});

describe('the Sätteri plugin', () => {
  const lesson = new URL('file:///site/content/lessons/en/03-uwsgi-ini.mdx');
  const plugin = glossaryLinks({ base: '/' });

  it('links terms in a lesson, and stays out of other documents', () => {
    const source = '## uWSGI\n\nuWSGI reads `environ`.\n\n```ini\nuWSGI = 1\n```\n';
    const { html } = markdownToHtml(source, { mdastPlugins: [plugin], fileURL: lesson });
    expect(html).toContain('<h2>uWSGI</h2>');
    expect(html).toContain('<a href="/en/glossary/#uwsgi-program" class="glossary-link">uWSGI</a>');
    expect(html).toContain(
      '<a href="/en/glossary/#environ" class="glossary-link"><code>environ</code></a>',
    );
    expect(html).toContain('uWSGI = 1');
    const other = markdownToHtml(source, {
      mdastPlugins: [plugin],
      fileURL: new URL('file:///site/README.md'),
    });
    expect(other.html).not.toContain('glossary-link');
  });

  it('works on MDX, outside components', () => {
    const source = 'A unix socket.\n\n<Callout>venv</Callout>\n';
    const { code } = mdxToJs(source, { mdastPlugins: [plugin], fileURL: lesson });
    expect(code).toContain('"/en/glossary/#unix-socket"');
    expect(code).not.toContain('"/en/glossary/#venv"');
  });
});

describe('locale and URLs', () => {
  it('reads the locale from a lesson path only', () => {
    expect(lessonLocale(new URL('file:///x/content/lessons/ko/01-wsgi.mdx'))).toBe('ko');
    expect(lessonLocale(new URL('file:///x/content/lessons/en/01-wsgi.md'))).toBe('en');
    expect(lessonLocale(new URL('file:///x/content/README.md'))).toBeUndefined();
    expect(lessonLocale(undefined)).toBeUndefined();
  });

  it('builds entry URLs under the site base', () => {
    expect(glossaryEntryUrl('/', 'ko', 'wsgi')).toBe('/ko/glossary/#wsgi');
    expect(glossaryEntryUrl('/uwsgi-lab', 'en', 'wsgi')).toBe('/uwsgi-lab/en/glossary/#wsgi');
  });
});
