// The journey stepper glosses the programs' error lines: a preset that breaks the request shows,
// beside nginx's and uWSGI's log lines, what each error means in the page's language.
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/index.ts';
import type { Child, VNode } from '../../../src/components/packet/packet-view-markup.ts';
import { journeyStepsNode } from '../../../src/components/journey/journey-markup.ts';
import {
  pageJourney,
  scenarioCopies,
  whatIf,
} from '../../../src/components/journey/journey-what-if.ts';

const copies = scenarioCopies('nginx-ready');

function all(node: Child): VNode[] {
  if (typeof node === 'string') return [];
  return [node, ...node.children.flatMap(all)];
}

function glossesOf(node: VNode): string[] {
  return all(node)
    .filter((n) => n.attrs['class'] === 'jr-log__glosses')
    .flatMap((list) => list.children)
    .map((item) => (typeof item === 'string' ? item : item.children.join('')));
}

/** The gloss template as a pattern: `{socket}` stands for the socket the line named. */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace('\\{socket\\}', 'unix:\\S+')}$`);
}

describe('journey glosses', () => {
  for (const locale of ['ko', 'en'] as const) {
    const text = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) =>
      t(locale, key, vars);

    it(`(${locale}) gloss a missing socket beside nginx's log line`, () => {
      const result = whatIf(copies, 'socket-path');
      if (!result.ok) throw new Error('preset did not apply');
      const node = journeyStepsNode(result.after, text, { heading: result.heading });
      const glosses = glossesOf(node);
      expect(glosses.length).toBeGreaterThan(0);
      expect(glosses[0]).toMatch(templatePattern(t(locale, 'gloss.nginx-socket-missing')));
    });
  }

  it('add nothing to a journey that went well', () => {
    const { model, heading } = pageJourney(copies);
    const node = journeyStepsNode(model, (key, vars) => t('en', key, vars), { heading });
    expect(glossesOf(node)).toEqual([]);
  });
});
