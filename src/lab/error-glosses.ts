// Glosses for the error lines the course's programs print: nginx's error log and `nginx -t`,
// uWSGI's log, pip, bash, curl and the error pages nginx answers with. Each line the course meets
// is recognised by its fixed words (the real programs' texts: ../shared/reference/real-output.md
// and real-output-shell.md) and mapped to a one-sentence gloss in the reader's language, so the
// terminal and the journey stepper can show what the line means beside it.
//
// No DOM and no dictionary here: the texts are picked at build time in the page's language
// (`errorGlossTexts`) and handed to the island, which reads them back (`readErrorGlossTexts`) and
// asks for a line's gloss (`glossLine`), an output's glosses (`glossLines`), or a stream's
// (`ErrorGlossReader`).
import type { UiKey } from '../i18n/index.ts';

/** What the gloss of a line may quote from it: the socket, the command, the module… */
export type GlossVars = Readonly<Record<string, string>>;

interface GlossRule {
  readonly id: string;
  readonly pattern: RegExp;
  /** Names for the pattern's capture groups, in order: they fill `{name}` in the text. */
  readonly vars?: readonly string[];
}

// Most specific first: a line gets the first rule that matches.
const RULES = [
  // nginx → uWSGI over the socket (real-output.md §4: error.log lines of a 502)
  {
    id: 'nginx-socket-missing',
    pattern: /connect\(\) to (unix:\S+) failed \(2: No such file or directory\)/,
    vars: ['socket'],
  },
  {
    id: 'nginx-socket-permission',
    pattern: /connect\(\) to (unix:\S+) failed \(13: Permission denied\)/,
    vars: ['socket'],
  },
  {
    id: 'nginx-socket-refused',
    pattern: /connect\(\) to (\S+) failed \(111: Connection refused\)/,
    vars: ['socket'],
  },
  { id: 'nginx-upstream-closed', pattern: /upstream prematurely closed connection/ },
  { id: 'nginx-upstream-reset', pattern: /recv\(\) failed \(104: Connection reset by peer\)/ },
  { id: 'nginx-upstream-timeout', pattern: /upstream timed out \(110: Connection timed out\)/ },
  { id: 'nginx-request-too-big', pattern: /uwsgi request is too big: (\d+)/, vars: ['size'] },
  {
    id: 'nginx-file-permission',
    pattern: /open\(\) "([^"]+)" failed \(13: Permission denied\)/,
    vars: ['path'],
  },
  // nginx -t and nginx's start (real-output.md §3)
  {
    id: 'nginx-unknown-directive',
    pattern: /\[emerg\] .*unknown directive "([^"]+)"/,
    vars: ['directive'],
  },
  {
    id: 'nginx-invalid-arguments',
    pattern: /\[emerg\] .*invalid number of arguments in "([^"]+)" directive/,
    vars: ['directive'],
  },
  { id: 'nginx-unexpected', pattern: /\[emerg\] .*unexpected (?:"[^"]+"|end of file)/ },
  {
    id: 'nginx-invalid-upstream',
    pattern: /\[emerg\] .*invalid host in upstream "([^"]+)"/,
    vars: ['host'],
  },
  {
    id: 'nginx-include-missing',
    pattern: /\[emerg\] .*open\(\) "([^"]+)" failed \(2: No such file or directory\)/,
    vars: ['path'],
  },
  {
    id: 'nginx-address-in-use',
    pattern: /\[emerg\] .*bind\(\) to (\S+) failed \(98: Address already in use\)/,
    vars: ['address'],
  },
  { id: 'nginx-test-failed', pattern: /^nginx: configuration file \S+ test failed$/ },
  // uWSGI (real-output.md §4–§6, real-output-shell.md §2 and §4)
  {
    id: 'uwsgi-block-size',
    pattern: /^invalid request block size: (\d+) \(max (\d+)\)\.\.\.skip/,
    vars: ['size', 'max'],
  },
  { id: 'uwsgi-no-app', pattern: /^--- no python application found/ },
  {
    id: 'uwsgi-callable-missing',
    pattern: /^unable to find "([^"]+)" callable in file (\S+)/,
    vars: ['callable', 'file'],
  },
  { id: 'uwsgi-app-not-loaded', pattern: /^unable to load app \d+ / },
  {
    id: 'uwsgi-full-dynamic',
    pattern: /^\*\*\* no app loaded\. going in full dynamic mode \*\*\*/,
  },
  {
    id: 'uwsgi-module-not-found',
    pattern: /^ModuleNotFoundError: No module named '([^']+)'/,
    vars: ['module'],
  },
  {
    id: 'uwsgi-unavailable-modifier',
    pattern: /^-- unavailable modifier requested: (\d+) --/,
    vars: ['modifier'],
  },
  { id: 'uwsgi-no-request-plugin', pattern: /^no request plugin is loaded/ },
  {
    id: 'uwsgi-unrecognized-option',
    pattern: /^uwsgi: unrecognized option '([^']+)'/,
    vars: ['option'],
  },
  { id: 'uwsgi-plugin-missing', pattern: /^!!! UNABLE to load uWSGI plugin: / },
  { id: 'uwsgi-no-routing', pattern: /^!!! no internal routing support/ },
  { id: 'uwsgi-chmod-value', pattern: /^invalid chmod value: / },
  { id: 'uwsgi-address-in-use', pattern: /^bind\(\): Address already in use/ },
  // pip, bash, curl (real-output-shell.md §1)
  { id: 'pip-externally-managed', pattern: /^error: externally-managed-environment/ },
  {
    id: 'bash-command-not-found',
    pattern: /^(?:-?bash|sudo): (?:line \d+: )?(\S+): command not found$/,
    vars: ['command'],
  },
  { id: 'curl-connect-failed', pattern: /^curl: \(7\) Failed to connect to / },
  { id: 'curl-empty-reply', pattern: /^curl: \(52\) Empty reply from server/ },
  // The error pages nginx answers with: the status line (curl -i) or the page's title.
  { id: 'http-502', pattern: /^(?:HTTP\/1\.[01] 502 |<head><title>502 Bad Gateway<)/ },
  { id: 'http-504', pattern: /^(?:HTTP\/1\.[01] 504 |<head><title>504 Gateway Time-out<)/ },
  {
    id: 'http-400-header-too-large',
    pattern: /^<head><title>400 Request Header Or Cookie Too Large</,
  },
  {
    id: 'http-500',
    pattern: /^(?:HTTP\/1\.[01] 500 |<(?:head><)?title>500 Internal Server Error<)/,
  },
] as const satisfies readonly GlossRule[];

