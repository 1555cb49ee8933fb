// The journey stepper in the browser: one step at a time, with previous/next buttons, ←/→ keys,
// the step list and a link per step (#journey-4) and per field (#journey-2-server-2) that the
// address keeps; the packet views inside bind as their step is shown. The presets load the
// machine and re-run the request on a copy of the page's machine; the page lab's journeys (each
// curl typed in the terminal) can be shown here too. Everything written into the page is text.

import { renderNode } from '../packet/packet-view-dom.ts';
import { hexOf, latin1Bytes } from '../../protocol/byte-text.ts';
import { loadUiStrings, pageLocale, textFn } from '../packet/ui-strings.ts';
import type { TextFn } from '../packet/ui-text.ts';
import { subscribePageJourneys, pageLab, type PageJourneys } from '../../lab/page-lab.ts';
import type { JourneyEntry } from '../../shell/machine/journey-log.ts';
import { journeyStepsNode, packetNode } from './journey-markup.ts';
import { journeyViewModel, type JourneyViewModel } from './journey-view-model.ts';
import type { JourneyDiff } from './journey-diff.ts';
import { literal, text } from '../packet/ui-text.ts';
import { PRESET_IDS, PRESET_LABELS, type PresetId } from './preset-ids.ts';

const PREFIX = 'journey';

/**
 * The bytes of a response drawn as lines (journey-markup's textBytesNode): each CR LF mark is
 * those two bytes, and the line break drawn after it is not a byte; every other character is the
 * byte of the same number (undefined if one is not: then the text stays).
 */
