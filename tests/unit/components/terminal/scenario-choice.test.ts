// The scenario choice's data: what the page hands over is read back (a broken attribute gives no
// choices, never a crash), and the reader's last choice is kept per set of choices — only while
// it is still on offer, and never at the cost of an exception when storage refuses.
import { describe, expect, it } from 'vitest';
import {
  choiceKey,
  readChoices,
  storeChoice,
  storedChoice,
  type ScenarioChoice,
} from '../../../../src/components/terminal/scenario-choice.ts';

const CHOICES: ScenarioChoice[] = [
  { name: 'broken-502-socket', title: '502: socket', goal: 'Goal', prompt: 'root@helloworld:~# ' },
  { name: 'broken-no-app', title: 'No app', goal: '', prompt: 'root@helloworld:~# ' },
];

function memory(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('reading the choices', () => {
  it('gives back what the page wrote, and nothing for what it did not', () => {
    expect(readChoices(JSON.stringify(CHOICES))).toEqual(CHOICES);
    expect(readChoices(undefined)).toEqual([]);
    expect(readChoices('{not json')).toEqual([]);
    expect(readChoices('{"name":"x"}')).toEqual([]);
    expect(readChoices(JSON.stringify([CHOICES[0], { name: 'half' }, 3]))).toEqual([CHOICES[0]]);
  });
});

describe('the reader’s choice', () => {
  it('is kept per set of choices, and only while it is on offer', () => {
    const storage = memory();
    expect(storedChoice(storage, CHOICES)).toBeUndefined();
    storeChoice(storage, CHOICES, 'broken-no-app');
    expect(storedChoice(storage, CHOICES)).toEqual(CHOICES[1]);
    expect(storage.getItem(choiceKey(CHOICES))).toBe('broken-no-app');
    expect(storedChoice(storage, [CHOICES[0]!])).toBeUndefined();
    storage.setItem(choiceKey(CHOICES), 'gone');
    expect(storedChoice(storage, CHOICES)).toBeUndefined();
  });

  it('is simply not kept when storage refuses', () => {
    const refusing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => storeChoice(refusing, CHOICES, 'broken-no-app')).not.toThrow();
    expect(storedChoice(refusing, CHOICES)).toBeUndefined();
    expect(storedChoice(undefined, CHOICES)).toBeUndefined();
  });
});
