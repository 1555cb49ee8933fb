// One "what if": the page's request and the changed one, each sent on its own copy of the page's
// machine (the same starting state, so only the preset differs), as view models and the diff the
// stepper marks. Where the copies come from is the caller's: the page lab's clone() in the
// browser, a fresh scenario machine in the build and the tests. Never the reader's machine.

import type { Machine } from '../../shell/machine/machine.ts';
import '../../shell/programs/program-layer.ts';
import { scenario, startScenarioPrograms } from '../../shell/scenarios/index.ts';
import { literal, text, type Paragraph } from '../packet/ui-text.ts';
import { compareJourneys, type JourneyDiff } from './journey-diff.ts';
import { applyPreset, type PresetProblem } from './journey-presets.ts';
import type { PresetId } from './preset-ids.ts';
import { curlLine, PAGE_REQUEST, runJourney, type JourneyRequest } from './journey-request.ts';
import { journeyViewModel, type JourneyViewModel } from './journey-view-model.ts';

/** A new copy of the page's machine on every call. */
export type MachineCopies = () => Machine;

export type WhatIf =
  | {
      readonly ok: true;
      readonly before: JourneyViewModel;
      readonly after: JourneyViewModel;
      readonly diff: JourneyDiff;
      readonly heading: Paragraph;
    }
  | { readonly ok: false; readonly problem: PresetProblem };

/** Fresh machines of a scenario with its programs running (seed 1, as the lab starts). */
export function scenarioCopies(name: string): MachineCopies {
  const found = scenario(name);
  if (found === undefined) throw new RangeError(`no scenario named ${name}`);
  return () => {
    const machine = found.build(1);
    startScenarioPrograms(machine, found);
    return machine;
  };
}

/** The page's request on a copy, as the stepper shows it first. */
export function pageJourney(copies: MachineCopies): {
  model: JourneyViewModel;
  heading: Paragraph;
} {
  return {
    model: journeyViewModel(runJourney(copies(), PAGE_REQUEST)),
    heading: heading(PAGE_REQUEST),
  };
}

export function heading(request: JourneyRequest): Paragraph {
  return [text('journey.heading'), literal(curlLine(request), true)];
}

/**
 * The page's request and the preset's, each on its own copy. `before` is the page's journey when
 * the caller already has it from the same copies (a fresh scenario's copies never change).
 */
export function whatIf(copies: MachineCopies, id: PresetId, before?: JourneyViewModel): WhatIf {
  before ??= journeyViewModel(runJourney(copies(), PAGE_REQUEST));
  const machine = copies();
  const applied = applyPreset(machine, id);
  if (!applied.ok) return { ok: false, problem: applied.problem };
  const after = journeyViewModel(runJourney(machine, applied.request));
  return {
    ok: true,
    before,
    after,
    diff: compareJourneys(before, after),
    heading: heading(applied.request),
  };
}
