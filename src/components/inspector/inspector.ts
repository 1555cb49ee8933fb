// The packet inspector in the browser: reads what the reader pasted, chose or dropped, and shows
// the annotated packet view, the vars (copyable as the JSON `uwsgi-lab decode` prints), the body,
// and for an HTTP response its status, headers and body. Loaded on the reader's first interaction.
// Everything drawn here is built with createElement and text nodes: pasted bytes stay text.

import type { UiKey } from '../../i18n/index.ts';
import { bytesFromHex } from '../../protocol/byte-text.ts';
import { formatHexDump } from '../../protocol/hexdump/format-hex-dump.ts';
import type { DumpFormat } from '../../protocol/hexdump/parse-hex-dump.ts';
import { bindPacketView } from '../packet/packet-view-interaction.ts';
import { renderChildren } from '../packet/packet-view-dom.ts';
import { h, packetViewNode, type Child, type VNode } from '../packet/packet-view-markup.ts';
import { loadUiStrings, pageLocale, textFn } from '../packet/ui-strings.ts';
import type { TextFn } from '../packet/ui-text.ts';
import {
  readFileBytes,
  readText,
  type DumpProblem,
  type InputMode,
  type InputReading,
} from './inspector-input.ts';
import { inspect, type InspectorReport, type ShownBytes } from './inspector-report.ts';

/** The packet view draws at most this many bytes; the tables still show everything. */
const MAX_VIEW_BYTES = 16_384;
/** Files over this size are refused: an inspector is for packets, not captures of a day. */
const MAX_FILE_BYTES = 1 << 20;
const INPUT_DELAY_MS = 250;

/** Dump formats by the name of the tool that prints them. */
const TOOL_NAMES: Readonly<Record<Exclude<DumpFormat, 'c-array' | 'plain'>, string>> = {
  xxd: 'xxd',
  'hexdump-c': 'hexdump -C',
  od: 'od',
  tcpdump: 'tcpdump',
  tshark: 'tshark',
};

const DUMP_PROBLEMS: Readonly<Record<DumpProblem['code'], UiKey>> = {
  empty: 'inspector.dump.empty',
  unrecognized: 'inspector.dump.unrecognized',
  'odd-digits': 'inspector.dump.odd-digits',
  'offset-mismatch': 'inspector.dump.offset-mismatch',
  'stream-gap': 'inspector.dump.stream-gap',
};

interface Parts {
  readonly form: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  readonly file: HTMLInputElement;
  readonly status: HTMLElement;
  readonly result: HTMLElement;
}

function partsOf(root: HTMLElement): Parts | undefined {
  const form = root.querySelector<HTMLFormElement>('[data-inspector-form]');
  const input = root.querySelector<HTMLTextAreaElement>('[data-inspector-input]');
  const file = root.querySelector<HTMLInputElement>('[data-inspector-file]');
  const status = root.querySelector<HTMLElement>('[data-inspector-status]');
  const result = root.querySelector<HTMLElement>('[data-inspector-result]');
  if (!form || !input || !file || !status || !result) return undefined;
  return { form, input, file, status, result };
}

export interface Inspector {
  /** Handles an event that reached the page before this code did. */
  replay(event: Event): void;
}

