// The stepper's markup, built from the view model in Node as the build draws it: a step per hop
// with its deep-link id, the step list linking to them, the packet views bound by the stepper
// (not armed twice), what a preset changed marked with words, and every string from the page's
// language.

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
const en = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>): string =>
  t('en', key, vars);

function all(node: Child): VNode[] {
  if (typeof node === 'string') return [];
  return [node, ...node.children.flatMap(all)];
}

function textOf(node: Child): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

describe('journey markup', () => {
  const { model, heading } = pageJourney(copies);
  const node = journeyStepsNode(model, en, { heading });
  const nodes = all(node);

  it('has one step per hop, each with its #journey-N id and a heading', () => {
    const steps = nodes.filter((n) => n.attrs['class']?.startsWith('jr-step '));
    expect(steps.map((s) => s.attrs['id'])).toEqual(model.steps.map((s) => `journey-${s.number}`));
    expect(textOf(steps[0]!)).toContain('Step 1 of 8');
    expect(textOf(steps[0]!)).toContain('The client sends its HTTP request');
  });

  it('lists the steps with links to them', () => {
    const links = nodes.filter((n) => n.attrs['data-step-link'] !== undefined);
    expect(links.map((l) => l.attrs['href'])).toEqual(
      model.steps.map((s) => `#journey-${s.number}`),
    );
  });

  it('gives every fact an id to link to, and marks the actor holding the request in words', () => {
    const ids = nodes.map((n) => n.attrs['id']).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('journey-1-connect');
    expect(ids).toContain('journey-5-REQUEST_METHOD');
    // one diagram, drawn at the first step; each step says whose it is for the stepper to move it
    const here = nodes.filter((n) => n.attrs['aria-current'] === 'location');
    expect(here).toHaveLength(1);
    expect(textOf(here[0]!)).toBe('Browser▲ here');
    const steps = nodes.filter((n) => n.attrs['data-step'] !== undefined);
    expect(steps.map((s) => s.attrs['data-actor'])).toEqual(model.steps.map((s) => s.actor));
  });

  it('draws the packet and the responses as packet views the stepper binds', () => {
    const views = nodes.filter((n) => n.attrs['data-journey-packet'] !== undefined);
    expect(views.map((v) => v.attrs['data-kind'])).toEqual([
      'uwsgi',
      'http-response',
      'http-response',
    ]);
    expect(nodes.some((n) => n.attrs['data-packet-view'] !== undefined)).toBe(false);
  });

  it('can draw packets light, for the stepper to upgrade (the build does)', () => {
    const light = all(journeyStepsNode(model, en, { heading, packets: 'text' }));
    const texts = light.filter((n) => n.attrs['data-journey-bytes'] !== undefined);
    expect(texts.map((n) => n.attrs['data-journey-bytes'])).toEqual([
      'uwsgi',
      'http-response',
      'http-response',
    ]);
    const packet = model.steps.find((s) => s.kind === 'uwsgi-packet')!;
    expect(texts[0]!.attrs['data-hex']).toBe(packet.bytes!.hex);
    expect(textOf(texts[0]!)).toBe(
      `The uwsgi packet nginx wrote to the socket, ${packet.bytes!.hex.length / 2} bytes`,
    );
    expect(textOf(texts[1]!)).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(light.some((n) => n.attrs['data-journey-packet'] !== undefined)).toBe(false);
  });

  it('marks what a preset changed and where the request stopped, with words', () => {
    const result = whatIf(copies, 'cookie-5k');
    if (!result.ok) throw new Error('preset did not apply');
    const changed = all(
      journeyStepsNode(result.after, en, { heading: result.heading, diff: result.diff }),
    );
    const badges = changed.filter((n) => n.attrs['class']?.startsWith('jr-badge'));
    expect(badges.map(textOf)).toContain('changed');
    expect(badges.map(textOf)).toContain('stopped here');
    const failure = changed.find((n) => n.attrs['class'] === 'jr-failure');
    expect(textOf(failure!)).toContain('invalid request block size');
  });
});
