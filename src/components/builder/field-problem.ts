// A problem with what the reader typed, to be shown next to the field that caused it: a sentence
// in the reader's language (an i18n key and its values) and, when one of the models refused the
// generated file, that program's own message, quoted as it prints it.

import type { UiKey } from '../../i18n/index.ts';
import type { TextVars } from '../packet/ui-text.ts';
import type { FieldName } from './builder-inputs.ts';

/** The program whose model spoke: `nginx -t`, or uWSGI reading the ini. */
export type ModelProgram = 'nginx' | 'uwsgi';

export interface FieldProblem {
  /** The field, or `form` when no single field caused it. */
  readonly field: FieldName | 'form';
  readonly key: UiKey;
  readonly vars?: TextVars;
  /** The model's message, verbatim (`[emerg] invalid port in "99999" of the "listen" directive …`). */
  readonly quote?: { readonly program: ModelProgram; readonly text: string };
}

export function problem(field: FieldName | 'form', key: UiKey, vars?: TextVars): FieldProblem {
  return vars === undefined ? { field, key } : { field, key, vars };
}
