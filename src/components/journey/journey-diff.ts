// What a preset changed: the page's journey and the new one compared step by step (by kind, as
// each kind occurs once), so the stepper can mark the steps that differ and say how — vars and
// environ keys added, removed or changed, datasize and lengths, the status — and name the steps
// the request no longer reached. What differs between any two runs (the Date header, the client's
// ephemeral REMOTE_PORT) is not a change. Pure data, no DOM.

import { decode, PacketError, bytesFromHex, utf8Text } from '../../protocol/index.ts';
import type { UiKey } from '../../i18n/index.ts';
import type { Paragraph, UiText } from '../packet/ui-text.ts';
import { literal, text } from '../packet/ui-text.ts';
import {
  hexText,
  type JourneyStep,
  type JourneyViewModel,
  type StepKind,
} from './journey-view-model.ts';

export interface StepChange {
  readonly changed: boolean;
  /** New in this journey (the page's journey had no such step). */
  readonly added: boolean;
  readonly notes: readonly Paragraph[];
}

export interface JourneyDiff {
  /** By the new journey's step number. */
  readonly steps: ReadonlyMap<number, StepChange>;
  /** Steps the page's journey made that this one did not reach. */
  readonly missing: readonly StepKind[];
  readonly status: { readonly before: number; readonly after: number };
}

/** Lines that differ between any two runs of the same request. */
const VOLATILE: readonly RegExp[] = [
  /Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT/g,
  /REMOTE_PORT: '\d+'/g,
];

function masked(value: string): string {
  return VOLATILE.reduce((out, pattern) => out.replace(pattern, (m) => m.split(':')[0]!), value);
}

function signature(step: JourneyStep): string {
  const bytes =
    step.bytes === undefined
      ? ''
      : step.bytes.as === 'uwsgi'
        ? varsSignature(step.bytes.hex)
        : masked(hexText(step.bytes.hex));
  const facts = step.facts.map((fact) => masked(JSON.stringify([fact.label, fact.value, fact.ok])));
  return JSON.stringify([bytes, facts, (step.lines ?? []).map(masked), step.failure ?? null]);
}

type Vars = readonly (readonly [string, string])[];

function packetVars(hex: string): { datasize: number; vars: Vars } | undefined {
  try {
    const packet = decode(bytesFromHex(hex));
    if (packet.kind !== 'vars') return undefined;
    const show = (bytes: Uint8Array): string => utf8Text(bytes) ?? hexText(hexOfBytes(bytes));
    return {
      datasize: packet.datasize,
      vars: packet.vars.map(([key, value]) => [show(key), show(value)] as const),
    };
  } catch (error) {
    if (error instanceof PacketError) return undefined;
    throw error;
  }
}

function hexOfBytes(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function varsSignature(hex: string): string {
  const packet = packetVars(hex);
  if (packet === undefined) return hex;
  return JSON.stringify(packet.vars.filter(([key]) => key !== 'REMOTE_PORT'));
}

/** Compares the new journey with the page's. */
export function compareJourneys(before: JourneyViewModel, after: JourneyViewModel): JourneyDiff {
  const byKind = new Map(before.steps.map((step) => [step.kind, step]));
  const steps = new Map<number, StepChange>();
  for (const step of after.steps) {
    const old = byKind.get(step.kind);
    if (old === undefined) {
      steps.set(step.number, { changed: true, added: true, notes: [[text('journey.diff.added')]] });
      continue;
    }
    const changed = signature(old) !== signature(step);
    steps.set(step.number, { changed, added: false, notes: changed ? notesFor(old, step) : [] });
  }
  const reached = new Set(after.steps.map((step) => step.kind));
  return {
    steps,
    missing: before.steps.map((step) => step.kind).filter((kind) => !reached.has(kind)),
    status: { before: before.status, after: after.status },
  };
}

function notesFor(before: JourneyStep, after: JourneyStep): Paragraph[] {
  const notes: Paragraph[] = [];
  if (before.bytes?.as === 'uwsgi' && after.bytes?.as === 'uwsgi')
    notes.push(...varNotes(before.bytes.hex, after.bytes.hex));
  else if (before.bytes !== undefined && after.bytes !== undefined) {
    const from = before.bytes.hex.length / 2;
    const to = after.bytes.hex.length / 2;
    if (from !== to) notes.push([text('journey.diff.length', { before: from, after: to })]);
  }
  if (before.lines !== undefined && after.lines !== undefined)
    notes.push(...lineNotes(before.lines, after.lines));
  const oldFacts = new Map(before.facts.map((fact) => [fact.id, fact]));
  for (const fact of after.facts) {
    const old = oldFacts.get(fact.id);
    if (
      old === undefined ||
      masked(JSON.stringify(old.value)) === masked(JSON.stringify(fact.value))
    )
      continue;
    if (fact.id === 'length') continue;
    notes.push([text('journey.diff.fact'), fact.label]);
  }
  if (after.failure !== undefined && before.failure === undefined)
    notes.push([text('journey.diff.failed')]);
  return notes;
}

function keyed(vars: Vars): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of vars) if (!map.has(key)) map.set(key, value);
  return map;
}

function varNotes(beforeHex: string, afterHex: string): Paragraph[] {
  const before = packetVars(beforeHex);
  const after = packetVars(afterHex);
  if (before === undefined || after === undefined) return [];
  const notes: Paragraph[] = [];
  if (before.datasize !== after.datasize)
    notes.push([text('journey.diff.datasize', { before: before.datasize, after: after.datasize })]);
  notes.push(...keyNotes(keyed(before.vars), keyed(after.vars), 'var'));
  return notes;
}

function lineNotes(before: readonly string[], after: readonly string[]): Paragraph[] {
  const split = (lines: readonly string[]): Map<string, string> =>
    new Map(
      lines.map((line) => {
        const colon = line.indexOf(': ');
        return [colon < 0 ? line : line.slice(0, colon), colon < 0 ? '' : line.slice(colon + 2)];
      }),
    );
  return keyNotes(split(before), split(after), 'environ');
}

const KEY_NOTES: Readonly<
  Record<'var' | 'environ', Record<'added' | 'removed' | 'changed', UiKey>>
> = {
  var: {
    added: 'journey.diff.var-added',
    removed: 'journey.diff.var-removed',
    changed: 'journey.diff.var-changed',
  },
  environ: {
    added: 'journey.diff.environ-added',
    removed: 'journey.diff.environ-removed',
    changed: 'journey.diff.environ-changed',
  },
};

/** How many keys a note names before it says "and N more". */
const NAMED_KEYS = 6;

function keyNotes(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  what: 'var' | 'environ',
): Paragraph[] {
  const volatile = new Set(['REMOTE_PORT']);
  const added = [...after.keys()].filter((key) => !before.has(key));
  const removed = [...before.keys()].filter((key) => !after.has(key));
  const changed = [...after.keys()].filter(
    (key) => before.has(key) && !volatile.has(key) && before.get(key) !== after.get(key),
  );
  const notes: Paragraph[] = [];
  const keys = KEY_NOTES[what];
  if (added.length > 0) notes.push([text(keys.added), keyList(added)]);
  if (removed.length > 0) notes.push([text(keys.removed), keyList(removed)]);
  if (changed.length > 0) notes.push([text(keys.changed), keyList(changed)]);
  return notes;
}

function keyList(keys: readonly string[]): UiText {
  const shown = keys.slice(0, NAMED_KEYS).join(', ');
  const more = keys.length - NAMED_KEYS;
  return literal(more > 0 ? `${shown} (+${more})` : shown, true);
}
