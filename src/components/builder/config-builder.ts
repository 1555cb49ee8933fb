// The config builder without a DOM: the reader's inputs in; uwsgi.ini, the nginx server block and
// (with systemd) the unit out, or the problems, each for the field that caused it. The builder's
// own checks come first, so that nothing typed can change a file's structure; then every file is
// written and read back by the project's models (nginx -t on Debian's layout, uWSGI's ini reader
// with Debian's build), so that a file the programs would refuse is never offered.

import { serviceName, type BuilderInputs, type FieldName } from './builder-inputs.ts';
import type { FieldProblem } from './field-problem.ts';
import type { GeneratedFile } from './generated-file.ts';
import { checkInputs } from './input-checks.ts';
import { checkNginxSite } from './nginx-check.ts';
import { nginxSite } from './nginx-site-text.ts';
import { systemdUnit } from './systemd-unit-text.ts';
import { checkUwsgiIni } from './uwsgi-check.ts';
import { uwsgiIni } from './uwsgi-ini-text.ts';

/** The fields each file is written from. */
const INI_FIELDS: readonly FieldName[] = [
  'appDir',
  'module',
  'wsgiFile',
  'callable',
  'venv',
  'socketPath',
  'tcpAddress',
  'processes',
  'threads',
];
const NGINX_FIELDS: readonly FieldName[] = [
  'appDir',
  'socketPath',
  'tcpAddress',
  'serverName',
  'port',
  'staticUrl',
  'staticDir',
];

export interface BuilderOutputs {
  readonly inputs: BuilderInputs;
  readonly ini: GeneratedFile;
  readonly nginx: GeneratedFile;
  /** With systemd only. */
  readonly unit: GeneratedFile | undefined;
  /** What the models said when they accepted the files. */
  readonly verdicts: { readonly nginx: string; readonly uwsgi: string };
}

export type BuilderResult =
  | { readonly ok: true; readonly outputs: BuilderOutputs }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The files for `inputs`, checked by the models; or why there are none. */
export function buildConfigs(inputs: BuilderInputs): BuilderResult {
  const found = checkInputs(inputs);
  // a file whose fields all passed is written and checked even when another one cannot be, so
  // that a bad module name does not hide nginx's word on the port
  const clear = (fields: readonly FieldName[]): boolean =>
    !found.some((item) => item.field !== 'form' && fields.includes(item.field));
  const ini = uwsgiIni(inputs);
  const nginx = nginxSite(inputs);
  const uwsgiCheck = clear(INI_FIELDS) ? checkUwsgiIni(ini, inputs) : undefined;
  const nginxCheck = clear(NGINX_FIELDS)
    ? checkNginxSite(nginx, inputs.systemd ? serviceName(inputs) : undefined)
    : undefined;
  const problems = [...found, ...(nginxCheck?.problems ?? []), ...(uwsgiCheck?.problems ?? [])];
  if (problems.length > 0 || nginxCheck?.verdict === undefined || uwsgiCheck?.verdict === undefined)
    return { ok: false, problems };
  return {
    ok: true,
    outputs: {
      inputs,
      ini,
      nginx,
      unit: inputs.systemd ? systemdUnit(inputs) : undefined,
      verdicts: { nginx: nginxCheck.verdict, uwsgi: uwsgiCheck.verdict },
    },
  };
}
