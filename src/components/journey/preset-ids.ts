// The presets by id, and their names on the buttons (from the page's strings). Kept apart from
// journey-presets.ts, which needs the machine: the page and the stepper only need the names.
import type { UiKey } from '../../i18n/index.ts';

export const PRESET_IDS = [
  'no-uwsgi-params',
  'socket-path',
  'no-chmod-socket',
  'http-socket',
  'cookie-5k',
  'cookie-9k',
  'korean-query',
  'post-body',
  'post-chunked',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const PRESET_LABELS: Readonly<Record<PresetId, UiKey>> = {
  'no-uwsgi-params': 'journey.preset.no-uwsgi-params',
  'socket-path': 'journey.preset.socket-path',
  'no-chmod-socket': 'journey.preset.no-chmod-socket',
  'http-socket': 'journey.preset.http-socket',
  'cookie-5k': 'journey.preset.cookie-5k',
  'cookie-9k': 'journey.preset.cookie-9k',
  'korean-query': 'journey.preset.korean-query',
  'post-body': 'journey.preset.post-body',
  'post-chunked': 'journey.preset.post-chunked',
};
