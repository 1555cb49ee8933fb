// A journey trace (src/gateway/trace) as the stepper shows it: one step per stop of the request —
// the client's bytes, nginx's choice, the uwsgi packet, uWSGI reading it, the environ, the app's
// answer, uWSGI's HTTP bytes, nginx's answer to the client — each with the actor that holds the
// request, the facts that matter there (as UiText: the page picks the language), the bytes, the
// programs' log lines, and where the request stopped when it failed. Pure data, no DOM.

import type { Actor, Hop, Journey } from '../../gateway/trace/index.ts';
import type { NginxDecision, LocationRef, ServerRef } from '../../gateway/nginx/decisions.ts';
import type { UiKey } from '../../i18n/index.ts';
import { literal, text, type UiText } from '../packet/ui-text.ts';

export type StepKind =
  | 'client-request'
  | 'nginx-decision'
  | 'uwsgi-packet'
  | 'uwsgi-checks'
  | 'environ'
  | 'app-response'
  | 'uwsgi-response'
  | 'nginx-response';

/** How a step's bytes are shown: as text (a request, a body), a uwsgi packet, an HTTP response. */
export type BytesKind = 'text' | 'uwsgi' | 'http-response';

export interface StepFact {
  /** Stable within the step: the deep link's last part (`#journey-2-server`). */
  readonly id: string;
  readonly label: UiText;
  readonly value: UiText;
  /** Set for checks: passed or not (shown with a word and a symbol, never colour alone). */
  readonly ok?: boolean;
}

export interface StepLog {
  readonly source: 'nginx' | 'uwsgi' | 'app';
  readonly lines: readonly string[];
}

export interface JourneyStep {
  /** 1-based: `#journey-N`. */
  readonly number: number;
  readonly kind: StepKind;
  /** The actor holding the request at this step, and where it goes next. */
  readonly actor: Actor;
  readonly toward: Actor;
  readonly title: UiText;
  readonly facts: readonly StepFact[];
  readonly bytes?: { readonly hex: string; readonly as: BytesKind };
  /** Environ lines (`KEY: value`), a body shown as text. */
  readonly lines?: readonly string[];
  readonly logs: readonly StepLog[];
  /** Where the request stopped: the program's own words. */
  readonly failure?: { readonly code: string; readonly message: string };
}

export interface JourneyViewModel {
  readonly id: number;
  readonly steps: readonly JourneyStep[];
  /** The status the client got (0: no answer). */
  readonly status: number;
  /** The number of the step where it stopped, if it did. */
  readonly failedAt: number | undefined;
  /** Every log line the programs wrote for it (shown again at the failing step). */
  readonly logs: readonly StepLog[];
}

const TITLES: Readonly<Record<StepKind, UiKey>> = {
  'client-request': 'journey.step.client-request',
  'nginx-decision': 'journey.step.nginx-decision',
  'uwsgi-packet': 'journey.step.uwsgi-packet',
  'uwsgi-checks': 'journey.step.uwsgi-checks',
  environ: 'journey.step.environ',
  'app-response': 'journey.step.app-response',
  'uwsgi-response': 'journey.step.uwsgi-response',
  'nginx-response': 'journey.step.nginx-response',
};

const NEXT: Readonly<Record<Actor, Actor>> = {
  client: 'nginx',
  nginx: 'uwsgi',
  uwsgi: 'app',
  app: 'uwsgi',
};

type Draft = {
  kind: StepKind;
  actor: Actor;
  toward: Actor;
  facts: StepFact[];
  bytes?: { hex: string; as: BytesKind };
  lines?: readonly string[];
  logs: StepLog[];
  failure?: { code: string; message: string };
};

