// Lessons come in pairs: every lesson exists in Korean and English, with the same order, the same
// interactive components and the same code blocks.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lessonParts } from '../../support/lesson-source.ts';
import { lessonComponentNames as componentNames } from '../../../src/components/lesson-component-names.ts';

const root = 'content/lessons';
const files = (locale: string): string[] =>
  readdirSync(join(root, locale))
    .filter((f) => f.endsWith('.mdx'))
    .sort();

describe('lessons', () => {
  it('exist in both languages', () => {
    expect(files('en')).toEqual(files('ko'));
    expect(files('ko').length).toBeGreaterThan(0);
  });

  for (const file of files('ko')) {
    describe(file, () => {
      const ko = lessonParts(readFileSync(join(root, 'ko', file), 'utf8'));
      const en = lessonParts(readFileSync(join(root, 'en', file), 'utf8'));

      it('is named NN-slug.mdx with order NN in both languages', () => {
        expect(file).toMatch(/^\d\d-[a-z0-9-]+\.mdx$/);
        const number = Number(file.slice(0, 2));
        expect(ko.frontmatter['order']).toBe(number);
        expect(en.frontmatter['order']).toBe(number);
      });

      it('embeds the same interactive components in both languages', () => {
        expect(en.components).toEqual(ko.components);
      });

      it('uses only components the site provides', () => {
        for (const name of ko.components) expect(componentNames).toContain(name);
      });

      it('has the same code blocks (language and file name) in both languages', () => {
        expect(en.codeBlocks).toEqual(ko.codeBlocks);
      });

      it('is written in its language', () => {
        expect(ko.prose).toMatch(/[가-힣]/);
        const hangul = (en.prose.match(/[가-힣]/g) ?? []).length;
        expect(hangul / Math.max(en.prose.length, 1)).toBeLessThan(0.02);
      });
    });
  }
});
