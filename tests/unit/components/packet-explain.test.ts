// What the details panel says: the numbers come from the bytes (datasize 6b 01 → 0x016b = 363),
// modifiers are named from the codec's table, text that is not UTF-8 is shown as hex and said so,
// and every explanation of every golden packet is complete in both languages.

import { describe, expect, it } from 'vitest';
import { explainField, latin1Repr } from '../../../src/components/packet/packet-explain.ts';
import { fieldLabelText, fieldValue } from '../../../src/components/packet/packet-field-text.ts';
import {
  packetViewModel,
  selectField,
  type PacketViewModel,
} from '../../../src/components/packet/packet-view-model.ts';
import { runs } from '../../../src/components/packet/packet-view-markup.ts';
import type { Paragraph, UiText } from '../../../src/components/packet/ui-text.ts';
import { encode } from '../../../src/protocol/encode.ts';
import { requestVectorNames, responseVectorNames, vectorBytes } from '../protocol/vector-files.ts';
import { textIn, unfilled } from './component-test-helpers.ts';

const en = textIn('en');
const ko = textIn('ko');

function said(paragraphs: readonly Paragraph[], t = en): string {
  return paragraphs
    .map((paragraph) =>
      runs(paragraph, t)
        .map((child) => (typeof child === 'string' ? child : String(child.children[0])))
        .join(''),
    )
    .join('\n');
}

function keyed(paragraphs: readonly Paragraph[]): Extract<UiText, { key: unknown }>[] {
  return paragraphs.flat().filter((run): run is Extract<UiText, { key: unknown }> => 'key' in run);
}

function fieldOf(model: PacketViewModel, kind: string, n = 0): number {
  const found = model.fields.filter((field) => field.kind === kind)[n];
  if (found === undefined) throw new Error(`no ${kind}`);
  return found.id;
}