export type ErrorGlossId = (typeof RULES)[number]['id'];

/** Each gloss's UI string; texts may use the rule's `{vars}`. */
export const ERROR_GLOSS_KEYS = {
  'nginx-socket-missing': 'gloss.nginx-socket-missing',
  'nginx-socket-permission': 'gloss.nginx-socket-permission',
  'nginx-socket-refused': 'gloss.nginx-socket-refused',
  'nginx-upstream-closed': 'gloss.nginx-upstream-closed',
  'nginx-upstream-reset': 'gloss.nginx-upstream-reset',
  'nginx-upstream-timeout': 'gloss.nginx-upstream-timeout',
  'nginx-request-too-big': 'gloss.nginx-request-too-big',
  'nginx-file-permission': 'gloss.nginx-file-permission',
  'nginx-unknown-directive': 'gloss.nginx-unknown-directive',
  'nginx-invalid-arguments': 'gloss.nginx-invalid-arguments',
  'nginx-unexpected': 'gloss.nginx-unexpected',
  'nginx-invalid-upstream': 'gloss.nginx-invalid-upstream',
  'nginx-include-missing': 'gloss.nginx-include-missing',
  'nginx-address-in-use': 'gloss.nginx-address-in-use',
  'nginx-test-failed': 'gloss.nginx-test-failed',
  'uwsgi-block-size': 'gloss.uwsgi-block-size',
  'uwsgi-no-app': 'gloss.uwsgi-no-app',
  'uwsgi-callable-missing': 'gloss.uwsgi-callable-missing',
  'uwsgi-app-not-loaded': 'gloss.uwsgi-app-not-loaded',
  'uwsgi-full-dynamic': 'gloss.uwsgi-full-dynamic',
  'uwsgi-module-not-found': 'gloss.uwsgi-module-not-found',
  'uwsgi-unavailable-modifier': 'gloss.uwsgi-unavailable-modifier',
  'uwsgi-no-request-plugin': 'gloss.uwsgi-no-request-plugin',
  'uwsgi-unrecognized-option': 'gloss.uwsgi-unrecognized-option',
  'uwsgi-plugin-missing': 'gloss.uwsgi-plugin-missing',
  'uwsgi-no-routing': 'gloss.uwsgi-no-routing',
  'uwsgi-chmod-value': 'gloss.uwsgi-chmod-value',
  'uwsgi-address-in-use': 'gloss.uwsgi-address-in-use',
  'pip-externally-managed': 'gloss.pip-externally-managed',
  'bash-command-not-found': 'gloss.bash-command-not-found',
  'curl-connect-failed': 'gloss.curl-connect-failed',
  'curl-empty-reply': 'gloss.curl-empty-reply',
  'http-502': 'gloss.http-502',
  'http-504': 'gloss.http-504',
  'http-400-header-too-large': 'gloss.http-400-header-too-large',
  'http-500': 'gloss.http-500',
} as const satisfies Readonly<Record<ErrorGlossId, UiKey>>;