/** The steps of a journey, in the order the request made them. */
export function journeyViewModel(journey: Journey): JourneyViewModel {
  const drafts: Draft[] = [];
  const open = (kind: StepKind, actor: Actor, toward: Actor = NEXT[actor]): Draft => {
    const draft: Draft = { kind, actor, toward, facts: [], logs: [] };
    drafts.push(draft);
    return draft;
  };
  for (const hop of journey.hops) addHop(hop, drafts, open);
  const steps = drafts.map((draft, i): JourneyStep => {
    const step: JourneyStep = {
      number: i + 1,
      kind: draft.kind,
      actor: draft.actor,
      toward: draft.toward,
      title: text(TITLES[draft.kind]),
      facts: draft.facts,
      logs: draft.logs.filter((log) => log.lines.length > 0),
      ...(draft.bytes === undefined ? {} : { bytes: draft.bytes }),
      ...(draft.lines === undefined ? {} : { lines: draft.lines }),
      ...(draft.failure === undefined ? {} : { failure: draft.failure }),
    };
    return step;
  });
  const failed = steps.find((step) => step.failure !== undefined);
  return {
    id: journey.id,
    steps,
    status: clientStatus(journey),
    failedAt: failed?.number,
    logs: steps.flatMap((step) => step.logs),
  };
}

type Open = (kind: StepKind, actor: Actor, toward?: Actor) => Draft;

function addHop(hop: Hop, drafts: Draft[], open: Open): void {
  const last = drafts.at(-1);
  switch (hop.kind) {
    case 'client-request': {
      const step = open('client-request', 'client');
      step.bytes = { hex: hop.bytes.hex, as: 'text' };
      step.facts.push(
        fact('request', 'journey.fact.request-line', literal(`${hop.method} ${hop.target}`, true)),
        fact('length', 'journey.fact.length', text('journey.value.bytes', { n: hop.bytes.length })),
      );
      return;
    }
    case 'connect': {
      const step = last ?? open('client-request', 'client');
      step.facts.push(
        fact(
          'connect',
          'journey.fact.connect',
          hop.ok
            ? text('journey.value.connected', { target: hop.target })
            : text('journey.value.connect-failed', { target: hop.target, error: hop.error ?? '' }),
          hop.ok,
        ),
      );
      return;
    }
    case 'nginx-decision': {
      const step = open('nginx-decision', 'nginx');
      step.facts.push(...decisionFacts(hop));
      return;
    }
    case 'uwsgi-packet': {
      // nginx's connect() to the socket came first and is already in the decision step: the
      // packet is a step of its own, the one the bytes travel in
      const step = open('uwsgi-packet', 'nginx');
      step.bytes = { hex: hop.bytes.hex, as: 'uwsgi' };
      step.facts.push(
        fact('length', 'journey.fact.length', text('journey.value.bytes', { n: hop.bytes.length })),
        fact('datasize', 'journey.fact.datasize', literal(String(hop.datasize), true)),
        fact(
          'modifiers',
          'journey.fact.modifiers',
          literal(`${hop.modifier1} / ${hop.modifier2}`, true),
        ),
      );
      return;
    }
    case 'uwsgi-checks': {
      const step = open('uwsgi-checks', 'uwsgi');
      for (const check of hop.checks)
        step.facts.push({
          id: `check-${check.id}`,
          label: checkLabel(check.id),
          value: { literal: check.detail, code: true, lang: 'en' },
          ok: check.ok,
        });
      const failed = hop.checks.find((check) => !check.ok);
      if (failed !== undefined)
        step.failure = { code: `check-${failed.id}`, message: failed.detail };
      return;
    }
    case 'environ': {
      const step = open('environ', 'uwsgi', 'app');
      step.lines = hop.lines;
      step.facts.push(
        fact('keys', 'journey.fact.environ-keys', literal(String(hop.lines.length), true)),
      );
      return;
    }
    case 'app-response': {
      const step = open('app-response', 'app', 'uwsgi');
      step.facts.push(
        fact('app', 'journey.fact.app', { literal: hop.app, code: true, lang: 'en' }),
        fact('status', 'journey.fact.start-response', literal(hop.status, true)),
        ...hop.headers.map(([name, value], i) =>
          fact(`header-${i + 1}`, 'journey.fact.header', literal(`${name}: ${value}`, true)),
        ),
        fact('body', 'journey.fact.body', text('journey.value.bytes', { n: hop.body.length })),
      );
      step.bytes = { hex: hop.body.hex, as: 'text' };
      step.logs.push({ source: 'app', lines: hop.errors });
      return;
    }
    case 'uwsgi-response': {
      const step = open('uwsgi-response', 'uwsgi', 'nginx');
      if (hop.bytes.length > 0) step.bytes = { hex: hop.bytes.hex, as: 'http-response' };
      step.facts.push(
        fact('length', 'journey.fact.length', text('journey.value.bytes', { n: hop.bytes.length })),
        fact(
          'end',
          'journey.fact.end',
          text(hop.end === 'reset' ? 'journey.value.end-reset' : 'journey.value.end-close'),
          hop.end === 'close' && hop.bytes.length > 0,
        ),
      );
      step.logs.push({ source: 'uwsgi', lines: hop.log });
      return;
    }
    case 'nginx-response': {
      const step = open('nginx-response', 'nginx', 'client');
      step.bytes = { hex: hop.bytes.hex, as: 'http-response' };
      step.facts.push(
        fact('length', 'journey.fact.length', text('journey.value.bytes', { n: hop.bytes.length })),
        ...hop.changes.map((change, i) => ({
          id: `change-${i + 1}`,
          label: changeLabel(change.id),
          value: { literal: change.detail, code: true, lang: 'en' as const },
        })),
      );
      step.logs.push({ source: 'nginx', lines: hop.errorLog });
      return;
    }
    case 'failure': {
      const step = last ?? open('client-request', 'client');
      step.failure ??= { code: hop.code, message: hop.message };
      step.logs.push({ source: hop.actor === 'uwsgi' ? 'uwsgi' : 'nginx', lines: hop.log });
      return;
    }
  }
}

