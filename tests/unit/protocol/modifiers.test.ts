// The modifier table: the uWSGI docs' list as data, and what decode makes of each layout.

import { describe, expect, it } from 'vitest';
import {
  carriesBody,
  MODIFIERS,
  modifier2Id,
  modifierInfo,
  payloadLayout,
} from '../../../src/protocol/modifiers.ts';

describe('the modifier table', () => {
  it('lists every modifier1 of the docs once, in order', () => {
    const numbers = MODIFIERS.map((info) => info.modifier1);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([
      0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 14, 15, 17, 18, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 33, 48,
      72, 73, 74, 95, 96, 97, 98, 99, 100, 101, 109, 110, 111, 123, 173, 200, 224, 255,
    ]);
    expect(new Set(MODIFIERS.map((info) => info.id)).size).toBe(MODIFIERS.length);
  });

  it('knows the request modifiers carry vars and a body', () => {
    for (const modifier1 of [0, 5, 6, 7, 8, 9, 14, 15, 30]) {
      expect([modifier1, payloadLayout(modifier1), carriesBody(modifier1)]).toEqual([
        modifier1,
        'vars',
        true,
      ]);
    }
    expect(modifierInfo(0)).toMatchObject({
      id: 'wsgi',
      name: 'WSGI',
      datasize: 'size of WSGI block vars (HTTP request body excluded)',
    });
    expect(modifierInfo(5)?.id).toBe('psgi');
    expect(modifierInfo(9)?.id).toBe('cgi');
    expect(modifierInfo(14)?.id).toBe('php');
  });

  it('reads ping as header-only, echo and unlisted modifiers as payload, the spooler as vars without body', () => {
    expect(payloadLayout(100)).toBe('none');
    expect(payloadLayout(101)).toBe('payload');
    expect(payloadLayout(250)).toBe('payload');
    expect(modifierInfo(250)).toBeUndefined();
    expect([payloadLayout(17), carriesBody(17)]).toEqual(['vars', false]);
  });

  it('names modifier2 values where the docs do', () => {
    expect(modifier2Id(100, 0)).toBe('ping');
    expect(modifier2Id(100, 1)).toBe('pong');
    expect(modifier2Id(10, 5)).toBe('harakiri');
    expect(modifier2Id(10, 16)).toBe('backlog-errors');
    expect(modifier2Id(95, 3)).toBe('disable');
    expect(modifier2Id(0, 0)).toBeUndefined();
  });
});