export async function startInspector(
  root: HTMLElement,
  pending: readonly Event[] = [],
): Promise<Inspector> {
  const doc = root.ownerDocument;
  const parts = partsOf(root);
  const t = textFn(await loadUiStrings(pageLocale(doc)));
  if (parts === undefined) return { replay: () => undefined };
  const { form, input, file, status, result } = parts;

  const mode = (): InputMode => {
    const checked = form.querySelector<HTMLInputElement>('input[name="inspector-mode"]:checked');
    return checked?.value === 'hex' || checked?.value === 'raw' ? checked.value : 'auto';
  };
  const say = (...children: Child[]): void => {
    status.replaceChildren(...renderChildren(doc, children));
  };

  const show = (reading: InputReading, fileName?: string): void => {
    if (!reading.ok) {
      result.hidden = true;
      result.replaceChildren();
      status.dataset['state'] = 'error';
      if (reading.empty)
        say(t(fileName === undefined ? 'inspector.error.empty' : 'inspector.error.empty-file'));
      else say(...problemText(reading.problem, t));
      return;
    }
    status.dataset['state'] = 'ok';
    const report = inspect(reading.bytes, MAX_VIEW_BYTES);
    say(...readingText(reading, report, t, fileName));
    result.replaceChildren(...renderChildren(doc, resultNodes(report, t)));
    result.hidden = false;
    const view = result.querySelector<HTMLElement>('[data-packet-view]');
    if (view !== null) bindPacketView(view, report.model, t);
    bindCopy(result, report, t);
  };

  const runText = (): void => show(readText(input.value, mode()));

  const readFile = async (chosen: File): Promise<void> => {
    if (chosen.size > MAX_FILE_BYTES) {
      status.dataset['state'] = 'error';
      say(t('inspector.error.file-too-big', { name: chosen.name, max: MAX_FILE_BYTES }));
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await chosen.arrayBuffer());
    } catch {
      status.dataset['state'] = 'error';
      say(t('inspector.error.file', { name: chosen.name }));
      return;
    }
    const reading = readFileBytes(bytes, mode());
    // The file's bytes go into the text box as hexdump -C, so that the reader can edit them.
    if (reading.ok) input.value = formatHexDump(reading.bytes);
    show(reading, chosen.name);
  };

  const runExample = (button: HTMLElement): void => {
    const hex = button.dataset['exampleHex'];
    if (hex === undefined) return;
    input.value = formatHexDump(bytesFromHex(hex));
    const auto = form.querySelector<HTMLInputElement>('input[name="inspector-mode"][value="auto"]');
    if (auto !== null) auto.checked = true;
    runText();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const handle = (event: Event): void => {
    const target = event.target;
    switch (event.type) {
      case 'submit':
        event.preventDefault();
        clearTimeout(timer);
        runText();
        break;
      case 'input':
        if (target === input) {
          clearTimeout(timer);
          timer = setTimeout(runText, INPUT_DELAY_MS);
        }
        break;
      case 'change':
        if (target === file && file.files?.[0] !== undefined) void readFile(file.files[0]);
        else if (target instanceof HTMLInputElement && target.name === 'inspector-mode') runText();
        break;
      case 'click': {
        const button =
          target instanceof Element ? target.closest<HTMLElement>('[data-example-hex]') : null;
        if (button !== null) runExample(button);
        break;
      }
      case 'dragover':
        event.preventDefault();
        root.dataset['dropping'] = '';
        break;
      case 'dragleave':
        delete root.dataset['dropping'];
        break;
      case 'drop': {
        event.preventDefault();
        delete root.dataset['dropping'];
        // A drop that came before this code did left its file in the file input (the loader).
        const dropped =
          (event instanceof DragEvent ? event.dataTransfer?.files[0] : undefined) ??
          file.files?.[0];
        if (dropped !== undefined) void readFile(dropped);
        break;
      }
      default:
        break;
    }
  };
  for (const type of ['submit', 'input', 'change', 'click', 'dragover', 'dragleave', 'drop'])
    root.addEventListener(type, handle);
  root.dataset['ready'] = '';

  for (const event of pending) handle(event);
  // Text typed or a file chosen before the code arrived, with no event left to say so.
  if (
    !pending.some((event) => ['submit', 'input', 'click', 'drop', 'change'].includes(event.type))
  ) {
    if (input.value.trim() !== '') runText();
  }
  return { replay: handle };
}

function problemText(problem: DumpProblem, t: TextFn): Child[] {
  return [
    t(problem.line > 0 ? 'inspector.error.dump-line' : 'inspector.error.dump', {
      line: problem.line,
    }),
    ' ',
    t(DUMP_PROBLEMS[problem.code]),
    ' ',
    h('span', { lang: 'en' }, `(${problem.message})`),
  ];
}

function formatName(format: DumpFormat, t: TextFn): string {
  if (format === 'c-array') return t('inspector.format.c-array');
  if (format === 'plain') return t('inspector.format.plain');
  return TOOL_NAMES[format];
}

function readingText(
  reading: Extract<InputReading, { ok: true }>,
  report: InspectorReport,
  t: TextFn,
  fileName: string | undefined,
): Child[] {
  const length = reading.bytes.length;
  const out: Child[] = [];
  if (reading.source === 'text') {
    out.push(
      reading.notADump === undefined
        ? t('inspector.read.text', { length })
        : t('inspector.read.fallback', { line: reading.notADump.line, length }),
    );
  } else if (reading.source === 'raw') {
    out.push(t('inspector.read.file', { name: fileName ?? '', length }));
  } else {
    const format = formatName(reading.source, t);
    out.push(
      fileName === undefined
        ? t('inspector.read.dump', { format, length })
        : t('inspector.read.file-dump', { name: fileName, format, length }),
    );
    if (reading.stream !== undefined) {
      out.push(
        ' ',
        t('inspector.read.capture', {
          source: reading.stream.source,
          destination: reading.stream.destination,
          segments: reading.stream.segments,
          other: reading.stream.otherFrames,
        }),
      );
    }
  }
  const shown = report.model.window.to - report.model.window.from;
  if (shown < length) out.push(' ', t('inspector.read.partial', { shown, length }));
  if (report.model.broken !== undefined) {
    out.push(' ', t('inspector.read.broken', { offset: report.model.broken.offset }));
  }
  return out;
}

function bytesBlock(shown: ShownBytes, t: TextFn): VNode[] {
  switch (shown.kind) {
    case 'empty':
      return [h('p', { class: 'inspector__muted' }, t('inspector.body.empty'))];
    case 'text':
      return [h('pre', { class: 'inspector__bytes' }, h('code', {}, shown.text))];
    case 'hex':
      return [
        h('p', { class: 'inspector__muted' }, t('inspector.body.hex')),
        h('pre', { class: 'inspector__bytes' }, h('code', {}, shown.hex)),
      ];
  }
}

