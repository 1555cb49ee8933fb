import { describe, expect, it } from 'vitest';
import {
  loadProgress,
  markFinished,
  markOpened,
  parseProgress,
  saveProgress,
  serializeProgress,
} from '../../../src/components/progress-store.ts';

describe('reading progress', () => {
  it('round-trips', () => {
    const progress = markFinished(markOpened({}, 'wsgi'), 'overview');
    expect(parseProgress(serializeProgress(progress))).toEqual({
      wsgi: 'opened',
      overview: 'finished',
    });
  });

  it('never downgrades a finished lesson when it is opened again', () => {
    expect(markOpened({ wsgi: 'finished' }, 'wsgi')).toEqual({ wsgi: 'finished' });
  });

  it.each([
    ['not JSON', '{"v":1,"lessons":[oops'],
    ['another version', '{"v":0,"lessons":{"wsgi":"opened"}}'],
    ['not an object', '"wsgi"'],
    ['null', 'null'],
    ['lessons as a list', '{"v":1,"lessons":["wsgi"]}'],
  ])('reads %s as no progress', (_name, raw) => {
    expect(parseProgress(raw)).toEqual({});
  });

  it('keeps the valid entries of a partly corrupt record', () => {
    expect(
      parseProgress('{"v":1,"lessons":{"wsgi":"finished","../x":"opened","overview":42}}'),
    ).toEqual({
      wsgi: 'finished',
    });
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadProgress(broken)).toEqual({});
    expect(() => saveProgress(broken, { wsgi: 'opened' })).not.toThrow();
  });
});