function fact(id: string, label: UiKey, value: UiText, ok?: boolean): StepFact {
  return ok === undefined
    ? { id, label: text(label), value }
    : { id, label: text(label), value, ok };
}

const CHECKS: Readonly<Record<string, UiKey>> = {
  header: 'journey.check.header',
  'buffer-size': 'journey.check.buffer-size',
  datasize: 'journey.check.datasize',
  modifier1: 'journey.check.modifier1',
  vars: 'journey.check.vars',
  http: 'journey.check.http',
  app: 'journey.check.app',
};

function checkLabel(id: string): UiText {
  const key = CHECKS[id];
  return key === undefined ? literal(id, true) : text(key);
}

const CHANGES: Readonly<Record<string, UiKey>> = {
  'own-response': 'journey.change.own-response',
  'status-line': 'journey.change.status-line',
  'header-added': 'journey.change.header-added',
  'header-changed': 'journey.change.header-changed',
  'header-removed': 'journey.change.header-removed',
  rechunked: 'journey.change.rechunked',
  'body-dropped': 'journey.change.body-dropped',
};

function changeLabel(id: string): UiText {
  const key = CHANGES[id];
  return key === undefined ? literal(id, true) : text(key);
}

const SERVER_BY: Readonly<Record<string, UiKey>> = {
  exact: 'journey.server-by.exact',
  'wildcard-head': 'journey.server-by.wildcard',
  'wildcard-tail': 'journey.server-by.wildcard',
  regex: 'journey.server-by.regex',
  default: 'journey.server-by.default',
  only: 'journey.server-by.only',
};

const FOUND: Readonly<Record<string, UiKey>> = {
  file: 'journey.found.file',
  directory: 'journey.found.directory',
  missing: 'journey.found.missing',
  forbidden: 'journey.found.forbidden',
};

function decisionsOf(hop: Extract<Hop, { kind: 'nginx-decision' }>): readonly NginxDecision[] {
  const decisions = hop.detail?.['decisions'];
  return Array.isArray(decisions) ? (decisions as NginxDecision[]) : [];
}

function serverText(server: ServerRef): string {
  return server.names[0] || `server #${server.index + 1}`;
}

function locationText(location: LocationRef): string {
  return location.modifier === '' || location.modifier === '@'
    ? location.name
    : `${location.modifier} ${location.name}`;
}

function at(ref: { file: string; line: number }): string {
  return `${ref.file}:${ref.line}`;
}

