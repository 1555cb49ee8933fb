// The journey stepper's markup as plain data (packet-view-markup.ts's VNode), built from the view
// model with no DOM: the Astro component draws it at build time (every step in order, readable
// without JavaScript and by search), the browser draws a preset's journey with the same function.
// The uwsgi packet and the HTTP responses are the packet view itself. Text stays text.

import type { Actor } from '../../gateway/trace/index.ts';
import type { UiKey } from '../../i18n/index.ts';
import { errorGlossTexts, glossLines } from '../../lab/error-glosses.ts';
import { bytesFromHex } from '../../protocol/byte-text.ts';
import { h, runs, type Child, type VNode } from '../packet/packet-view-markup.ts';
import { packetViewNode } from '../packet/packet-view-markup.ts';
import { packetViewModel } from '../packet/packet-view-model.ts';
import type { Paragraph, TextFn, UiText } from '../packet/ui-text.ts';
import type { JourneyDiff, StepChange } from './journey-diff.ts';
import {
  hexText,
  type JourneyStep,
  type JourneyViewModel,
  type StepLog,
} from './journey-view-model.ts';

export const ACTORS: readonly Actor[] = ['client', 'nginx', 'uwsgi', 'app'];

const ACTOR_NAMES: Readonly<Record<Actor, UiKey>> = {
  client: 'diagram.client',
  nginx: 'diagram.nginx',
  uwsgi: 'diagram.uwsgi',
  app: 'diagram.app',
};

const LOG_NAMES: Readonly<Record<StepLog['source'], UiKey>> = {
  nginx: 'journey.log.nginx',
  uwsgi: 'journey.log.uwsgi',
  app: 'journey.log.app',
};

export interface JourneyMarkupOptions {
  /** The id steps are linked by: `#<prefix>-3`. Default `journey`. */
  readonly prefix?: string;
  /** What a preset changed, to mark. */
  readonly diff?: JourneyDiff;
  /** One line above the steps: which request this is. */
  readonly heading: Paragraph;
  /** Packets and responses as packet views (default), or as text the stepper upgrades. */
  readonly packets?: 'view' | 'text';
}

const text = (t: TextFn, value: UiText): Child => runs([value], t)[0] ?? '';

export function stepId(prefix: string, step: number, field?: string): string {
  return field === undefined ? `${prefix}-${step}` : `${prefix}-${step}-${field}`;
}

/** The diagram: the four actors, the one holding the request marked with a word, not colour. */
export function actorsNode(step: JourneyStep | undefined, t: TextFn): VNode {
  return h(
    'ol',
    { class: 'jr-actors', 'aria-label': t('journey.diagram.label'), 'data-journey-diagram': '' },
    ...ACTORS.map((actor) => {
      const here = step?.actor === actor;
      const next = step !== undefined && step.toward === actor && !here;
      const attrs: Record<string, string> = {
        class: `jr-actor actor--${actor}${here ? ' is-here' : ''}${next ? ' is-next' : ''}`,
        'data-actor': actor,
      };
      if (here) attrs['aria-current'] = 'location';
      return h(
        'li',
        attrs,
        h('span', { class: 'jr-actor__name' }, t(ACTOR_NAMES[actor])),
        h(
          'span',
          { class: 'jr-actor__mark' },
          here ? t('journey.diagram.here') : next ? t('journey.diagram.next') : '',
        ),
      );
    }),
  );
}

function changeBadge(change: StepChange | undefined, t: TextFn): Child[] {
  if (change === undefined || !change.changed) return [];
  return [
    ' ',
    h(
      'span',
      { class: 'jr-badge jr-badge--changed' },
      t(change.added ? 'journey.diff.badge-added' : 'journey.diff.badge-changed'),
    ),
  ];
}

function failBadge(step: JourneyStep, t: TextFn): Child[] {
  if (step.failure === undefined) return [];
  return [' ', h('span', { class: 'jr-badge jr-badge--failed' }, t('journey.failed.badge'))];
}

