// "Change a setting, see the bytes change": each preset changes one thing — in nginx's site, in
// uWSGI's options, or in the request — on a machine the caller has cloned (never the reader's
// own), restarts what has to re-read it the way a reader would (nginx reloads on SIGHUP; uWSGI is
// stopped and started again with the changed options), and the journey is sent again through the
// real gateway. No DOM.

import type { Machine } from '../../shell/machine/machine.ts';
import { nginxDaemons } from '../../shell/programs/nginx-daemon.ts';
import { startUwsgiInstance, uwsgiInstances } from '../../shell/programs/uwsgi-instance.ts';
import { PAGE_REQUEST, type JourneyRequest } from './journey-request.ts';
import type { PresetId } from './preset-ids.ts';

/** Why a preset could not be applied to this machine (the setting it changes is not there). */
export type PresetProblem =
  | { readonly kind: 'no-nginx' }
  | { readonly kind: 'no-uwsgi' }
  | { readonly kind: 'not-found'; readonly file: string; readonly text: string };

export type PresetOutcome =
  | { readonly ok: true; readonly request: JourneyRequest; readonly file?: string }
  | { readonly ok: false; readonly problem: PresetProblem };

const NGINX_SITE = '/etc/nginx/sites-enabled/default';
/** Where the preset moves the socket to, in nginx's config only. */
export const OTHER_SOCKET = '/tmp/app.sock';
/** A browser's cookies, added up (analytics, consent, a session): over uWSGI's 4096 bytes. */
export const COOKIE_5K = `Cookie: session=${'x'.repeat(5000)}`;
/** One header line over nginx's 8k large_client_header_buffers: nginx answers 400 itself. */
export const COOKIE_9K = `Cookie: session=${'x'.repeat(9000)}`;
export const FORM_BODY = 'name=haruair&lang=ko';

/** Applies the preset to `clone` (already a copy) and returns the request to send. */
export function applyPreset(clone: Machine, id: PresetId): PresetOutcome {
  switch (id) {
    case 'no-uwsgi-params':
      return editNginx(
        clone,
        /^[ \t]*include[ \t]+uwsgi_params;[ \t]*\n/m,
        '',
        'include uwsgi_params;',
      );
    case 'socket-path':
      return editNginx(
        clone,
        /(uwsgi_pass[ \t]+unix:)[^;\s]+/,
        `$1${OTHER_SOCKET}`,
        'uwsgi_pass unix:',
      );
    case 'no-chmod-socket':
      return restartUwsgi(clone, {
        ini: (text) => text.replace(/^[ \t]*chmod-socket[ \t]*=.*\n?/m, ''),
        argv: (argv) => withoutOption(argv, 'chmod-socket'),
        what: 'chmod-socket',
      });
    case 'http-socket':
      return restartUwsgi(clone, {
        ini: (text) => text.replace(/^([ \t]*)socket([ \t]*=)/m, '$1http-socket$2'),
        argv: (argv) => argv.map((arg) => arg.replace(/^(--socket|-s)(?==|$)/, '--http-socket')),
        what: 'socket',
      });
    case 'cookie-5k':
      return request({ ...PAGE_REQUEST, headers: [COOKIE_5K] });
    case 'cookie-9k':
      return request({ ...PAGE_REQUEST, headers: [COOKIE_9K] });
    case 'korean-query':
      // as a browser sends it: the UTF-8 bytes of 한글, percent-encoded (get-query.http)
      return request({
        ...PAGE_REQUEST,
        url: `${PAGE_REQUEST.url}?name=${encodeURIComponent('한글')}`,
      });
    case 'post-body':
      return request({ method: 'POST', url: PAGE_REQUEST.url, headers: [], body: FORM_BODY });
    case 'post-chunked':
      return request({
        method: 'POST',
        url: PAGE_REQUEST.url,
        headers: [],
        body: FORM_BODY,
        chunked: true,
      });
  }
}

const request = (spec: JourneyRequest): PresetOutcome => ({ ok: true, request: spec });

function editNginx(
  machine: Machine,
  pattern: RegExp,
  replacement: string,
  text: string,
): PresetOutcome {
  const daemon = nginxDaemons(machine)[0];
  if (daemon === undefined) return { ok: false, problem: { kind: 'no-nginx' } };
  const file = machine.fs.exists(NGINX_SITE) ? machine.fs.realpath(NGINX_SITE) : NGINX_SITE;
  const before = machine.fs.exists(file) ? machine.fs.readText(file) : '';
  if (!pattern.test(before)) return { ok: false, problem: { kind: 'not-found', file, text } };
  machine.fs.writeText(file, before.replace(pattern, replacement));
  // `nginx -s reload`: the master re-reads its config (a config that fails keeps the old one)
  daemon.signal('SIGHUP');
  return { ok: true, request: PAGE_REQUEST, file };
}

interface UwsgiEdit {
  readonly ini: (text: string) => string;
  readonly argv: (argv: readonly string[]) => readonly string[];
  readonly what: string;
}

function restartUwsgi(machine: Machine, edit: UwsgiEdit): PresetOutcome {
  const instance = uwsgiInstances(machine).find((candidate) => candidate.running);
  if (instance === undefined) return { ok: false, problem: { kind: 'no-uwsgi' } };
  const launch = instance.launch;
  const iniArg = launch.argv.slice(1).find((arg) => arg.endsWith('.ini'));
  let argv = launch.argv;
  let file: string | undefined;
  if (iniArg !== undefined) {
    file = iniArg.startsWith('/') ? iniArg : `${launch.cwd}/${iniArg}`;
    const before = machine.fs.readText(file);
    const after = edit.ini(before);
    if (after === before)
      return { ok: false, problem: { kind: 'not-found', file, text: edit.what } };
    machine.fs.writeText(file, after);
  } else {
    argv = edit.argv(launch.argv);
    if (argv.join('\0') === launch.argv.join('\0'))
      return { ok: false, problem: { kind: 'not-found', file: 'uwsgi', text: `--${edit.what}` } };
  }
  // Ctrl-C, then the same command again with the change
  instance.process.signal('INT');
  startUwsgiInstance(machine, { ...launch, argv, pids: [] });
  return { ok: true, request: PAGE_REQUEST, ...(file === undefined ? {} : { file }) };
}

function withoutOption(argv: readonly string[], name: string): readonly string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) {
      i++;
      continue;
    }
    if (arg.startsWith(`--${name}=`)) continue;
    out.push(arg);
  }
  return out;
}
