// Reading progress (which lessons were opened and finished), kept in localStorage. Lessons are keyed
// by slug, so progress is shared by the Korean and English versions of a lesson. Whatever is in
// storage is distrusted: anything malformed reads as "no progress" and is overwritten on next save.

export type LessonProgress = 'opened' | 'finished';
export type Progress = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_STORAGE_KEY = 'uwsgi-lab:progress';
const VERSION = 1;

export function parseProgress(raw: string | null): Progress {
  if (raw === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== VERSION) {
    return {};
  }
  const lessons = (value as { lessons?: unknown }).lessons;
  if (typeof lessons !== 'object' || lessons === null) return {};
  const progress: Record<string, LessonProgress> = {};
  for (const [slug, state] of Object.entries(lessons)) {
    if (/^[a-z0-9-]+$/.test(slug) && (state === 'opened' || state === 'finished')) {
      progress[slug] = state;
    }
  }
  return progress;
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify({ v: VERSION, lessons: progress });
}

/** Opening never downgrades a finished lesson. */
export function markOpened(progress: Progress, slug: string): Progress {
  return progress[slug] ? progress : { ...progress, [slug]: 'opened' };
}

export function markFinished(progress: Progress, slug: string): Progress {
  return { ...progress, [slug]: 'finished' };
}

export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): Progress {
  try {
    return parseProgress(storage?.getItem(PROGRESS_STORAGE_KEY) ?? null);
  } catch {
    return {};
  }
}

export function saveProgress(
  storage: Pick<Storage, 'setItem'> | undefined,
  progress: Progress,
): void {
  try {
    storage?.setItem(PROGRESS_STORAGE_KEY, serializeProgress(progress));
  } catch {
    // Storage full or disabled: progress lasts for this page only.
  }
}