function responseHex(pre: HTMLElement): string | undefined {
  let text = '';
  let afterMark = false;
  for (const node of pre.childNodes) {
    if (node instanceof HTMLElement && node.classList.contains('jr-crlf')) {
      text += '\r\n';
      afterMark = true;
      continue;
    }
    const content = node.textContent ?? '';
    text += afterMark && content.startsWith('\n') ? content.slice(1) : content;
    afterMark = false;
  }
  try {
    return hexOf(latin1Bytes(text));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
const LINK = /^#journey-(\d+)(?:-(.+))?$/;
/** How many of the lab's journeys the list offers (newest first). */
const LIVE_SHOWN = 8;

interface Parts {
  readonly body: HTMLElement;
  readonly controls: HTMLElement;
  readonly prev: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly position: HTMLElement;
  readonly presets: HTMLElement;
  readonly status: HTMLElement;
  readonly live: HTMLElement;
  readonly liveList: HTMLElement;
}

function partsOf(root: HTMLElement): Parts | undefined {
  const find = <E extends HTMLElement>(name: string): E | null =>
    root.querySelector<E>(`[data-journey-${name}]`);
  const parts = {
    body: find('body'),
    controls: find('controls'),
    prev: find<HTMLButtonElement>('prev'),
    next: find<HTMLButtonElement>('next'),
    position: find('position'),
    presets: find('presets'),
    status: find('status'),
    live: find('live'),
    liveList: find('live-list'),
  };
  return Object.values(parts).every((part) => part !== null) ? (parts as Parts) : undefined;
}

const isPreset = (value: string | undefined): value is PresetId =>
  (PRESET_IDS as readonly string[]).includes(value ?? '');

export async function startJourney(root: HTMLElement, pending: readonly Event[]): Promise<void> {
  if (root.hasAttribute('data-bound')) return;
  root.setAttribute('data-bound', '');
  const parts = partsOf(root);
  if (parts === undefined) return;
  const doc = root.ownerDocument;
  const t = textFn(await loadUiStrings(pageLocale(doc)));
  const stepper = new Stepper(root, parts, t);
  stepper.openFromAddress(false);
  for (const event of pending) if (event instanceof KeyboardEvent) stepper.key(event);
}

class Stepper {
  readonly #root: HTMLElement;
  readonly #parts: Parts;
  readonly #t: TextFn;
  readonly #original: Node[];
  #current = 1;
  #run = 0;
  #baseline: JourneyViewModel | undefined;

  constructor(root: HTMLElement, parts: Parts, t: TextFn) {
    this.#root = root;
    this.#parts = parts;
    this.#t = t;
    this.#original = [...parts.body.childNodes].map((node) => node.cloneNode(true));
    root.classList.add('is-stepper');
    parts.controls.hidden = false;
    parts.presets.hidden = false;
    parts.prev.addEventListener('click', () => this.show(this.#current - 1, true));
    parts.next.addEventListener('click', () => this.show(this.#current + 1, true));
    root.addEventListener('keydown', (event) => this.key(event));
    root.addEventListener('click', (event) => this.#click(event));
    root.ownerDocument.defaultView?.addEventListener('hashchange', () =>
      this.openFromAddress(true),
    );
    subscribePageJourneys((journeys) => this.#showLive(journeys));
  }

  get #steps(): HTMLElement[] {
    return [...this.#parts.body.querySelectorAll<HTMLElement>('.jr-step')];
  }

  /** Opens the step (and field) the address names, if it names one. */
  openFromAddress(focus: boolean): void {
    const hash = this.#root.ownerDocument.location.hash;
    const match = LINK.exec(hash);
    if (match === null) {
      this.show(this.#current, false);
      return;
    }
    this.show(Number(match[1]), focus && match[2] === undefined, false);
    if (match[2] !== undefined) this.#openField(hash.slice(1));
  }

  key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const target = event.target;
    // the packet view's grid and tree use the arrow keys themselves
    if (
      target instanceof Element &&
      target.closest('[role="grid"], [role="tree"], input, textarea')
    )
      return;
    event.preventDefault();
    this.show(this.#current + (event.key === 'ArrowRight' ? 1 : -1), true);
  }

  show(number: number, focus: boolean, keepAddress = true): void {
    const steps = this.#steps;
    const total = steps.length;
    const n = Math.min(Math.max(number, 1), Math.max(total, 1));
    this.#current = n;
    for (const step of steps) step.hidden = step.dataset['step'] !== String(n);
    for (const link of this.#parts.body.querySelectorAll<HTMLElement>('[data-step-link]')) {
      if (link.dataset['stepLink'] === String(n)) link.setAttribute('aria-current', 'step');
      else link.removeAttribute('aria-current');
    }
    this.#parts.position.textContent = this.#t('journey.step.number', { n, total });
    this.#parts.prev.disabled = n <= 1;
    this.#parts.next.disabled = n >= total;
    const step = steps[n - 1];
    if (step === undefined) return;
    this.#moveDiagram(step);
    if (keepAddress) this.#address(`#${PREFIX}-${n}`);
    void this.#bindPackets(step);
    if (focus) step.focus({ preventScroll: false });
  }

  /** The diagram marks the actor holding the request, and the next one, in words. */
  #moveDiagram(step: HTMLElement): void {
    const here = step.dataset['actor'];
    const toward = step.dataset['toward'];
    for (const item of this.#parts.body.querySelectorAll<HTMLElement>(
      '[data-journey-diagram] li',
    )) {
      const actor = item.dataset['actor'];
      const isHere = actor === here;
      const isNext = actor === toward && !isHere;
      item.classList.toggle('is-here', isHere);
      item.classList.toggle('is-next', isNext);
      if (isHere) item.setAttribute('aria-current', 'location');
      else item.removeAttribute('aria-current');
      const mark = item.querySelector('.jr-actor__mark');
      if (mark !== null)
        mark.textContent = isHere
          ? this.#t('journey.diagram.here')
          : isNext
            ? this.#t('journey.diagram.next')
            : '';
    }
  }

  #address(hash: string): void {
    const view = this.#root.ownerDocument.defaultView;
    if (view === null || view.location.hash === hash) return;
    view.history.replaceState(view.history.state, '', hash);
  }

  #openField(id: string): void {
    const field = this.#root.ownerDocument.getElementById(id);
    if (field === null || !this.#root.contains(field)) return;
    for (const old of this.#root.querySelectorAll('.is-target')) old.classList.remove('is-target');
    field.classList.add('is-target');
    if (!field.hasAttribute('tabindex')) field.setAttribute('tabindex', '-1');
    field.focus();
  }

  async #bindPackets(step: HTMLElement): Promise<void> {
    // the build drew packets and responses as text: the packet view takes their place
    for (const text of step.querySelectorAll<HTMLElement>('[data-journey-bytes]')) {
      const as = text.dataset['journeyBytes'] === 'uwsgi' ? 'uwsgi' : 'http-response';
      const hex = as === 'uwsgi' ? text.dataset['hex'] : responseHex(text);
      if (hex === undefined) continue;
      text.replaceWith(renderNode(this.#root.ownerDocument, packetNode(hex, as, this.#t)));
    }
    const views = [
      ...step.querySelectorAll<HTMLElement>('[data-journey-packet]:not([data-bound])'),
    ];
    if (views.length === 0) return;
    const { hydratePacketView } = await import('../packet/packet-view-hydrate.ts');
    for (const view of views)
      if (!view.hasAttribute('data-bound')) await hydratePacketView(view, []);
  }

  #click(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest<HTMLAnchorElement>('a[href^="#journey-"]');
    if (link !== null && link !== undefined && this.#root.contains(link)) {
      const match = LINK.exec(link.getAttribute('href') ?? '');
      if (match === null) return;
      event.preventDefault();
      if (match[2] === undefined) this.show(Number(match[1]), true);
      else {
        this.#address(link.getAttribute('href') ?? '');
        this.#openField(link.getAttribute('href')!.slice(1));
      }
      return;
    }
    const preset = target?.closest<HTMLButtonElement>('[data-preset]');
    if (preset !== null && preset !== undefined) void this.#preset(preset);
    const live = target?.closest<HTMLButtonElement>('[data-journey-show]');
    if (live !== null && live !== undefined) this.#showEntry(Number(live.dataset['journeyShow']));
  }

  /** Marks the button pressed (and whatever ran before it as over). */
  #press(button: HTMLElement | undefined): void {
    this.#parts.body.removeAttribute('aria-busy');
    for (const other of this.#root.querySelectorAll('[data-preset], [data-journey-show]'))
      other.setAttribute('aria-pressed', String(other === button));
  }

  #draw(
    model: JourneyViewModel,
    heading: Parameters<typeof journeyStepsNode>[2]['heading'],
    diff?: JourneyDiff,
  ): void {
    const node = journeyStepsNode(model, this.#t, {
      heading,
      prefix: PREFIX,
      ...(diff === undefined ? {} : { diff }),
    });
    this.#parts.body.replaceChildren(renderNode(this.#root.ownerDocument, node));
  }

  async #preset(button: HTMLButtonElement): Promise<void> {
    const id = button.dataset['preset'];
    const run = ++this.#run;
    this.#press(button);
    if (!isPreset(id)) {
      this.#parts.body.replaceChildren(...this.#original.map((node) => node.cloneNode(true)));
      this.#parts.status.textContent = this.#t('journey.presets.back');
      this.show(1, false);
      return;
    }
    this.#parts.status.textContent = this.#t('journey.presets.running');
    this.#parts.body.setAttribute('aria-busy', 'true');
    try {
      const whatIfModule = await import('./journey-what-if.ts');
      // let "running…" paint before the machines are built (that work holds the main thread)
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (run === this.#run) this.#runPreset(id, whatIfModule);
    } finally {
      if (run === this.#run) this.#parts.body.removeAttribute('aria-busy');
    }
  }

  #runPreset(id: PresetId, whatIfModule: typeof import('./journey-what-if.ts')): void {
    const lab = pageLab();
    const scenario = this.#root.dataset['scenario'] ?? 'nginx-ready';
    const copies = lab === undefined ? whatIfModule.scenarioCopies(scenario) : () => lab.clone();
    let result;
    try {
      // the page's journey on a fresh scenario copy is always the same: computed once
      result = whatIfModule.whatIf(copies, id, lab === undefined ? this.#baseline : undefined);
      if (result.ok && lab === undefined) this.#baseline = result.before;
    } catch {
      // a machine that cannot run it: said in one line, the page's journey stays
      this.#parts.status.textContent = this.#t('journey.presets.error');
      return;
    }
    if (!result.ok) {
      this.#parts.status.textContent = this.#t(
        result.problem.kind === 'not-found'
          ? 'journey.presets.not-found'
          : result.problem.kind === 'no-nginx'
            ? 'journey.presets.no-nginx'
            : 'journey.presets.no-uwsgi',
        result.problem.kind === 'not-found'
          ? { text: result.problem.text, file: result.problem.file }
          : {},
      );
      return;
    }
    this.#draw(result.after, result.heading, result.diff);
    const firstChanged = [...result.diff.steps].find(([, change]) => change.changed)?.[0];
    const at = result.after.failedAt ?? firstChanged ?? 1;
    this.show(at, false);
    this.#parts.status.textContent = this.#t('journey.presets.result', {
      preset: this.#t(PRESET_LABELS[id]),
      before: result.diff.status.before,
      after: result.diff.status.after || '—',
      step: at,
    });
  }

  #entries: readonly JourneyEntry[] = [];

  #showLive(journeys: PageJourneys): void {
    this.#entries = journeys.entries;
    const shown = [...journeys.entries].reverse().slice(0, LIVE_SHOWN);
    this.#parts.live.hidden = shown.length === 0;
    const doc = this.#root.ownerDocument;
    this.#parts.liveList.replaceChildren(
      ...shown.map((entry) => {
        const item = doc.createElement('li');
        const line = doc.createElement('code');
        line.textContent =
          entry.origin.kind === 'command' ? entry.origin.line : this.#t('journey.live.goal');
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'jr__preset';
        button.dataset['journeyShow'] = String(entry.journey.id);
        button.setAttribute('aria-pressed', 'false');
        button.textContent = this.#t('journey.live.show', { n: entry.journey.id });
        item.append(line, ' ', button);
        return item;
      }),
    );
  }

  #showEntry(id: number): void {
    const entry = this.#entries.find((candidate) => candidate.journey.id === id);
    if (entry === undefined) return;
    this.#run++;
    this.#press(this.#root.querySelector<HTMLElement>(`[data-journey-show="${id}"]`) ?? undefined);
    const model = journeyViewModel(entry.journey);
    const line = entry.origin.kind === 'command' ? entry.origin.line : this.#t('journey.live.goal');
    this.#draw(model, [text('journey.live.heading'), literal(line, true)]);
    this.show(model.failedAt ?? 1, false);
    this.#parts.status.textContent = this.#t('journey.live.shown', { n: id });
  }
}
