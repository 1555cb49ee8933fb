// What a lab tells its views: a request's journey was recorded, the goal's status changed, the
// machine was saved (or storage refused it), or the lab was reset to a fresh machine and shell.

import type { JourneyEntry } from '../shell/machine/journey-log.ts';
import type { GoalStatus } from './goal-status.ts';

export type LabEvent =
  | { readonly kind: 'journey'; readonly entry: JourneyEntry }
  | { readonly kind: 'goal'; readonly status: GoalStatus }
  /** `saved` is false when storage refused (full, disabled): the page says it is not saved. */
  | { readonly kind: 'saved'; readonly saved: boolean }
  /** A fresh machine and shell replace the old ones: a terminal starts a new session on them. */
  | { readonly kind: 'reset' };

export type LabListener = (event: LabEvent) => void;