function stepListNode(
  model: JourneyViewModel,
  prefix: string,
  t: TextFn,
  diff?: JourneyDiff,
): VNode {
  return h(
    'nav',
    { class: 'jr-list', 'aria-label': t('journey.list.label') },
    h(
      'ol',
      {},
      ...model.steps.map((step) =>
        h(
          'li',
          { class: `actor--${step.actor}` },
          h(
            'a',
            { href: `#${stepId(prefix, step.number)}`, 'data-step-link': String(step.number) },
            h('span', { class: 'jr-list__actor' }, t(ACTOR_NAMES[step.actor])),
            ' ',
            text(t, step.title),
            ...failBadge(step, t),
            ...changeBadge(diff?.steps.get(step.number), t),
          ),
        ),
      ),
    ),
  );
}

function okMark(ok: boolean | undefined, t: TextFn): Child[] {
  if (ok === undefined) return [];
  return [
    h(
      'span',
      { class: ok ? 'jr-ok' : 'jr-bad' },
      ok ? `✓ ${t('journey.ok')}` : `✗ ${t('journey.not-ok')}`,
    ),
    ' ',
  ];
}

function factsNode(step: JourneyStep, prefix: string, t: TextFn): VNode {
  return h(
    'dl',
    { class: 'jr-facts' },
    ...step.facts.map((fact) => {
      const id = stepId(prefix, step.number, fact.id);
      return h(
        'div',
        { id, class: 'jr-fact' },
        h('dt', {}, h('a', { href: `#${id}` }, text(t, fact.label))),
        h('dd', {}, ...okMark(fact.ok, t), text(t, fact.value)),
      );
    }),
  );
}

/** Request text or a body: one line per line, line ends shown, nothing parsed as HTML. */
function textBytesNode(hex: string, t: TextFn): VNode {
  const content = hexText(hex);
  const lines = content.split('\r\n');
  const children: Child[] = [];
  lines.forEach((line, i) => {
    children.push(line);
    if (i < lines.length - 1) {
      children.push(h('span', { class: 'jr-crlf', 'aria-hidden': 'true' }, '\\r\\n'));
      children.push('\n');
    }
  });
  return h(
    'pre',
    {
      class: 'jr-text',
      tabindex: '0',
      'aria-label': t('journey.bytes.text', { n: hex.length / 2 }),
    },
    ...children,
  );
}

/** A packet or an HTTP response as the packet view, bound by the stepper when its step shows. */
export function packetNode(hex: string, as: 'uwsgi' | 'http-response', t: TextFn): VNode {
  const model = packetViewModel(bytesFromHex(hex), { as });
  const view = packetViewNode(model, t, {
    caption: t(as === 'uwsgi' ? 'journey.bytes.packet' : 'journey.bytes.response', {
      n: hex.length / 2,
    }),
  });
  // the stepper binds these itself (packet-view-loader would arm them a second time)
  const attrs = Object.fromEntries(
    Object.entries(view.attrs).filter(([name]) => name !== 'data-packet-view'),
  );
  return { ...view, attrs: { ...attrs, 'data-journey-packet': '' } };
}

/**
 * What the build draws in place of a packet view (the stepper draws the view when the step
 * shows): a response as its lines, which read the same without JavaScript; a packet as its
 * caption with the bytes as hex for the stepper (as a `hexdump -C` it would weigh a kilobyte
 * more on a page that shows the same packet whole further up).
 */
function packetTextNode(hex: string, as: 'uwsgi' | 'http-response', t: TextFn): VNode {
  const label = t(as === 'uwsgi' ? 'journey.bytes.packet' : 'journey.bytes.response', {
    n: hex.length / 2,
  });
  if (as === 'uwsgi')
    return h('p', { class: 'jr-later', 'data-journey-bytes': as, 'data-hex': hex }, label);
  const attrs = { class: 'jr-text', tabindex: '0', 'data-journey-bytes': as, 'aria-label': label };
  return { ...textBytesNode(hex, t), attrs };
}

function bytesNode(step: JourneyStep, t: TextFn, packets: 'view' | 'text'): VNode[] {
  const bytes = step.bytes;
  if (bytes === undefined || bytes.hex === '') return [];
  if (bytes.as === 'text') return [textBytesNode(bytes.hex, t)];
  return [
    packets === 'view'
      ? packetNode(bytes.hex, bytes.as, t)
      : packetTextNode(bytes.hex, bytes.as, t),
  ];
}