function cellOf(shown: ShownBytes | undefined, t: TextFn): Child[] {
  if (shown === undefined)
    return [h('span', { class: 'inspector__muted' }, t('inspector.vars.broken'))];
  switch (shown.kind) {
    case 'empty':
      return [h('span', { class: 'inspector__muted' }, t('packet.value.empty'))];
    case 'text':
      return [h('code', {}, shown.text)];
    case 'hex':
      return [
        h('code', {}, shown.hex),
        ' ',
        h('span', { class: 'inspector__tag' }, t('inspector.vars.hex')),
      ];
  }
}

function section(title: string, ...children: Child[]): VNode {
  return h('section', { class: 'inspector__section' }, h('h2', {}, title), ...children);
}

function resultNodes(report: InspectorReport, t: TextFn): VNode[] {
  const nodes: VNode[] = [
    section(
      t(
        report.model.kind === 'http-response'
          ? 'inspector.result.response'
          : 'inspector.result.packet',
      ),
      packetViewNode(report.model, t),
    ),
  ];
  if (report.vars !== undefined) {
    const rows = report.vars.map((row) =>
      h(
        'tr',
        {},
        h('td', {}, String(row.n)),
        h('td', {}, String(row.offset)),
        h('td', {}, ...cellOf(row.key, t)),
        h('td', {}, ...cellOf(row.value, t)),
      ),
    );
    nodes.push(
      section(
        t('inspector.result.vars', { pairs: report.vars.length }),
        ...jsonTools(report, t),
        h(
          'table',
          { class: 'inspector__table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('inspector.vars.n')),
              h('th', { scope: 'col' }, t('inspector.vars.offset')),
              h('th', { scope: 'col' }, t('packet.field.key')),
              h('th', { scope: 'col' }, t('packet.field.value')),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
        ...jsonDetails(report, t),
      ),
    );
  } else if (report.json !== undefined) {
    nodes.push(
      section(t('inspector.result.json'), ...jsonTools(report, t), ...jsonDetails(report, t)),
    );
  }
  const titles = {
    body: 'inspector.result.body',
    payload: 'inspector.result.payload',
    trailing: 'inspector.result.trailing',
  } as const;
  for (const part of report.sections) {
    nodes.push(
      section(t(titles[part.field], { length: part.length }), ...bytesBlock(part.shown, t)),
    );
  }
  if (report.http !== undefined) {
    const { status, headers, body, bodyLength } = report.http;
    nodes.push(
      section(
        t('inspector.result.http'),
        h(
          'dl',
          { class: 'inspector__facts' },
          h(
            'div',
            {},
            h('dt', {}, t('inspector.http.status')),
            h(
              'dd',
              {},
              h('code', {}, `${status.version} ${status.status} ${status.reason}`.trim()),
            ),
          ),
        ),
        h(
          'table',
          { class: 'inspector__table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('inspector.http.name')),
              h('th', { scope: 'col' }, t('packet.field.value')),
            ),
          ),
          h(
            'tbody',
            {},
            ...headers.map((header) =>
              h(
                'tr',
                {},
                h('td', {}, h('code', {}, header.name)),
                h('td', {}, h('code', {}, header.value)),
              ),
            ),
          ),
        ),
        h('h3', {}, t('inspector.result.body', { length: bodyLength })),
        ...bytesBlock(body, t),
      ),
    );
  }
  return nodes;
}

function jsonTools(report: InspectorReport, t: TextFn): VNode[] {
  if (report.json === undefined)
    return [h('p', { class: 'inspector__muted' }, t('inspector.json.none'))];
  return [
    h(
      'p',
      { class: 'inspector__json' },
      h(
        'button',
        { type: 'button', class: 'button', 'data-copy-json': '' },
        t('inspector.json.copy'),
      ),
      ' ',
      h('span', { role: 'status', 'data-copy-status': '' }),
    ),
  ];
}

function jsonDetails(report: InspectorReport, t: TextFn): VNode[] {
  if (report.json === undefined) return [];
  return [
    h(
      'details',
      { class: 'inspector__details' },
      h('summary', {}, t('inspector.json.show')),
      h('pre', { class: 'inspector__bytes' }, h('code', {}, report.json)),
    ),
  ];
}

function bindCopy(result: HTMLElement, report: InspectorReport, t: TextFn): void {
  const button = result.querySelector<HTMLButtonElement>('[data-copy-json]');
  const note = result.querySelector<HTMLElement>('[data-copy-status]');
  const json = report.json;
  if (button === null || note === null || json === undefined) return;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(json).then(
      () => {
        note.textContent = t('inspector.json.copied');
      },
      () => {
        note.textContent = t('inspector.json.failed');
        const details = result.querySelector<HTMLDetailsElement>('.inspector__details');
        if (details !== null) details.open = true;
      },
    );
  });
}
