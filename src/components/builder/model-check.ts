// What one of the project's models said about a generated file: the problems it raised, mapped to
// the fields that made the lines it blamed, and the verdict line the program prints when all is
// well (`nginx: configuration file /etc/nginx/nginx.conf test is successful`).

import type { FieldProblem } from './field-problem.ts';

export interface ModelCheck {
  readonly problems: readonly FieldProblem[];
  /** The program's last line when it accepted the file; undefined when it refused it. */
  readonly verdict: string | undefined;
}