function decisionFacts(hop: Extract<Hop, { kind: 'nginx-decision' }>): StepFact[] {
  const facts: StepFact[] = [];
  for (const [i, decision] of decisionsOf(hop).entries()) {
    const id = (name: string): string => `${name}-${i + 1}`;
    switch (decision.kind) {
      case 'request-read':
        facts.push(
          fact(
            id('host'),
            'journey.fact.host',
            decision.host === undefined ? text('journey.value.none') : literal(decision.host, true),
          ),
        );
        break;
      case 'request-refused':
        facts.push(
          fact(id('refused'), 'journey.fact.refused', {
            literal: `${decision.status}: ${decision.reason}`,
            code: true,
            lang: 'en',
          }),
        );
        break;
      case 'server-selected': {
        const others = decision.candidates.filter((c) => c.index !== decision.server.index);
        facts.push(
          fact(
            id('server'),
            'journey.fact.server',
            text(SERVER_BY[decision.by] ?? 'journey.server-by.default', {
              server: serverText(decision.server),
              address: decision.address,
              host: decision.host,
            }),
          ),
        );
        if (others.length > 0)
          facts.push(
            fact(
              id('servers'),
              'journey.fact.other-servers',
              literal(others.map(serverText).join(', '), true),
            ),
          );
        break;
      }
      case 'location-search':
        facts.push(
          fact(
            id('location'),
            'journey.fact.location',
            decision.location === undefined
              ? text('journey.value.no-location', { uri: decision.uri })
              : text('journey.value.location', {
                  uri: decision.uri,
                  location: locationText(decision.location),
                  match: decision.result,
                  at: at(decision.location.at),
                }),
          ),
        );
        facts.push(
          fact(
            id('candidates'),
            'journey.fact.candidates',
            literal(candidateText(decision.tests), true),
          ),
        );
        break;
      case 'named-location':
        facts.push(fact(id('named'), 'journey.fact.named-location', literal(decision.name, true)));
        break;
      case 'try-files':
        for (const [j, check] of decision.checks.entries())
          facts.push({
            id: id(`try-${j + 1}`),
            label: text('journey.fact.try-files'),
            value: text(FOUND[check.found] ?? 'journey.found.missing', {
              candidate: check.candidate,
              path: check.path,
              wanted: check.wanted,
            }),
          });
        facts.push(
          fact(
            id('try-result'),
            'journey.fact.try-result',
            literal(tryResult(decision.result), true),
          ),
        );
        break;
      case 'uwsgi':
        facts.push(
          fact(
            id('uwsgi'),
            'journey.fact.uwsgi-pass',
            text('journey.value.uwsgi-pass', {
              address: decision.address,
              at: at(decision.at),
              params: decision.params.filter((p) => !p.skipped).length,
              headers: decision.headers.filter((h) => h.hiddenBy === undefined).length,
            }),
          ),
        );
        break;
      default:
        facts.push({
          id: id(decision.kind),
          label: literal(decision.kind, true),
          value: {
            literal: hop.reasons[i]?.detail ?? decision.kind,
            code: true,
            lang: 'en',
          },
        });
    }
  }
  return facts;
}

function candidateText(tests: NginxDecisionTests): string {
  const names: string[] = [];
  for (const test of tests) {
    if (test.kind === 'static')
      for (const location of test.locations)
        names.push(`${locationText(location)} (${test.outcome})`);
    else if (test.kind === 'regex')
      names.push(`${locationText(test.location)} (${test.matched ? 'match' : 'no match'})`);
  }
  return names.join(', ') || '—';
}

type NginxDecisionTests = Extract<NginxDecision, { kind: 'location-search' }>['tests'];

function tryResult(result: Extract<NginxDecision, { kind: 'try-files' }>['result']): string {
  switch (result.kind) {
    case 'file':
      return result.uri;
    case 'named':
      return result.name;
    case 'uri':
      return result.uri;
    case 'status':
      return `=${result.status}`;
  }
}

/** The status line's code of what the client got (0 when nothing came back). */
function clientStatus(journey: Journey): number {
  const answer = journey.hops.findLast((hop) => hop.kind === 'nginx-response');
  if (answer === undefined || answer.kind !== 'nginx-response') return 0;
  const head = hexText(answer.bytes.hex.slice(0, 64));
  return Number(/^HTTP\/\d\.\d (\d{3})/.exec(head)?.[1] ?? 0);
}

/** Latin-1 text of hex bytes (status lines are ASCII). */
export function hexText(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}
