import { describe, expect, it } from 'vitest';
import {
  LAB_SCHEMA_VERSION,
  forgetLab,
  labStorageKey,
  loadLab,
  storeLab,
  type LabStorageArea,
  type SavedLab,
} from '../../../src/lab/lab-storage.ts';

function memoryArea(): LabStorageArea & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const saved = (scenario = 'original'): SavedLab => ({
  schema: LAB_SCHEMA_VERSION,
  scenario,
  savedAt: 1,
  machine: { format: 'uwsgi-lab/machine' },
  shell: { pid: 2 },
});

describe('lab storage', () => {
  it('round-trips a saved lab per scenario', () => {
    const area = memoryArea();
    expect(storeLab(area, saved())).toBe(true);
    expect(loadLab(area, 'original')).toEqual({ kind: 'saved', saved: saved() });
    expect(loadLab(area, 'nginx-ready')).toEqual({ kind: 'none' });
  });

  it.each([
    ['not JSON', '{"schema":1,'],
    ['a list', '[1,2]'],
    ['no schema', '{"scenario":"original"}'],
    ['another scenario', JSON.stringify(saved('nginx-ready'))],
    ['no machine', JSON.stringify({ ...saved(), machine: null })],
  ])('sets aside a corrupt entry (%s) and reports it', (_name, raw) => {
    const area = memoryArea();
    area.setItem(labStorageKey('original'), raw);
    expect(loadLab(area, 'original')).toEqual({ kind: 'unusable', reason: 'corrupt' });
    expect(area.items.has(labStorageKey('original'))).toBe(false);
    expect(area.items.get(`${labStorageKey('original')}.broken`)).toBe(raw);
  });

  it('reports an entry from another schema as outdated', () => {
    const area = memoryArea();
    area.setItem(labStorageKey('original'), JSON.stringify({ ...saved(), schema: 0 }));
    expect(loadLab(area, 'original')).toEqual({ kind: 'unusable', reason: 'outdated' });
  });

  it('survives storage that throws', () => {
    const broken: LabStorageArea = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadLab(broken, 'original')).toEqual({ kind: 'none' });
    expect(storeLab(broken, saved())).toBe(false);
    expect(() => forgetLab(broken, 'original')).not.toThrow();
    expect(storeLab(undefined, saved())).toBe(false);
  });
});