function linesNode(step: JourneyStep, prefix: string, t: TextFn): VNode[] {
  if (step.lines === undefined || step.bytes !== undefined) return [];
  return [
    h(
      'ul',
      { class: 'jr-lines', tabindex: '0', 'aria-label': t('journey.environ.label') },
      ...step.lines.map((line) => {
        const key = line.slice(0, Math.max(0, line.indexOf(':')));
        return h('li', { id: stepId(prefix, step.number, key.replace(/[^\w.-]/g, '_')) }, line);
      }),
    ),
  ];
}

function logsNode(logs: readonly StepLog[], t: TextFn): VNode[] {
  const glossTexts = errorGlossTexts(t);
  return logs.map((log) => {
    // what each error line the course knows means, in the page's language (src/lab/error-glosses.ts)
    const glosses = glossLines(log.lines, glossTexts);
    return h(
      'div',
      { class: `jr-log actor--${log.source === 'app' ? 'app' : log.source}` },
      h('p', { class: 'jr-log__name' }, t(LOG_NAMES[log.source])),
      h('pre', { tabindex: '0', lang: 'en' }, log.lines.join('\n')),
      ...(glosses.length === 0
        ? []
        : [h('ul', { class: 'jr-log__glosses' }, ...glosses.map((g) => h('li', {}, g.text)))]),
    );
  });
}

function failureNode(step: JourneyStep, model: JourneyViewModel, t: TextFn): VNode[] {
  if (step.failure === undefined) return [];
  const others = model.logs.filter((log) => !step.logs.includes(log));
  return [
    h(
      'div',
      { class: 'jr-failure', role: 'note' },
      h(
        'p',
        {},
        h('strong', {}, `✗ ${t('journey.failed.title')}`),
        ' ',
        h('code', { lang: 'en' }, step.failure.message),
      ),
      ...logsNode(others, t),
    ),
  ];
}

function notesNode(change: StepChange | undefined, t: TextFn): VNode[] {
  if (change === undefined || change.notes.length === 0) return [];
  return [
    h(
      'div',
      { class: 'jr-notes' },
      h('p', { class: 'jr-notes__title' }, t('journey.diff.title')),
      h('ul', {}, ...change.notes.map((note) => h('li', {}, ...runs(note, t)))),
    ),
  ];
}

function stepNode(
  step: JourneyStep,
  model: JourneyViewModel,
  prefix: string,
  t: TextFn,
  packets: 'view' | 'text',
  diff?: JourneyDiff,
): VNode {
  const change = diff?.steps.get(step.number);
  return h(
    'li',
    {
      id: stepId(prefix, step.number),
      class: `jr-step actor--${step.actor}${step.failure === undefined ? '' : ' is-failed'}${change?.changed === true ? ' is-changed' : ''}`,
      'data-step': String(step.number),
      'data-actor': step.actor,
      'data-toward': step.toward,
      tabindex: '-1',
    },
    h(
      'h3',
      { class: 'jr-step__title' },
      h(
        'span',
        { class: 'jr-step__number' },
        t('journey.step.number', { n: step.number, total: model.steps.length }),
      ),
      ' ',
      text(t, step.title),
      ...failBadge(step, t),
      ...changeBadge(change, t),
    ),
    ...notesNode(change, t),
    ...failureNode(step, model, t),
    factsNode(step, prefix, t),
    ...bytesNode(step, t, packets),
    ...linesNode(step, prefix, t),
    ...logsNode(step.logs, t),
  );
}

/** The steps and their list (the controls and presets are in Journey.astro). */
export function journeyStepsNode(
  model: JourneyViewModel,
  t: TextFn,
  options: JourneyMarkupOptions,
): VNode {
  const prefix = options.prefix ?? 'journey';
  const diff = options.diff;
  const missing =
    diff === undefined || diff.missing.length === 0
      ? []
      : [h('p', { class: 'jr-missing' }, t('journey.diff.missing', { n: diff.missing.length }))];
  return h(
    'div',
    { class: 'jr-journey', 'data-journey-id': String(model.id) },
    h('p', { class: 'jr-heading' }, ...runs(options.heading, t)),
    ...missing,
    // one diagram: the stepper moves its marks as the steps change
    actorsNode(model.steps[0], t),
    stepListNode(model, prefix, t, diff),
    h(
      'ol',
      { class: 'jr-steps' },
      ...model.steps.map((step) =>
        stepNode(step, model, prefix, t, options.packets ?? 'view', diff),
      ),
    ),
  );
}
