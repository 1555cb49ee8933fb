// The config builder in the browser: every change in the form is read, the values that follow
// others are moved along, and the files are written again and checked by the nginx and uWSGI
// models; problems appear next to their fields, in the page's language, with the program's own
// message quoted. Loaded on the reader's first interaction. Everything the reader typed reaches
// the page as text nodes or form values, never as markup.

import { loadUiStrings, pageLocale, textFn } from '../packet/ui-strings.ts';
import { plainText, type TextFn } from '../packet/ui-text.ts';
import { readForm, showFields, writeForm } from './builder-form.ts';
import { DEFAULT_INPUTS, followDefaults, type BuilderInputs } from './builder-inputs.ts';
import {
  BLOCK_KINDS,
  blockViews,
  titleParts,
  type BlockKind,
  type BlockView,
} from './builder-view.ts';
import { copyText } from './clipboard-copy.ts';
import { builderScenario, terminalCommands } from './builder-scenario.ts';
import { buildConfigs, type BuilderOutputs } from './config-builder.ts';
import type { FieldProblem } from './field-problem.ts';

/** How long "Copied" stays, and how long typing must pause before the status is announced. */
const COPIED_MS = 2000;
const ANNOUNCE_MS = 500;

function blockOf(root: HTMLElement, kind: BlockKind): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-file="${kind}"]`);
}

function showBlocks(root: HTMLElement, views: readonly BlockView[], t: TextFn): void {
  const doc = root.ownerDocument;
  for (const kind of BLOCK_KINDS) {
    const figure = blockOf(root, kind);
    if (figure === null) continue;
    const view = views.find((candidate) => candidate.kind === kind);
    figure.hidden = view === undefined;
    if (view === undefined) continue;
    const title = plainText(view.title, t);
    const titleBar = figure.querySelector<HTMLElement>('[data-file-title]');
    if (titleBar !== null && titleBar.textContent !== title) {
      const parts = titleParts(title).flatMap((part, index) =>
        index === 0
          ? [doc.createTextNode(part)]
          : [doc.createElement('wbr'), doc.createTextNode(part)],
      );
      titleBar.replaceChildren(...parts);
    }
    figure.setAttribute('aria-label', title);
    const region = figure.querySelector<HTMLElement>('[data-file-region]');
    region?.setAttribute('aria-label', `${t('code.region')}: ${title}`);
    const code = figure.querySelector<HTMLElement>('[data-file-text]');
    if (code !== null && code.textContent !== view.text) code.textContent = view.text;
    const check = figure.querySelector<HTMLElement>('[data-file-check]');
    if (check !== null) check.textContent = view.check === undefined ? '' : t(view.check);
    figure
      .querySelector<HTMLButtonElement>('[data-copy]')
      ?.setAttribute('aria-label', plainText(view.copyLabel, t));
  }
}

function problemNodes(doc: Document, found: FieldProblem, t: TextFn): Node[] {
  const sentence = doc.createElement('span');
  sentence.textContent = t(found.key, found.vars);
  if (found.quote === undefined) return [sentence];
  const quote = doc.createElement('code');
  quote.lang = 'en';
  quote.className = 'builder-field__quote';
  quote.textContent = found.quote.text;
  return [sentence, doc.createTextNode(' '), quote];
}

/** Puts each problem next to its field (or above the files); returns how many places have one. */
function showProblems(root: HTMLElement, problems: readonly FieldProblem[], t: TextFn): number {
  const doc = root.ownerDocument;
  let places = 0;
  for (const target of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const field = target.dataset['errorFor'];
    const mine = problems.filter((found) => found.field === field);
    const input = root.querySelector<HTMLInputElement>(`input[name="${field ?? ''}"]`);
    if (mine.length === 0) {
      target.replaceChildren();
      input?.removeAttribute('aria-invalid');
      continue;
    }
    places += 1;
    const nodes: Node[] = [];
    for (const [index, found] of mine.entries()) {
      if (index > 0) nodes.push(doc.createElement('br'));
      nodes.push(...problemNodes(doc, found, t));
    }
    target.replaceChildren(...nodes);
    input?.setAttribute('aria-invalid', 'true');
  }
  return places;
}

/** The running builder, for the terminal's "try it" button to come (see builder-scenario.ts). */
export interface Builder {
  /** The files on the page now: the last ones the models accepted. */
  current(): BuilderOutputs | undefined;
}

export async function startBuilder(
  root: HTMLElement,
  pending: readonly Event[] = [],
): Promise<Builder> {
  const doc = root.ownerDocument;
  const form = root.querySelector<HTMLFormElement>('[data-builder-form]');
  const status = root.querySelector<HTMLElement>('[data-builder-status]');
  if (form === null || status === null) return { current: () => undefined };
  const t = textFn(await loadUiStrings(pageLocale(doc)));

  // the page was drawn with the defaults: they are what is shown until a change makes new files
  let previous: BuilderInputs = DEFAULT_INPUTS;
  const initial = buildConfigs(DEFAULT_INPUTS);
  let outputs = initial.ok ? initial.outputs : undefined;
  let texts = new Map<BlockKind, string>(
    outputs === undefined ? [] : blockViews(outputs).map((view) => [view.kind, view.text]),
  );
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  let shown = JSON.stringify(DEFAULT_INPUTS);

  const update = (): void => {
    const inputs = followDefaults(previous, readForm(form));
    // a change event after an input event, or a focus with nothing typed: nothing to redo
    if (JSON.stringify(inputs) === shown) return;
    shown = JSON.stringify(inputs);
    writeForm(form, inputs);
    previous = inputs;
    showFields(root, inputs);
    const result = buildConfigs(inputs);
    const places = showProblems(root, result.ok ? [] : result.problems, t);
    if (result.ok) {
      outputs = result.outputs;
      const views = blockViews(result.outputs);
      showBlocks(root, views, t);
      texts = new Map(views.map((view) => [view.kind, view.text]));
    }
    root.dataset['state'] = result.ok ? 'ok' : 'problems';
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-copy]'))
      button.disabled = !result.ok;
    // the terminal's button types the files as they are now (the terminal reads it on click)
    const run = root.querySelector<HTMLButtonElement>('[data-builder-run]');
    if (run !== null) {
      run.disabled = !result.ok;
      if (result.ok)
        run.dataset['runCommand'] = JSON.stringify(
          terminalCommands(builderScenario(result.outputs)),
        );
    }
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      status.textContent = result.ok
        ? t('builder.status.ok')
        : t('builder.status.problems', { count: places });
    }, ANNOUNCE_MS);
  };

  const copy = async (button: HTMLButtonElement): Promise<void> => {
    const kind = button.dataset['copy'] as BlockKind | undefined;
    const value = kind === undefined ? undefined : texts.get(kind);
    const figure = button.closest<HTMLElement>('[data-file]');
    const note = figure?.querySelector<HTMLElement>('[data-copy-status]');
    const code = figure?.querySelector<HTMLElement>('[data-file-text]');
    if (value === undefined || note === null || note === undefined) return;
    if (code === null || code === undefined) return;
    const copied = await copyText(value, code);
    note.textContent = t(copied ? 'code.copied' : 'builder.copy.failed');
    note.dataset['state'] = copied ? 'ok' : 'error';
    if (copied) setTimeout(() => (note.textContent = ''), COPIED_MS);
  };

  const handle = (event: Event): void => {
    const target = event.target;
    switch (event.type) {
      case 'submit':
        event.preventDefault();
        break;
      case 'input':
      case 'change':
        update();
        break;
      case 'click': {
        const button =
          target instanceof Element ? target.closest<HTMLButtonElement>('[data-copy]') : null;
        if (button !== null && !button.disabled) void copy(button);
        break;
      }
      default:
        break;
    }
  };
  for (const type of ['submit', 'input', 'change', 'click']) root.addEventListener(type, handle);
  root.dataset['ready'] = '';

  // what the reader typed or chose before the code was here, then what they clicked
  update();
  for (const event of pending) if (event.type === 'click' || event.type === 'submit') handle(event);
  return { current: () => outputs };
}
