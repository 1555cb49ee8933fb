// The lines the terminal's bar shows about the lab: the goal's status and why the machine is not
// the one the reader left (or why its programs are not running), in the page's language.
import type { GoalStatus } from '../../lab/goal-status.ts';
import type { Lab } from '../../lab/lab.ts';
import type { TerminalTexts } from './terminal-texts.ts';

const fill = (template: string, detail: string): string => template.replace('{detail}', detail);

export function goalText(status: GoalStatus, texts: TerminalTexts): string {
  switch (status.kind) {
    case 'none':
      return '';
    case 'unavailable':
      return texts.goalUnavailable;
    case 'unchecked':
      return texts.goalUnchecked;
    case 'checking':
      return texts.goalChecking;
    case 'met':
      return fill(texts.goalMet, status.detail);
    case 'not-met':
      return fill(texts.goalNotMet, status.detail);
  }
}

/** The one-line notice a lab opens with, if any. */
export function noticeText(
  lab: Pick<Lab, 'notice' | 'programsStarted'>,
  texts: TerminalTexts,
): string | undefined {
  if (lab.notice === 'saved-state-corrupt') return texts.noticeCorrupt;
  if (lab.notice === 'saved-state-outdated') return texts.noticeOutdated;
  if (!lab.programsStarted) return texts.noticePrograms;
  return undefined;
}