export const ERROR_GLOSS_IDS = RULES.map((rule) => rule.id) as readonly ErrorGlossId[];

export interface ErrorLineMatch {
  readonly id: ErrorGlossId;
  readonly vars: GlossVars;
}

// CSI sequences (colours, cursor moves) and a carriage return at the end: pip colours its error,
// and terminal lines may end in \r.
// eslint-disable-next-line no-control-regex
const TERMINAL_CODES = /\x1b\[[0-9;?]*[A-Za-z]|\r$/g;

/** Which error a line is, if the course knows it; the line may carry colours. */
export function matchErrorLine(line: string): ErrorLineMatch | undefined {
  const plain = line.replace(TERMINAL_CODES, '');
  for (const rule of RULES as readonly GlossRule[]) {
    const match = rule.pattern.exec(plain);
    if (match === null) continue;
    const vars: Record<string, string> = {};
    (rule.vars ?? []).forEach((name, index) => {
      vars[name] = match[index + 1] ?? '';
    });
    return { id: rule.id as ErrorGlossId, vars };
  }
  return undefined;
}

/** The glosses in one language, by id. */
export type ErrorGlossTexts = Readonly<Record<ErrorGlossId, string>>;

/** Build time: the texts in the page's language (`t` is bound to it). */
export function errorGlossTexts(t: (key: UiKey) => string): ErrorGlossTexts {
  const texts = {} as Record<ErrorGlossId, string>;
  for (const id of ERROR_GLOSS_IDS) texts[id] = t(ERROR_GLOSS_KEYS[id]);
  return texts;
}

/** In the browser: the texts back from their JSON; a missing or broken one gives none. */
export function readErrorGlossTexts(json: string | undefined): Partial<ErrorGlossTexts> {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '{}');
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const given = value as Record<string, unknown>;
  const texts: Partial<Record<ErrorGlossId, string>> = {};
  for (const id of ERROR_GLOSS_IDS) {
    const text = given[id];
    if (typeof text === 'string') texts[id] = text;
  }
  return texts;
}

function fill(text: string, vars: GlossVars): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The gloss for one line, in the texts' language, or undefined for a line the course does not gloss. */
export function glossLine(line: string, texts: Partial<ErrorGlossTexts>): string | undefined {
  const match = matchErrorLine(line);
  if (match === undefined) return undefined;
  const text = texts[match.id];
  return text === undefined ? undefined : fill(text, match.vars);
}

export interface LineGloss {
  /** The index of the line the gloss belongs beside. */
  readonly line: number;
  readonly id: ErrorGlossId;
  readonly text: string;
}

/**
 * The glosses for a block of output (one command's, one journey hop's): each different gloss once,
 * beside the first line it explains — a 502's status line and its page title, or uWSGI's three
 * identical `invalid request block size` lines, get one gloss.
 */
export function glossLines(lines: readonly string[], texts: Partial<ErrorGlossTexts>): LineGloss[] {
  const seen = new Set<string>();
  const glosses: LineGloss[] = [];
  lines.forEach((line, index) => {
    const match = matchErrorLine(line);
    if (match === undefined) return;
    const template = texts[match.id];
    if (template === undefined) return;
    const text = fill(template, match.vars);
    if (seen.has(text)) return;
    seen.add(text);
    glosses.push({ line: index, id: match.id, text });
  });
  return glosses;
}

/**
 * Glosses for a terminal's output as it streams: chunks may end mid-line, lines end in `\n` or
 * `\r\n` and carry colours. `feed` returns the glosses of the lines a chunk completes, each
 * different gloss once until `reset` (call it when a new command starts).
 */
export class ErrorGlossReader {
  #texts: Partial<ErrorGlossTexts>;
  #partial = '';
  readonly #seen = new Set<string>();

  constructor(texts: Partial<ErrorGlossTexts>) {
    this.#texts = texts;
  }

  /** The texts arrived (the island fetches them while the machine starts). */
  useTexts(texts: Partial<ErrorGlossTexts>): void {
    this.#texts = texts;
  }

  feed(chunk: string): string[] {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    const glosses: string[] = [];
    for (const line of lines) {
      const text = glossLine(line, this.#texts);
      if (text === undefined || this.#seen.has(text)) continue;
      this.#seen.add(text);
      glosses.push(text);
    }
    return glosses;
  }

  reset(): void {
    this.#partial = '';
    this.#seen.clear();
  }
}
