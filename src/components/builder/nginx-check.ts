// The generated server block through the project's nginx model, as `nginx -t` reads it on Debian 12:
// as /etc/nginx/sites-enabled/default (the tutorial's way: the block replaces Debian's default
// site), and for a site of its own also next to Debian's default site (lesson 08's way). Every
// [emerg] and every [warn] is a problem, shown next to the field that made the line nginx names.

import { DEBIAN_NGINX_FILE_TEXT } from '../../gateway/nginx/debian-file-text.ts';
import { debianNginxMachine } from '../../gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../gateway/nginx/load-config.ts';
import type { ConfigLogLine } from '../../gateway/nginx/config-error.ts';
import { problem, type FieldProblem } from './field-problem.ts';
import { fieldOfLine, type GeneratedFile } from './generated-file.ts';
import type { ModelCheck } from './model-check.ts';

const SITES_ENABLED = '/etc/nginx/sites-enabled/';
const DEBIAN_DEFAULT_SITE = DEBIAN_NGINX_FILE_TEXT['/etc/nginx/sites-available/default'] ?? '';

/** ` in /etc/nginx/sites-enabled/default:2` at the end of a message: the file and line. */
function positionIn(text: string): { file: string; line: number } | undefined {
  const match = / in (\/\S+):(\d+)$/.exec(text);
  return match === null ? undefined : { file: match[1]!, line: Number(match[2]) };
}

// nginx names no file for a clash of server names: the name says which field it came from
const CONFLICTING_NAME = /^conflicting server name "/;

function toProblem(entry: ConfigLogLine, site: GeneratedFile, enabledAs: string): FieldProblem {
  const at = positionIn(entry.text);
  const field =
    at?.file === enabledAs
      ? fieldOfLine(site, at.line)
      : CONFLICTING_NAME.test(entry.text)
        ? 'serverName'
        : undefined;
  const key =
    field === undefined
      ? 'builder.model.nginx-file'
      : entry.level === 'warn'
        ? 'builder.model.nginx-warn'
        : 'builder.model.nginx';
  return {
    ...problem(field ?? 'form', key),
    quote: { program: 'nginx', text: `[${entry.level}] ${entry.text}` },
  };
}

function load(
  site: GeneratedFile,
  name: string,
  withDebianDefault: boolean,
): { problems: FieldProblem[]; ok: boolean } {
  const machine = debianNginxMachine(withDebianDefault ? DEBIAN_DEFAULT_SITE : site.text);
  const enabledAs = `${SITES_ENABLED}${name}`;
  if (withDebianDefault) machine.fs.writeFile(enabledAs, new TextEncoder().encode(site.text));
  const result = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  const entries: ConfigLogLine[] = [...result.log];
  if (!result.ok) entries.push({ level: result.error.level, text: result.error.text });
  return {
    problems: entries
      .filter(
        (entry) => entry.level !== 'notice' && entry.level !== 'info' && entry.level !== 'debug',
      )
      .map((entry) => toProblem(entry, site, enabledAs)),
    ok: result.ok,
  };
}

/**
 * Checks the block as Debian's sites-enabled/default and, when `ownSite` names it, also as
 * sites-enabled/NAME beside Debian's default site.
 */
export function checkNginxSite(site: GeneratedFile, ownSite?: string): ModelCheck {
  const alone = load(site, 'default', false);
  // beside Debian's site only what comes of the pair (a clash of names or default servers); the
  // block's own mistakes were said once already
  const beside =
    ownSite === undefined || !alone.ok || alone.problems.length > 0
      ? undefined
      : load(site, ownSite, true);
  const problems = [...alone.problems, ...(beside?.problems ?? [])];
  const ok = alone.ok && (beside?.ok ?? true) && problems.length === 0;
  return {
    problems,
    verdict: ok
      ? `nginx: configuration file ${DEBIAN_LAYOUT.confPath} test is successful`
      : undefined,
  };
}