describe('explainField', () => {
  const root = packetViewModel(vectorBytes('get-root'));

  it('reads datasize 6b 01 little-endian as 0x016b = 363, and says why little-endian', () => {
    const paragraphs = explainField(root, fieldOf(root, 'datasize'));
    expect(keyed(paragraphs)[0]?.vars).toEqual({
      hex: '6b 01',
      low: '6b',
      high: '01',
      be: '016b',
      lowValue: 107,
      highValue: 1,
      value: 363,
    });
    const text = said(paragraphs);
    expect(text).toContain('0x016b = 1 × 256 + 107 = 363');
    expect(text).toContain('Why little-endian');
    expect(text).toContain('the request body is not counted');
    expect(said(paragraphs, ko)).toContain('0x016b = 1 × 256 + 107 = 363');
  });

  it('names modifier1 0 from the codec’s table, and the ping reply’s modifier2 1 as pong', () => {
    const modifier1 = said(explainField(root, fieldOf(root, 'modifier1')));
    expect(modifier1).toContain('modifier1 = 0: WSGI');
    expect(modifier1).toContain('nginx');
    const pong = packetViewModel(Uint8Array.of(0x64, 0, 0, 1));
    expect(said(explainField(pong, fieldOf(pong, 'modifier1')))).toContain('Ping');
    expect(said(explainField(pong, fieldOf(pong, 'modifier2')))).toContain('“pong”');
    expect(fieldValue(pong, pong.fields[fieldOf(pong, 'modifier2')]!)).toEqual({
      literal: '1 · pong',
    });
    // a modifier the docs describe only in English is quoted in English, marked as such
    const rpc = packetViewModel(encode({ kind: 'payload', modifier1: 173, payload: 'x' }));
    const quoted = explainField(rpc, fieldOf(rpc, 'modifier1')).flat();
    expect(quoted).toContainEqual(expect.objectContaining({ lang: 'en' }));
    const unknown = packetViewModel(Uint8Array.of(250, 0, 0, 0));
    expect(said(explainField(unknown, fieldOf(unknown, 'modifier1')))).toContain(
      'not in the uWSGI docs',
    );
  });

  it('says a key length counts the bytes of the key that follows', () => {
    const text = said(explainField(root, fieldOf(root, 'key-length')));
    expect(text).toBe(
      'Key length: the two bytes 0c 00 read little-endian give 12, the number of bytes (not characters) in the key that follows.',
    );
    const long = packetViewModel(vectorBytes('long-nonascii-header'));
    const lengths = long.fields.filter(
      (field) => field.kind === 'value-length' && field.value > 255,
    );
    expect(lengths.length).toBeGreaterThan(0);
    expect(said(explainField(long, lengths[0]!.id))).toMatch(
      /both bytes are used: \d+ \+ \d+ × 256/,
    );
  });

  it('shows a value that is not UTF-8 as hex and says so; valid UTF-8 as text, with its latin-1 environ form', () => {
    const model = packetViewModel(encode({ vars: [['X', Uint8Array.of(0xff, 0xfe, 0x41)]] }));
    const value = fieldOf(model, 'value');
    expect(fieldValue(model, model.fields[value]!)).toEqual({
      key: 'packet.value.not-utf8',
      vars: { hex: 'ff fe 41' },
    });
    expect(said(explainField(model, value))).toContain('not valid UTF-8, so they are shown as hex');

    const korean = packetViewModel(vectorBytes('long-nonascii-header'));
    const name = selectField(korean.fields, 'var:HTTP_X_NAME')!;
    const koreanValue = korean.fields[name]!.children[3]!;
    expect(fieldValue(korean, korean.fields[koreanValue]!)).toEqual({ literal: '한글' });
    expect(said(explainField(korean, koreanValue))).toContain("'\\xed\\x95\\x9c\\xea\\xb8\\x80'");
    expect(latin1Repr(Uint8Array.of(0x27, 0x41, 0x0a))).toBe("'\\'A\\x0a'");
  });

  it('adds up a var and counts vars as uWSGI’s request log does', () => {
    expect(said(explainField(root, fieldOf(root, 'var', 1)))).toBe(
      'var 2: key length 2 bytes + key 14 bytes + value length 2 bytes + value 3 bytes = 21 bytes.',
    );
    expect(said(explainField(root, fieldOf(root, 'vars')))).toContain('{32 vars in 363 bytes}');
    const dup = packetViewModel(
      encode({
        vars: [
          ['HTTP_COOKIE', 'a=1'],
          ['HTTP_COOKIE', 'b=2'],
        ],
      }),
    );
    expect(said(explainField(dup, fieldOf(dup, 'var', 1)))).toContain('the last one wins');
  });

  it('says what broke, where, and what uWSGI logs, with the numbers read again from the bytes', () => {
    const cut = packetViewModel(vectorBytes('get-root').subarray(0, 100));
    const text = said(explainField(cut, fieldOf(cut, 'broken')));
    expect(text).toContain('datasize says 363 bytes follow the header, but only 96 do.');
    expect(text).toContain('Code datasize-mismatch, byte 4: datasize says 363 bytes but 96 follow');
    expect(text).toContain('uwsgi_proto_uwsgi_parser(): Success [proto/uwsgi.c line 40]');

    // a key length of 9 with 7 bytes left: key-overflow at the key length's offset
    const bytes = Uint8Array.of(0, 11, 0, 0, 1, 0, 0x41, 1, 0, 0x42, 9, 0, 0x43, 0x44, 0x45);
    const overflow = packetViewModel(bytes);
    expect(overflow.broken).toMatchObject({ code: 'key-overflow', offset: 10 });
    expect(said(explainField(overflow, fieldOf(overflow, 'broken')))).toContain(
      'The key length says 9 bytes, but only 3 are left in the vars block.',
    );
  });

  for (const name of [...requestVectorNames(), ...responseVectorNames()]) {
    it(`explains every field of ${name} in both languages, every placeholder filled`, () => {
      const model = packetViewModel(vectorBytes(name));
      for (const field of model.fields) {
        for (const t of [en, ko]) {
          const text = said(explainField(model, field.id), t);
          expect(text, `${name} ${field.kind}`).not.toBe('');
          expect(unfilled(text), `${name} ${field.kind}`).toEqual([]);
          const label = fieldLabelText(model, field, t);
          expect(unfilled(label)).toEqual([]);
        }
      }
    });
  }
});
