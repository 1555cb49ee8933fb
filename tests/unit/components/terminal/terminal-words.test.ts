// The terminal's words and keys: the texts handed to the lazy code survive the data attribute
// (a missing or broken one reads as its key, never a crash); the bar's lines for each goal status
// and notice; the key row's bytes in the cursor mode the running program asked for.
import { describe, expect, it } from 'vitest';
import { t } from '../../../../src/i18n/index.ts';
import { goalText, noticeText } from '../../../../src/components/terminal/lab-status-text.ts';
import { isRowKey, keySequence } from '../../../../src/components/terminal/key-sequences.ts';
import {
  readTerminalTexts,
  terminalTexts,
  TERMINAL_TEXT_KEYS,
} from '../../../../src/components/terminal/terminal-texts.ts';

const en = terminalTexts((key) => t('en', key));
const ko = terminalTexts((key) => t('ko', key));

describe('texts handed to the terminal’s code', () => {
  it('come back from the attribute as they went in, in both languages', () => {
    expect(readTerminalTexts(JSON.stringify(en))).toEqual(en);
    expect(readTerminalTexts(JSON.stringify(ko))).toEqual(ko);
    expect(ko.exited).toBe('셸이 끝났습니다. 아무 키나 누르면 다시 로그인합니다.');
  });

  it('read as their keys when missing or broken', () => {
    for (const json of [undefined, '{', '[]', '{"exited":3}']) {
      const texts = readTerminalTexts(json);
      expect(texts.exited).toBe(TERMINAL_TEXT_KEYS.exited);
    }
  });
});

describe('the bar’s lines', () => {
  it('say the goal’s status, with the check’s own detail', () => {
    expect(goalText({ kind: 'none' }, en)).toBe('');
    expect(goalText({ kind: 'unchecked' }, en)).toBe('Not checked yet.');
    expect(goalText({ kind: 'checking' }, ko)).toBe('확인하는 중…');
    expect(goalText({ kind: 'met', detail: '200 OK: Hello World!' }, en)).toBe(
      'Met: 200 OK: Hello World!',
    );
    expect(goalText({ kind: 'not-met', detail: 'curl: (7) Failed to connect' }, ko)).toBe(
      '아직 아닙니다: curl: (7) Failed to connect',
    );
    expect(goalText({ kind: 'unavailable' }, en)).toBe('This version cannot check the goal yet.');
  });

  it('say why the machine is not the one the reader left', () => {
    const lab = { notice: undefined, programsStarted: true } as const;
    expect(noticeText(lab, en)).toBeUndefined();
    expect(noticeText({ ...lab, notice: 'saved-state-corrupt' }, en)).toBe(en.noticeCorrupt);
    expect(noticeText({ ...lab, notice: 'saved-state-outdated' }, ko)).toBe(ko.noticeOutdated);
    expect(noticeText({ ...lab, programsStarted: false }, en)).toBe(en.noticePrograms);
  });
});

describe('the key row', () => {
  it('sends what a keyboard’s keys send through xterm.js', () => {
    expect(keySequence('tab', false)).toBe('\t');
    expect(keySequence('ctrl-c', false)).toBe('\x03');
    expect(keySequence('esc', false)).toBe('\x1b');
    // nano's ^O (write out) and ^X (exit)
    expect(keySequence('ctrl-o', false)).toBe('\x0f');
    expect(keySequence('ctrl-x', false)).toBe('\x18');
    expect(keySequence('up', false)).toBe('\x1b[A');
    expect(keySequence('down', false)).toBe('\x1b[B');
  });

  it('sends application-mode arrows when a full-screen program asked for them', () => {
    expect(keySequence('up', true)).toBe('\x1bOA');
    expect(keySequence('down', true)).toBe('\x1bOB');
  });

  it('knows its keys', () => {
    expect(['tab', 'ctrl-c', 'up', 'down', 'esc', 'ctrl-o', 'ctrl-x'].every(isRowKey)).toBe(true);
    expect(isRowKey('enter')).toBe(false);
    expect(isRowKey(undefined)).toBe(false);
  });
});
