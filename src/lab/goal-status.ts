// Where a lab stands with its scenario's goal, as the terminal's status line shows it. The detail
// is the check's own one line (the status and body curl got, or where the request stopped).

export type GoalStatus =
  /** The scenario names no goal. */
  | { readonly kind: 'none' }
  /** Nothing can check it in this build (no goal check registered by the program layer). */
  | { readonly kind: 'unavailable' }
  /** Not checked since the lab opened or was reset. */
  | { readonly kind: 'unchecked' }
  /** The check's request is on its way. */
  | { readonly kind: 'checking' }
  | { readonly kind: 'met'; readonly detail: string }
  | { readonly kind: 'not-met'; readonly detail: string };
